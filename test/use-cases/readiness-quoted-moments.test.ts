/**
 * Issue 23: one agent's report reads the evidence quotes of the moments it shows, not of every call
 * (ADR 0041). The report must be exactly what it was when every quote was read: the oracle below is the
 * query and fold the report used before (every score's evidence, joined), and the report built from it
 * is compared whole. Rows that carry evidence are counted where they leave the database (a Prisma query
 * extension over the same client the services use).
 */
import { expect, it } from 'vitest';

import type { Database, PrismaClient } from '../../src/db/client.ts';
import { callOverall } from '../../src/domain/call-overall.ts';
import type { AgentRecord } from '../../src/domain/records.ts';
import type { CallMoment, ScoredCall } from '../../src/domain/readiness/index.ts';
import type { CallKind, Criterion, Frustration, Role } from '../../src/domain/types.ts';
import { Prisma } from '../../src/generated/sqlite/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import {
  buildReadinessReport,
  buildTeamReport,
  composeAgentReport,
  loadAgentReportSource,
  UNSPECIFIED_CALL_TYPE,
} from '../../src/use-cases/build-readiness-report.ts';
import { createMomentBook } from '../../src/use-cases/quoted-moments.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, spaced } from '../support/score-scenarios.ts';
import { DECISION_NOW, seedScenario } from './readiness-decisions.ts';

const SLOW = { timeout: 240_000 };

/** The query and fold of the report before issue 23: every current applicable score with its evidence. */
const callsAsBefore = async (prisma: PrismaClient, agentId: string, criteria: readonly Criterion[]): Promise<ScoredCall[]> => {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      externalId: string | null;
      callType: string | null;
      kind: string;
      occurredAt: Date | string;
      frustration: string | null;
      reviewReason: string | null;
      criterionKey: string | null;
      source: string | null;
      score: number | null;
      confidence: string | null;
      evidence: unknown;
    }[]
  >`
    SELECT c."id", c."externalId", c."callType", c."kind", c."occurredAt", c."frustration", c."reviewReason",
           s."criterionKey", s."source", s."score", s."confidence", s."evidence"
    FROM "Call" c
    LEFT JOIN "CriterionScore" s
      ON s."callId" = c."id" AND s."current" AND s."applicable" AND s."score" IS NOT NULL
    WHERE c."agentId" IN (${Prisma.join([agentId])})
      AND c."state" IN ('scored', 'imported')
      AND NOT EXISTS (SELECT 1 FROM "Exclusion" e WHERE e."callId" = c."id" AND e."undoneAt" IS NULL)
    ORDER BY c."occurredAt", c."id"`;
  type Call = {
    row: (typeof rows)[number];
    criteria: Record<string, number>;
    humanCriteria: string[];
    unverified: string[];
    moments: CallMoment[];
    human: (typeof rows)[number][];
  };
  const addMoments = (call: Call, row: (typeof rows)[number]) => {
    const raw = typeof row.evidence === 'string' ? (JSON.parse(row.evidence) as unknown) : row.evidence;
    if (!Array.isArray(raw)) return;
    for (const item of raw as { turn: number; role: Role; quote: string }[])
      call.moments.push({ criterionKey: row.criterionKey as string, turn: item.turn, role: item.role, quote: item.quote });
  };
  const found: Call[] = [];
  for (const row of rows) {
    let call = found.at(-1);
    if (!call || call.row.id !== row.id) {
      call = { row, criteria: {}, humanCriteria: [], unverified: [], moments: [], human: [] };
      found.push(call);
    }
    if (row.criterionKey === null) continue;
    if (row.source === 'human') call.human.push(row);
    else {
      call.criteria[row.criterionKey] = Number(row.score);
      if (row.confidence === 'low') call.unverified.push(row.criterionKey);
      addMoments(call, row);
    }
  }
  return found.map((call) => {
    for (const row of call.human) {
      const key = row.criterionKey as string;
      call.criteria[key] = Number(row.score);
      call.humanCriteria.push(key);
      call.unverified = call.unverified.filter((unverified) => unverified !== key);
      addMoments(call, row);
    }
    return {
      callId: call.row.id,
      externalId: call.row.externalId,
      callType: call.row.callType ?? UNSPECIFIED_CALL_TYPE,
      kind: call.row.kind as CallKind,
      occurredAt: new Date(call.row.occurredAt),
      frustration: call.row.frustration as Frustration | null,
      criteria: call.criteria,
      overall: callOverall(
        Object.entries(call.criteria).map(([criterionKey, score]) => ({
          criterionKey,
          source: call.humanCriteria.includes(criterionKey) ? ('human' as const) : ('ai' as const),
          score,
          applicable: true,
        })),
        criteria,
        { heldForReview: call.row.reviewReason !== null },
      ).effective,
      moments: call.moments,
      ...(call.unverified.length > 0 ? { unverified: call.unverified } : {}),
      ...(call.row.reviewReason ? { needsReview: call.row.reviewReason } : {}),
    };
  });
};

