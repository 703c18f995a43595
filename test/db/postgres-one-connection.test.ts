/**
 * A PostgreSQL open checks the migrations on the pooled connection its queries then use: one server
 * connection per command, not two (each one a server process, ~23 ms on the 2-core machine). Counted
 * where every connection starts, `pg.Client#connect`, for a writing and a read-only open.
 */
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';

import { openDatabase } from '../../src/db/client.ts';
import { withPostgres } from '../support/database.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

it('when a PostgreSQL database is opened and queried, then the migrations are checked on the one connection the queries use', async () => {
  const db = await withPostgres();
  try {
    const connect = vi.spyOn(pg.Client.prototype, 'connect');
    for (const readOnly of [false, true]) {
      connect.mockClear();
      const opened = await openDatabase(db.url, { readOnly });
      try {
        expect(await opened.prisma.call.count()).toBe(0);
        expect(await opened.prisma.agent.count()).toBe(0);
      } finally {
        await opened.close();
      }
      expect(connect, readOnly ? 'read-only open' : 'writing open').toHaveBeenCalledTimes(1);
    }
  } finally {
    await db.close();
  }
});

it('when the read-only open is written through, then PostgreSQL refuses it (the pool keeps the read-only session)', async () => {
  const db = await withPostgres();
  try {
    const opened = await openDatabase(db.url, { readOnly: true });
    try {
      await expect(opened.prisma.$executeRawUnsafe(`CREATE TABLE "ShouldNotExist" (id int)`)).rejects.toThrow(/read-only/);
    } finally {
      await opened.close();
    }
  } finally {
    await db.close();
  }
});
