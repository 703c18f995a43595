/**
 * The test databases themselves (test/support/database.ts, ADR 0049): a pooled PostgreSQL schema comes back
 * empty and whole, and a database built by `openBuilt` holds the same rows whether built or copied from its
 * snapshot.
 */
import { tmpdir } from 'node:os';

import { expect, it } from 'vitest';

import { describeEachDatabase, openBuilt, skipPostgres, type TestDatabase, withPostgres } from '../support/database.ts';

const rowsOf = async (db: TestDatabase) => ({
  teams: await db.prisma.team.findMany({ orderBy: { key: 'asc' }, select: { id: true, key: true, name: true } }),
  agents: await db.prisma.agent.findMany({ orderBy: { key: 'asc' }, select: { id: true, key: true, displayName: true, teamId: true } }),
});

describeEachDatabase('test databases', (database) => {
  it('when a setup is built three times under one key, then the third database, copied from the snapshot, holds the same rows and is its own', async () => {
    const key = `two teams ${Math.random()}`;
    const build = async (db: TestDatabase) => {
      const north = await db.prisma.team.create({ data: { key: 'north', name: 'North' } });
      await db.prisma.team.create({ data: { key: 'south', name: 'South' } });
      await db.prisma.agent.create({ data: { key: 'ana@example.com', displayName: 'Ana', teamId: north.id } });
    };
    const seen: Awaited<ReturnType<typeof rowsOf>>[] = [];
    let built = 0;
    for (let round = 0; round < 3; round++) {
      const db = await openBuilt(database.open, key, async (fresh) => {
        built += 1;
        await build(fresh);
      });
      try {
        seen.push(await rowsOf(db));
        // What a test does to its copy stays in it.
        await db.prisma.agent.deleteMany();
      } finally {
        await db.close();
      }
    }
    expect(built).toBe(2);
    expect(seen[0]?.teams.map((team) => team.key)).toEqual(['north', 'south']);
    expect(seen[0]?.agents).toHaveLength(1);
    expect(seen[2]).toEqual(seen[1]);
  });

  it('when a test leaves rows behind, then the next database is empty', async () => {
    const first = await database.open();
    try {
      await first.prisma.team.create({ data: { key: 'left', name: 'Left behind' } });
    } finally {
      await first.close();
    }
    const next = await database.open();
    try {
      expect(await next.prisma.team.count()).toBe(0);
    } finally {
      await next.close();
    }
  });
});

it.skipIf(skipPostgres)('when a test dropped a table of its PostgreSQL schema, then the next test gets a whole schema', async () => {
  const broken = await withPostgres();
  try {
    // CASCADE: the view of the calls' lines of scores reads it (ADR 0060).
    await broken.prisma.$executeRawUnsafe('DROP TABLE "CriterionScore" CASCADE');
  } finally {
    await broken.close();
  }
  const next = await withPostgres();
  try {
    expect(await next.prisma.criterionScore.count()).toBe(0);
  } finally {
    await next.close();
  }
});

it('when a test opens a PostgreSQL schema, then its sessions commit without waiting for the disk, and an SQLite file lives in memory on Linux', async () => {
  if (skipPostgres) return;
  const db = await withPostgres();
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ synchronous_commit: string }[]>('SHOW synchronous_commit');
    expect(rows[0]?.synchronous_commit).toBe('off');
  } finally {
    await db.close();
  }
  if (process.platform === 'linux' && !process.env.FLOORREADY_TEST_TMPDIR) expect(tmpdir().startsWith('/dev/shm/')).toBe(true);
});
