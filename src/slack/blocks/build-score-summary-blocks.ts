import type { ScoreSummaryNotification } from '../../domain/notifications/index.ts';
import { DISPUTE_ACTION_ID, encodeCallValue, READINESS_COMMAND, WHY_SCORE_ACTION_ID } from '../slack-ids.ts';
import { escapeMrkdwn, isoDay, score } from './format.ts';
import { fitMessage, SLACK_LIMITS, truncateText, type KnownBlock, type SlackMessage } from './limits.ts';
import { shownTurn } from '../../domain/turn-number.ts';
import { describeOverallSource } from '../../domain/call-overall.ts';

// The agent's private score summary of one call, sent by DM after scoring (ephemeral messages can
// vanish; this one the agent keeps): overall, strongest behaviour, one focus with the quoted moment
// and what exemplary looks like, and how to dispute a score. Pure data in, a message out.

/** What an agent's score summary is built from (the notification use case's plan). */
export type ScoreSummaryInput = ScoreSummaryNotification;

/** A quote is cut to this length: the moment, not the transcript. */
const QUOTE_MAX = 500;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const callLabel = (input: ScoreSummaryInput): string => {
  const type = input.call.callTypeName ?? 'call';
  return `${input.call.kind === 'roleplay' ? 'roleplay ' : ''}${type} · ${isoDay(input.call.occurredAt)} · ${input.call.externalId ?? input.call.id}`;
};

const managerMention = (managers: ScoreSummaryInput['managers']): string | null => {
  const named = managers.map((manager) =>
    manager.slackUserId ? `<@${manager.slackUserId}>` : manager.name ? escapeMrkdwn(manager.name) : null,
  );
  const present = named.filter((name): name is string => name !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? (present[0] as string) : `${present.slice(0, -1).join(', ')} or ${present.at(-1)}`;
};

export const disputeLine = (input: ScoreSummaryInput): string => {
  const reference = `\`${escapeMrkdwn(input.call.externalId ?? input.call.id)}\``;
  const who = managerMention(input.managers);
  return `Think a score is wrong? Press *Dispute* (call ${reference}): ${who ?? 'your manager'} reviews it, and a changed score sits beside the AI score, never over it.`;
};

/** Where the overall came from, in the words `calls` and `show` use (domain/call-overall). */
const overallSource = (input: ScoreSummaryInput): string | null =>
  describeOverallSource(
    {
      effective: input.summary.overall,
      ai: input.summary.aiOverall,
      humanReviewed: input.summary.humanReviewed,
      differs: input.summary.differs,
    },
    score,
  );

/** Said instead of a focus when every scored criterion meets its threshold. */
export const ALL_MET_LINE = 'Every criterion of this call is at or above its threshold: nothing to improve here.';

const fallbackText = (input: ScoreSummaryInput): string => {
  const { summary } = input;
  const source = overallSource(input);
  const parts = [`Your scores for ${callLabel(input)}: overall ${score(summary.overall)}${source ? `, ${source}` : ''}.`];
  if (summary.strongest) parts.push(`Strongest: ${summary.strongest.name} (${score(summary.strongest.score)}).`);
  if (summary.focus) {
    parts.push(`Focus: ${summary.focus.name} (${score(summary.focus.score)}).`);
    if (summary.focus.quote) parts.push(`You said: “${truncateText(summary.focus.quote.quote, 200)}”.`);
    parts.push(`What good looks like: ${summary.focus.exemplary}`);
  } else if (summary.allMet) {
    parts.push(ALL_MET_LINE);
  }
  return parts.join(' ');
};

/** The private DM to an agent about one scored call. */
export const buildScoreSummaryBlocks = (input: ScoreSummaryInput): SlackMessage & { truncated: boolean } => {
  const { summary } = input;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Your call scores · ${input.call.callTypeName ?? 'call'}`, emoji: true } },
    context(`${escapeMrkdwn(callLabel(input))} · only you (and your team's managers) can see these scores`),
    section(`*Overall: ${score(summary.overall)}* / 100${overallSource(input) ? ` · _${overallSource(input)}_` : ''}`),
  ];
  if (summary.strongest) {
    blocks.push(section(`:star: *Strongest:* ${escapeMrkdwn(summary.strongest.name)} — ${score(summary.strongest.score)}`));
  }
  if (summary.focus) {
    const lines = [`:dart: *One thing to focus on:* ${escapeMrkdwn(summary.focus.name)} — ${score(summary.focus.score)}`];
    if (summary.focus.quote) {
      const who = summary.focus.quote.role === 'agent' ? 'You' : 'The customer';
      lines.push(
        `> ${who}, turn ${shownTurn(summary.focus.quote.turn)}: “${escapeMrkdwn(truncateText(summary.focus.quote.quote, QUOTE_MAX))}”`,
      );
    } else {
      lines.push('_No quoted moment for this criterion in this call._');
    }
    if (summary.focus.rationale) lines.push(`_${escapeMrkdwn(truncateText(summary.focus.rationale, QUOTE_MAX))}_`);
    blocks.push(section(lines.join('\n')));
    blocks.push(section(`*What good looks like:* ${escapeMrkdwn(truncateText(summary.focus.exemplary, SLACK_LIMITS.sectionText - 200))}`));
  } else if (summary.allMet) {
    blocks.push(section(`:white_check_mark: ${ALL_MET_LINE}`));
  } else if (!summary.strongest) {
    blocks.push(section('No criterion of this call has a score yet.'));
  }
  blocks.push({
    type: 'actions',
    block_id: `score_actions:${input.call.id}`.slice(0, 255),
    elements: [
      {
        type: 'button',
        action_id: WHY_SCORE_ACTION_ID,
        text: { type: 'plain_text', text: 'Why this score?' },
        value: encodeCallValue(input.call.id),
      },
      {
        type: 'button',
        action_id: DISPUTE_ACTION_ID,
        text: { type: 'plain_text', text: 'Dispute' },
        value: encodeCallValue(input.call.id),
      },
    ],
  });
  blocks.push({ type: 'divider' });
  const notes = [disputeLine(input), `Your scores and trend: \`${READINESS_COMMAND}\`.`];
  if (input.scorer === 'embedded') notes.push('Scored by the embedded offline scorer (no LLM configured): indicative only.');
  blocks.push(context(notes.join(' ')));
  if (input.scorerNote) blocks.push(context(escapeMrkdwn(input.scorerNote)));
  return fitMessage(
    { text: fallbackText(input), blocks },
    `This summary was shortened to fit Slack: see \`${READINESS_COMMAND}\` for your scores.`,
  );
};
