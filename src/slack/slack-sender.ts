import { webApi } from '@slack/bolt';

import type { SlackDelivery } from '../db/outbox-repository.ts';
import type { DirectMessage } from '../domain/notifications/index.ts';
import type { DirectMessenger } from '../use-cases/direct-messenger.ts';
import type { DigestSlack } from '../use-cases/send-weekly-digest.ts';
import { buildDigestCopy } from './blocks/build-digest-blocks.ts';
import { buildNotificationBlocks } from './blocks/build-notification-blocks.ts';
import { buildScoreSummaryBlocks } from './blocks/build-score-summary-blocks.ts';
import type { SlackMessage } from './blocks/limits.ts';

// The one way the app and the CLI send to Slack: one Web API client set-up with one retry policy, one
// chat.postMessage with one error wrapping, and the renderers that turn the use cases' plans (domain
// data) into Block Kit. A DM is chat.postMessage with the user id as the channel, which Slack delivers in
// the user's DM with the app (no conversations.open round trip, no im:write scope).

/**
 * Retries of a failed request (network, 5xx) and of a rate limit (429, after Retry-After): few, so a
 * send ends well within the outbox lease (ADR 0010) and an interactive answer is not held for minutes.
 */
export const SLACK_RETRY_POLICY = { retries: 2, factor: 2, minTimeout: 1_000, maxTimeout: 10_000 } as const;

/** The Web API client options every client here uses: the API URL when one is configured (tests, proxies), and the retry policy. */
export const slackClientOptions = (apiUrl?: string): webApi.WebClientOptions => ({
  ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
  retryConfig: { ...SLACK_RETRY_POLICY },
  rejectRateLimitedCalls: false,
});

/** A Web API client for sending outside a Bolt listener (the app's DMs and digest, the CLI). */
export const createSlackWebClient = (slack: { botToken: string; apiUrl?: string }): webApi.WebClient =>
  new webApi.WebClient(slack.botToken, slackClientOptions(slack.apiUrl));

/** The Slack error of a failed Web API call ("channel_not_found", "ratelimited" …), else the error's message. */
export const slackErrorOf = (error: unknown): string => {
  if (typeof error === 'object' && error !== null) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
    if (error instanceof Error) return error.message;
  }
  return String(error);
};

/** A planned DM as Slack shows it: the notification builders' text and blocks. */
export const renderDirectMessage = (message: DirectMessage): SlackMessage => {
  const built = message.kind === 'manager' ? buildNotificationBlocks(message.notification) : buildScoreSummaryBlocks(message.summary);
  return { text: built.text, blocks: built.blocks };
};

/** Posts to a channel or (a user id) a DM; rejects with the Slack error code as the message. */
const postMessage = async (client: webApi.WebClient, channel: string, message: SlackMessage): Promise<SlackDelivery> => {
  try {
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    return { channel: posted.channel ?? null, ts: posted.ts ?? null };
  } catch (error) {
    throw new Error(slackErrorOf(error), { cause: error });
  }
};

/** The notification use case's sender: DMs already rendered by `renderDirectMessage`. */
export const createDirectMessenger = (client: webApi.WebClient): DirectMessenger<SlackMessage> => ({
  postDirectMessage: (userId, message) => postMessage(client, userId, message),
});

/** The digest use case's sender: renders each copy and posts it to the channel or the manager's DM. */
export const createDigestSlack = (client: webApi.WebClient): DigestSlack => ({
  async postMessage(channel, copy) {
    await postMessage(client, channel, buildDigestCopy(copy));
  },
  async postDirectMessage(userId, copy) {
    await postMessage(client, userId, buildDigestCopy(copy));
  },
});
