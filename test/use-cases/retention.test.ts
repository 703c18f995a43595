/**
 * Retention (issue 18): `retention.callDays` erases calls older than that, daily, once across instances.
 * Two instances are two connections to one database (as two processes are), on SQLite and PostgreSQL: their
 * schedulers' start-up runs and their daily tasks race for the day's RetentionRun; exactly one erases.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createRetentionRepository } from '../../src/db/retention-repository.ts';
import { startRetentionScheduler, type RetentionScheduler } from '../../src/scheduler/start-retention-scheduler.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { runRetention } from '../../src/use-cases/run-retention.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, scoresCsv } from '../support/score-scenarios.ts';

const NOW = new Date('2026-12-05T03:00:00Z');
const CALL_DAYS = 90; // cutoff 2026-09-06T03:00Z
const OLD_WORDS = 'Quillfeather marzipan harbour';
const NEW_WORDS = 'Brindlewood lantern orchard';
const quiet = { info: () => {}, error: (message: string, extra?: Record<string, unknown>) => console.error(message, extra) };

describeEachDatabase('retention', (database) => {
  let db: TestDatabase;
  let second: Database;
  let first: Services;
  let oldCallId: string;

  beforeEach(async () => {
    db = await database.open();
    second = await openDatabase(db.url, { migrate: false });
    first = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
    await applyConfig(first, await loadConfig(EXAMPLE_CONFIG));
    const ingest = (externalId: string, words: string, at: string) =>
      ingestCall(
        { directory: first.directory, calls: first.calls, now: () => NOW, maxBytes: 1_000_000 },
        {
          content: `Agent: Thank you for calling, how can I help?\nCustomer: ${words}, my bill is wrong.`,
          agent: 'AG-101',
          externalId,
          occurredAt: new Date(at),
          source: 'cli',
        },
      );
    const old = await ingest('old-1', OLD_WORDS, '2026-08-01T10:00:00Z');
    if (old.status !== 'imported') throw new Error('the old call was not imported');
    oldCallId = old.callId;
    await ingest('new-1', NEW_WORDS, '2026-11-20T10:00:00Z');
    // 20 old calls with scores (a baseline from before the cutoff) and 3 after it.
    await importScores(
      first,
      scoresCsv([
        calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60) }),
        calls({ agent: 'AG-102', at: daily('2026-11-01', 3), scores: all(70) }),
      ]),
    );
    // A DM about the old call, already sent, and an approval whose evidence names it.
    await first.outbox.claimNotification({
      key: `summary:${oldCallId}`,
      kind: 'score_summary',
      recipient: 'U0ANA00001',
      payload: { callId: oldCallId, quote: OLD_WORDS },
      at: NOW,
    });
    const agent = await db.prisma.agent.findUniqueOrThrow({ where: { key: 'ana.ruiz@example.com' } });
    await db.prisma.readinessDecision.create({
      data: {
        agentId: agent.id,
        callType: 'basic_inbound',
        approvedBy: 'Maya Chen (U0MAYA0001)',
        approvedAt: new Date('2026-09-01T00:00:00Z'),
        evidence: { batches: [{ overall: 81, calls: 15, callIds: [oldCallId] }] },
      },
    });
  });

  afterEach(async () => {
    await second.close();
    await db.close();
  });

  const expectErasedOnce = async (): Promise<void> => {
    const left = await db.prisma.call.findMany({ select: { externalId: true, occurredAt: true } });
    expect(left.every((call) => call.occurredAt >= new Date('2026-09-06T03:00:00Z'))).toBe(true);
    expect(left.map((call) => call.externalId).includes('new-1')).toBe(true);
    expect(left).toHaveLength(4);
    expect(await db.prisma.criterionScore.count({ where: { call: { agent: { key: 'ana.ruiz@example.com' } } } })).toBe(0);
    const audit = await db.prisma.erasure.findMany();
    expect(audit.map((row) => [row.kind, row.by, row.calls, row.scores, row.messages])).toEqual([['retention', 'retention', 21, 100, 1]]);
    const runs = await db.prisma.retentionRun.findMany();
    expect(runs.map((run) => [run.key, run.status, run.deleted])).toEqual([['2026-12-05', 'done', 21]]);
    // The DM keeps its key and status (nothing is sent again), not its text; the approval keeps its figures.
    const message = await db.prisma.notification.findUniqueOrThrow({ where: { key: `summary:${oldCallId}` } });
    expect(JSON.stringify(message.payload)).not.toContain(OLD_WORDS);
    expect(message.status).toBe('pending');
    const decision = await db.prisma.readinessDecision.findFirstOrThrow();
    expect(decision.evidence).toMatchObject({ batches: [{ overall: 81, calls: 15 }] });
  };

  it('when two instances start with retention on at once and their daily tasks fire together, then one erases the old calls once, with one audit row', async () => {
    const config = { callDays: CALL_DAYS, cron: '30 2 * * *' };
    const schedulers: RetentionScheduler[] = [];
    for (const connection of [db, second]) {
      const started = startRetentionScheduler({
        retention: createRetentionRepository(connection.prisma, connection.provider),
        config,
        leaseMinutes: 10,
        logger: quiet,
        now: () => NOW,
      });
      if (started === null) throw new Error('retention did not start');
      schedulers.push(started);
    }
    try {
      const results = await Promise.all(schedulers.map((scheduler) => scheduler.started));
      expect(results.map((result) => result?.status).sort()).toEqual(['done', 'taken']);
      // The day's cron firing on both instances (the same UTC day) erases nothing more. node-cron's
      // execute() fires with the wall clock's date, so the clock reads that day's 02:30 while it does
      // (before, this test held only while the real date was NOW's).
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-05T02:30:00Z') });
      try {
        await Promise.all(schedulers.map((scheduler) => scheduler.task.execute()));
      } finally {
        vi.useRealTimers();
      }
      await expectErasedOnce();
    } finally {
      for (const scheduler of schedulers) await scheduler.stop();
    }
  });

  it('when eight runs on two connections claim the same day at once, then exactly one erases and the others are told it is taken', async () => {
    const repos = [db, second].map((connection) => createRetentionRepository(connection.prisma, connection.provider));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        runRetention({ retention: repos[index % 2]!, now: () => NOW }, { callDays: CALL_DAYS, at: NOW, leaseMinutes: 10 }),
      ),
    );
    expect(results.filter((result) => result.status === 'done')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'taken')).toHaveLength(7);
    await expectErasedOnce();
  });

  it('when the run that claimed the day died, then a run within the lease leaves it and one after the lease takes it and erases', async () => {
    await db.prisma.retentionRun.create({ data: { key: '2026-12-05', cutoff: NOW, claimedAt: new Date('2026-12-05T02:30:00Z') } });
    const retention = createRetentionRepository(second.prisma, second.provider);
    const early = await runRetention(
      { retention, now: () => NOW },
      { callDays: CALL_DAYS, at: new Date('2026-12-05T02:35:00Z'), leaseMinutes: 10 },
    );
    expect(early.status).toBe('taken');
    expect(await db.prisma.call.count()).toBe(25);
    const later = await runRetention({ retention, now: () => NOW }, { callDays: CALL_DAYS, at: NOW, leaseMinutes: 10 });
    expect(later.status).toBe('done');
    await expectErasedOnce();
  });

  it('when retention is off or a dry run, then nothing is erased and the dry run counts what would go', async () => {
    const retention = createRetentionRepository(db.prisma, db.provider);
    expect((await runRetention({ retention, now: () => NOW }, { callDays: undefined, at: NOW, leaseMinutes: 10 })).status).toBe('off');
    const dry = await runRetention({ retention, now: () => NOW }, { callDays: CALL_DAYS, at: NOW, leaseMinutes: 10, dryRun: true });
    expect(dry).toMatchObject({ status: 'dry_run', counts: { calls: 21, scores: 100, disputes: 0 } });
    expect(await db.prisma.call.count()).toBe(25);
    expect(await db.prisma.retentionRun.count()).toBe(0);
    expect(
      startRetentionScheduler({ retention, config: { cron: '30 2 * * *' }, leaseMinutes: 10, logger: quiet, now: () => NOW }),
    ).toBeNull();
  });
});
