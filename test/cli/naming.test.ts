import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

import { EXAMPLE_CONFIG, jsonOf, runFloorready, writeConfig } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, writeScenario, type ReadinessJson, type TeamJson } from '../support/score-scenarios.ts';

/** The example config plus a second team that also has an "Ana Ruiz". */
const twoAnas = async (): Promise<string> => {
  const example = parse(readFileSync(EXAMPLE_CONFIG, 'utf8')) as { teams: Record<string, unknown>[] };
  const southside = {
    key: 'southside',
    name: 'Southside Support',
    timeZone: 'UTC',
    managers: [{ name: 'Sam Lee', slack: 'U0SAM00001', email: 'sam.lee@example.com' }],
    agents: [{ name: 'Ana Ruiz', slack: 'U0ANA00002', email: 'ana.ruiz2@example.com', externalIds: ['AG-201'] }],
  };
  return writeConfig({ teams: [...example.teams, southside] });
};

describeEachDatabase('one way to name agents and teams, through the CLI', (database) => {
  it('when agents and teams are named by their configured name in any case, then every command finds them; a shared name is refused with the candidates', async () => {
    const db = await database.open();
    try {
      const configPath = await twoAnas();
      const run = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, configPath });
      // A score CSV naming agents by name (and one by email).
      const loaded = await run(
        'import-scores',
        await writeScenario([
          calls({ agent: 'ben okafor', at: daily('2026-07-01', 3), scores: all(60) }),
          calls({ agent: 'ana.ruiz2@example.com', at: daily('2026-07-01', 2), scores: all(70) }),
        ]),
      );
      expect(loaded.code, loaded.stderr).toBe(0);

      const ben = jsonOf<ReadinessJson>(await run('readiness', 'BEN OKAFOR', '--json'));
      expect(ben.agent.name).toBe('Ben Okafor');
      const listed = jsonOf<{ agent: { name: string } }[]>(await run('calls', '--agent', 'Ben  Okafor', '--json'));
      expect(listed).toHaveLength(3);
      expect(new Set(listed.map((call) => call.agent.name))).toEqual(new Set(['Ben Okafor']));

      const team = jsonOf<TeamJson & { team: { key: string } }>(await run('team', 'northside SUPPORT', '--json'));
      expect(team.team.key).toBe('northside');
      expect((await run('team', 'NORTHSIDE', '--json')).code).toBe(0);

      const ambiguous = await run('readiness', 'ana ruiz');
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toContain('"ana ruiz" names 2 agents');
      expect(ambiguous.stderr).toContain('ana.ruiz@example.com');
      expect(ambiguous.stderr).toContain('ana.ruiz2@example.com');
      expect(ambiguous.stderr).toContain('Slack user id, email or external id');
    } finally {
      await db.close();
    }
  }, 180_000);
});
