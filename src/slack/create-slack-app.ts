import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { App, HTTPReceiver, type Logger } from '@slack/bolt';

import type { SlackEnv } from '../config/env.ts';
import { serverOptions, type ServerTimeouts } from '../http/server-timeouts.ts';
import { createSlackLogger } from './create-slack-logger.ts';
import { DEFAULT_NOTIFICATION_LEASE_MINUTES } from '../config/config-schema.ts';
import type { Sender } from '../use-cases/sending/sender.ts';
import type { ChartPublisher } from '../use-cases/chart-publisher.ts';
import type { SlackMessage } from './blocks/limits.ts';
import { createSlackSender, slackClientOptions } from './slack-sender.ts';
import { registerListeners } from './listeners/index.ts';
import { createScorecardPool } from './scorecard-pool.ts';
import type { SlackDeps } from './slack-deps.ts';

/** The one path Slack posts commands, events and interactivity to in HTTP mode (as in manifest.yml). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface CreateSlackAppOptions {
  slack: NonNullable<SlackEnv>;
  deps: SlackDeps;
  /** HTTP mode: the port to listen on (0 = any free port; the chosen one is returned by start). */
  port: number;
  /** HTTP mode: the interface to listen on; default all. */
  host?: string;
  logger?: Logger;
  /** HTTP mode: the app's other routes (/integrations/calls, /healthz), served on the same port. */
  routes?: readonly { path: string; handler: (req: IncomingMessage, res: ServerResponse) => void }[];
  /** HTTP mode: how long a client may take; default SERVER_TIMEOUTS (the integration server's). */
  timeouts?: ServerTimeouts;
  /** Milliseconds now, for the request-timestamp check (the clock Bolt's own check uses); default Date.now. */
  clock?: () => number;
}

/** Slack signs requests with their time; one more than this far from our clock, either way, is refused. */
export const MAX_REQUEST_SKEW_SECONDS = 300;

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Whether a Slack request's `x-slack-request-timestamp` is unusable: not a whole number of seconds (Infinity,
 * 1e9, 12.5, blank, two headers) or more than 5 minutes from our clock either way. Bolt refuses only
 * timestamps too far in the past and reads the header with Number(), so `Infinity` never went stale and a
 * request signed ahead of time could be replayed for as long as its clock was set ahead.
 */
export const isUnusableSlackTimestamp = (req: IncomingMessage, nowMs: number): boolean => {
  const header = req.headers['x-slack-request-timestamp'];
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header.trim())) return true;
  return Math.abs(Number(header) - nowMs / 1000) > MAX_REQUEST_SKEW_SECONDS;
};

/** Bolt's HTTP receiver on `/slack/events` with the app's own routes beside it, refusing future-dated Slack requests. */
const createReceiver = (signingSecret: string, options: CreateSlackAppOptions, logger: Logger): HTTPReceiver => {
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    customRoutes: (options.routes ?? []).map((route) => ({ path: route.path, method: ALL_METHODS, handler: route.handler })),
  });
  const clock = options.clock ?? Date.now;
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === SLACK_EVENTS_PATH && isUnusableSlackTimestamp(req, clock())) {
      logger.warn('Refused a Slack request whose timestamp is not whole seconds within 5 minutes of our clock');
      req.resume();
      res.writeHead(401).end();
      return;
    }
    boltListener(req, res);
  };
  return receiver;
};

export interface SlackApp {
  app: App;
  /** The one sender (ADR 0029) on Bolt's own Web API client: listeners, DMs, digests and disputes send through it. */
  sender: Sender<SlackMessage>;
  /** Draws and uploads trend charts with Bolt's client (the digest shows them); null when the deps have no charts. */
  charts: ChartPublisher | null;
  mode: 'socket' | 'http';
  /** Starts receiving: HTTP listens on the port (returned), Socket Mode opens its WebSocket (port null). */
  start(): Promise<{ port: number | null; server: Server | null }>;
  stop(): Promise<void>;
}

/**
 * The Bolt app from the Slack environment: HTTP receiver on `/slack/events` checking the signing
 * secret (and the app's other routes on the same port), or Socket Mode with the app token; the Web API at `apiUrl` when set (tests, proxies). The bot
 * token is checked with `auth.test` here, so a wrong token fails at start-up, not at the first command.
 */
export const createSlackApp = async (options: CreateSlackAppOptions): Promise<SlackApp> => {
  const { slack } = options;
  const logger = options.logger ?? createSlackLogger();
  const app = new App({
    token: slack.botToken,
    ...(slack.mode === 'socket'
      ? { socketMode: true, appToken: slack.appToken }
      : { receiver: createReceiver(slack.signingSecret, options, logger) }),
    logger,
    clientOptions: slackClientOptions(slack.apiUrl),
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  // Backstop: listeners answer the user themselves; whatever still escapes is logged with its request.
  app.error(async ({ error, body }: { error: Error; body: unknown }) => {
    const request = body as
      | { command?: string; type?: string; user_id?: string; user?: { id?: string }; actions?: { action_id?: string }[] }
      | undefined;
    logger.error('slack listener failed', error, {
      command: request?.command,
      type: request?.type,
      actionId: request?.actions?.[0]?.action_id,
      user: request?.user_id ?? request?.user?.id,
    });
  });

  const sender = createSlackSender({
    client: app.client,
    outbox: options.deps.services.outbox,
    leaseMinutes: options.deps.notifications?.leaseMinutes ?? DEFAULT_NOTIFICATION_LEASE_MINUTES,
    now: options.deps.services.now,
    ...(options.deps.richFallback ? { richFallback: options.deps.richFallback } : {}),
  });
  // `/readiness` answers are built in a worker thread on its own read-only connection (ADR 0042).
  const scorecards = createScorecardPool(options.deps.databaseUrl);
  registerListeners(app, { ...options.deps, sender, scorecards });
  await app.init();

  return {
    app,
    sender,
    charts: options.deps.charts ? options.deps.charts(app.client) : null,
    mode: slack.mode,
    async start() {
      await scorecards.open();
      if (slack.mode === 'socket') {
        await app.start();
        return { port: null, server: null };
      }
      const server = (await app.start(
        options.host === undefined ? options.port : { port: options.port, host: options.host },
        serverOptions(options.timeouts),
      )) as Server;
      return { port: (server.address() as AddressInfo).port, server };
    },
    async stop() {
      try {
        await app.stop();
      } finally {
        await scorecards.close();
      }
    },
  };
};
