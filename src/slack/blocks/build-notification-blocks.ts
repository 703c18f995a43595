import type { Recommendation, RecommendationOf } from '../../domain/readiness/index.ts';
import type { Criterion } from '../../domain/types.ts';
import { APPROVE_READINESS_ACTION_ID, approveBlockId, encodeApproveValue, READINESS_COMMAND } from '../slack-ids.ts';
import { RULE_LABELS } from './build-scorecard-blocks.ts';
import { escapeMrkdwn, isoDay, score, signedDelta } from './format.ts';
import { fitMessage, SLACK_LIMITS, truncateText, type KnownBlock, type SlackMessage } from './limits.ts';

// The managers' DMs: an agent crossed the readiness threshold (with the Approve button of the
// scorecard, same action id and value format), or an if/then rule recommends coaching, each with its
// evidence. Pure data in, a message out, within Slack's limits.

/** The recommendations that go to managers one agent at a time. */
export type ManagerRecommendation = Exclude<Recommendation, { rule: 'team_wide_low' }>;

export interface NotificationInput {
  recommendation: ManagerRecommendation;
  agent: { key: string; displayName: string; slackUserId: string | null };
  /** The rubric's criteria, for names. */
  criteria: readonly Criterion[];
  /** Display names of call types by key; a key without one is shown as is. */
  callTypeNames?: Readonly<Record<string, string>>;
}

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
    overrides.length > 0 ? ` (${overrides.map(([key, value]) => `${escapeMrkdwn(criterionName(input, key))} ${score(value)}`).join(', ')})` : ''
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

const readinessMessage = (input: NotificationInput, recommendation: RecommendationOf<'readiness_reached'>): SlackMessage => {
  const callType = recommendation.callType ?? '';
  const name = callTypeName(input, callType);
  return {
    text: `${input.agent.displayName} is ready for independent handling of ${name} calls: approve it from this message or the scorecard.`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Ready: ${input.agent.displayName} · ${name}`, emoji: true } },
      section(`:large_green_circle: ${agentMention(input)} met the readiness threshold for *${escapeMrkdwn(name)}* calls.\n${escapeMrkdwn(recommendation.message)}`),
      section(readinessEvidence(input, recommendation)),
      approveBlock(input, callType),
      context(`Readiness is a threshold, not a date: approving records your deployment decision with these scores. ${scorecardHint(input)}`),
    ],
  };
};

// ------------------------------------------------------------------ coaching rules

const batchLabel = (batch: { start: Date; calls: number; value: number }): string =>
  `${score(batch.value)} in the batch from ${isoDay(batch.start)} (${batch.calls} calls)`;
const baselineLabel = (baseline: { scope: string; callType: string | null; value: number; calls: number }, input: NotificationInput): string =>
  `${score(baseline.value)} (${baseline.calls} calls, ${baseline.scope === 'call_type' ? escapeMrkdwn(callTypeName(input, baseline.callType ?? undefined)) : 'all call types'})`;

const coachingEvidence = (input: NotificationInput, recommendation: ManagerRecommendation): string[] => {
  switch (recommendation.rule) {
    case 'unchanged_from_baseline': {
      const e = recommendation.evidence;
      return [`• Baseline: ${baselineLabel(e.baseline, input)}`, `• Now: ${batchLabel(e.latestBatch)}`, `• Change: ${signedDelta(e.delta)} (within ±${score(e.band)})`];
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
          .map((group) => `${weak.has(group.group) ? '*' : ''}${escapeMrkdwn(callTypeName(input, group.group))} ${score(group.overall)}${weak.has(group.group) ? '*' : ''} (${group.calls})`)
          .join(' · ')}`,
        ...(e.frustrationLevels.length > 0
          ? [
              `• By customer frustration: ${e.frustrationLevels
                .map((group) => `${weakLevels.has(group.group) ? '*' : ''}${escapeMrkdwn(group.group)} ${score(group.overall)}${weakLevels.has(group.group) ? '*' : ''} (${group.calls})`)
                .join(' · ')}`,
            ]
          : []),
      ];
    }
    case 'roleplay_live_gap': {
      const e = recommendation.evidence;
      return [
        `• Roleplay: ${score(e.roleplay.mean)} (${e.roleplay.calls} calls) · Live: ${score(e.live.mean)} (${e.live.calls} calls) · gap ${score(e.gap)}`,
        ...e.moments.map(
          (moment) =>
            `> ${isoDay(moment.occurredAt)} · ${escapeMrkdwn(moment.externalId ?? moment.callId)} (scored ${score(moment.score)}), turn ${moment.turn}, ${moment.role}: “${escapeMrkdwn(truncateText(moment.quote, 400))}”`,
        ),
      ];
    }
    case 'readiness_reached':
      return [];
  }
};

const coachingMessage = (input: NotificationInput, recommendation: ManagerRecommendation): SlackMessage => {
  const label = RULE_LABELS[recommendation.rule];
  const where = [callTypeName(input, recommendation.callType), criterionName(input, recommendation.criterion)].filter(Boolean).join(', ');
  return {
    text: `Coaching for ${input.agent.displayName}: ${recommendation.message}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${label}: ${input.agent.displayName}`, emoji: true } },
      section(`:large_orange_circle: ${agentMention(input)}${where ? ` · ${escapeMrkdwn(where)}` : ''}\n${escapeMrkdwn(recommendation.message)}`),
      section(['*Evidence*', ...coachingEvidence(input, recommendation)].join('\n')),
      context(`Sent once for this state: a new batch that changes it can notify again. ${scorecardHint(input)}`),
    ],
  };
};

/** The manager's DM for one agent recommendation (readiness with an Approve button, or coaching). */
export const buildNotificationBlocks = (input: NotificationInput): SlackMessage & { truncated: boolean } => {
  const message = input.recommendation.rule === 'readiness_reached' ? readinessMessage(input, input.recommendation) : coachingMessage(input, input.recommendation);
  return fitMessage(message, `This message was shortened to fit Slack. ${scorecardHint(input)}`);
};
