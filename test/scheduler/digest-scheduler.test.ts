import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Config } from '../../src/config/config-file.ts';
import type { SlackMessage } from '../../src/slack/blocks/limits.ts';
import { createDigestTask, startDigestScheduler, type DigestSchedulerDeps } from '../../src/scheduler/start-digest-scheduler.ts';
import type { Services } from '../../src/services.ts';
import type { Sender } from '../../src/use-cases/sending/sender.ts';
import { senderWith, testSender } from '../support/test-sender.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { CHANNEL, DIGEST_NOW, MAYA, seedDigestScenario } from '../use-cases/digest-scenario.ts';

let db: TestDatabase;
let services: Services;
let config: Config;
let fake: FakeSlack;
let lines: { level: string; message: string; extra?: Record<string, unknown> }[];

const depsWith = (sender: Sender<SlackMessage>): DigestSchedulerDeps => ({
  services,
  config,
  sender,
  now: () => DIGEST_NOW,
  logger: {
    info: (message, extra) => lines.push({ level: 'info', message, ...(extra ? { extra } : {}) }),
    error: (message, extra) => lines.push({ level: 'error', message, ...(extra ? { extra } : {}) }),
  },
});

beforeEach(async () => {
  db = await withSqlite();
  ({ services, config } = await seedDigestScenario(db));
  fake = await startFakeSlack();
  lines = [];
});
afterEach(async () => {
  await fake.close();
  await db.close();
});

const realSlack = () => testSender(services.outbox, fake.apiUrl, { retries: false });

describe('the digest scheduler', () => {
  it("when a team's cron task runs, then the team's digest is posted to its channel and DMed to its manager", async () => {
    const team = config.teams[0]!;
    const task = createDigestTask(depsWith(realSlack()), team);

    await task.execute();

    const posts = fake.calls.filter((call) => call.method === 'chat.postMessage');
    expect(posts.map((call) => call.args.channel).sort()).toEqual([CHANNEL, MAYA].sort());
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'digest sent', extra: expect.objectContaining({ key: 'northside:2026-W36' }) }),
    );
  });

  it('when the task runs twice for the same week, then the digest goes out once', async () => {
    const task = createDigestTask(depsWith(realSlack()), config.teams[0]!);

    await task.execute();
    await task.execute();

    expect(fake.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === CHANNEL)).toHaveLength(1);
  });

  it('when a run fails, then the task resolves, the error is logged and recorded', async () => {
    const broken = senderWith(services.outbox, {
      post: async (to) => {
        if (to.kind === 'channel') throw new Error('An API error occurred: not_in_channel');
        return undefined;
      },
    });
    const task = createDigestTask(depsWith(broken), config.teams[0]!);

    await expect(task.execute()).resolves.toMatchObject({ status: 'failed' });

    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'digest failed' }));
    expect((await db.prisma.digestRun.findFirstOrThrow()).error).toContain('not_in_channel');
  });

  it('when the scheduler starts, then each team has a task at its cron in its time zone, and stop() ends them', async () => {
    const scheduler = startDigestScheduler(depsWith(realSlack()));
    try {
      expect(scheduler.tasks.map((task) => task.name)).toEqual(['digest:northside']);
      expect(scheduler.tasks[0]?.getPattern()).toBe('0 9 * * MON');
      // Mondays 09:00 in America/Chicago: 14:00 or 15:00 UTC depending on daylight saving.
      const next = scheduler.tasks[0]?.getNextRun();
      expect(next?.getUTCDay()).toBe(1);
      expect([14, 15]).toContain(next?.getUTCHours());
    } finally {
      await scheduler.stop();
    }
    expect(scheduler.tasks[0]?.getStatus()).toBe('destroyed');
  });
});
