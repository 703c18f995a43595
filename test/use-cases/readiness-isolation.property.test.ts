/**
 * "Removing agent A's call never changes B's report", over the path where A's calls can reach B's:
 * both agents in one team, one database, and the team report (which reads every member's calls in one
 * query and files them by agent) as well as B's own report (which reads B's teammates for the team-wide
 * findings). B's own figures (baseline, batches, status, current, trends) must not move when one of
 * A's calls is deleted; what legitimately depends on the team (team-wide marks on recommendations,
 * the calibration pairs) is left out of the comparison.
 *
 * The old form of this property built B's report from data that never held A's calls, so it could not
 * fail. This one fails when loadAgents files calls under the wrong agent (tried: pushing every loaded
 * call to every agent's list, see the session note).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { buildReadinessReport, buildTeamReport } from '../../src/use-cases/build-readiness-report.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import type { AgentReadiness } from '../../src/domain/readiness/index.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { withSqlite } from '../support/database.ts';
import { CRITERIA, PROGRAM_COMPLETE, PROGRAM_START, scoresCsv, type ScenarioCall } from '../support/score-scenarios.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-10-01T12:00:00.000Z');
const A = 'AG-101';
const B = 'AG-102';

// Calls from 30 days before the program to NOW: baseline, training and three post-training periods.
const from = Date.parse(PROGRAM_START) - 30 * DAY;
const to = NOW.getTime() - DAY;

const callArb = fc.record({
  at: fc.integer({ min: from, max: to }),
  type: fc.constantFrom('basic_inbound', 'escalation'),
  kind: fc.constantFrom<'live' | 'roleplay'>('live', 'live', 'live', 'roleplay'),
  scores: fc.tuple(...CRITERIA.map(() => fc.constantFrom(0, 25, 50, 75, 100))),
});
const agentCallsArb = fc.array(callArb, { minLength: 1, maxLength: 40 });
// A always has a live call after training, so its calls reach the team report's figures.
const liveAfterTraining = callArb.map((call) => ({
  ...call,
  kind: 'live' as const,
  at: Date.parse(PROGRAM_COMPLETE) + DAY + (call.at % (20 * DAY)),
}));
const agentACallsArb = fc.tuple(liveAfterTraining, agentCallsArb).map(([first, rest]) => [first, ...rest]);

const scenario = (
  agent: string,
  list: readonly { at: number; type: string; kind: 'live' | 'roleplay'; scores: number[] }[],
): ScenarioCall[] =>
  list.map((call, index) => ({
    externalId: `${agent}-${index + 1}`,
    agent,
    callType: call.type,
    kind: call.kind,
    occurredAt: new Date(call.at).toISOString(),
    scores: Object.fromEntries(CRITERIA.map((key, i) => [key, call.scores[i] ?? 0])),
  }));

/** What of B's report is B's alone: everything but the team-wide marks and the team's calibration pairs. */
const ownFigures = (report: AgentReadiness | undefined) => {
  if (!report) throw new Error('no report for B');
  const { baseline, callTypes, current, trends, program } = report;
  return { baseline, callTypes, current, trends, program };
};

it("when one of agent A's calls is deleted, then agent B's own figures never change, in the team report and in B's report", {
  timeout: 180_000,
}, async () => {
  const loaded = await loadConfig(EXAMPLE_CONFIG);
  // Small batches and baselines, so random data forms batches and a status to compare.
  const config: Config = {
    ...loaded,
    thresholds: {
      ...loaded.thresholds,
      batch: { ...loaded.thresholds.batch, minCalls: 3 },
      baseline: { ...loaded.thresholds.baseline, minCalls: 3 },
    },
  };
  expect(Date.parse(PROGRAM_COMPLETE)).toBeLessThan(to);
  await fc.assert(
    fc.asyncProperty(agentACallsArb, agentCallsArb, fc.nat(), async (callsA, callsB, pick) => {
      const db = await withSqlite();
      try {
        const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
        await applyConfig(services, config);
        await importScores(services, scoresCsv([scenario(A, callsA), scenario(B, callsB)]));
        const deps = { ...services, now: () => NOW };
        const teamB = async () =>
          (await buildTeamReport(deps, { team: 'northside', thresholds: config.thresholds })).agents.find(
            (r) => r.agent.displayName === 'Ben Okafor',
          );
        const ownB = async () => (await buildReadinessReport(deps, { agent: B, thresholds: config.thresholds })).report;

        const before = { team: ownFigures(await teamB()), own: ownFigures(await ownB()) };
        // The team report must see A's calls at all, or the comparison below proves nothing.
        const teamA = (await buildTeamReport(deps, { team: 'northside', thresholds: config.thresholds })).agents.find(
          (r) => r.agent.displayName === 'Ana Ruiz',
        );
        expect(teamA?.trends.postTraining.calls ?? 0).toBeGreaterThan(0);

        const victim = `${A}-${(pick % callsA.length) + 1}`;
        const deleted = await db.prisma.call.deleteMany({ where: { externalId: victim } });
        expect(deleted.count).toBe(1);

        expect({ team: ownFigures(await teamB()), own: ownFigures(await ownB()) }).toEqual(before);
      } finally {
        await db.close();
      }
    }),
    { numRuns: 12 },
  );
});
