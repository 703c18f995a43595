/**
 * Retrying failed DMs, on SQLite and PostgreSQL: the real Slack WebClient posts to the fake Slack Web
 * API, set to refuse DMs to Maya (U0MAYA0001) a number of times. Ana (AG-101) is ready for
 * basic_inbound and two of her targeted criteria stayed at baseline: one bundled DM of three
 * recommendations, each under its own outbox key.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { DEFAULT_MAX_ATTEMPTS, sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { testSender } from '../support/test-sender.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';

const MAYA = 'U0MAYA0001';

describeEachDatabase('retrying failed notifications', (database) => {
  let db: TestDatabase;
  let services: Services;
  let config: Config;
  let slack: FakeSlack;
  const others: Database[] = [];

  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
    config = await loadConfig(EXAMPLE_CONFIG);
    await applyConfig(services, config);
    await importScores(
      services,
      scoresCsv([
        calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(78) }),
        calls({ agent: 'AG-101', at: spaced(PERIOD[0], 15), scores: all(80) }),
        calls({ agent: 'AG-101', at: spaced(PERIOD[1], 15), scores: all(82) }),
      ]),
    );
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    while (others.length > 0) await others.pop()?.close();
    await slack.close();
    await db.close();
  });

  const notify = (on: Services = services) =>
    sendNotifications({ services: on, config, sender: testSender(on.outbox, slack.apiUrl), now: NOW });
  /** chat.postMessage calls to Maya: every attempt, and those Slack accepted. */
  const attemptsToMaya = () => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === MAYA);
  const deliveredToMaya = () => attemptsToMaya().filter((call) => call.error === undefined);
  const rows = () =>
    db.prisma.notification.findMany({ orderBy: { key: 'asc' }, select: { key: true, status: true, attempts: true, error: true } });

  it('when a DM fails, then the next run retries the whole bundle and records it sent', async () => {
    slack.failPosts({ channel: MAYA, error: 'internal_error', times: 1 });

    const first = await notify();
    expect(first.failed).toEqual([
      { key: expect.stringMatching(/^readiness_reached:/), keys: expect.any(Array), recipient: MAYA, error: 'internal_error' },
    ]);
    expect(first.failed[0]?.keys).toHaveLength(3);
    expect((await rows()).map((row) => [row.status, row.attempts, row.error])).toEqual(Array(3).fill(['failed', 1, 'internal_error']));

    const second = await notify();
    expect(second).toMatchObject({ sent: 1, retried: 3, alreadyClaimed: 0, failed: [], errors: [] });
    expect(deliveredToMaya()).toHaveLength(1);
    const [dm] = deliveredToMaya();
    expect(String(dm?.args.text).split('\n')).toHaveLength(3);
    expect((await rows()).map((row) => [row.status, row.attempts, row.error])).toEqual(Array(3).fill(['sent', 2, null]));

    // Sent is final.
    const third = await notify();
    expect(third).toMatchObject({ sent: 0, retried: 0, alreadyClaimed: 3, planned: [] });
    expect(attemptsToMaya()).toHaveLength(2);
  });

  it(`when every attempt fails, then after ${DEFAULT_MAX_ATTEMPTS} attempts it stays failed and is not tried again`, async () => {
    slack.failPosts({ channel: MAYA, error: 'internal_error' });

    for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS; attempt += 1) {
      const run = await notify();
      expect(run.failed).toHaveLength(1);
      expect(run.retried).toBe(attempt === 1 ? 0 : 3);
      expect((await rows()).every((row) => row.status === 'failed' && row.attempts === attempt)).toBe(true);
    }
    expect(attemptsToMaya()).toHaveLength(DEFAULT_MAX_ATTEMPTS);

    const after = await notify();
    expect(after).toMatchObject({ sent: 0, retried: 0, failed: [], planned: [], alreadyClaimed: 3 });
    expect(attemptsToMaya()).toHaveLength(DEFAULT_MAX_ATTEMPTS);
    expect((await rows()).map((row) => [row.status, row.attempts, row.error])).toEqual(
      Array(3).fill(['failed', DEFAULT_MAX_ATTEMPTS, 'internal_error']),
    );
    // A dry run shows only what would really go out: nothing.
    expect(
      (await sendNotifications({ services, config, sender: testSender(services.outbox, null), now: NOW, dryRun: true })).planned,
    ).toEqual([]);
  });

  it('when two instances retry the failed DM at once, then Maya gets it once', async () => {
    slack.failPosts({ channel: MAYA, error: 'internal_error', times: 1 });
    await notify();
    const other = await openDatabase(db.url, { migrate: false });
    others.push(other);
    const otherServices = createServices(other, { scorer: createEmbeddedScorer(), now: () => NOW });

    const [a, b] = await Promise.all([notify(), notify(otherServices)]);

    expect(a.errors.concat(b.errors)).toEqual([]);
    expect(a.retried + b.retried).toBe(3);
    // Each recommendation once: one DM, or (if the two split the keys) parts that add up to one.
    const lines = deliveredToMaya().flatMap((call) => String(call.args.text).split('\n'));
    expect(lines).toHaveLength(3);
    expect(new Set(lines).size).toBe(3);
    expect((await rows()).map((row) => [row.status, row.attempts])).toEqual(Array(3).fill(['sent', 2]));
  });
});
