/**
 * ADR 0053: on PostgreSQL an agent's active exclusions are read by their calls' ids (two index scans), not
 * by the relation filter Prisma writes (a scan of every exclusion). The records must be the ones read by
 * call: the same fields in the same order, undone exclusions left out, a call excluded again counted once.
 */
import { expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';

const NOW = new Date('2026-10-20T14:00:00.000Z');

describeEachDatabase('an agent’s active exclusions', (database) => {
  it('when they are read by agent, then they are the records read by call', { timeout: 120_000 }, async () => {
    const db = await database.open();
    try {
      const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
      await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
      await importScores(
        services,
        scoresCsv([
          calls({ agent: 'AG-101', idPrefix: 'X1', at: spaced(PERIOD[0], 8, 20), scores: all(70) }),
          calls({ agent: 'AG-102', idPrefix: 'X2', at: spaced(PERIOD[0], 8, 20), scores: all(60) }),
          calls({ agent: 'AG-103', idPrefix: 'X3', callType: 'escalation', at: spaced(PERIOD[1], 4, 20), scores: all(65) }),
        ]),
      );
      const byExternal = async (externalId: string) => (await db.prisma.call.findFirstOrThrow({ where: { externalId } })).id;
      const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
      for (const [index, externalId] of ['X1-2', 'X1-5', 'X2-1', 'X3-3'].entries())
        await services.readiness.exclude({ callId: await byExternal(externalId), reason: `reason ${index}`, by: 'maya', at: at(index) });
      // Undone and excluded again: one active exclusion; undone for good: none.
      await services.readiness.undoExclusion({ callId: await byExternal('X1-5'), by: 'maya', at: at(10) });
      await services.readiness.exclude({ callId: await byExternal('X1-5'), reason: 'again', by: 'ben', at: at(11) });
      await services.readiness.undoExclusion({ callId: await byExternal('X2-1'), by: 'maya', at: at(12) });

      const agents = await services.directory.listAgents({ teamKey: 'northside' });
      for (const ids of [agents.map((agent) => agent.id), [agents[0]?.id as string], []]) {
        const callIds = (await db.prisma.call.findMany({ where: { agentId: { in: ids } }, select: { id: true } })).map((call) => call.id);
        const byAgent = await services.readiness.activeExclusions({ agentIds: ids });
        const byCall = await services.readiness.activeExclusions({ callIds });
        expect(byAgent).toEqual(byCall);
        expect(JSON.stringify(byAgent)).toBe(JSON.stringify(byCall));
      }
      const everyone = await services.readiness.activeExclusions({ agentIds: agents.map((agent) => agent.id) });
      expect(everyone.map((exclusion) => exclusion.reason)).toEqual(['reason 0', 'again', 'reason 3']);
      expect(everyone.every((exclusion) => exclusion.occurredAt instanceof Date && exclusion.createdAt instanceof Date)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
