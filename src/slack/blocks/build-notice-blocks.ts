import { fitMessage, type SlackMessage } from './limits.ts';

/**
 * A short answer (a refusal, what went wrong and what to do) as one mrkdwn section. `text` is mrkdwn
 * the caller already escaped; the fallback is the same sentence.
 */
export const buildNoticeBlocks = (text: string): SlackMessage =>
  fitMessage({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }, 'This answer was shortened to fit Slack.');
