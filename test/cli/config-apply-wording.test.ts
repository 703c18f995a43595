import { expect, it } from 'vitest';

import { runFloorready, writeConfig } from '../support/cli.ts';
import { emptySqlite } from '../support/database.ts';

it('when a config with one team is checked and applied to a fresh database, then counts read in words ("1 team") and the rubric is "stored", not "changed"', async () => {
  const db = await emptySqlite();
  try {
    const configPath = await writeConfig({ programs: [] });
    const check = await runFloorready(['config', 'check', configPath], { databaseUrl: db.url, configPath });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/\b1 team, 5 agents, 0 programs\b/);
    const applied = await runFloorready(['config', 'apply'], { databaseUrl: db.url, configPath });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('1 team, 5 agents, 0 programs');
    expect(applied.stdout).toContain('rubric stored as version 1.');
    expect(applied.stdout).not.toMatch(/rubric changed|1 teams/);
    const again = await runFloorready(['config', 'apply'], { databaseUrl: db.url, configPath });
    expect(again.stdout).toContain('rubric unchanged (version 1).');
  } finally {
    await db.drop();
  }
}, 120_000);
