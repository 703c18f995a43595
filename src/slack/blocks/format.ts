import { mention, slackIdOf } from '../../domain/access/index.ts';
import type { QuotedMoment, ReadinessStatus } from '../../domain/readiness/index.ts';
import { truncateText } from './limits.ts';
import { shownTurn } from '../../domain/turn-number.ts';

// Small text helpers shared by the Block Kit builders (pure).

/** Text from people or transcripts, made safe for mrkdwn: `&`, `<` and `>` are control characters there. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** A Slack date token: shown in each reader's own time zone, with the UTC instant as fallback. */
export const slackTime = (date: Date): string =>
  `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} at {time}|${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}>`;

export const STATUS_WORDS: Record<ReadinessStatus, string> = {
  ready: 'Ready',
  ready_pending_calibration: 'Ready, pending calibration',
  approved: 'Approved',
  not_ready: 'Not ready',
  insufficient_data: 'Insufficient data',
};

export const STATUS_EMOJI: Record<ReadinessStatus, string> = {
  ready: ':large_green_circle:',
  ready_pending_calibration: ':large_yellow_circle:',
  approved: ':white_check_mark:',
  not_ready: ':large_orange_circle:',
  insufficient_data: ':white_circle:',
};

/** A decider as stored ("Name (U…)", a Slack id, a name), shown in Slack: a mention when the Slack id is known, else the (escaped) name. */
export const approverMrkdwn = (approvedBy: string): string => {
  const slackId = slackIdOf(approvedBy);
  return slackId ? mention(slackId) : escapeMrkdwn(approvedBy);
};

/** A quoted call moment as a mrkdwn quote line: when, which call, its score, the turn and the words. */
export const momentLine = (moment: QuotedMoment): string =>
  `> ${isoDay(moment.occurredAt)} · ${escapeMrkdwn(moment.externalId ?? moment.callId)} (scored ${score(moment.score)}), turn ${shownTurn(moment.turn)}, ${moment.role}: “${escapeMrkdwn(truncateText(moment.quote, 400))}”`;

/** A score as a whole number, or "—" when missing. */
export const score = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(Math.round(value));

/** A mean with its 95% margin, "76 ±4" (issue 20); the mean alone without a margin (one call), "—" without a mean. */
export const scoreWithMargin = (value: number | null | undefined, margin: number | null | undefined): string =>
  value === null || value === undefined || margin === null || margin === undefined
    ? score(value)
    : `${score(value)} ±${Math.round(margin)}`;

/** A signed whole-number delta (+12, −3, 0), or "" when missing. */
export const signedDelta = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const rounded = Math.round(value);
  return rounded === 0 ? '0' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}`;
};
