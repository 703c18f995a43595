import type { OutboxRepository } from '../../src/use-cases/ports.ts';
import { webApi } from '@slack/bolt';

import { DEFAULT_NOTIFICATION_LEASE_MINUTES } from '../../src/config/config-schema.ts';
import type { SlackMessage } from '../../src/slack/blocks/limits.ts';
import { renderOutgoingMessage, createSlackSender, createSlackWebClient } from '../../src/slack/slack-sender.ts';
import { createSender, type MessageTransport, type Sender } from '../../src/use-cases/sending/sender.ts';

/**
 * The one sender as the app builds it (renderer, Slack transport, outbox, the config's lease), against
 * the fake Web API at `apiUrl` (no retries), or render-only (dry runs) when `apiUrl` is null.
 */
export const testSender = (
  outbox: OutboxRepository,
  apiUrl: string | null,
  options: { leaseMinutes?: number; maxAttempts?: number; retries?: boolean } = {},
): Sender<SlackMessage> =>
  createSlackSender({
    client:
      apiUrl === null
        ? null
        : options.retries === false
          ? new webApi.WebClient('xoxb-test-token', { slackApiUrl: apiUrl, retryConfig: { retries: 0 } })
          : createSlackWebClient({ botToken: 'xoxb-test-token', apiUrl }),
    outbox,
    leaseMinutes: options.leaseMinutes ?? DEFAULT_NOTIFICATION_LEASE_MINUTES,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });

/** The one sender with a transport of the test's own (one that fails, or records without Slack). */
export const senderWith = (
  outbox: OutboxRepository,
  transport: MessageTransport<SlackMessage>,
  leaseMinutes = DEFAULT_NOTIFICATION_LEASE_MINUTES,
): Sender<SlackMessage> => createSender({ outbox, render: renderOutgoingMessage, transport, leaseMinutes });
