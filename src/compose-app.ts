/**
 * The one composition root of the long-running app (ADR 0023), used by src/main.ts and by the tests:
 * config → database → scorer → scoring worker → Slack app (when SLACK_BOT_TOKEN is set: /readiness,
 * buttons, App Home, DMs and the weekly digest scheduler) → one HTTP server on PORT: /healthz always,
 * /integrations/calls when FLOORREADY_INTEGRATION_SECRET is set, and /slack/events in Slack's HTTP mode
 * (Bolt's receiver serves the other two as custom routes).
 *
 * Start-up order: without Slack or in Socket Mode, the HTTP server listens first, so /healthz answers
 * (with Slack's state, 503 while connecting) before Slack is reached. A token Slack refuses ends start-up
 * with an AppError naming the variable to fix, never a raw WebAPIPlatformError.
 */
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';

import type { Logger } from '@slack/bolt';

import type { Config } from './config/config-schema.ts';
import { teamTimeZone } from './config/config-lookups.ts';
import type { Env } from './config/env.ts';
import { openDatabase } from './db/client.ts';
import { AppError } from './domain/app-error.ts';
import type { Scorer } from './domain/types.ts';
import {
  createHttpRoutes,
  createIntegrationServer,
  HEALTH_PATH,
  INTEGRATION_CALLS_PATH,
  type IntegrationServer,
  type SlackConnectionState,
} from './http/create-integration-server.ts';
import type { ServerTimeouts } from './http/server-timeouts.ts';
import { startDigestScheduler, type DigestScheduler } from './scheduler/start-digest-scheduler.ts';
import { startRetentionScheduler, type RetentionScheduler } from './scheduler/start-retention-scheduler.ts';
import type { NotificationScheduler } from './scheduler/schedule-notifications.ts';
import { startNotificationLoop } from './scheduler/start-notification-loop.ts';
import { startScoringWorker } from './scheduler/start-scoring-worker.ts';
import { createServices, loadScorer, scoringSettings, type Services } from './services.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from './slack/create-slack-app.ts';
import { createSlackLogger } from './slack/create-slack-logger.ts';
import { createRichFallbackLog } from './slack/rich-blocks-fallback.ts';
import { createSlackChartPublisher } from './slack/slack-chart-publisher.ts';
import { applyConfig } from './use-cases/apply-config.ts';

/** One JSON log line (the app's own format; Bolt's logger writes the same shape). */
export type AppLog = (level: 'info' | 'error', message: string, extra?: Record<string, unknown>) => void;

