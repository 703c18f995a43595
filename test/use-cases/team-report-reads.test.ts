/**
 * Issue 23 (ADR 0055): a team report reads its members' calls a few members a statement, every statement at
 * once (on PostgreSQL each on its own connection, so the database reads them on more than one core while
 * node composes the members whose calls have come). The report is the one a single read of every member's
 * calls gives, byte for byte, whatever the number of members a statement reads: on both databases, on a
 * team of seven with two programs, calls without a type, human re-scores, low-confidence scores, an
 * exclusion, roleplay and an agent without a program.
 */
import { expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { buildTeamReport, MEMBERS_PER_READ } from '../../src/use-cases/build-readiness-report.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { teamReportJson } from '../../src/use-cases/readiness-json.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, scoresCsv, spaced, variedScores } from '../support/score-scenarios.ts';
import { markLowConfidence } from './readiness-decisions.ts';

const NOW = new Date('2026-10-20T14:00:00.000Z');
const SLOW = { timeout: 240_000 };

/** The example team with two more agents (AG-106 in no program, AG-107 in a later one): seven members. */
const sevenMembers = async (): Promise<Config> => {
  const loaded = await loadConfig(EXAMPLE_CONFIG);
  const program = loaded.programs[0] as Config['programs'][number];
  const team = loaded.teams[0] as Config['teams'][number];
  const agent = team.agents[0] as (typeof team.agents)[number];
  return {
    ...loaded,
    teams: [
      {
        ...team,
        agents: [
          ...team.agents,
          { ...agent, name: 'Fay Ngata', slack: 'U0FAY00001', email: 'fay.ngata@example.com', externalIds: ['AG-106'] },
          { ...agent, name: 'Gus Oyelaran', slack: 'U0GUS00001', email: 'gus.oyelaran@example.com', externalIds: ['AG-107'] },
        ],
      },
    ],
    programs: [
      { ...program, teams: [], agents: ['AG-101', 'AG-102', 'AG-103', 'AG-104', 'AG-105'] },
      {
        ...program,
        key: 'onboarding-2026-08',
        name: 'August onboarding',
        agents: ['AG-104', 'AG-107'],
        teams: [],
        completesAt: new Date('2026-08-20T00:00:00.000Z') as unknown as typeof program.completesAt,
      },
    ],
  };
};

const seedTeam = async (db: TestDatabase, services: ReturnType<typeof createServices>): Promise<Config> => {
  const config = await sevenMembers();
  await applyConfig(services, config);
  await importScores(
    services,
    scoresCsv([
      calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(62) }),
      calls({ agent: 'AG-101', idPrefix: 'T1-P0', at: spaced(PERIOD[0], 16, 20), scores: variedScores(58) }).map((call, i) =>
        i === 3 ? { ...call, human: { reviewer: 'qa@example.com', scores: { empathy: 30, tone_consistency: 90 } } } : call,
      ),
      calls({ agent: 'AG-101', idPrefix: 'T1-P1', at: spaced(PERIOD[1], 16, 20), scores: variedScores(83) }),
      calls({ agent: 'AG-101', callType: 'escalation', at: spaced(PERIOD[0], 15, 20), scores: variedScores(70) }),
      calls({ agent: 'AG-102', at: daily('2026-07-01', 20), scores: all(60) }),
      calls({ agent: 'AG-102', idPrefix: 'T2-P1', at: spaced(PERIOD[1], 17, 20), scores: variedScores(76) }),
      calls({ agent: 'AG-102', kind: 'roleplay', at: spaced(PERIOD[2], 6, 20), scores: all(95) }),
      calls({
        agent: 'AG-103',
        at: spaced(PERIOD[1], 16, 20),
        scores: (i) => ({ ...variedScores(66)(i), empathy: 72.5 + (i % 3) * 0.25 }),
      }),
      calls({ agent: 'AG-104', idPrefix: 'T4-NT', at: spaced('2026-08-20', 16, 20), scores: variedScores(55) }),
      calls({ agent: 'AG-105', at: spaced(PERIOD[1], 16, 20), scores: { empathy: 64 } }),
      calls({ agent: 'AG-106', at: spaced(PERIOD[0], 16, 20), scores: all(50) }),
      calls({ agent: 'AG-107', at: daily('2026-08-01', 12), scores: all(57) }),
      calls({ agent: 'AG-107', at: spaced('2026-08-20', 18, 20), scores: variedScores(81) }),
    ]),
  );
  const excluded = await db.prisma.call.findFirstOrThrow({ where: { externalId: 'T2-P1-4' } });
  await services.readiness.exclude({ callId: excluded.id, reason: 'test call', by: 'maya', at: NOW });
  await markLowConfidence(db, ['T1-P1-3', 'T1-P1-7', 'T2-P1-9'], ['active_listening']);
  const untyped = Array.from({ length: 16 }, (_, i) => `T4-NT-${i + 1}`);
  await db.prisma.call.updateMany({ where: { externalId: { in: untyped } }, data: { callType: null } });
  return config;
};

