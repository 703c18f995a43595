/**
 * The real Slack app over real HTTP on loopback for integration tests: Bolt's HTTP receiver, a fake
 * Slack (Web API and response URLs), a fresh SQLite database with the example config applied and
 * scores imported so that Ana (AG-101, U0ANA00001) is ready for basic_inbound and Ben (AG-102,
 * U0BEN00001) is not; Maya (U0MAYA0001) manages their team.
 */
import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { SLACK_EVENTS_PATH, type SlackApp } from '../../src/slack/create-slack-app.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { createSlackLogger } from '../../src/slack/create-slack-logger.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import type { FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';
import { startLoopbackSlackApp } from '../support/start-loopback-slack-app.ts';

export const SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackTestApp {
  db: TestDatabase;
  services: Services;
  config: Config;
  slack: FakeSlack;
  app: SlackApp;
  eventsUrl: string;
  /** What the app logged at warn level and above. */
  logLines: string[];
  stop: () => Promise<void>;
}

const batch = (agent: string, k: number, score: number) => calls({ agent, at: spaced(PERIOD[k] as string, 15), scores: all(score) });
const baseline = (agent: string) => calls({ agent, at: daily('2026-07-01', 20), scores: all(60) });

/** `config`: another config than the example file (it must keep the example's Ana, Ben and Maya). */
export const startSlackTestApp = async (options: { config?: Config; charts?: SlackDeps['charts'] } = {}): Promise<SlackTestApp> => {
  const db = await withSqlite();
  const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  const config = options.config ?? (await loadConfig(EXAMPLE_CONFIG));
  await applyConfig(services, config);
  await importScores(
    services,
    scoresCsv([
      baseline('AG-101'),
      batch('AG-101', 0, 80),
      batch('AG-101', 1, 82),
      baseline('AG-102'),
      batch('AG-102', 0, 90),
      batch('AG-102', 1, 70),
    ]),
  );
  const logLines: string[] = [];
  const { slack, app, port } = await startLoopbackSlackApp({
    signingSecret: SECRET,
    deps: { services, thresholds: config.thresholds, ...(options.charts ? { charts: options.charts } : {}) },
    logger: createSlackLogger({ level: 'warn', write: (line) => logLines.push(line) }),
  });
  return {
    db,
    services,
    config,
    slack,
    app,
    eventsUrl: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    logLines,
    stop: async () => {
      await app.stop();
      await slack.close();
      await db.close();
    },
  };
};
