import { webApi } from '@slack/bolt';

import type { DirectMessenger } from '../use-cases/direct-messenger.ts';

// Sending a direct message from the bot: chat.postMessage with the user id as the channel, which
// Slack delivers in the user's DM with the app (no conversations.open round trip, no im:write scope).

/** The Slack error of a failed Web API call ("channel_not_found", "ratelimited" …), else the error's message. */
export const slackErrorOf = (error: unknown): string => {
  if (typeof error === 'object' && error !== null) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
    if (error instanceof Error) return error.message;
  }
  return String(error);
};

export const createDirectMessenger = (client: webApi.WebClient): DirectMessenger => ({
  async postDirectMessage(userId, message) {
    try {
      const posted = await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      return { channel: posted.channel ?? null, ts: posted.ts ?? null };
    } catch (error) {
      throw new Error(slackErrorOf(error), { cause: error });
    }
  },
});

/**
 * A Web API client for sending outside the Bolt app (the CLI): the bot token, and the API URL when one
 * is configured (tests, proxies). Rate limits (429) are retried by the client after Retry-After.
 */
export const createSlackWebClient = (slack: { botToken: string; apiUrl?: string }): webApi.WebClient =>
  new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 1_000, maxTimeout: 10_000 },
    rejectRateLimitedCalls: false,
  });
