/**
 * Issue 23 (ADR 0047): one agent's report builds its figures once and settles only its advice (the part
 * that quotes moments) as the quotes it shows are read. On varied data — several call types, roleplay,
 * human re-scores that override the AI, an excluded call, a call held for low confidence, a new hire with
 * no baseline, evidence that is missing, the customer's only, or a human's — the report is compared whole
 * with the report every quote read at once gives (one composition, nothing left to read), on both databases.
 */
import { expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import type { ScoredCall } from '../../src/domain/readiness/index.ts';
import { Prisma } from '../../src/generated/sqlite/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { buildReadinessReport, composeAgentReport, loadAgentReportSource } from '../../src/use-cases/build-readiness-report.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { createMomentBook } from '../../src/use-cases/quoted-moments.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, scoresCsv, spaced, variedScores } from '../support/score-scenarios.ts';
import { markLowConfidence } from './readiness-decisions.ts';

const NOW = new Date('2026-09-30T14:00:00.000Z');
const SLOW = { timeout: 240_000 };

describeEachDatabase('report cost: figures once, advice settled', (database) => {
  it('when reports are built on varied data, then each is the report every quote read at once gives', SLOW, async () => {
    const db = await database.open();
    try {
      const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
      const loaded = await loadConfig(EXAMPLE_CONFIG);
      // AG-104 is also a new hire of a later program (no baseline; roleplay before live is practice).
      const config: Config = {
        ...loaded,
        programs: [
          ...loaded.programs,
          {
            key: 'onboarding-2026-08',
            name: 'August onboarding',
            agents: ['AG-104'],
            teams: [],
            targetedCriteria: ['empathy'],
            startsAt: loaded.programs[0]?.startsAt as Config['programs'][number]['startsAt'],
            completesAt: new Date('2026-08-20T00:00:00.000Z') as unknown as Config['programs'][number]['completesAt'],
            baseline: 'none',
          },
        ],
      };
      await applyConfig(services, config);
      const varied = (agent: string, callType: string, k: number, base: number) =>
        calls({
          agent,
          callType,
          idPrefix: `${agent}-${callType}-${k}`,
          at: spaced(PERIOD[k] as string, 16, 20),
          scores: variedScores(base),
        });
      const scenario = [
        // AG-101: two call types, a baseline for one, roleplay far above live, human re-scores.
        calls({ agent: 'AG-101', at: daily('2026-07-01', 22), scores: all(62) }),
        calls({ agent: 'AG-101', kind: 'roleplay', at: daily('2026-08-04', 6), scores: { ...all(72), empathy: 96 } }),
        varied('AG-101', 'basic_inbound', 0, 58).map((call, i) =>
          i === 3 ? { ...call, human: { reviewer: 'qa@example.com', scores: { empathy: 30, tone_consistency: 90 } } } : call,
        ),
        varied('AG-101', 'basic_inbound', 1, 61),
        varied('AG-101', 'escalation', 0, 70),
        varied('AG-101', 'escalation', 1, 82),
        // AG-102: ready on basic_inbound.
        calls({ agent: 'AG-102', at: daily('2026-07-01', 20), scores: all(60) }),
        varied('AG-102', 'basic_inbound', 0, 80),
        varied('AG-102', 'basic_inbound', 1, 82),
        // AG-103: only a few low calls after training (early warnings).
        calls({ agent: 'AG-103', at: daily('2026-07-01', 20), scores: all(65) }),
        calls({ agent: 'AG-103', idPrefix: 'LOW', at: daily(PERIOD[0] as string, 3), scores: all(15) }),
        // AG-104: the new hire — practice roleplay, then live calls.
        calls({ agent: 'AG-104', kind: 'roleplay', at: daily('2026-08-05', 5), scores: all(70) }),
        varied('AG-104', 'basic_inbound', 1, 55),
        varied('AG-104', 'billing_dispute', 2, 66),
      ];
      await importScores(services, scoresCsv(scenario));
      // An excluded call and a call held for low confidence in AG-101's batches.
      const excluded = await db.prisma.call.findFirstOrThrow({ where: { externalId: 'AG-101-basic_inbound-1-5' } });
      await services.readiness.exclude({ callId: excluded.id, reason: 'test call', by: 'maya', at: NOW });
      await markLowConfidence(db, ['AG-101-basic_inbound-0-7'], ['empathy']);

      // Evidence: an agent and a customer turn on most scores; none, JSON null or [] on some; the customer's
      // only on a few (passed over when quoting); a human re-score quotes its own turn.
      const scores = await db.prisma.criterionScore.findMany({ orderBy: [{ callId: 'asc' }, { criterionKey: 'asc' }, { source: 'asc' }] });
      for (const [index, score] of scores.entries()) {
        const quote = (role: string) => `${score.callId} ${score.criterionKey} ${score.source} ${role}`;
        const evidence =
          score.source === 'human'
            ? [{ turn: 1, role: 'agent', quote: quote('agent') }]
            : index % 13 === 5
              ? undefined
              : index % 13 === 6
                ? null
                : index % 13 === 7
                  ? []
                  : index % 13 === 8
                    ? [{ turn: 2, role: 'customer', quote: quote('customer') }]
                    : [
                        { turn: 5 - (index % 3), role: 'customer', quote: quote('customer') },
                        { turn: 2 + (index % 4), role: 'agent', quote: quote('agent') },
                      ];
        if (evidence === undefined) continue;
        await db.prisma.criterionScore.update({
          where: { id: score.id },
          data: { evidence: evidence === null ? Prisma.JsonNull : (evidence as Prisma.InputJsonValue) },
        });
      }

      const rules = new Set<string>();
      let quoted = 0;
      for (const agentKey of ['AG-101', 'AG-102', 'AG-103', 'AG-104']) {
        for (const callType of [undefined, 'escalation']) {
          const input = { agent: agentKey, thresholds: config.thresholds, ...(callType ? { callType } : {}) };
          const report = await buildReadinessReport(services, input);

          // The oracle: the same source with every call's quotes read before composing (one composition).
          const source = await loadAgentReportSource(services, input);
          const own = source.own.callsByAgent.get(source.agent.id) ?? [];
          const read = await services.readiness.moments(own.map((call) => call.callId));
          const eager = own.map(
            (call): ScoredCall => ({
              callId: call.callId,
              externalId: call.externalId,
              callType: call.callType,
              kind: call.kind,
              occurredAt: call.occurredAt,
              frustration: call.frustration,
              criteria: call.criteria,
              overall: call.overall,
              moments: read.get(call.callId) ?? [],
              ...(call.unverified ? { unverified: call.unverified } : {}),
              ...(call.needsReview ? { needsReview: call.needsReview } : {}),
            }),
          );
          const oracle = await composeAgentReport(
            {
              ...source,
              own: { ...source.own, callsByAgent: new Map([[source.agent.id, eager]]) },
              moments: createMomentBook([], async () => new Map()),
            },
            NOW,
          );
          expect(report).toEqual(oracle);
          expect(JSON.stringify(report)).toBe(JSON.stringify(oracle));
          for (const recommendation of report.report.recommendations) rules.add(recommendation.rule);
          quoted += report.report.recommendations.flatMap((rec) =>
            'moments' in rec.evidence ? (rec.evidence.moments as unknown[]) : [],
          ).length;
          quoted += report.report.earlyWarnings.filter((warning) => warning.moment).length;
        }
      }
      // The data exercised what it is meant to (else the comparisons would prove little).
      const ag101 = await buildReadinessReport(services, { agent: 'AG-101', thresholds: config.thresholds });
      expect(ag101.exclusions.map((exclusion) => exclusion.callId)).toEqual([excluded.id]);
      expect(ag101.report.callTypes.map((entry) => entry.callType)).toEqual(['basic_inbound', 'escalation']);
      const ag104 = await buildReadinessReport(services, { agent: 'AG-104', thresholds: config.thresholds });
      expect(ag104.report.newHire).toBe(true);
      expect(rules.has('below_threshold')).toBe(true);
      expect(rules.has('roleplay_live_gap')).toBe(true);
      expect(quoted).toBeGreaterThan(3);
    } finally {
      await db.close();
    }
  });
});
