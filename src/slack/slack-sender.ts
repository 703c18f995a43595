import type { SlackDelivery } from '../domain/stored-records.ts';
import type { OutboxRepository } from '../use-cases/ports.ts';
import { WebClient, type ChatPostMessageArguments, type WebClientOptions } from '@slack/web-api';

import type { Destination, OutgoingMessage } from '../use-cases/sending/outgoing-message.ts';
import { createSender, type MessageTransport, type Sender } from '../use-cases/sending/sender.ts';
import { buildDigestCopy } from './blocks/build-digest-blocks.ts';
import { buildDisputeOpenedBlocks, buildDisputeOutcomeBlocks } from './blocks/build-dispute-blocks.ts';
import { buildEarlyWarningBlocks } from './blocks/build-early-warning-blocks.ts';
import { buildNotificationBlocks } from './blocks/build-notification-blocks.ts';
import { buildScoreSummaryBlocks } from './blocks/build-score-summary-blocks.ts';
import type { PlainSlackMessage, SlackMessage } from './blocks/limits.ts';
import { createRichFallbackLog, sendWithFallback, type RichFallbackLog } from './rich-blocks-fallback.ts';
import { buildTranscriptPostedReply } from './build-transcript-posted-reply.ts';
import {
  buildPostedCallFailedMessage,
  buildPostedCallScorecardMessage,
  buildPostedCallScoredMessage,
} from './blocks/build-posted-call-blocks.ts';

// Slack's side of the one sender (ADR 0029): one Web API client set-up with one retry policy, one
// renderer that turns every OutgoingMessage (domain data) into Block Kit, and one transport that posts
// it (chat.postMessage for channels, threads and DMs; chat.postEphemeral for one user's eyes). The use
// case's sender (src/use-cases/sending/sender.ts) claims, posts through this and records. A DM is
// chat.postMessage with the user id as the channel, which Slack delivers in the user's DM with the app
// (no conversations.open round trip to send; only the check before a re-send opens the DM, with im:write).

/**
 * Retries of a failed request (network, 5xx) and of a rate limit (429, after Retry-After): few, so a
 * send ends well within the outbox lease (ADR 0010) and an interactive answer is not held for minutes.
 */
export const SLACK_RETRY_POLICY = { retries: 2, factor: 2, minTimeout: 1_000, maxTimeout: 10_000 } as const;

/** The Web API client options every client here uses: the API URL when one is configured (tests, proxies), and the retry policy. */
export const slackClientOptions = (apiUrl?: string): WebClientOptions => ({
  ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
  retryConfig: { ...SLACK_RETRY_POLICY },
  rejectRateLimitedCalls: false,
});

/** A Web API client for sending outside a Bolt listener (the CLI). */
export const createSlackWebClient = (slack: { botToken: string; apiUrl?: string }): WebClient =>
  new WebClient(slack.botToken, slackClientOptions(slack.apiUrl));

/** The Slack error of a failed Web API call ("channel_not_found", "ratelimited" …), else the error's message. */
export const slackErrorOf = (error: unknown): string => {
  if (typeof error === 'object' && error !== null) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
    if (error instanceof Error) return error.message;
  }
  return String(error);
};

/** Every message the app sends, as Slack shows it. Pure; throws when a message cannot be built. */
export const renderOutgoingMessage = (message: OutgoingMessage): SlackMessage => {
  switch (message.kind) {
    case 'manager': {
      const built = buildNotificationBlocks(message.notification);
      return { text: built.text, blocks: built.blocks };
    }
    case 'score_summary': {
      const built = buildScoreSummaryBlocks(message.summary);
      return { text: built.text, blocks: built.blocks };
    }
    case 'early_warning': {
      const built = buildEarlyWarningBlocks(message.warning);
      return { text: built.text, blocks: built.blocks };
    }
    case 'digest':
      return buildDigestCopy(message.copy);
    case 'ingest_reply':
      return { text: buildTranscriptPostedReply(message.outcome), blocks: [] };
    case 'dispute_opened':
      return buildDisputeOpenedBlocks(message.dispute);
    case 'dispute_outcome':
      return buildDisputeOutcomeBlocks(message.outcome);
    case 'thread_scored':
      return buildPostedCallScoredMessage(message.scored);
    case 'thread_scorecard':
      return buildPostedCallScorecardMessage(message.scorecard);
    case 'thread_failed':
      return buildPostedCallFailedMessage(message.failed);
  }
};

/** How a transport degrades a message Slack refuses the tables or image of (ADR 0034): one log per process, a pause before retrying a fresh image. */
export interface RichFallback {
  log: RichFallbackLog;
  sleep?: (ms: number) => Promise<void>;
}

