/**
 * Issue 23 (ADR 0053): on PostgreSQL one agent's report no longer reads the teammates' calls; the database
 * adds up the latest batch of each call type of each teammate (`latestBatchSums`) and the domain turns the
 * sums into the current figures team findings compare. A teammate with a score that has a fraction is read
 * row by row as before (a float sum depends on the order). On varied data — two programs for one agent,
 * calls without a type, a call on a period boundary, a period short of a batch after a batch, low-confidence
 * scores with and without a human re-score, an exclusion, roleplay after training, a batch scored on one
 * criterion only, an agent without a program — every teammate's figures are compared with buildAgentCurrent
 * over their calls, and every report with the report built from the rows, on both databases. A team report
 * reads its members beside the team when named by key (again by the key found when named otherwise).
 */
import { expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { buildAgentCurrent, currentFromLatestBatches } from '../../src/domain/readiness/index.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import {
  buildReadinessReport,
  buildTeamReport,
  loadAgentReportSource,
  UNSPECIFIED_CALL_TYPE,
} from '../../src/use-cases/build-readiness-report.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, scoresCsv, spaced, variedScores } from '../support/score-scenarios.ts';
import { markLowConfidence } from './readiness-decisions.ts';

const NOW = new Date('2026-10-20T14:00:00.000Z');
const SLOW = { timeout: 240_000 };
const AGENTS = ['AG-101', 'AG-102', 'AG-103', 'AG-104', 'AG-105', 'AG-106'];

