/**
 * The one date parser (ADR 0024) through the CLI, as a user types dates: an impossible day is refused
 * with the reason, never rolled over to the next month; a zone-less time is read in the agent's team's
 * time zone (the example config's northside team: America/Chicago); years outside 1970..next year are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runFloorready, writeFolder } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';

const NOW = new Date('2026-10-01T12:00:00Z');
const CALL =
  'Agent: Thank you for calling Northside, how can I help?\nCustomer: I was charged twice.\nAgent: I am sorry, I have refunded it.\n';

let db: TestDatabase;
beforeEach(async () => {
  db = await withSqlite();
});
afterEach(async () => {
  await db.close();
});

const importOne = async (args: string[], meta?: Record<string, unknown>) => {
  const dir = await writeFolder({ 'call.txt': { content: CALL, ...(meta ? { meta } : {}) } });
  return runFloorready(['import', `${dir}/call.txt`, '--type', 'basic_inbound', ...args], {
    databaseUrl: db.url,
    cwd: dir,
    now: () => NOW,
  });
};

describe('dates typed on the command line', () => {
  it('when import --at names 30 February, then the file fails saying the day does not exist, and nothing is stored', async () => {
    const run = await importOne(['--agent', 'AG-101', '--at', '2026-02-30']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--at: "2026-02-30" is not a real date (February 2026 has 28 days)');
    expect(await db.prisma.call.count()).toBe(0);
  });

  it("when import --at has a time without a zone, then it is read in the agent's team's zone (America/Chicago), not the machine's", async () => {
    const run = await importOne(['--agent', 'AG-101', '--at', '2026-09-30T14:05']);
    expect(run.code, run.stderr).toBe(0);
    const [call] = await db.prisma.call.findMany();
    expect(call?.occurredAt.toISOString()).toBe('2026-09-30T19:05:00.000Z');
  });

  it('when a sidecar\'s "at" is an impossible date or a year out of range, then the file fails naming the sidecar and why', async () => {
    const feb = await importOne([], { agent: 'AG-101', at: '2026-02-29' });
    expect(feb.code).toBe(1);
    expect(feb.stderr).toContain('call.txt.meta.json: "at": "2026-02-29" is not a real date (February 2026 has 28 days)');
    const far = await importOne([], { agent: 'AG-101', at: '2099-01-01T00:00:00Z' });
    expect(far.stderr).toContain('call.txt.meta.json: "at": "2099-01-01T00:00:00Z" is in the year 2099; a date must be from 1970 to 2027');
    expect(await db.prisma.call.count()).toBe(0);
  });

  it('when digest --at names 30 February, then it is refused saying so (not the week of 2 March)', async () => {
    const run = await runFloorready(['digest', '--dry-run', '--at', '2026-02-30'], { databaseUrl: db.url, now: () => NOW });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--at: "2026-02-30" is not a real date (February 2026 has 28 days)');
    expect(run.stdout).not.toContain('2026-W09');
  });

  it('when score --rescore --since is 31 April, then it is refused before anything is re-queued', async () => {
    const run = await runFloorready(['score', '--rescore', '--since', '2026-04-31'], { databaseUrl: db.url, now: () => NOW });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--since: "2026-04-31" is not a real date (April 2026 has 30 days)');
  });
});