/** A fallback that logs to stderr as the app does (one JSON line). */
export const stderrRichFallback = (): RichFallback => ({
  log: createRichFallbackLog((message, extra) =>
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', message, ...extra })}\n`),
  ),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** The metadata event a sent message carries: its outbox keys, so an attempt after a crash can find it (ADR 0010). */
export const OUTBOX_METADATA_EVENT = 'floorready_outbox';

/** How many of a DM's latest messages are read to find an earlier attempt's post. */
const HISTORY_LIMIT = 100;

/** Posts one rendered message (no fallback) where it goes, tagged with its outbox keys. */
const postOnce = async (
  client: WebClient,
  to: Destination,
  message: PlainSlackMessage,
  keys: readonly string[] = [],
): Promise<SlackDelivery> => {
  const content = { text: message.text, ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}) };
  const metadata = keys.length > 0 ? { metadata: { event_type: OUTBOX_METADATA_EVENT, event_payload: { keys: [...keys] } } } : {};
  if (to.kind === 'ephemeral') {
    await client.chat.postEphemeral({
      channel: to.channel,
      user: to.userId,
      ...content,
      ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
    });
    // An ephemeral message has no ts to keep: Slack cannot edit or find it later.
    return { channel: to.channel, ts: null };
  }
  const channel = to.kind === 'dm' ? to.userId : to.channel;
  const threadTs = to.kind === 'channel' ? to.threadTs : undefined;
  const posted = await client.chat.postMessage({
    channel,
    ...content,
    ...metadata,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
  } as ChatPostMessageArguments);
  return { channel: posted.channel ?? null, ts: posted.ts ?? null };
};

/**
 * Posts a rendered message where it goes; rejects with the Slack error code as the message. A message
 * whose table or image blocks Slack refuses goes out once as its text fallback instead (ADR 0034).
 */
export const createSlackTransport = (client: WebClient, fallback: RichFallback = stderrRichFallback()): MessageTransport<SlackMessage> => ({
  async findDelivered(to: Destination, keys: readonly string[]): Promise<SlackDelivery | null> {
    // DMs only: the case ADR 0010 leaves open. A DM's channel comes from conversations.open (im:write), its
    // messages with their metadata from conversations.history (im:history).
    if (to.kind !== 'dm' || keys.length === 0) return null;
    const opened = await client.conversations.open({ users: to.userId });
    const channel = opened.channel?.id;
    if (!channel) return null;
    const history = await client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true });
    const wanted = new Set(keys);
    for (const posted of history.messages ?? []) {
      const metadata = (posted as { metadata?: { event_type?: string; event_payload?: { keys?: unknown } } }).metadata;
      const tagged =
        metadata?.event_type === OUTBOX_METADATA_EVENT && Array.isArray(metadata.event_payload?.keys) ? metadata.event_payload.keys : [];
      if (tagged.some((key) => typeof key === 'string' && wanted.has(key))) return { channel, ts: posted.ts ?? null };
    }
    return null;
  },

  async post(to: Destination, message: SlackMessage, keys: readonly string[] = []): Promise<SlackDelivery> {
    try {
      return await sendWithFallback(message, (sent) => postOnce(client, to, sent, keys), {
        errorCode: slackErrorOf,
        log: fallback.log,
        context: { to: to.kind === 'dm' ? `dm:${to.userId}` : `channel:${to.channel}` },
        ...(fallback.sleep ? { sleep: fallback.sleep } : {}),
      });
    } catch (error) {
      throw new Error(slackErrorOf(error), { cause: error });
    }
  },
});

/**
 * The one sender with Slack behind it: the renderer above, the transport of `client` (null: render only,
 * for dry runs), and the outbox policy of the config (`notifications.leaseMinutes`).
 */
export const createSlackSender = (input: {
  client: WebClient | null;
  outbox: OutboxRepository;
  leaseMinutes: number;
  maxAttempts?: number;
  now?: () => Date;
  /** How a message Slack refuses the table or image of falls back to text; default a stderr log. */
  richFallback?: RichFallback;
}): Sender<SlackMessage> =>
  createSender({
    outbox: input.outbox,
    render: renderOutgoingMessage,
    transport: input.client ? createSlackTransport(input.client, input.richFallback) : null,
    leaseMinutes: input.leaseMinutes,
    ...(input.maxAttempts === undefined ? {} : { maxAttempts: input.maxAttempts }),
    ...(input.now ? { now: input.now } : {}),
  });
