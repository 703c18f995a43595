import type { EarlyWarningNotification } from '../../domain/notifications/index.ts';
import { shownTurn } from '../../domain/turn-number.ts';
import { READINESS_COMMAND } from '../slack-ids.ts';
import { escapeMrkdwn, isoDay, score } from './format.ts';
import { fitMessage, truncateText, type KnownBlock, type SlackMessage } from './limits.ts';

// The coaching DM a manager gets about one very low live call of an agent who is still new (ADR 0032): the call
// by its external id, the criteria at the lowest level, and the quoted moment when the call has a transcript.
// Sent by DM only, never to a channel: it names one agent's weak call.

const QUOTE_MAX = 400;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

const whyLow = (input: EarlyWarningNotification): string => {
  const { warning } = input;
  const parts: string[] = [];
  if (warning.overallBelow) parts.push(`overall ${score(warning.overall)}, below ${warning.threshold.overall}`);
  if (warning.criteria.length > 0)
    parts.push(warning.criteria.map((entry) => `${entry.name} at level ${entry.level} (${score(entry.score)})`).join(', '));
  return parts.join('; ');
};

const stage = (input: EarlyWarningNotification): string =>
  `${input.newHire ? 'a new hire, ' : ''}${input.batches.have} of the ${input.batches.required} scoring batches readiness needs so far`;

export const buildEarlyWarningBlocks = (input: EarlyWarningNotification): SlackMessage => {
  const { warning, agent } = input;
  const call = warning.externalId ?? warning.callId;
  const who = agent.slackUserId ? `<@${agent.slackUserId}>` : escapeMrkdwn(agent.displayName);
  const moment = warning.moment;
  const lines = [
    `:warning: *Early call to look at:* ${who}'s ${escapeMrkdwn(input.callTypeName)} call \`${escapeMrkdwn(call)}\` on ${isoDay(warning.occurredAt)} scored *${score(warning.overall)}* / 100.`,
    `Why it stands out: ${escapeMrkdwn(whyLow(input))}.`,
  ];
  const blocks: KnownBlock[] = [
    section(lines.join('\n')),
    section(
      moment
        ? `*${escapeMrkdwn(warning.criteria.find((entry) => entry.criterion === moment.criterion)?.name ?? moment.criterion)}*, turn ${shownTurn(moment.turn)}, ${moment.role}:\n> “${escapeMrkdwn(truncateText(moment.quote, QUOTE_MAX))}”`
        : '_No quoted moment: this call has no transcript (its scores were imported)._',
    ),
    section(
      `*Coach it while it is fresh:* go through this call with ${escapeMrkdwn(agent.displayName)}, on the moment above; readiness itself waits for two batches.`,
    ),
    context(
      `${escapeMrkdwn(agent.displayName)} is ${stage(input)}. Sent to the agent's managers only, once for this call. ` +
        `Open it: \`floorready show ${escapeMrkdwn(call)}\` · the scorecard: \`${READINESS_COMMAND} @${escapeMrkdwn(agent.displayName)}\``,
    ),
  ];
  const quote = moment ? ` Turn ${shownTurn(moment.turn)}, ${moment.role}: “${truncateText(moment.quote, 200)}”.` : '';
  const text = `Early call to look at: ${agent.displayName}'s ${input.callTypeName} call ${call} on ${isoDay(warning.occurredAt)} scored ${score(warning.overall)} (${whyLow(input)}).${quote}`;
  return fitMessage({ text, blocks }, `Shortened to fit Slack: \`floorready show ${call}\` has the whole call.`);
};