/** Counts the rows that leave the database carrying an `evidence` column, and their calls. */
const countEvidenceRows = (db: Database) => {
  const seen = { rows: 0, calls: new Set<string>() };
  const prisma = db.prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        const result = await query(args);
        if (Array.isArray(result))
          for (const row of result as Record<string, unknown>[]) {
            if (row === null || typeof row !== 'object' || !('evidence' in row)) continue;
            seen.rows += 1;
            seen.calls.add(String(row.callId ?? row.id));
          }
        return result;
      },
    },
  }) as unknown as PrismaClient;
  return { services: createServices({ ...db, prisma }, { scorer: createEmbeddedScorer(), now: () => DECISION_NOW }), seen };
};

/** Sets evidence on scores, one statement per score (a few hundred). */
const setEvidence = async (db: TestDatabase, updates: readonly { id: string; evidence: unknown }[]): Promise<void> => {
  for (let start = 0; start < updates.length; start += 100) {
    await db.prisma.$transaction(
      updates.slice(start, start + 100).map((update) =>
        db.prisma.criterionScore.update({
          where: { id: update.id },
          data: { evidence: update.evidence === null ? Prisma.JsonNull : (update.evidence as Prisma.InputJsonValue) },
        }),
      ),
    );
  }
};

describeEachDatabase('quoted moments read for the moments shown', (database) => {
  it(
    'when a report quotes moments, then it is the report every quote gives, and only the quoted calls (and the ones passed over to find them) had their evidence read',
    SLOW,
    async () => {
      const db = await database.open();
      try {
        // Ana (AG-101): not ready after two batches, roleplay far above live, so below_threshold and
        // roleplay_live_gap quote moments; a human re-score with its own evidence; the lowest call on
        // problem resolution quotes only the customer there, so the report passes over it.
        const batch = (k: number) =>
          calls({
            agent: 'AG-101',
            idPrefix: `ANA-${k}`,
            at: spaced(PERIOD[k] as string, 16),
            scores: (i) => ({
              empathy: 60 + (i % 4) * 5,
              active_listening: 85,
              tone_consistency: 62 + (i % 3) * 4,
              problem_resolution: k === 1 && i === 7 ? 40 : 64 + (i % 5) * 3,
              close_follow_through: 80,
            }),
          });
        const roleplay = calls({ agent: 'AG-101', kind: 'roleplay', at: daily('2026-08-04', 6), scores: { ...all(70), empathy: 95 } });
        const withHuman = batch(0).map((call, i) =>
          i === 2 ? { ...call, human: { reviewer: 'qa@example.com', scores: { empathy: 55 } } } : call,
        );
        // Ben (AG-102): two very low live calls right after training, before any batch: early warnings.
        const ben = [
          calls({ agent: 'AG-102', at: daily('2026-07-01', 20), scores: all(60) }),
          calls({ agent: 'AG-102', idPrefix: 'BEN-LOW', at: daily(PERIOD[0] as string, 2), scores: all(10) }),
          calls({ agent: 'AG-102', at: spaced(PERIOD[0] as string, 3, 72), scores: all(70) }),
        ];
        const { services, config } = await seedScenario(db, [
          calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60) }),
          roleplay,
          withHuman,
          batch(1),
          ...ben,
        ]);

        // Evidence on every score: mostly an agent and a customer turn; some none, some JSON null, some an
        // empty list (never on Ben's early warnings); the human score quotes its own turn; ANA-1-8 quotes
        // only the customer on resolution.
        const scores = await db.prisma.criterionScore.findMany({
          include: { call: { select: { externalId: true } } },
          orderBy: [{ call: { externalId: 'asc' } }, { criterionKey: 'asc' }, { source: 'asc' }],
        });
        const passedOver = new Set<string>();
        const updates = scores.flatMap((score, index): { id: string; evidence: unknown }[] => {
          const ext = score.call.externalId as string;
          const quote = (role: string) => `${ext} ${score.criterionKey} ${score.source} ${role}`;
          if (ext === 'ANA-1-8' && score.criterionKey === 'problem_resolution') {
            passedOver.add(score.callId);
            return [{ id: score.id, evidence: [{ turn: 4, role: 'customer', quote: quote('customer') }] }];
          }
          if (score.source === 'human') return [{ id: score.id, evidence: [{ turn: 1, role: 'agent', quote: quote('agent') }] }];
          const bare = !ext.startsWith('BEN-LOW');
          if (bare && index % 11 === 5) return [];
          if (bare && index % 11 === 6) return [{ id: score.id, evidence: null }];
          if (bare && index % 11 === 7) return [{ id: score.id, evidence: [] }];
          return [
            {
              id: score.id,
              evidence: [
                { turn: 6 - (index % 3), role: 'customer', quote: quote('customer') },
                { turn: 3 + (index % 4), role: 'agent', quote: quote('agent') },
              ],
            },
          ];
        });
        await setEvidence(db, updates);
        const thresholds = config.thresholds;

        for (const agentKey of ['AG-101', 'AG-102']) {
          const { services: counted, seen } = countEvidenceRows(db);
          const now = await buildReadinessReport(counted, { agent: agentKey, thresholds });

          // The oracle: the same source, with every call's quotes read as before.
          const source = await loadAgentReportSource(services, { agent: agentKey, thresholds });
          const agent = source.agent as AgentRecord;
          const before = await callsAsBefore(db.prisma, agent.id, source.criteria);
          const oracle = await composeAgentReport(
            {
              ...source,
              own: { ...source.own, callsByAgent: new Map([[agent.id, before]]) },
              moments: createMomentBook([], async () => new Map()),
            },
            DECISION_NOW,
          );
          expect(now).toEqual(oracle);

          // The calls the report shows with their quotes (an early warning shows its call, quoted or not),
          // and that it shows quotes at all (else this test would prove nothing).
          const shown = new Set([
            ...now.report.recommendations.flatMap((rec) =>
              'moments' in rec.evidence ? (rec.evidence.moments as { callId: string }[]).map((m) => m.callId) : [],
            ),
            ...now.report.earlyWarnings.map((warning) => warning.callId),
          ]);
          const quotes = [
            ...now.report.recommendations.flatMap((rec) =>
              'moments' in rec.evidence ? (rec.evidence.moments as { quote: string }[]).map((m) => m.quote) : [],
            ),
            ...now.report.earlyWarnings.flatMap((warning) => [
              ...(warning.moment ? [warning.moment.quote] : []),
              ...warning.criteria.flatMap((criterion) => (criterion.moment ? [criterion.moment.quote] : [])),
            ]),
          ];
          if (agentKey === 'AG-101') {
            expect(new Set(now.report.recommendations.map((rec) => rec.rule))).toEqual(new Set(['below_threshold', 'roleplay_live_gap']));
            expect(quotes.some((quote) => quote.endsWith('human agent'))).toBe(true);
          } else {
            expect(now.report.earlyWarnings.map((warning) => warning.externalId)).toEqual(['BEN-LOW-1', 'BEN-LOW-2']);
          }
          expect(quotes.length).toBeGreaterThan(0);
          expect(quotes.every((quote) => / agent$/.test(quote))).toBe(true);

          // Read: the quoted calls, and on Ana's resolution the call passed over for quoting only the customer.
          const total = before.length;
          expect(total).toBeGreaterThanOrEqual(25);
          for (const callId of shown) expect(seen.calls).toContain(callId);
          expect([...seen.calls].filter((callId) => !shown.has(callId) && !passedOver.has(callId))).toEqual([]);
          expect(seen.calls.size).toBeLessThan(total / 3);
        }

        // A team report quotes nothing and reads no evidence.
        const { services: counted, seen } = countEvidenceRows(db);
        await buildTeamReport(counted, { team: 'northside', thresholds });
        expect(seen.rows).toBe(0);
      } finally {
        await db.close();
      }
    },
  );
});
