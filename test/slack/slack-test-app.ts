/**
 * The app as it runs (composeApp, ADR 0023) on loopback for integration tests: Bolt's HTTP receiver (or
 * Socket Mode through its WebSocket fake), a fake Slack (Web API, file uploads and response URLs), the
 * scoring worker, notification loop and digest tasks, a fresh SQLite database with the example config applied and
 * scores imported so that Ana (AG-101, U0ANA00001) is ready for basic_inbound and Ben (AG-102,
 * U0BEN00001) is not; Maya (U0MAYA0001) manages their team.
 */
import { loadConfig, type Config } from '../../src/config/config-file.ts';
import type { Services } from '../../src/services.ts';
import type { SlackApp } from '../../src/slack/create-slack-app.ts';
import { createSlackLogger } from '../../src/slack/create-slack-logger.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { createServices } from '../../src/services.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import type { FakeSlack } from '../fakes/slack-api.ts';
import type { FakeSocketMode } from '../fakes/socket-mode.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { openBuilt, withSqlite, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';
import { startLoopbackSlackApp, type LoopbackApp } from '../support/start-loopback-slack-app.ts';

export const SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackTestApp {
  db: TestDatabase;
  services: Services;
  config: Config;
  slack: FakeSlack;
  app: SlackApp;
  /** The running app (composeApp): its digests, notifications and log. */
  running: LoopbackApp;
  /** The WebSocket fake of Socket Mode (mode 'socket'), else null. */
  socket: FakeSocketMode | null;
  eventsUrl: string;
  /** What Bolt logged at warn level and above. */
  logLines: string[];
  stop: () => Promise<void>;
}

const batch = (agent: string, k: number, score: number) => calls({ agent, at: spaced(PERIOD[k] as string, 15), scores: all(score) });
const baseline = (agent: string) => calls({ agent, at: daily('2026-07-01', 20), scores: all(60) });
/** The scores every app starts with: Ana ready for basic_inbound, Ben not. */
const SEED_CSV = scoresCsv([
  baseline('AG-101'),
  batch('AG-101', 0, 80),
  batch('AG-101', 1, 82),
  baseline('AG-102'),
  batch('AG-102', 0, 90),
  batch('AG-102', 1, 70),
]);

/**
 * The app as it runs (composeApp), in Slack's HTTP mode (default) or Socket Mode. `config`: another
 * config than the example file (it must keep the example's Ana, Ben and Maya); `database`: another fresh
 * database than SQLite (withPostgres).
 */
export const startSlackTestApp = async (
  options: { config?: Config; mode?: 'http' | 'socket'; database?: () => Promise<TestDatabase> } = {},
): Promise<SlackTestApp> => {
  const config = options.config ?? (await loadConfig(EXAMPLE_CONFIG));
  // The config applied at NOW and the scores imported, as the app's start-up and its seed hook would; the
  // app then starts on it as on a restart (the config unchanged). From the third start in a worker with the
  // same config, a copy of that database (openBuilt, ADR 0049), which spares each test the 140-call import.
  const db = await openBuilt(
    options.database ?? withSqlite,
    `config ${JSON.stringify(config)} applied at ${NOW.toISOString()}, then\n${SEED_CSV}`,
    async (fresh) => {
      const services = createServices(fresh, { scorer: createEmbeddedScorer(), now: () => NOW });
      await applyConfig(services, config);
      await importScores(services, SEED_CSV);
    },
  );
  const logLines: string[] = [];
  try {
    const running = await startLoopbackSlackApp({
      db,
      config,
      mode: options.mode ?? 'http',
      signingSecret: SECRET,
      now: () => NOW,
      slackLogger: createSlackLogger({ level: 'warn', write: (line) => logLines.push(line) }),
    });
    return {
      db,
      services: running.services,
      config,
      slack: running.slack,
      app: running.app,
      running,
      socket: running.socket,
      eventsUrl: running.eventsUrl,
      logLines,
      stop: async () => {
        await running.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
};