export const jsonLog: AppLog = (level, message, extra = {}) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...extra })}\n`);
};

export interface ComposeAppOptions {
  log?: AppLog;
  /** Bolt's logger; default one JSON line per entry at LOG_LEVEL. */
  slackLogger?: Logger;
  /** The interface to listen on; default all. */
  host?: string;
  /** The port to listen on instead of PORT; 0 takes any free one (tests). */
  port?: number;
  /** The scorer; default the LLM when configured, else the embedded one. */
  scorer?: Scorer;
  /** The clock of the services, the notifications and the digests; default the system clock (digests: the instant a task fired). */
  now?: () => Date;
  /** How often the scoring worker looks for queued calls; default 2 s. */
  pollMs?: number;
  /** How long an HTTP client may take, on whichever server listens; default SERVER_TIMEOUTS (tests shorten them). */
  serverTimeouts?: ServerTimeouts;
}

export interface ComposedApp {
  services: Services;
  /** The daily retention, once started (null while `retention.callDays` is unset). */
  retention(): RetentionScheduler | null;
  /** The Slack app, once started (null without SLACK_BOT_TOKEN). */
  slack(): SlackApp | null;
  /** Slack's connection state, as /healthz reports it. */
  slackState(): SlackConnectionState;
  /** The digest tasks, once started (null without Slack): `await digests()?.tasks[0]?.execute()` runs one now. */
  digests(): DigestScheduler | null;
  /** Resolves once no notification run is under way or due now (the one at start-up included). */
  notificationsSettled(): Promise<void>;
  /** Listens on PORT, connects Slack, starts the worker and the schedulers; resolves with the port and its server. */
  start(): Promise<{ port: number; server: Server }>;
  /** Stops everything and closes the database. */
  stop(): Promise<void>;
}

/** Slack's answers to a token it will not take: the token is wrong, revoked, of the wrong kind, or its workspace is gone. */
const REFUSED_TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'user_removed_from_team',
  'team_disabled',
]);

const platformErrorOf = (error: unknown): string | null => {
  const data = (error as { code?: unknown; data?: { error?: unknown } } | null)?.data;
  return (error as { code?: unknown } | null)?.code === 'slack_webapi_platform_error' && typeof data?.error === 'string'
    ? data.error
    : null;
};

/** The AppError for a token Slack refused, naming the variable and where to find the right value; null for other errors. */
export const refusedTokenError = (error: unknown, variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): AppError | null => {
  const reason = platformErrorOf(error);
  if (reason === null || !REFUSED_TOKEN_ERRORS.has(reason)) return null;
  const where =
    variable === 'SLACK_BOT_TOKEN'
      ? 'the Bot User OAuth Token (xoxb-…) under OAuth & Permissions in the Slack app settings; reinstall the app if it was revoked'
      : 'an app-level token (xapp-…) with the connections:write scope, under Basic Information → App-Level Tokens';
  return new AppError('slack_token_refused', `Slack refused ${variable} (${reason}). Set ${variable} to ${where}.`, { cause: error });
};

/** The Socket Mode client inside Bolt's receiver, whose events say when the socket opens and drops. */
const socketModeClientOf = (slack: SlackApp): EventEmitter | null =>
  (slack.app as unknown as { receiver?: { client?: EventEmitter } }).receiver?.client ?? null;

export const composeApp = async (env: Env, config: Config, options: ComposeAppOptions = {}): Promise<ComposedApp> => {
  const log = options.log ?? jsonLog;
  const db = await openDatabase(env.DATABASE_URL);
  const services = createServices(db, {
    scorer: options.scorer ?? (await loadScorer(env.llm, config.scoring)),
    ...(options.now ? { now: options.now } : {}),
  });
  const applied = await applyConfig(services, config);
  log('info', 'config applied', { rubricVersion: applied.rubric.version, agents: applied.agents, scorer: services.scorer.name });

  let state: SlackConnectionState = env.slack ? 'connecting' : 'off';
  let slack: SlackApp | null = null;
  let integration: IntegrationServer | null = null;
  let worker: ReturnType<typeof startScoringWorker> | null = null;
  let digests: DigestScheduler | null = null;
  let notifications: NotificationScheduler | null = null;
  let retention: RetentionScheduler | null = null;

  // A date without a zone is read in the time zone of the named agent's team (ADR 0024).
  const timeZoneOf = (agent: string): string | null => teamTimeZone(config, agent);
  const httpOptions = {
    services,
    secret: env.FLOORREADY_INTEGRATION_SECRET,
    maxBytes: config.ingest.maxBytes,
    log,
    timeZoneOf,
    slackState: () => state,
    ...(options.serverTimeouts ? { timeouts: options.serverTimeouts } : {}),
  };
  const paths = [HEALTH_PATH, ...(env.FLOORREADY_INTEGRATION_SECRET ? [INTEGRATION_CALLS_PATH] : [])];
  const slackLogger = options.slackLogger ?? createSlackLogger({ level: env.LOG_LEVEL });

  // Charts and table blocks (ADR 0034): one refusal log and one chart cache for the whole process.
  const richFallback = { log: createRichFallbackLog((message, extra) => log('error', message, extra)), sleep: services.sleep };
  const charts = createSlackChartPublisher({ log: richFallback.log });

  const createSlack = async (slackEnv: NonNullable<Env['slack']>): Promise<SlackApp> => {
    try {
      return await createSlackApp({
        slack: slackEnv,
        deps: {
          services,
          databaseUrl: db.url,
          thresholds: config.thresholds,
          notifications: config.notifications,
          disputes: config.disputes,
          // A dispute's DMs go out at once, not at the loop's next run (issue 19).
          onDisputeChange: () => notifications?.runNow(),
          ingest: { ...config.ingest, calls: services.calls, fileOrigins: slackEnv.fileOrigins, timeZoneOf },
          charts,
          richFallback,
        },
        port: options.port ?? env.PORT,
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.serverTimeouts ? { timeouts: options.serverTimeouts } : {}),
        logger: slackLogger,
        routes: createHttpRoutes(httpOptions).routes,
      });
    } catch (error) {
      throw refusedTokenError(error, 'SLACK_BOT_TOKEN') ?? error;
    }
  };

  /** Opens Socket Mode's WebSocket, tracking its state for /healthz; a refused app token ends start-up. */
  const connectSocket = async (app: SlackApp): Promise<void> => {
    const client = socketModeClientOf(app);
    client?.on('connected', () => (state = 'connected'));
    client?.on('reconnecting', () => (state = 'connecting'));
    client?.on('disconnected', () => (state = 'disconnected'));
    try {
      await app.start();
    } catch (error) {
      throw refusedTokenError(error, 'SLACK_APP_TOKEN') ?? error;
    }
    state = 'connected';
  };

  const startSchedulers = (app: SlackApp): void => {
    const logger = {
      info: (message: string, extra?: Record<string, unknown>) => log('info', message, extra),
      error: (message: string, extra?: Record<string, unknown>) => log('error', message, extra),
    };
    // The one sender (ADR 0029) on Bolt's own Web API client sends the digests and the DMs. Every instance
    // schedules the digests; the digest run key lets one of them send each.
    digests = startDigestScheduler({
      services,
      config,
      sender: app.sender,
      ...(app.charts ? { charts: app.charts } : {}),
      ...(options.now ? { now: options.now } : {}),
      logger,
    });
    notifications = startNotificationLoop({
      services,
      config,
      sender: app.sender,
      logger,
      minIntervalMs: config.notifications.minIntervalSeconds * 1000,
    });
  };

  const stop = async (): Promise<void> => {
    await integration?.stop();
    await digests?.stop();
    await notifications?.stop();
    await slack?.stop().catch(() => undefined);
    await worker?.stop();
    await retention?.stop();
    await db.close();
  };

  const start = async (): Promise<{ port: number; server: Server }> => {
    if (!env.FLOORREADY_INTEGRATION_SECRET)
      log('info', 'integration endpoint off: set FLOORREADY_INTEGRATION_SECRET to accept calls from call platforms');
    let listening: { port: number; server: Server };
    if (env.slack?.mode === 'http') {
      // One port (ADR 0009): Bolt's receiver serves /healthz and /integrations/calls beside /slack/events.
      slack = await createSlack(env.slack);
      const started = await slack.start();
      if (started.server === null || started.port === null) throw new Error('Slack HTTP mode started without a server');
      listening = { port: started.port, server: started.server };
      state = 'connected';
      log('info', 'slack app started', { mode: 'http', port: started.port, paths: [SLACK_EVENTS_PATH, ...paths] });
    } else {
      integration = createIntegrationServer(httpOptions);
      const { port } = await integration.start(options.port ?? env.PORT, options.host);
      listening = { port, server: integration.server };
      log('info', 'http server started', { port, paths });
      if (env.slack) {
        slack = await createSlack(env.slack);
        await connectSocket(slack);
        log('info', 'slack app started', { mode: 'socket' });
      } else {
        log('info', 'slack not configured: set SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) to serve /readiness');
      }
    }

    // Manager and agent DMs (when Slack is configured) follow scored calls, at most every 30 s.
    worker = startScoringWorker(
      {
        ...services,
        settings: scoringSettings(config),
        pollMs: options.pollMs ?? 2_000,
        onError: (error) => log('error', 'scoring worker poll failed', { error: String(error) }),
      },
      (event) => {
        log(event.type === 'failed' ? 'error' : 'info', `call ${event.type}`, { ...event });
        // A scored or failed call may owe its agent a DM and its posted thread a reply.
        if (event.type === 'scored' || event.type === 'failed') notifications?.request();
      },
    );
    if (slack) startSchedulers(slack);
    // Retention runs with or without Slack: every instance schedules it, the day's claim lets one erase.
    retention = startRetentionScheduler({
      retention: services.retention,
      config: config.retention,
      leaseMinutes: config.notifications.leaseMinutes,
      now: services.now,
      logger: {
        info: (message, extra) => log('info', message, extra),
        error: (message, extra) => log('error', message, extra),
      },
    });
    return listening;
  };

  return {
    services,
    retention: () => retention,
    slack: () => slack,
    slackState: () => state,
    digests: () => digests,
    notificationsSettled: async () => notifications?.settled(),
    start,
    stop,
  };
};
