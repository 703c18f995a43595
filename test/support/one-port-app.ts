/**
 * The app as it runs in Slack's HTTP mode (composeApp, ADR 0023), over real HTTP on loopback: Bolt's
 * receiver on one port serving /slack/events with the app's own routes beside it (/integrations/calls,
 * /healthz), the scoring worker and notification loop running, the fake Slack Web API, and a real database (SQLite or PostgreSQL, from `open`) with the example config applied and
 * `ingest.channels` set to CHANNEL. Maya (U0MAYA0001) manages Ana (U0ANA00001, AG-101) and Ben.
 *
 *   const app = await startOnePortApp(database.open);
 *   const ts = await app.postMessage({ user: MAYA, text: '<@U0ANA00001> escalation', file: { name, content } });
 *   const reply = await app.replyTo(ts);
 *   const sent = await app.postCall({ externalId, agent: 'AG-101', occurredAt, transcript });
 */
import { expect, vi } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { INTEGRATION_CALLS_PATH } from '../../src/http/create-integration-server.ts';
import { signIntegrationRequest } from '../../src/http/verify-integration-signature.ts';
import type { Services } from '../../src/services.ts';
import { SLACK_EVENTS_PATH, type SlackApp } from '../../src/slack/create-slack-app.ts';
import { FAKE_BOT, type FakeSlack } from '../fakes/slack-api.ts';
import { messageEventBody, signature } from '../slack/slack-requests.ts';
import { writeConfig } from './cli.ts';
import type { TestDatabase } from './database.ts';
import { startLoopbackSlackApp, type LoopbackApp } from './start-loopback-slack-app.ts';

export const SLACK_SECRET = 'test-signing-secret-0123456789abcdef';
export const INTEGRATION_SECRET = 'integration-secret-0123456789abcdef';
export const CHANNEL = 'C0TRANSCRIPTS';
export const MAYA = 'U0MAYA0001';
export const ANA = 'U0ANA00001';
export const NOW = new Date('2026-10-01T12:00:00Z');

export interface PostedFile {
  name: string;
  content: string | Buffer;
}

export interface SlackMessage {
  user: string;
  text: string;
  file?: PostedFile;
  /** Sends the same event again as Slack's retry (same event_id and ts, `x-slack-retry-num`). */
  retryOf?: { eventId: string; ts: string; retryNum: number };
  /** Seconds since the epoch for `x-slack-request-timestamp`; default the real clock (what Bolt checks against). */
  timestamp?: number;
}

export interface OnePortApp {
  db: TestDatabase;
  services: Services;
  config: Config;
  slack: FakeSlack;
  app: SlackApp;
  /** The running app (composeApp) and its log lines. */
  running: LoopbackApp;
  baseUrl: string;
  /** Posts a signed `message` event; resolves with its ts, event id and the HTTP status. */
  postMessage: (message: SlackMessage) => Promise<{ ts: string; eventId: string; status: number }>;
  /** The thread replies so far to the message `ts`. */
  repliesTo: (ts: string) => string[];
  /** Waits for the first thread reply to `ts`. */
  replyTo: (ts: string) => Promise<string>;
  /** Posts a signed call to /integrations/calls on the same port (a string is sent as it is: JSON too deep to stringify). */
  postCall: (body: Record<string, unknown> | string) => Promise<{ status: number; body: Record<string, unknown> }>;
  stop: () => Promise<void>;
}

let sequence = 0;

/**
 * `env`: more environment for the app, e.g. OPENAI_* to score with an LLM instead of the embedded scorer;
 * `config`: merged into the example config (arrays replaced whole), beside `ingest.channels`.
 */
export const startOnePortApp = async (
  open: () => Promise<TestDatabase>,
  options: { env?: Record<string, string>; config?: Record<string, unknown> } = {},
): Promise<OnePortApp> => {
  const db = await open();
  const config = await loadConfig(await writeConfig({ ...options.config, ingest: { channels: [CHANNEL] } }));
  const running = await startLoopbackSlackApp({
    db,
    config,
    signingSecret: SLACK_SECRET,
    integrationSecret: INTEGRATION_SECRET,
    now: () => NOW,
    ...(options.env ? { env: options.env } : {}),
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const { slack, app, baseUrl, services } = running;

  const repliesTo = (ts: string): string[] =>
    slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.thread_ts === ts).map((call) => String(call.args.text));

  return {
    db,
    services,
    config,
    slack,
    app,
    running,
    baseUrl,
    repliesTo,
    postMessage: async (message) => {
      sequence += 1;
      const ts = message.retryOf?.ts ?? `1790000000.${String(sequence).padStart(6, '0')}`;
      const eventId = message.retryOf?.eventId ?? `Ev0${sequence}`;
      const file = message.file
        ? {
            id: `F0FILE${sequence}`,
            name: message.file.name,
            size: Buffer.byteLength(message.file.content),
            url_private: slack.serveFile(message.file.name, message.file.content),
          }
        : null;
      const body = messageEventBody({
        eventId,
        ts,
        channel: CHANNEL,
        user: message.user,
        text: message.text,
        team: FAKE_BOT.team_id,
        botUserId: FAKE_BOT.user_id,
        eventTime: Math.floor(NOW.getTime() / 1000),
        file,
      });
      const timestamp = message.timestamp ?? Math.floor(Date.now() / 1000);
      const response = await fetch(`${baseUrl}${SLACK_EVENTS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(SLACK_SECRET, timestamp, body),
          ...(message.retryOf ? { 'x-slack-retry-num': String(message.retryOf.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
        },
        body,
      });
      await response.text();
      return { ts, eventId, status: response.status };
    },
    replyTo: async (ts) => {
      const reply = await vi.waitFor(
        () => {
          const found = repliesTo(ts)[0];
          if (found === undefined) throw new Error(`no reply in thread ${ts}`);
          return found;
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(typeof reply).toBe('string');
      return reply;
    },
    postCall: async (call) => {
      const text = typeof call === 'string' ? call : JSON.stringify(call);
      const timestamp = Math.floor(NOW.getTime() / 1000);
      const response = await fetch(`${baseUrl}${INTEGRATION_CALLS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-floorready-timestamp': String(timestamp),
          'x-floorready-signature': signIntegrationRequest(INTEGRATION_SECRET, timestamp, text),
        },
        body: text,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    stop: async () => {
      await running.stop();
      await db.close();
    },
  };
};
