import type { RespondFn } from '@slack/bolt';

import { isAppError } from '../domain/app-error.ts';
import { buildNoticeBlocks } from './blocks/build-notice-blocks.ts';
import { escapeMrkdwn } from './blocks/format.ts';
import { isSlackAnswerError } from './slack-answer-error.ts';
import { slackMessages, slackWording } from './slack-messages.ts';

/**
 * Answers the person whose request failed, privately: an AppError worded for Slack from its code and
 * parameters (slackWording), else with its user message (what is wrong and how to fix it); anything
 * else with an apology, and rethrown so `app.error` logs it.
 */
export const answerError = async (
  respond: RespondFn,
  error: unknown,
  doing: string,
  options: { replaceOriginal?: boolean } = {},
): Promise<void> => {
  const expected = isAppError(error);
  const text = expected
    ? `:warning: ${slackWording(error) ?? (isSlackAnswerError(error) ? error.userMessage : escapeMrkdwn(error.userMessage))}`
    : `:warning: ${slackMessages.failed(doing)}`;
  const { text: fallback, blocks } = buildNoticeBlocks(text);
  await respond({
    response_type: 'ephemeral',
    ...(options.replaceOriginal === undefined ? {} : { replace_original: options.replaceOriginal }),
    text: fallback,
    blocks,
  });
  if (!expected) throw error;
};
