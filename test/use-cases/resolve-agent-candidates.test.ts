/**
 * Issue 23 (ADR 0047): resolveAgent reads the agents a key, Slack id or e-mail address names by themselves
 * instead of listing every agent. Whatever the reference, it must name the agent (or refuse, with the same
 * candidates) that matching over every agent names: compared here on a real database with addresses in
 * another case, two agents whose addresses differ only in case, a Kelvin sign, an inactive agent, names,
 * external ids, mentions and unknown references.
 */
import { expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { matchAgents } from '../../src/domain/access/index.ts';
import { AppError } from '../../src/domain/app-error.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { resolveAgent } from '../../src/use-cases/resolve-access.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';

describeEachDatabase('resolveAgent without listing every agent', (database) => {
  it('when agents are named every way, then each reference resolves (or is refused) as matching over all agents does', async () => {
    const db = await database.open();
    try {
      const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => new Date('2026-09-01T00:00:00Z') });
      await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
      // Stored addresses in another case, two that differ only in case, one with a Kelvin sign (lower case 'k').
      await db.prisma.agent.update({ where: { key: 'ben.okafor@example.com' }, data: { email: 'Ben.Okafor@Example.com' } });
      await db.prisma.agent.update({ where: { key: 'chloe.martin@example.com' }, data: { email: 'ana.ruiz@EXAMPLE.com' } });
      await db.prisma.agent.update({
        where: { key: 'dev.patel@example.com' },
        data: { email: 'dev.\u212Aatel@example.com', active: false },
      });
      const refs = [
        'ana.ruiz@example.com',
        'ANA.RUIZ@example.com',
        '<mailto:ana.ruiz@example.com|Ana>',
        'ben.okafor@example.com',
        'BEN.OKAFOR@EXAMPLE.COM',
        'dev.katel@example.com',
        'dev.patel@example.com',
        'chloe.martin@example.com',
        'U0ELI00001',
        '<@U0ELI00001>',
        'AG-105',
        'Eli Brooks',
        'eli_brooks',
        'nobody@example.com',
        'Nobody',
        'ü@example.com',
        '  ana.ruiz@example.com  ',
      ];
      const all = await services.directory.listAgents({ activeOnly: false });
      const outcome = async (ref: string) => {
        try {
          return { id: (await resolveAgent(services.directory, ref)).id };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const candidates = (error.params as { candidates?: { id: string }[] } | undefined)?.candidates;
          return { code: error.code, message: error.message, candidates: candidates?.map((agent) => agent.id) ?? null };
        }
      };
      const seen = new Set<string>();
      for (const ref of refs) {
        const matches = matchAgents(all, ref);
        const got = await outcome(ref);
        if (matches.length === 1) expect(got, ref).toEqual({ id: matches[0]?.id });
        else {
          expect(got, ref).toMatchObject({ code: matches.length === 0 ? 'agent_unknown' : 'agent_ambiguous' });
          if (matches.length > 1) expect((got as { candidates: string[] }).candidates, ref).toEqual(matches.map((agent) => agent.id));
        }
        seen.add('id' in got ? 'one' : (got as { code: string }).code);
      }
      // The references cover one agent, none and several.
      expect(seen).toEqual(new Set(['one', 'agent_unknown', 'agent_ambiguous']));
    } finally {
      await db.close();
    }
  });
});
