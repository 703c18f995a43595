import type { Logger } from '@slack/bolt';

import { parseEnv } from '../../src/config/env.ts';
import { createSlackApp, type CreateSlackAppOptions, type SlackApp } from '../../src/slack/create-slack-app.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';

/** The listeners' dependencies, less the file host: the Slack environment gives it (SLACK_FILES_URL = the fake's file host). */
export type LoopbackSlackDeps = Omit<SlackDeps, 'ingest'> & { ingest?: Omit<NonNullable<SlackDeps['ingest']>, 'fileOrigins'> };

/**
 * The real Bolt app in HTTP mode on loopback (any free port), against a fresh fake Slack Web API: the
 * start-up every Slack integration test shares. The caller stops the app and closes the fake.
 */
export const startLoopbackSlackApp = async (options: {
  signingSecret: string;
  deps: LoopbackSlackDeps;
  logger: Logger;
  routes?: CreateSlackAppOptions['routes'];
}): Promise<{ slack: FakeSlack; app: SlackApp; port: number }> => {
  const slack = await startFakeSlack();
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_FILES_URL: slack.filesUrl,
  });
  if (!env.slack) throw new Error('expected a Slack environment');
  const { ingest, ...rest } = options.deps;
  const app = await createSlackApp({
    slack: env.slack,
    deps: { ...rest, ...(ingest ? { ingest: { ...ingest, fileOrigins: env.slack.fileOrigins } } : {}) },
    port: 0,
    host: '127.0.0.1',
    logger: options.logger,
    ...(options.routes ? { routes: options.routes } : {}),
  });
  const { port } = await app.start();
  return { slack, app, port: port as number };
};
