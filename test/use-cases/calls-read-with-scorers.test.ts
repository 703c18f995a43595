/**
 * Issue 23 (ADR 0059): a report reads its calls through the row reader (the driver Prisma uses, without
 * Prisma's row conversion), with each call's AI scorers, and counts who scored them from those calls
 * instead of a statement of its own. On both databases: the scorers counted from the calls are the ones
 * `scorerUse` counts (a model named with spaces and commas, two current AI evaluations on one call, an
 * excluded call and a queued one), the instants are the stored ones to the millisecond, a report that
 * quotes nothing reads no evidence, and the reader refuses a value it cannot bind.
 */
import { Prisma } from '../../src/generated/sqlite/client.ts';
import { expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { buildTeamReport, scorerUseOf } from '../../src/use-cases/build-readiness-report.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { assessScorerTrust } from '../../src/domain/readiness/index.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, PERIOD, scoresCsv, spaced, variedScores } from '../support/score-scenarios.ts';

const NOW = new Date('2026-10-20T14:00:00.000Z');
const SLOW = { timeout: 120_000 };
const MODEL = 'gpt 4o, mini (2026-09)';

const byKey = (records: readonly { agentId: string; scorer: string; model: string | null; calls: number }[]) =>
  [...records].sort((a, b) => `${a.agentId} ${a.scorer} ${a.model ?? '-'}`.localeCompare(`${b.agentId} ${b.scorer} ${b.model ?? '-'}`));

/** An AI evaluation of one call stored as another scorer would store it, with one evidence-quoted score. */
const storeAiEvaluation = async (db: TestDatabase, callId: string, scorer: string, model: string | null): Promise<void> => {
  await db.prisma.evaluation.create({
    data: {
      callId,
      source: 'ai',
      scorer,
      model,
      scores: {
        create: [
          {
            callId,
            source: 'ai',
            criterionKey: 'close_follow_through',
            level: 4,
            score: 75,
            evidence: [{ turn: 1, role: 'agent', quote: 'Is there anything else?' }],
          },
        ],
      },
    },
  });
};

const seed = async (db: TestDatabase) => {
  const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  const config = await loadConfig(EXAMPLE_CONFIG);
  await applyConfig(services, config);
  await importScores(
    services,
    scoresCsv([
      calls({ agent: 'AG-101', idPrefix: 'A', at: spaced(PERIOD[0], 16, 20), scores: variedScores(70) }),
      calls({ agent: 'AG-102', idPrefix: 'B', at: spaced(PERIOD[1], 16, 20), scores: all(64) }),
      calls({ agent: 'AG-103', idPrefix: 'C', at: spaced(PERIOD[1], 4, 20), scores: all(80) }),
    ]),
  );
  const call = (externalId: string) => db.prisma.call.findFirstOrThrow({ where: { externalId } });
  // An LLM whose model name holds spaces and commas, on two calls; on one of them beside the import's.
  await storeAiEvaluation(db, (await call('A-1')).id, 'llm', MODEL);
  await storeAiEvaluation(db, (await call('B-2')).id, 'llm', MODEL);
  await storeAiEvaluation(db, (await call('C-1')).id, 'embedded', null);
  // An instant with milliseconds, late in a day: read back to the millisecond.
  const odd = await call('C-2');
  await db.prisma.call.update({ where: { id: odd.id }, data: { occurredAt: new Date('2026-09-30T23:59:58.123Z') } });
  // PostgreSQL prints fractions without their trailing zeros (`.12`, none at all for a whole second).
  await db.prisma.call.update({ where: { id: (await call('C-3')).id }, data: { occurredAt: new Date('2026-09-30T08:00:00.120Z') } });
  await db.prisma.call.update({ where: { id: (await call('C-4')).id }, data: { occurredAt: new Date('2026-10-01T00:00:00.000Z') } });
  // An excluded call and a queued one: neither is read, nor counted as scored.
  await services.readiness.exclude({ callId: (await call('A-3')).id, reason: 'test call', by: 'maya', at: NOW });
  await db.prisma.call.update({ where: { id: (await call('B-4')).id }, data: { state: 'queued' } });
  const members = await services.directory.listAgents({ teamKey: 'northside' });
  return { services, config, ids: members.map((member) => member.id) };
};