describeEachDatabase('team report reads', (database) => {
  it(
    'when a team report is built, then its members’ calls are read a few members a statement, all at once, and the report is the one a single read gives',
    SLOW,
    async () => {
      const db = await database.open();
      try {
        const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
        const config = await seedTeam(db, services);
        const reads: string[][] = [];
        let inFlight = 0;
        let mostInFlight = 0;
        const counting = {
          ...services,
          readiness: {
            ...services.readiness,
            effectiveCalls: async (ids: readonly string[], options?: { criterionKeys?: readonly string[] }) => {
              reads.push([...ids]);
              inFlight += 1;
              mostInFlight = Math.max(mostInFlight, inFlight);
              try {
                return await services.readiness.effectiveCalls(ids, options);
              } finally {
                inFlight -= 1;
              }
            },
          },
        };
        const report = await buildTeamReport(counting, { team: 'northside', thresholds: config.thresholds });
        const members = (await services.directory.listAgents({ teamKey: 'northside' })).map((agent) => agent.id);
        expect(members).toHaveLength(7);
        // Five members a statement, in the members' order, every statement sent before the first answered.
        expect(reads).toEqual([members.slice(0, MEMBERS_PER_READ), members.slice(MEMBERS_PER_READ)]);
        expect(mostInFlight).toBe(2);

        // One statement for every member (the read before ADR 0055), one member a statement, three: the same report.
        const single = await buildTeamReport(services, { team: 'northside', thresholds: config.thresholds, membersPerRead: 7 });
        expect(report).toEqual(single);
        expect(JSON.stringify(teamReportJson(report))).toBe(JSON.stringify(teamReportJson(single)));
        for (const membersPerRead of [1, 3]) {
          const sliced = await buildTeamReport(services, { team: 'northside', thresholds: config.thresholds, membersPerRead });
          expect(JSON.stringify(teamReportJson(sliced))).toBe(JSON.stringify(teamReportJson(single)));
        }
        // The data exercised what it is meant to: batches for most members, a call left out, rules that fired,
        // team findings over the members with data, and a member without a program.
        const batched = report.agents.filter((agent) => agent.callTypes.some((entry) => entry.batches.length > 0));
        expect(batched.length).toBeGreaterThanOrEqual(5);
        expect(
          report.agents.some((agent) => agent.callTypes.some((entry) => entry.batches.some((batch) => batch.leftOut.length > 0))),
        ).toBe(true);
        expect(new Set(report.agents.flatMap((agent) => agent.recommendations.map((r) => r.rule))).size).toBeGreaterThanOrEqual(2);
        expect(report.findings.criteria.some((finding) => finding.agentsWithData >= 5)).toBe(true);
        expect(report.agents.filter((agent) => agent.program === null)).toHaveLength(1);
      } finally {
        await db.close();
      }
    },
  );

  it('when a later statement of a team report fails, then the report fails with its error', SLOW, async () => {
    const db = await database.open();
    try {
      const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
      const config = await seedTeam(db, services);
      let read = 0;
      const failing = {
        ...services,
        readiness: {
          ...services.readiness,
          effectiveCalls: async (ids: readonly string[], options?: { criterionKeys?: readonly string[] }) => {
            read += 1;
            if (read > 1) throw new Error('the database went away');
            return services.readiness.effectiveCalls(ids, options);
          },
        },
      };
      await expect(buildTeamReport(failing, { team: 'northside', thresholds: config.thresholds, membersPerRead: 2 })).rejects.toThrow(
        'the database went away',
      );
      expect(read).toBe(4);
    } finally {
      await db.close();
    }
  });
});
