import type { types } from '@slack/bolt';
import type { ManagerNotification, ManagerRecommendation } from '../../domain/notifications/index.ts';
import { describeScorerTrust, type RecommendationOf } from '../../domain/readiness/index.ts';
import {
  APPROVE_READINESS_ACTION_ID,
  approveBlockId,
  encodeApproveValue,
  encodeCallValue,
  READINESS_COMMAND,
  WHY_SCORE_ACTION_ID,
} from '../slack-ids.ts';
import { RULE_LABELS } from './build-scorecard-blocks.ts';
import { escapeMrkdwn, isoDay, momentLine, score, signedDelta } from './format.ts';
import { fitMessage, SLACK_LIMITS, truncateText, type KnownBlock, type SlackMessage } from './limits.ts';

// The managers' DMs: one message per manager, agent and run, bundling what is due about the agent:
// readiness first (an Approve button per ready call type, the scorecard's action id and value format),
// then each coaching recommendation of the if/then rules, each with its evidence. Pure data in, a
// message out, within Slack's limits.

/** What a manager's DM is built from (the notification use case's plan). */
export type NotificationInput = ManagerNotification;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const callTypeName = (input: NotificationInput, key: string | undefined): string => (key ? (input.callTypeNames?.[key] ?? key) : '');
const criterionName = (input: NotificationInput, key: string | undefined): string =>
  key ? (input.criteria.find((criterion) => criterion.key === key)?.name ?? key) : '';
const agentMention = (input: NotificationInput): string =>
  input.agent.slackUserId ? `<@${input.agent.slackUserId}>` : `*${escapeMrkdwn(input.agent.displayName)}*`;
const scorecardHint = (input: NotificationInput): string =>
  `Whole scorecard: \`${READINESS_COMMAND} ${input.agent.slackUserId ? `@${escapeMrkdwn(input.agent.displayName)}` : escapeMrkdwn(input.agent.key)}\` or \`npx floorready readiness ${escapeMrkdwn(input.agent.key)}\`.`;

// ------------------------------------------------------------------ readiness reached

const readinessEvidence = (input: NotificationInput, recommendation: RecommendationOf<'readiness_reached'>): string => {
  const { threshold, batches } = recommendation.evidence;
  const lines = batches.map((batch) => {
    const criteria = Object.entries(batch.criteria);
    const lowest = criteria.sort((a, b) => a[1] - b[1])[0];
    return `• Batch from ${isoDay(batch.start)} to ${isoDay(new Date(batch.end.getTime() - 1))}: ${batch.calls} calls, overall *${score(batch.overall)}*${
      lowest ? `, lowest criterion ${escapeMrkdwn(criterionName(input, lowest[0]))} ${score(lowest[1])}` : ''
    }`;
  });
  const overrides = Object.entries(threshold.criteria);
  const thresholdLine = `Threshold: ${score(threshold.overall)} overall and on every criterion${
    overrides.length > 0
      ? ` (${overrides.map(([key, value]) => `${escapeMrkdwn(criterionName(input, key))} ${score(value)}`).join(', ')})`
      : ''
  }.`;
  return [`*Evidence*`, ...lines, thresholdLine].join('\n');
};