describeEachDatabase('calls read with their scorers', (database) => {
  it('when a report reads calls, then the scorers counted from them are the ones scorerUse counts', SLOW, async () => {
    const db = await database.open();
    try {
      const { services, config, ids } = await seed(db);
      const read = await services.readiness.effectiveCalls(ids);
      const counted = scorerUseOf(read);
      const stored = await services.readiness.scorerUse(ids);
      expect(byKey(counted)).toEqual(byKey(stored));
      // What the data was meant to hold: three scorers, the model whole, and a call with two of them.
      expect(new Set(stored.map((use) => use.scorer))).toEqual(new Set(['import', 'llm', 'embedded']));
      expect(stored.filter((use) => use.model === MODEL).reduce((sum, use) => sum + use.calls, 0)).toBe(2);
      expect(read.some((call) => call.aiScorers.length === 2)).toBe(true);
      expect(read.map((call) => call.externalId)).not.toContain('A-3');
      expect(read.map((call) => call.externalId)).not.toContain('B-4');

      // The team report's trust is the one the statement's counts give.
      const report = await buildTeamReport(services, { team: 'northside', thresholds: config.thresholds });
      const pairs = await services.readiness.scorerPairs(ids);
      const rubric = await services.directory.currentRubric();
      const merged = new Map<string, { scorer: string; model: string | null; calls: number }>();
      for (const use of stored) {
        const key = `${use.scorer}\u0000${use.model ?? ''}`;
        const entry = merged.get(key) ?? { scorer: use.scorer, model: use.model, calls: 0 };
        entry.calls += use.calls;
        merged.set(key, entry);
      }
      expect(report.trust).toEqual(
        assessScorerTrust({ scorers: [...merged.values()], pairs, criteria: rubric?.criteria ?? [], thresholds: config.thresholds }),
      );
      expect(report.trust.primary?.scorer).toBe('import');
    } finally {
      await db.close();
    }
  });

  it('when calls are read, then their instants are the stored ones and a read that quotes nothing looks at no evidence', SLOW, async () => {
    const db = await database.open();
    try {
      const { services, ids } = await seed(db);
      // Read in a time zone far from UTC: a stored instant is UTC whatever the reader's zone.
      const zone = process.env.TZ;
      process.env.TZ = 'Pacific/Auckland';
      let read: Awaited<ReturnType<typeof services.readiness.effectiveCalls>>;
      try {
        read = await services.readiness.effectiveCalls(ids);
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
      const stored = await db.prisma.call.findMany({ where: { id: { in: read.map((call) => call.callId) } } });
      const at = new Map(stored.map((call) => [call.id, call.occurredAt.toISOString()]));
      expect(read.map((call) => call.occurredAt.toISOString())).toEqual(read.map((call) => at.get(call.callId)));
      for (const instant of ['2026-09-30T23:59:58.123Z', '2026-09-30T08:00:00.120Z', '2026-10-01T00:00:00.000Z'])
        expect(read.map((call) => call.occurredAt.toISOString())).toContain(instant);

      // Quotes: the three calls with an evidence-quoted score say so; without quotes none does, the rest equal.
      expect(
        read
          .filter((call) => call.quotedCriteria.length > 0)
          .map((call) => call.externalId)
          .sort(),
      ).toEqual(['A-1', 'B-2', 'C-1']);
      const unquoted = await services.readiness.effectiveCalls(ids, { quotes: false });
      expect(unquoted.every((call) => call.quotedCriteria.length === 0)).toBe(true);
      expect(unquoted).toEqual(read.map((call) => ({ ...call, quotedCriteria: [] })));
    } finally {
      await db.close();
    }
  });

  it('when a value the reader cannot bind is passed, then it says what it binds and reads nothing', async () => {
    const db = await database.open();
    try {
      const select = Prisma.sql`SELECT ${new Date('2026-01-01T00:00:00Z')} AS "at"`;
      if (db.provider === 'sqlite') await expect(db.rows.rows(select)).rejects.toThrow(/binds text and numbers only, not object/);
      // PostgreSQL binds a Date itself (pg writes it as a timestamp); text comes back as text.
      else expect((await db.rows.rows(Prisma.sql`SELECT ${'a b, c'}::text AS "t", 2.5::float8 AS "n"`))[0]).toEqual(['a b, c', '2.5']);
      expect(await db.rows.rows(Prisma.sql`SELECT ${'x'} AS "t", ${3} AS "n"`)).toEqual([['x', '3']]);
    } finally {
      await db.close();
    }
  });
});
