import type { RespondFn } from '@slack/bolt';

import { isAppError } from '../domain/app-error.ts';
import { buildNoticeBlocks } from './blocks/build-notice-blocks.ts';
import type { PlainSlackMessage } from './blocks/limits.ts';
import { escapeMrkdwn } from './blocks/format.ts';
import { isSlackAnswerError } from './slack-answer-error.ts';
import { slackMessages, slackWording } from './slack-messages.ts';

/**
 * The private notice for a request that failed: an AppError worded for Slack from its code and
 * parameters (slackWording), else with its user message (what is wrong and how to fix it); anything
 * else an apology (`expected` false: the caller rethrows it so `app.error` logs it).
 */
export const errorNotice = (error: unknown, doing: string): PlainSlackMessage & { expected: boolean } => {
  const expected = isAppError(error);
  const text = expected
    ? `:warning: ${slackWording(error) ?? (isSlackAnswerError(error) ? error.userMessage : escapeMrkdwn(error.userMessage))}`
    : `:warning: ${slackMessages.failed(doing)}`;
  const { text: fallback, blocks } = buildNoticeBlocks(text);
  return { text: fallback, blocks, expected };
};

/** Answers the person whose request failed with its notice (errorNotice); an unexpected error is rethrown so `app.error` logs it. */
export const answerError = async (
  respond: RespondFn,
  error: unknown,
  doing: string,
  options: { replaceOriginal?: boolean } = {},
): Promise<void> => {
  const { text, blocks, expected } = errorNotice(error, doing);
  await respond({
    response_type: 'ephemeral',
    ...(options.replaceOriginal === undefined ? {} : { replace_original: options.replaceOriginal }),
    text,
    blocks,
  });
  if (!expected) throw error;
};
