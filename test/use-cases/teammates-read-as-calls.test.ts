/**
 * Issue 23 (ADR 0060): one agent's report reads the teammates' calls beside the agent's own, each call's
 * line of scores, on both databases (ADR 0053's sums of the teammates in PostgreSQL are gone: with the lines
 * the rows cost less than the sums did); a team report reads its members beside the team when named by key
 * (again by the key found when named otherwise).
 */
import { expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { buildReadinessReport, buildTeamReport } from '../../src/use-cases/build-readiness-report.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';

const NOW = new Date('2026-10-20T14:00:00.000Z');
const SLOW = { timeout: 240_000 };

describeEachDatabase('teammates read as calls', (database) => {
  it("when one agent report is built, then the agent's calls and the teammates' are read, a statement each", SLOW, async () => {
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
      const expected = [[idOf('AG-101')], agents.filter((a) => a.id !== idOf('AG-101')).map((a) => a.id)];
      expect(read.map((ids) => [...ids].sort())).toEqual(expected.map((ids) => [...ids].sort()));
      expect(report.teamFindings?.criteria.find((finding) => finding.criterion === 'empathy')?.agentsWithData).toBe(3);
    } finally {
      await db.close();
    }
  });

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