const approveBlock = (input: NotificationInput, callType: string): KnownBlock => {
  const name = callTypeName(input, callType);
  return {
    type: 'actions',
    block_id: approveBlockId(callType),
    elements: [
      {
        type: 'button',
        action_id: APPROVE_READINESS_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: truncateText(`Approve for ${name}`, SLACK_LIMITS.buttonText), emoji: true },
        // The scorecard's format: the card redrawn after the click is narrowed to this call type.
        value: encodeApproveValue({ agent: input.agent.key, callType, filter: callType }),
        confirm: {
          title: { type: 'plain_text', text: 'Approve readiness?' },
          text: {
            type: 'mrkdwn',
            text: truncateText(
              `${escapeMrkdwn(input.agent.displayName)} will handle *${escapeMrkdwn(name)}* calls alone. The decision is recorded with the scores of the last batches and your name.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
    ],
  };
};

const readinessText = (input: NotificationInput, recommendation: RecommendationOf<'readiness_reached'>): string =>
  `${input.agent.displayName} is ready for independent handling of ${callTypeName(input, recommendation.callType ?? '')} calls: approve it from this message or the scorecard.`;

/** The readiness of one call type: what was met, its evidence, and its Approve button. */
const readinessBlocks = (input: NotificationInput, recommendation: RecommendationOf<'readiness_reached'>): KnownBlock[] => {
  const callType = recommendation.callType ?? '';
  const name = callTypeName(input, callType);
  return [
    section(
      `:large_green_circle: ${agentMention(input)} met the readiness threshold for *${escapeMrkdwn(name)}* calls.\n${escapeMrkdwn(recommendation.message)}\n\n${readinessEvidence(input, recommendation)}`,
    ),
    approveBlock(input, callType),
  ];
};

// ------------------------------------------------------------------ coaching rules

const batchLabel = (batch: { start: Date; calls: number; value: number }): string =>
  `${score(batch.value)} in the batch from ${isoDay(batch.start)} (${batch.calls} calls)`;
const baselineLabel = (
  baseline: { scope: string; callType: string | null; value: number; calls: number },
  input: NotificationInput,
): string =>
  `${score(baseline.value)} (${baseline.calls} calls, ${baseline.scope === 'call_type' ? escapeMrkdwn(callTypeName(input, baseline.callType ?? undefined)) : 'all call types'})`;

const coachingEvidence = (input: NotificationInput, recommendation: ManagerRecommendation): string[] => {
  switch (recommendation.rule) {
    case 'unchanged_from_baseline': {
      const e = recommendation.evidence;
      return [
        `• Baseline: ${baselineLabel(e.baseline, input)}`,
        `• Now: ${batchLabel(e.latestBatch)}`,
        `• Change: ${signedDelta(e.delta)} (within ±${score(e.band)})`,
      ];
    }
    case 'improved_then_dropped': {
      const e = recommendation.evidence;
      return [
        `• Baseline: ${baselineLabel(e.baseline, input)}`,
        `• Rose to ${batchLabel(e.improvedBatch)}: ${signedDelta(e.improvement)}`,
        `• Fell to ${batchLabel(e.droppedBatch)}: ${signedDelta(-e.drop)}, ${e.daysBetween} days later`,
      ];
    }
    case 'call_type_variance': {
      const e = recommendation.evidence;
      const weak = new Set(e.weakCallTypes.map((group) => group.group));
      const weakLevels = new Set(e.weakFrustrationLevels.map((group) => group.group));
      return [
        `• By call type (spread ${score(e.spread)}): ${e.callTypes
          .map(
            (group) =>
              `${weak.has(group.group) ? '*' : ''}${escapeMrkdwn(callTypeName(input, group.group))} ${score(group.overall)}${weak.has(group.group) ? '*' : ''} (${group.calls})`,
          )
          .join(' · ')}`,
        ...(e.frustrationLevels.length > 0
          ? [
              `• By customer frustration: ${e.frustrationLevels
                .map(
                  (group) =>
                    `${weakLevels.has(group.group) ? '*' : ''}${escapeMrkdwn(group.group)} ${score(group.overall)}${weakLevels.has(group.group) ? '*' : ''} (${group.calls})`,
                )
                .join(' · ')}`,
            ]
          : []),
      ];
    }
    case 'roleplay_live_gap': {
      const e = recommendation.evidence;
      return [
        `• Roleplay: ${score(e.roleplay.mean)} (${e.roleplay.calls} calls) · Live: ${score(e.live.mean)} (${e.live.calls} calls) · gap ${score(e.gap)}`,
        ...e.moments.map(momentLine),
      ];
    }
    case 'below_threshold': {
      const e = recommendation.evidence;
      return [
        `• Last batches: ${e.batches.map((batch) => `${score(batch.value)} from ${isoDay(batch.start)} (${batch.calls} calls)`).join(' · ')} · need ${score(e.threshold)}`,
        ...(e.baseline
          ? [
              `• Baseline: ${baselineLabel(e.baseline, input)} · change ${signedDelta(e.deltaVsBaseline)}${e.regression ? ' · *regression*' : ''}`,
            ]
          : []),
        ...e.moments.map(momentLine),
      ];
    }
    case 'readiness_reached':
      return [];
  }
};

const coachingText = (input: NotificationInput, recommendation: ManagerRecommendation): string =>
  `Coaching for ${input.agent.displayName}: ${recommendation.message}`;

/** One coaching recommendation: its rule, where it applies, what to do, and its evidence, in one section. */
const coachingBlock = (input: NotificationInput, recommendation: ManagerRecommendation, withLabel: boolean): KnownBlock => {
  const where = [callTypeName(input, recommendation.callType), criterionName(input, recommendation.criterion)].filter(Boolean).join(', ');
  const lead = withLabel
    ? `:large_orange_circle: *${escapeMrkdwn(RULE_LABELS[recommendation.rule])}* · ${agentMention(input)}`
    : `:large_orange_circle: ${agentMention(input)}`;
  const block: types.SectionBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: [
        `${lead}${where ? ` · ${escapeMrkdwn(where)}` : ''}`,
        escapeMrkdwn(recommendation.message),
        '',
        '*Evidence*',
        ...coachingEvidence(input, recommendation),
      ].join('\n'),
    },
  };
  // The quoted moments' first call gets its "Why this score?" (an accessory: no block more).
  const moment = 'moments' in recommendation.evidence ? recommendation.evidence.moments[0] : undefined;
  return moment
    ? {
        ...block,
        accessory: {
          type: 'button',
          action_id: WHY_SCORE_ACTION_ID,
          text: { type: 'plain_text', text: 'Why this score?' },
          value: encodeCallValue(moment.callId),
        },
      }
    : block;
};

const isReadiness = (recommendation: ManagerRecommendation): recommendation is RecommendationOf<'readiness_reached'> =>
  recommendation.rule === 'readiness_reached';

const headerText = (
  input: NotificationInput,
  ready: readonly RecommendationOf<'readiness_reached'>[],
  coaching: readonly ManagerRecommendation[],
): string => {
  const name = input.agent.displayName;
  const only = ready.length + coaching.length === 1;
  if (only && ready[0]) return `Ready: ${name} · ${callTypeName(input, ready[0].callType ?? '')}`;
  if (only && coaching[0]) return `${RULE_LABELS[coaching[0].rule]}: ${name}`;
  const readyNames = ready.map((rec) => callTypeName(input, rec.callType ?? '')).join(', ');
  const parts = [
    ...(ready.length > 0 ? [`ready for ${readyNames.length <= 80 ? readyNames : `${ready.length} call types`}`] : []),
    ...(coaching.length > 0 ? [`${coaching.length} coaching recommendation${coaching.length === 1 ? '' : 's'}`] : []),
  ];
  return `${name}: ${parts.join(' · ')}`;
};

/**
 * The manager's DM about one agent: every recommendation given, readiness first (each with its
 * evidence and Approve button), then each coaching recommendation with its evidence. The plain-text
 * fallback has one line per recommendation.
 */
export const buildNotificationBlocks = (input: NotificationInput): SlackMessage & { truncated: boolean } => {
  if (input.recommendations.length === 0) throw new Error('buildNotificationBlocks needs at least one recommendation');
  const ready = input.recommendations.filter(isReadiness);
  const coaching = input.recommendations.filter((recommendation) => !isReadiness(recommendation));
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: headerText(input, ready, coaching), emoji: true } }];
  // No divider between call types: each one's Approve button already closes it.
  for (const recommendation of ready) blocks.push(...readinessBlocks(input, recommendation));
  if (ready.length > 0 && coaching.length > 0) blocks.push({ type: 'divider' });
  // A lone coaching recommendation has its rule in the header; in a bundle each names its own.
  const labelled = input.recommendations.length > 1;
  for (const recommendation of coaching) blocks.push(coachingBlock(input, recommendation, labelled));
  const notes = [
    ...(ready.length > 0 ? ['Readiness is a threshold, not a date: approving records your deployment decision with these scores.'] : []),
    `Each recommendation is sent once for its state: a new batch that changes it can notify again. ${scorecardHint(input)}`,
  ];
  if (input.trust) blocks.push(context(escapeMrkdwn(describeScorerTrust(input.trust))));
  blocks.push(context(notes.join(' ')));
  const text = [
    ...ready.map((recommendation) => readinessText(input, recommendation)),
    ...coaching.map((recommendation) => coachingText(input, recommendation)),
  ].join('\n');
  return fitMessage({ text, blocks }, `This message was shortened to fit Slack. ${scorecardHint(input)}`);
};
