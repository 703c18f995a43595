/**
 * The app as `npm start` runs it, in-process on loopback: `composeApp(env, config)` (ADR 0023) with the
 * environment a deployment would give it, against a fresh fake Slack Web API (and, in Socket Mode, the
 * WebSocket fake of Socket Mode). Everything the process runs runs here too: the scoring worker, the
 * notification loop (its run at start-up has ended when this resolves) and the digest tasks, so a scored
 * call reaches its DM the way it does in production. The app opens its own connection to the test's
 * database (by its URL), as a second instance would.
 *
 *   const db = await withSqlite();
 *   const running = await startLoopbackSlackApp({ db, config, signingSecret: SECRET, seed: (services) => importScores(services, csv) });
 *   await postSigned(running.eventsUrl, slashCommand({ … }), { secret: SECRET });   // HTTP mode
 *   await running.socket?.send('events_api', { … });                                // mode: 'socket'
 *   await running.stop();   // the app, its connection and the fakes; the caller closes `db`
 */
import type { Logger } from '@slack/bolt';

import { composeApp, type AppLog, type ComposedApp } from '../../src/compose-app.ts';
import type { Config } from '../../src/config/config-schema.ts';
import type { Scorer } from '../../src/domain/types.ts';
import { parseEnv } from '../../src/config/env.ts';
import type { Services } from '../../src/services.ts';
import { SLACK_EVENTS_PATH, type SlackApp } from '../../src/slack/create-slack-app.ts';
import { createSlackLogger } from '../../src/slack/create-slack-logger.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/socket-mode.ts';

export interface LoopbackAppOptions {
  /** The test database; the app opens its own connection to `db.url`. */
  db: { url: string };
  config: Config;
  /** Slack's HTTP mode (signed requests to `eventsUrl`, the default) or Socket Mode (envelopes through `socket`). */
  mode?: 'http' | 'socket';
  /** SLACK_SIGNING_SECRET in HTTP mode. */
  signingSecret?: string;
  /** FLOORREADY_INTEGRATION_SECRET: serves /integrations/calls when set. */
  integrationSecret?: string;
  /** More environment (e.g. OPENAI_* to score with an LLM; default the embedded scorer). */
  env?: Record<string, string>;
  /** The scorer instead of the one the environment picks (the embedded scorer without OPENAI_*). */
  scorer?: Scorer;
  /** The app's clock (services, notifications, digests). */
  now?: () => Date;
  /** Runs after the config is applied and before the app starts (e.g. importing scores). */
  seed?: (services: Services) => Promise<unknown>;
  /** Bolt's logger; default none. */
  slackLogger?: Logger;
  /** The app's own log lines; default collected in `logs` only. */
  log?: AppLog;
  /** How often the scoring worker looks for queued calls; default 100 ms. */
  pollMs?: number;
}

export interface LoopbackApp {
  composed: ComposedApp;
  services: Services;
  slack: FakeSlack;
  app: SlackApp;
  /** The WebSocket fake of Socket Mode (mode 'socket'), else null. */
  socket: FakeSocketMode | null;
  port: number;
  baseUrl: string;
  /** `${baseUrl}/slack/events` (HTTP mode). */
  eventsUrl: string;
  /** The app's own log lines (composeApp's `log`), as `level message`. */
  logs: string[];
  stop(): Promise<void>;
}

export const startLoopbackSlackApp = async (options: LoopbackAppOptions): Promise<LoopbackApp> => {
  const slack = await startFakeSlack();
  const socket = options.mode === 'socket' ? await startFakeSocketMode() : null;
  socket?.attach(slack);
  const env = parseEnv({
    DATABASE_URL: options.db.url,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    ...(socket ? { SLACK_APP_TOKEN: 'xapp-test-token' } : { SLACK_SIGNING_SECRET: options.signingSecret ?? 'test-signing-secret' }),
    SLACK_API_URL: slack.apiUrl,
    SLACK_FILES_URL: slack.filesUrl,
    ...(options.integrationSecret ? { FLOORREADY_INTEGRATION_SECRET: options.integrationSecret } : {}),
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const logs: string[] = [];
  let composed: ComposedApp | null = null;
  try {
    composed = await composeApp(env, options.config, {
      host: '127.0.0.1',
      port: 0,
      slackLogger: options.slackLogger ?? createSlackLogger({ level: 'error', write: () => {} }),
      log: (level, message, extra) => {
        logs.push(`${level} ${message}`);
        options.log?.(level, message, extra);
      },
      pollMs: options.pollMs ?? 100,
      ...(options.scorer ? { scorer: options.scorer } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    await options.seed?.(composed.services);
    const { port } = await composed.start();
    await composed.notificationsSettled();
    const app = composed.slack();
    if (!app) throw new Error('expected the Slack app to start');
    const running = composed;
    const baseUrl = `http://127.0.0.1:${port}`;
    return {
      composed: running,
      services: running.services,
      slack,
      app,
      socket,
      port,
      baseUrl,
      eventsUrl: `${baseUrl}${SLACK_EVENTS_PATH}`,
      logs,
      stop: async () => {
        await running.stop();
        await socket?.close();
        await slack.close();
      },
    };
  } catch (error) {
    await composed?.stop().catch(() => undefined);
    await socket?.close();
    await slack.close();
    throw error;
  }
};
