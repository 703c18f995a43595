// Composition root of the long-running app: config → database → scorer → scoring worker → Slack app
// (when SLACK_BOT_TOKEN is set: /readiness, Approve, DMs and the weekly digest scheduler) → one HTTP
// server on PORT: /healthz always, /integrations/calls when FLOORREADY_INTEGRATION_SECRET is set, and
// /slack/events in Slack's HTTP mode (Bolt's receiver serves the other two as custom routes). Nothing else happens here.
import { parseEnv } from './config/env.ts';
import { loadConfig } from './config/config-file.ts';
import { teamTimeZone } from './config/config-lookups.ts';
import { openDatabase } from './db/client.ts';
import { isAppError } from './domain/app-error.ts';
import { createHttpRoutes, createIntegrationServer, HEALTH_PATH, INTEGRATION_CALLS_PATH, type IntegrationServer } from './http/create-integration-server.ts';
import { createServices, loadScorer, scoringSettings } from './services.ts';
import { createSlackApp, type SlackApp } from './slack/create-slack-app.ts';
import { createSlackLogger } from './slack/create-slack-logger.ts';
import { applyConfig } from './use-cases/apply-config.ts';
import { startScoringWorker } from './scheduler/start-scoring-worker.ts';
import { startDigestScheduler, type DigestScheduler } from './scheduler/start-digest-scheduler.ts';
import { createRichFallbackLog } from './slack/rich-blocks-fallback.ts';
import { createSlackChartPublisher } from './slack/slack-chart-publisher.ts';
import type { NotificationScheduler } from './scheduler/schedule-notifications.ts';
import { startNotificationLoop } from './scheduler/start-notification-loop.ts';

const log = (level: 'info' | 'error', message: string, extra: Record<string, unknown> = {}): void => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...extra })}\n`);
};

const start = async (): Promise<void> => {
  const env = parseEnv(process.env);
  const config = await loadConfig(env.FLOORREADY_CONFIG);
  const db = await openDatabase(env.DATABASE_URL);
  const services = createServices(db, { scorer: await loadScorer(env.llm, config.scoring) });
  const applied = await applyConfig(services, config);
  log('info', 'config applied', { rubricVersion: applied.rubric.version, agents: applied.agents, scorer: services.scorer.name });

  // Manager and agent DMs (when Slack is configured): after scored calls, at most every 30 s.
  let notifications: NotificationScheduler | null = null;
  const worker = startScoringWorker(
    {
      ...services,
      settings: scoringSettings(config),
      pollMs: 2_000,
      onError: (error) => log('error', 'scoring worker poll failed', { error: String(error) }),
    },
    (event) => {
      log(event.type === 'failed' ? 'error' : 'info', `call ${event.type}`, { ...event });
      if (event.type === 'scored') notifications?.request();
    },
  );

  // One port (ADR 0009): Slack's HTTP receiver serves these routes beside /slack/events, else a server of their own does.
  // A date without a zone is read in the time zone of the named agent's team (ADR 0024).
  const timeZoneOf = (agent: string): string | null => teamTimeZone(config, agent);
  const httpOptions = { services, secret: env.FLOORREADY_INTEGRATION_SECRET, maxBytes: config.ingest.maxBytes, log, timeZoneOf };
  const paths = [HEALTH_PATH, ...(env.FLOORREADY_INTEGRATION_SECRET ? [INTEGRATION_CALLS_PATH] : [])];
  if (!env.FLOORREADY_INTEGRATION_SECRET) log('info', 'integration endpoint off: set FLOORREADY_INTEGRATION_SECRET to accept calls from call platforms');

  let slack: SlackApp | null = null;
  let digests: DigestScheduler | null = null;
  if (env.slack) {
    // Charts and table blocks (ADR 0034): one refusal log and one chart cache for the whole process.
    const richFallback = { log: createRichFallbackLog((message, extra) => log('error', message, extra)), sleep: services.sleep };
    const charts = createSlackChartPublisher({ log: richFallback.log });
    slack = await createSlackApp({
      slack: env.slack,
      deps: {
        services,
        thresholds: config.thresholds,
        notifications: config.notifications,
        disputes: config.disputes,
        // A dispute's DMs go out at once, not at the loop's next run (issue 19).
        onDisputeChange: () => notifications?.runNow(),
        ingest: { ...config.ingest, calls: services.calls, fileOrigins: env.slack.fileOrigins, timeZoneOf },
        charts,
        richFallback,
      },
      port: env.PORT,
      logger: createSlackLogger({ level: env.LOG_LEVEL }),
      routes: createHttpRoutes(httpOptions).routes,
    });
    const { port } = await slack.start();
    log('info', 'slack app started', { mode: slack.mode, ...(port === null ? {} : { port, paths: ['/slack/events', ...paths] }) });
    // The one sender (ADR 0029), on Bolt's own Web API client, sends the digests and the DMs: the one retry
    // policy (src/slack/slack-sender.ts), few retries, so a send ends well within the outbox lease (ADR 0010).
    const { sender } = slack;
    // Every instance schedules the digests; the digest run key lets one of them send each.
    digests = startDigestScheduler({
      services,
      config,
      sender,
      ...(slack.charts ? { charts: slack.charts } : {}),
      logger: { info: (message, extra) => log('info', message, extra), error: (message, extra) => log('error', message, extra) },
    });
    notifications = startNotificationLoop({
      services,
      config,
      sender,
      logger: { info: (message, extra) => log('info', message, extra), error: (message, extra) => log('error', message, extra) },
    });
  } else {
    log('info', 'slack not configured: set SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) to serve /readiness');
  }

  let integration: IntegrationServer | null = null;
  if (env.slack?.mode !== 'http') {
    integration = createIntegrationServer(httpOptions);
    const { port } = await integration.start(env.PORT);
    log('info', 'http server started', { port, paths });
  }

  const stop = async (signal: string): Promise<void> => {
    log('info', 'stopping', { signal });
    await integration?.stop();
    await digests?.stop();
    await notifications?.stop();
    await slack?.stop();
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
};

start().catch((error: unknown) => {
  // Bad configuration exits non-zero with the field named; anything else is logged as it is.
  log('error', isAppError(error) ? error.userMessage : String(error));
  process.exit(1);
});
