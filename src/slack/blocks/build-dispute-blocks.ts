import type { DisputeCallLabel, DisputeOpenedNotification, DisputeOutcomeNotification, ExcerptTurn } from '../../domain/disputes/index.ts';
import { shownTurn } from '../../domain/turn-number.ts';
import { levelToScore } from '../../domain/weighted-overall.ts';
import {
  DISPUTE_CHANGE_ACTION_ID,
  DISPUTE_KEEP_ACTION_ID,
  encodeDisputeValue,
  WHY_SCORE_ACTION_ID,
  encodeCallValue,
} from '../slack-ids.ts';
import { escapeMrkdwn, isoDay, score } from './format.ts';
import { fitMessage, truncateText, type KnownBlock, type SlackMessage } from './limits.ts';

// The dispute loop's messages (issue 19): the DM to each manager of the agent's team, with the reason,
// the AI's level, rationale and evidence, the transcript excerpt and the two buttons; the DM telling the
// agent the outcome. Pure data in, a message out.

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export const disputeCallLabel = (call: DisputeCallLabel): string =>
  `${call.kind === 'roleplay' ? 'roleplay ' : ''}${call.callTypeName ?? 'call'} · ${isoDay(call.occurredAt)} · ${call.externalId ?? call.id}`;

const levelText = (level: number | null, value: number | null): string =>
  level === null ? `score ${score(value)}` : `level ${level} (${score(value)})`;

/** Numbered turns of the stored transcript, as `floorready show` numbers them. */
export const excerptLines = (turns: readonly ExcerptTurn[], max = 1200): string =>
  truncateText(turns.map((turn) => `${shownTurn(turn.turn)}. ${turn.role}: ${turn.text}`).join('\n'), max);

export const buildDisputeOpenedBlocks = (input: DisputeOpenedNotification): SlackMessage => {
  const who = input.agentSlackId ? `<@${input.agentSlackId}>` : escapeMrkdwn(input.agentName);
  const label = disputeCallLabel(input.call);
  const text = `${input.agentName} disputes ${input.criterionName} on ${label}: “${truncateText(input.reason, 300)}”`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateText(`Dispute · ${input.criterionName}`, 150), emoji: true } },
    section(`${who} disputes *${escapeMrkdwn(input.criterionName)}* on ${escapeMrkdwn(label)}.`),
    section(
      `*Reason:*\n> ${escapeMrkdwn(truncateText(input.reason, 1000)).replace(/\n/g, '\n> ')}${input.proposedLevel ? `\n_Level they think fair: ${input.proposedLevel}_` : ''}`,
    ),
    section(
      [
        `*AI score:* ${levelText(input.aiLevel, input.aiScore)}`,
        ...(input.rationale ? [`_${escapeMrkdwn(truncateText(input.rationale, 800))}_`] : []),
        ...input.evidence
          .slice(0, 5)
          .map((quote) => `> turn ${shownTurn(quote.turn)}, ${quote.role}: “${escapeMrkdwn(truncateText(quote.quote, 300))}”`),
      ].join('\n'),
    ),
  ];
  if (input.excerpt.length > 0) blocks.push(section(`*Transcript excerpt (redacted):*\n\`\`\`${excerptLines(input.excerpt)}\`\`\``));
  blocks.push({
    type: 'actions',
    block_id: `dispute_actions:${input.disputeId}`,
    elements: [
      {
        type: 'button',
        action_id: DISPUTE_CHANGE_ACTION_ID,
        text: { type: 'plain_text', text: 'Change the score' },
        style: 'primary',
        value: encodeDisputeValue(input.disputeId),
      },
      {
        type: 'button',
        action_id: DISPUTE_KEEP_ACTION_ID,
        text: { type: 'plain_text', text: 'Keep the score' },
        value: encodeDisputeValue(input.disputeId),
      },
      {
        type: 'button',
        action_id: WHY_SCORE_ACTION_ID,
        text: { type: 'plain_text', text: 'Why this score?' },
        value: encodeCallValue(input.call.id),
      },
    ],
  });
  blocks.push(
    context(
      `Dispute \`${input.disputeId}\` · or from a terminal: \`floorready dispute ${input.disputeId} --change <level> --note … --by …\``,
    ),
  );
  return fitMessage({ text, blocks }, 'This dispute was shortened to fit Slack: `floorready disputes` shows it in full.');
};

export const buildDisputeOutcomeBlocks = (input: DisputeOutcomeNotification): SlackMessage => {
  const label = disputeCallLabel(input.call);
  const head =
    input.state === 'changed'
      ? `Your dispute of *${escapeMrkdwn(input.criterionName)}* on ${escapeMrkdwn(label)} was accepted: the score is now level ${input.newLevel ?? '—'} (${score(input.newLevel === null ? null : levelToScore(input.newLevel))}), was ${levelText(input.aiLevel, input.aiLevel === null ? null : levelToScore(input.aiLevel))}.`
      : input.state === 'kept'
        ? `Your dispute of *${escapeMrkdwn(input.criterionName)}* on ${escapeMrkdwn(label)} was reviewed: the score stays as it was.`
        : `Your dispute of *${escapeMrkdwn(input.criterionName)}* on ${escapeMrkdwn(label)} expired: no manager resolved it in time, so the score stands. Raise it with your manager if it still matters.`;
  const lines = [head];
  if (input.note)
    lines.push(
      `*Note from ${escapeMrkdwn(input.resolvedBy ?? 'your manager')}:*\n> ${escapeMrkdwn(truncateText(input.note, 1000)).replace(/\n/g, '\n> ')}`,
    );
  const plain = head.replace(/\*/g, '') + (input.note ? ` Note: ${truncateText(input.note, 300)}` : '');
  return fitMessage(
    { text: plain, blocks: [section(lines.join('\n')), context(`Dispute \`${input.disputeId}\``)] },
    'Shortened to fit Slack.',
  );
};