describeEachDatabase('teammates current figures as sums', (database) => {
  it('when the teammates are added up by the database, then each figure and each report is the one their calls give', SLOW, async () => {
    const db = await database.open();
    try {
      const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
      // The same repositories but for the sums: every teammate read row by row (the code before ADR 0053).
      const byRows = { ...services, readiness: { ...services.readiness, latestBatchSums: async () => null } };
      const loaded = await loadConfig(EXAMPLE_CONFIG);
      const program = loaded.programs[0] as Config['programs'][number];
      const team = loaded.teams[0] as Config['teams'][number];
      const config: Config = {
        ...loaded,
        // AG-106 is in the team but in no program; AG-104 is also in a later program (read against it).
        teams: [
          {
            ...team,
            agents: [
              ...team.agents,
              {
                ...(team.agents[0] as (typeof team.agents)[number]),
                name: 'Fay Ngata',
                slack: 'U0FAY00001',
                email: 'fay.ngata@example.com',
                externalIds: ['AG-106'],
              },
            ],
          },
        ],
        programs: [
          { ...program, teams: [], agents: ['AG-101', 'AG-102', 'AG-103', 'AG-104', 'AG-105'] },
          {
            ...program,
            key: 'onboarding-2026-08',
            name: 'August onboarding',
            agents: ['AG-104'],
            teams: [],
            completesAt: new Date('2026-08-20T00:00:00.000Z') as unknown as typeof program.completesAt,
          },
        ],
      };
      await applyConfig(services, config);
      const scenario = [
        // AG-101: two batches of basic_inbound (the second starts with a call on the period's first instant),
        // one of escalation; human re-scores; low-confidence calls (one re-scored by a human).
        calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(62) }),
        calls({ agent: 'AG-101', idPrefix: 'A1-P0', at: spaced(PERIOD[0], 16, 20), scores: variedScores(58) }).map((call, i) =>
          i === 3 ? { ...call, human: { reviewer: 'qa@example.com', scores: { empathy: 30, tone_consistency: 90 } } } : call,
        ),
        calls({ agent: 'AG-101', idPrefix: 'A1-P1', at: [PERIOD[1], ...spaced(PERIOD[1], 16, 20)], scores: variedScores(63) }).map(
          (call, i) => (i === 6 ? { ...call, human: { reviewer: 'qa@example.com', scores: { empathy: 41 } } } : call),
        ),
        calls({ agent: 'AG-101', callType: 'escalation', at: spaced(PERIOD[0], 15, 20), scores: variedScores(70) }),
        // AG-102: batches in periods 0 and 1, period 2 short of one; roleplay after training; an exclusion.
        calls({ agent: 'AG-102', at: daily('2026-07-01', 20), scores: all(60) }),
        calls({ agent: 'AG-102', at: spaced(PERIOD[0], 16, 20), scores: variedScores(80) }),
        calls({ agent: 'AG-102', idPrefix: 'A2-P1', at: spaced(PERIOD[1], 17, 20), scores: variedScores(76) }),
        calls({ agent: 'AG-102', at: spaced(PERIOD[2], 9, 20), scores: variedScores(90) }),
        calls({ agent: 'AG-102', kind: 'roleplay', at: spaced(PERIOD[2], 6, 20), scores: all(95) }),
        // AG-103: a batch whose scores have fractions (a 0-100 import): read row by row.
        calls({
          agent: 'AG-103',
          at: spaced(PERIOD[1], 16, 20),
          scores: (i) => ({ ...variedScores(66)(i), empathy: 72.5 + (i % 3) * 0.25 }),
        }),
        // AG-104: read against the later program (periods from 2026-08-20); calls of no type.
        calls({ agent: 'AG-104', at: spaced('2026-08-20', 16, 20), scores: variedScores(55) }),
        calls({
          agent: 'AG-104',
          idPrefix: 'A4-NT',
          callType: 'billing_dispute',
          at: spaced('2026-09-03', 16, 20),
          scores: variedScores(77),
        }),
        // AG-105: one batch scored on empathy only, and calls before completion only for escalation.
        calls({ agent: 'AG-105', at: spaced(PERIOD[1], 16, 20), scores: { empathy: 64 } }),
        calls({ agent: 'AG-105', callType: 'escalation', at: daily('2026-07-01', 20), scores: all(61) }),
        // AG-106: no program.
        calls({ agent: 'AG-106', at: spaced(PERIOD[0], 16, 20), scores: all(50) }),
      ];
      await importScores(services, scoresCsv(scenario));
      const excluded = await db.prisma.call.findFirstOrThrow({ where: { externalId: 'A2-P1-4' } });
      await services.readiness.exclude({ callId: excluded.id, reason: 'test call', by: 'maya', at: NOW });
      await markLowConfidence(db, ['A1-P1-3', 'A1-P1-7', 'A2-P1-9'], ['active_listening']);
      await markLowConfidence(db, ['A1-P1-7'], ['empathy']);
      const untyped = Array.from({ length: 16 }, (_, i) => `A4-NT-${i + 1}`);
      await db.prisma.call.updateMany({ where: { externalId: { in: untyped } }, data: { callType: null } });

      const source = await loadAgentReportSource(byRows, { agent: 'AG-101', thresholds: config.thresholds });
      const criteria = source.criteria;
      const teammates = [source.agent, ...source.teammates];
      const rows = await services.readiness.effectiveCalls(
        teammates.map((agent) => agent.id),
        { criterionKeys: criteria.map((criterion) => criterion.key) },
      );
      const programs = await services.directory.programsForAgents(teammates.map((agent) => agent.id));
      const sums = await services.readiness.latestBatchSums(
        teammates.map((agent) => agent.id),
        {
          criterionKeys: criteria.map((criterion) => criterion.key),
          periodMs: config.thresholds.batch.periodDays * 86_400_000,
          minCalls: config.thresholds.batch.minCalls,
          noCallType: UNSPECIFIED_CALL_TYPE,
        },
      );
      if (database.name === 'sqlite') expect(sums).toBeNull();
      else {
        expect(sums).not.toBeNull();
        const read = new Map((sums ?? []).map((entry) => [entry.agentId, entry]));
        const summedKeys: string[] = [];
        for (const agent of teammates) {
          const program = programs.get(agent.id) ?? null;
          const expected = buildAgentCurrent({
            agent: { id: agent.id, key: agent.key, displayName: agent.displayName },
            program: program && { ...program },
            calls: rows
              .filter((call) => call.agentId === agent.id)
              .map((call) => ({
                callId: call.callId,
                externalId: call.externalId,
                callType: call.callType ?? UNSPECIFIED_CALL_TYPE,
                kind: call.kind,
                occurredAt: call.occurredAt,
                frustration: call.frustration,
                criteria: call.criteria,
                overall: null,
                ...(call.unverified.length > 0 ? { unverified: call.unverified } : {}),
              })),
            criteria,
            thresholds: config.thresholds,
            now: NOW,
          }).current;
          const entry = read.get(agent.id);
          if (agent.externalIds.includes('AG-103')) {
            expect(entry?.wholeScores).toBe(false);
            continue;
          }
          expect(entry?.wholeScores ?? true).toBe(true);
          const summed = currentFromLatestBatches(entry?.latest ?? [], criteria);
          expect(summed).toEqual(expected && { criteria: expected.criteria, batches: expected.batches });
          if (summed) summedKeys.push(...agent.externalIds);
        }
        // The data exercised what it is meant to: batches in several call types, the untyped calls, a later program.
        expect(summedKeys.sort()).toEqual(['AG-101', 'AG-102', 'AG-104', 'AG-105']);
        const ag104 = read.get(teammates.find((agent) => agent.externalIds.includes('AG-104'))?.id ?? '');
        expect(ag104?.latest.map((batch) => batch.callType).sort()).toEqual(['basic_inbound', UNSPECIFIED_CALL_TYPE]);
        expect(ag104?.latest.find((batch) => batch.callType === 'basic_inbound')?.start).toEqual(new Date('2026-08-20T00:00:00.000Z'));
      }

      // Whole reports: the same with the sums as with every teammate's calls, for each agent of the team.
      let withData = 0;
      for (const agent of AGENTS) {
        for (const callType of [undefined, 'escalation']) {
          const input = { agent, thresholds: config.thresholds, ...(callType ? { callType } : {}) };
          const report = await buildReadinessReport(services, input);
          const expected = await buildReadinessReport(byRows, input);
          expect(report).toEqual(expected);
          expect(JSON.stringify(report)).toBe(JSON.stringify(expected));
          withData = Math.max(withData, ...(report.teamFindings?.criteria.map((finding) => finding.agentsWithData) ?? [0]));
        }
      }
      expect(withData).toBeGreaterThanOrEqual(4);
    } finally {
      await db.close();
    }
  });

  it(
    'when one agent report is built, then on PostgreSQL only the agent and teammates with fractions are read row by row',
    SLOW,
    async () => {
      const db = await database.open();
      try {
        const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
        const config = await loadConfig(EXAMPLE_CONFIG);
        await applyConfig(services, config);
        await importScores(
          services,
          scoresCsv([
            calls({ agent: 'AG-101', at: spaced(PERIOD[0], 16, 20), scores: all(70) }),
            calls({ agent: 'AG-102', at: spaced(PERIOD[0], 16, 20), scores: all(60) }),
            calls({ agent: 'AG-103', at: spaced(PERIOD[0], 16, 20), scores: all(62.5) }),
          ]),
        );
        const read: string[][] = [];
        const counting = {
          ...services,
          readiness: {
            ...services.readiness,
            effectiveCalls: (ids: readonly string[], options?: { criterionKeys?: readonly string[] }) => {
              read.push([...ids]);
              return services.readiness.effectiveCalls(ids, options);
            },
          },
        };
        const report = await buildReadinessReport(counting, { agent: 'AG-101', thresholds: config.thresholds });
        const agents = await services.directory.listAgents({ teamKey: 'northside' });
        const idOf = (ref: string) => agents.find((agent) => agent.externalIds.includes(ref))?.id;
        const expected =
          database.name === 'postgresql'
            ? [[idOf('AG-101')], [idOf('AG-103')]]
            : [[idOf('AG-101')], agents.filter((a) => a.id !== idOf('AG-101')).map((a) => a.id)];
        expect(read.map((ids) => [...ids].sort())).toEqual(expected.map((ids) => [...ids].sort()));
        expect(report.teamFindings?.criteria.find((finding) => finding.criterion === 'empathy')?.agentsWithData).toBe(3);
      } finally {
        await db.close();
      }
    },
  );

  it(
    'when a team report names the team by name or key, then both are the same report; an unknown team is told before a missing rubric',
    SLOW,
    async () => {
      const db = await database.open();
      try {
        const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
        const config = await loadConfig(EXAMPLE_CONFIG);
        // Before any config: the team is unknown (said first), then a known team without a rubric.
        await expect(buildTeamReport(services, { team: 'northside', thresholds: config.thresholds })).rejects.toMatchObject({
          code: 'team_unknown',
        });
        await db.prisma.team.create({ data: { key: 'northside', name: 'Northside Support', timeZone: 'UTC' } });
        await expect(buildTeamReport(services, { team: 'northside', thresholds: config.thresholds })).rejects.toMatchObject({
          code: 'rubric_missing',
        });
        await db.prisma.team.delete({ where: { key: 'northside' } });
        await applyConfig(services, config);
        await importScores(
          services,
          scoresCsv([
            calls({ agent: 'AG-101', at: spaced(PERIOD[0], 16, 20), scores: all(70) }),
            calls({ agent: 'AG-102', at: spaced(PERIOD[0], 16, 20), scores: all(60) }),
          ]),
        );
        const byKey = await buildTeamReport(services, { team: 'northside', thresholds: config.thresholds });
        const byName = await buildTeamReport(services, { team: ' northside support ', thresholds: config.thresholds });
        expect(byKey.agents).toHaveLength(5);
        expect(byName).toEqual(byKey);
        await expect(buildTeamReport(services, { team: 'southside', thresholds: config.thresholds })).rejects.toMatchObject({
          code: 'team_unknown',
        });
      } finally {
        await db.close();
      }
    },
  );
});
