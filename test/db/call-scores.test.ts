/**
 * ADR 0060: each call's line of scores ("CallScores", what a report reads per call) is kept by the
 * database's triggers, so every write of a score or evaluation keeps it, whoever writes. On both
 * databases, after each write the kept lines equal what "CallScoresLive" computes from the rows:
 * - the product's own paths: the embedded scorer through the durable queue (its raw multi-row INSERT and
 *   the supersede UPDATEs of a re-score), imported AI and human scores, an exclusion, a forgotten call;
 * - 150 random writes a seeded generator makes straight to the tables: new evaluations with scores, score
 *   and evidence changes, scores and evaluations deleted, updates of many rows at once, calls deleted.
 * A call that is gone has no line; no other row changes a line.
 */
import { expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { Prisma } from '../../src/generated/sqlite/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { forgetCall } from '../../src/use-cases/forget.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { scoreQueuedCalls } from '../../src/use-cases/score-calls.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { all, calls, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';

const SLOW = { timeout: 180_000 };
const NOW = new Date('2026-10-20T14:00:00.000Z');

type Line = [string, string | null, string | null];

/** The kept lines and the computed ones, of every call there is; and the kept lines of calls that are gone. */
const lines = async (db: TestDatabase) => {
  const kept = await db.rows.rows(Prisma.sql`
    SELECT c."id", m."scores", m."scorers" FROM "Call" c LEFT JOIN "CallScores" m ON m."callId" = c."id" ORDER BY c."id"`);
  const live = await db.rows.rows(Prisma.sql`SELECT "callId", "scores", "scorers" FROM "CallScoresLive" ORDER BY "callId"`);
  const orphans = await db.rows.rows(Prisma.sql`
    SELECT m."callId" FROM "CallScores" m WHERE NOT EXISTS (SELECT 1 FROM "Call" c WHERE c."id" = m."callId")`);
  return { kept: kept as Line[], live: live as Line[], orphans };
};

const expectKept = async (db: TestDatabase, step: string): Promise<Line[]> => {
  const { kept, live, orphans } = await lines(db);
  expect(kept, step).toEqual(live);
  expect(orphans, step).toEqual([]);
  return kept;
};

const transcript = (i: number): string =>
  `Agent: Thank you for calling, this is call ${i}. How can I help?\n` +
  `Customer: I was charged twice on order ${i} and I am annoyed.\n` +
  `Agent: I'm sorry about that, I can see why. I have refunded the second charge on order ${i}. Is there anything else?\n`;

/** Scores the queue with the services' own repositories and scorer (as the CLI's `score` does). */
const scoreQueue = (services: Services) =>
  scoreQueuedCalls({
    ...services,
    now: () => new Date(),
    settings: {
      concurrency: 2,
      maxAttempts: 2,
      leaseMs: 30_000,
      backoffMs: 10,
      maxBackoffMs: 40,
      price: { promptPer1k: 0, completionPer1k: 0 },
    },
  });

describeEachDatabase('the calls’ lines of scores', (database) => {
  it(
    'when the product scores, re-scores, imports, excludes and forgets calls, then every line is the one its rows give',
    SLOW,
    async () => {
      const db = await database.open();
      try {
        const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
        await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
        const ingest = { directory: services.directory, calls: services.calls, now: () => new Date(), maxBytes: 100_000 };
        const ids: string[] = [];
        for (let i = 0; i < 6; i += 1) {
          const result = await ingestCall(ingest, {
            content: transcript(i),
            fileName: `call-${i}.txt`,
            agent: `AG-10${(i % 3) + 1}`,
            callType: 'billing_dispute',
            source: 'cli',
          });
          if (result.status !== 'imported') throw new Error(`call ${i} was not imported: ${result.status}`);
          ids.push(result.callId);
        }
        await expectKept(db, 'queued calls');
        expect((await lines(db)).kept.every(([, scores]) => scores === null)).toBe(true);

        await scoreQueue(services);
        await expectKept(db, 'scored by the embedded scorer');
        const scored = (await lines(db)).kept;
        expect(scored.every(([, scores, scorers]) => scores !== null && scorers?.startsWith('embedded\u001f'))).toBe(true);

        // A re-score supersedes the AI's rows: queue two calls again and score them.
        await db.prisma.call.updateMany({ where: { id: { in: ids.slice(0, 2) } }, data: { state: 'queued', attempts: 0 } });
        await scoreQueue(services);
        await expectKept(db, 're-scored');

        await importScores(
          services,
          scoresCsv([
            calls({ agent: 'AG-101', idPrefix: 'IMP', at: spaced(PERIOD[1], 3, 20), scores: all(70) }).map((call, i) =>
              i === 1 ? { ...call, human: { reviewer: 'qa@example.com', scores: { empathy: 30 } } } : call,
            ),
          ]),
        );
        await expectKept(db, 'imported AI and human scores');
        expect((await lines(db)).kept.some(([, scores]) => scores?.includes('empathy human high 30'))).toBe(true);

        await services.readiness.exclude({ callId: ids[2] as string, reason: 'test call', by: 'maya', at: NOW });
        await forgetCall({ ...services, now: () => NOW }, ids[3] as string, 'dpo@example.com');
        await expectKept(db, 'excluded and forgotten');
        expect((await lines(db)).kept.map(([id]) => id)).not.toContain(ids[3]);
      } finally {
        await db.close();
      }
    },
  );

  it('when 150 random writes go straight to the tables, then after each every line is the one its rows give', SLOW, async () => {
    const db = await database.open();
    try {
      const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
      await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
      await importScores(services, scoresCsv([calls({ agent: 'AG-102', idPrefix: 'R', at: spaced(PERIOD[0], 8, 20), scores: all(60) })]));
      const random = seededRandom(2026);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const keys = ['empathy', 'active_listening', 'tone_consistency', 'problem_resolution', 'close_follow_through'];
      const evidence = [null, [], [{ turn: 1, role: 'agent', quote: 'I can see why' }]];
      const models = [null, 'gpt 4o, mini', 'local-7b'];
      const done: Record<string, number> = {};
      const seen = { twoScorers: false, quoted: false, model: false };
      for (let step = 0; step < 150; step += 1) {
        const callIds = (await db.prisma.call.findMany({ select: { id: true } })).map((call) => call.id);
        if (callIds.length === 0) break;
        const callId = pick(callIds);
        const kind = pick([
          'evaluate',
          'evaluate',
          'score',
          'evidence',
          'retire',
          'supersede',
          'model',
          'deleteScore',
          'deleteEvaluation',
          'many',
          'deleteCall',
        ]);
        done[kind] = (done[kind] ?? 0) + 1;
        const scores = await db.prisma.criterionScore.findMany({ where: { callId }, select: { id: true } });
        if (kind === 'evaluate') {
          const source = random() < 0.3 ? 'human' : 'ai';
          await db.prisma.evaluation.create({
            data: {
              callId,
              source,
              scorer: source === 'human' ? 'review' : pick(['llm', 'embedded', 'import']),
              model: source === 'human' ? null : pick(models),
              current: random() < 0.8,
              scores: {
                create: keys
                  .filter(() => random() < 0.7)
                  .map((criterionKey) => ({
                    callId,
                    source,
                    criterionKey,
                    level: 3,
                    score: random() < 0.1 ? null : Math.round(random() * 400) / 4,
                    applicable: random() < 0.9,
                    confidence: random() < 0.2 ? 'low' : 'high',
                    current: random() < 0.85,
                    evidence: pick(evidence) ?? Prisma.JsonNull,
                  })),
              },
            },
          });
        } else if (kind === 'score' && scores.length > 0) {
          await db.prisma.criterionScore.update({
            where: { id: pick(scores).id },
            data: { score: Math.round(random() * 100), applicable: random() < 0.8, confidence: pick(['high', 'low']) },
          });
        } else if (kind === 'evidence' && scores.length > 0) {
          await db.prisma.criterionScore.update({ where: { id: pick(scores).id }, data: { evidence: pick(evidence) ?? Prisma.JsonNull } });
        } else if (kind === 'retire') {
          await db.prisma.evaluation.updateMany({ where: { callId, source: 'ai' }, data: { current: random() < 0.5 } });
        } else if (kind === 'supersede') {
          await db.prisma.criterionScore.updateMany({ where: { callId, source: 'ai' }, data: { current: false } });
        } else if (kind === 'model') {
          const evaluation = await db.prisma.evaluation.findFirst({ where: { callId, source: 'ai' } });
          if (evaluation) await db.prisma.evaluation.update({ where: { id: evaluation.id }, data: { model: pick(models) } });
        } else if (kind === 'deleteScore' && scores.length > 0) {
          await db.prisma.criterionScore.delete({ where: { id: pick(scores).id } });
        } else if (kind === 'deleteEvaluation') {
          const evaluation = await db.prisma.evaluation.findFirst({ where: { callId } });
          if (evaluation) await db.prisma.evaluation.delete({ where: { id: evaluation.id } });
        } else if (kind === 'many') {
          // One statement over several calls' rows.
          await db.prisma.criterionScore.updateMany({ where: { criterionKey: pick(keys) }, data: { current: random() < 0.5 } });
        } else if (kind === 'deleteCall' && random() < 0.3) {
          await db.prisma.call.delete({ where: { id: callId } });
        }
        for (const [, scores, scorers] of await expectKept(db, `step ${step}: ${kind}`)) {
          seen.twoScorers ||= (scorers ?? '').includes('\u001e');
          seen.model ||= (scorers ?? '').includes('\u001fgpt 4o, mini');
          seen.quoted ||= / q(,|$)/.test(scores ?? '');
        }
      }
      // The walk did what it is meant to: every kind of write, and lines with several scorers and quotes.
      expect(Object.keys(done).sort()).toEqual(
        ['deleteCall', 'deleteEvaluation', 'deleteScore', 'evaluate', 'evidence', 'many', 'model', 'retire', 'score', 'supersede'].sort(),
      );
      expect(seen).toEqual({ twoScorers: true, quoted: true, model: true });
    } finally {
      await db.close();
    }
  });
});
