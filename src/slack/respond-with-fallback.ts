import type { RespondFn } from '@slack/bolt';

import type { SlackMessage } from './blocks/limits.ts';
import { createRichFallbackLog, sendWithFallback, type RichFallbackLog } from './rich-blocks-fallback.ts';
import { slackErrorOf } from './slack-sender.ts';

/**
 * The Slack error of a failed `respond()`. Bolt's respond keeps only the HTTP status; Slack answers a
 * response_url post it cannot show with 404 (or 400) and `invalid_blocks` in the body, so those statuses
 * read as a blocks refusal: the text fallback is tried once, and an expired URL fails that too.
 */
export const respondErrorCode = (error: unknown): string => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 404 || status === 400) return 'invalid_blocks';
  return slackErrorOf(error);
};

let processLog: RichFallbackLog | null = null;
/** The refusal log of answers sent without one from the composition root: one per process, to Bolt's logger. */
export const defaultRespondLog = (warn: (message: string, extra: Record<string, unknown>) => void): RichFallbackLog =>
  (processLog ??= createRichFallbackLog(warn));

/**
 * Answers with `respond()`: the message with its table (and image) blocks, or, when Slack refuses them,
 * its text fallback, once. `extra` is the rest of the payload (response_type, replace_original).
 */
export const respondWithFallback = (
  respond: RespondFn,
  message: SlackMessage,
  extra: Record<string, unknown>,
  options: { log: RichFallbackLog; context: Record<string, unknown> },
): Promise<unknown> =>
  sendWithFallback(message, (sent) => respond({ ...extra, text: sent.text, blocks: sent.blocks }), {
    errorCode: respondErrorCode,
    ...options,
  });
