import type {
  PostedCallCriterion,
  PostedCallFailed,
  PostedCallLabel,
  PostedCallScorecard,
  PostedCallScored,
} from '../../domain/notifications/index.ts';
import { mention } from '../../domain/access/index.ts';
import { encodeCallValue, READINESS_COMMAND, WHY_SCORE_ACTION_ID } from '../slack-ids.ts';
import { approverMrkdwn, escapeMrkdwn, isoDay, score } from './format.ts';
import { fitMessage, truncateText, type KnownBlock, type SlackMessage } from './limits.ts';

// The thread of a transcript posted in an ingestion channel, once the queue is done with it (issue 19,
// item 3): a public "scored" reply with no figure (the channel is shared), the scorecard for the poster
// only (an ephemeral message in the thread, with "Why this score?"), or the failure and what to do.

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** The call as the public thread names it: its type and external id, no date and no figure. */
const publicLabel = (call: PostedCallLabel): string =>
  [call.kind === 'roleplay' ? `role-play ${call.callTypeName ?? 'call'}` : (call.callTypeName ?? 'call'), call.externalId]
    .filter((part): part is string => part !== null)
    .map(escapeMrkdwn)
    .join(', ');

/** The public reply once the call is scored: the word "scored", and no score. */
export const buildPostedCallScoredMessage = (input: PostedCallScored): SlackMessage => {
  const text =
    `:white_check_mark: Scored: the call for *${escapeMrkdwn(input.agentName)}* (${publicLabel(input.call)}). ` +
    `Its scorecard is shown to ${mention(input.posterSlackId)} only, in this thread; the agent and their team's managers see it with \`${READINESS_COMMAND}\`.`;
  return { text, blocks: [] };
};

/** The public reply when the queue gave up: the reason, and what to do. */
export const buildPostedCallFailedMessage = (input: PostedCallFailed): SlackMessage => {
  const text =
    `:warning: The call for *${escapeMrkdwn(input.agentName)}* (${publicLabel(input.call)}) could not be scored: ${escapeMrkdwn(truncateText(input.reason, 600))} ` +
    'The call is stored, so there is nothing to post again. What to do: once the cause is fixed (the LLM endpoint, its key or quota, say), ' +
    'a floorready admin queues it again with `npx floorready score --retry-failed`; the scorecard then comes in this thread.';
  return { text, blocks: [] };
};

const criterionLine = (criterion: PostedCallCriterion): string => {
  const name = `*${escapeMrkdwn(criterion.name)}*`;
  const ai = !criterion.applicable
    ? 'not applicable to this call'
    : `level ${criterion.level ?? '—'} · ${score(criterion.score)}${criterion.lowConfidence ? ' _(low confidence)_' : ''}`;
  const human = criterion.human
    ? `\n      reviewer's score: level ${criterion.human.level ?? '—'} · ${score(criterion.human.score)}${criterion.human.reviewer ? ` by ${approverMrkdwn(criterion.human.reviewer)}` : ''}`
    : '';
  return `• ${name}: ${ai}${human}`;
};

/** The scorecard of a posted call, for the poster's eyes only (ephemeral, in the thread), with "Why this score?". */
export const buildPostedCallScorecardMessage = (input: PostedCallScorecard): SlackMessage => {
  const { call } = input;
  const label = `${escapeMrkdwn(input.agentName)} · ${call.kind === 'roleplay' ? 'role-play' : 'live'} · ${isoDay(call.occurredAt)} · ${escapeMrkdwn(call.externalId ?? call.id)}`;
  const overall =
    input.overall === null
      ? `*No overall*${input.reviewReason ? `: held for a person's review (${escapeMrkdwn(truncateText(input.reviewReason, 300))})` : ''}`
      : `*Overall: ${score(input.overall)}* / 100${input.overallSource ? ` · _${escapeMrkdwn(input.overallSource)}_` : ''}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateText(`Scorecard · ${call.callTypeName ?? 'call'}`, 150), emoji: true } },
    context(`${label} · only you can see this`),
    section(overall),
    section(input.criteria.length > 0 ? input.criteria.map(criterionLine).join('\n') : 'No criterion of this call has a score.'),
    {
      type: 'actions',
      block_id: `posted_call_actions:${call.id}`.slice(0, 255),
      elements: [
        {
          type: 'button',
          action_id: WHY_SCORE_ACTION_ID,
          text: { type: 'plain_text', text: 'Why this score?' },
          value: encodeCallValue(call.id),
        },
      ],
    },
    context(escapeMrkdwn(input.scorerNote)),
  ];
  const figures = input.criteria
    .filter((criterion) => criterion.applicable)
    .map((criterion) => `${criterion.name} ${score(criterion.human?.score ?? criterion.score)}`)
    .join(', ');
  const text = `Scorecard for ${input.agentName}'s call (${call.externalId ?? call.id}): ${input.overall === null ? 'no overall (held for review)' : `overall ${score(input.overall)}`}${figures ? `; ${figures}` : ''}. ${input.scorerNote}`;
  return fitMessage({ text, blocks }, `This scorecard was shortened to fit Slack: \`${READINESS_COMMAND}\` shows the agent's scores.`);
};
