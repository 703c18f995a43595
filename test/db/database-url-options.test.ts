/**
 * A PostgreSQL DATABASE_URL may carry session settings in `options` (`-c name=value`, as libpq reads them):
 * they apply to every session floorready opens, win over its defaults (JIT off), and cannot move it off its
 * schema or make a read-only command write. Anything else in `options` is refused with words that say how to
 * write it.
 */
import { afterEach, expect, it } from 'vitest';

import { openDatabase, type Database } from '../../src/db/client.ts';
import { resolveDatabaseUrl } from '../../src/db/database-url.ts';
import { runFloorready } from '../support/cli.ts';
import { withPostgres, type TestDatabase } from '../support/database.ts';

const opened: (Database | TestDatabase)[] = [];
afterEach(async () => {
  for (const db of opened.splice(0).reverse()) await db.close();
});

/** The test database's URL with `options` replaced. */
const withOptions = (url: string, options: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', options);
  return parsed.toString();
};

const setting = async (db: Database, name: string): Promise<string> => {
  const rows = await db.prisma.$queryRawUnsafe<Record<string, string>[]>(`SHOW ${name}`);
  return Object.values(rows[0] ?? {})[0] ?? '';
};

it('when the URL sets session options, then every session has them, they win over the defaults, and the schema stays', async () => {
  const test = await withPostgres();
  opened.push(test);
  const schema = resolveDatabaseUrl(test.url);
  if (schema.provider !== 'postgresql') throw new Error('expected PostgreSQL');
  const db = await openDatabase(withOptions(test.url, '-c statement_timeout=4321 -c jit=on -c search_path=public'));
  opened.push(db);

  expect(await setting(db, 'statement_timeout')).toBe('4321ms');
  expect(await setting(db, 'jit')).toBe('on');
  expect(await setting(db, 'max_parallel_workers_per_gather')).toBe('0');
  expect(await setting(db, 'search_path')).toBe(`"${schema.schema}"`);
  expect(await db.prisma.call.count()).toBe(0);
});

it('when the URL says transactions may write, then a read-only open still refuses writes', async () => {
  const test = await withPostgres();
  opened.push(test);
  const db = await openDatabase(withOptions(test.url, '-c default_transaction_read_only=off'), { readOnly: true });
  opened.push(db);

  expect(await setting(db, 'default_transaction_read_only')).toBe('on');
  await expect(db.prisma.$executeRawUnsafe(`CREATE TABLE "ShouldNotExist" (id int)`)).rejects.toThrow(/read-only/);
});

it('when the URL has options that are not -c settings, then every command refuses, shows the options and how to write them', async () => {
  for (const options of ['--single', '-c statement_timeout', '-c a=b; DROP TABLE x', '-c a=b -D /tmp']) {
    const url = `postgresql://postgres@127.0.0.1:5432/test?options=${encodeURIComponent(options)}`;
    expect(() => resolveDatabaseUrl(url), options).toThrow(/not session settings/);
    const run = await runFloorready(['calls'], { databaseUrl: url });
    expect(run.code, options).not.toBe(0);
    expect(run.stderr).toContain(`the options "${options}" are not session settings; write them as -c name=value`);
    expect(run.stderr).not.toMatch(/\bat \S+\.ts:\d+/);
  }
});
