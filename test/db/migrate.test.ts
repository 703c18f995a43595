import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase, resolveDatabaseUrl, type Database } from '../../src/db/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { migrationsDirectory } from '../../src/db/migration-files.ts';
import { AppError } from '../../src/domain/app-error.ts';
import { databases, describeEachDatabase, skipPostgres, type EmptyDatabase } from '../support/database.ts';
import { tempDir } from '../support/temp-dir.ts';

const PRISMA_ROOT = path.resolve(import.meta.dirname, '../../prisma');

const migrationFolders = async (provider: 'sqlite' | 'postgresql'): Promise<string[]> =>
  (await readdir(migrationsDirectory(provider), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describeEachDatabase('applyMigrations', (database) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  const empty = async (): Promise<EmptyDatabase> => {
    const created = await database.empty();
    cleanups.push(created.drop);
    return created;
  };
  const open = async (url?: string): Promise<Database> => {
    const db = url === undefined ? await database.open() : await openDatabase(url, { migrate: false });
    cleanups.unshift(() => db.close()); // close before dropping
    return db;
  };

  it('when the database is empty, then every migration folder is applied and recorded as finished', async () => {
    const { url } = await empty();

    const result = await applyMigrations(url);

    const folders = await migrationFolders(database.name);
    expect(folders.length).toBeGreaterThan(0);
    expect(result).toEqual({ provider: database.name, applied: folders, engineLoaded: true });
    const db = await open(url);
    const rows = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
  });

  it('when migrations are applied a second time, then nothing is applied and the engine is not loaded', async () => {
    const { url } = await empty();
    await applyMigrations(url);

    const result = await applyMigrations(url);

    expect(result).toEqual({ provider: database.name, applied: [], engineLoaded: false });
  });

  it('when a team and an agent are created, then they read back with their relation', async () => {
    const db = await open();

    const team = await db.prisma.team.create({ data: { key: 'billing', name: 'Billing' } });
    await db.prisma.agent.create({
      data: {
        key: 'ana@example.com',
        email: 'ana@example.com',
        displayName: 'Ana',
        teamId: team.id,
        identifiers: { create: { kind: 'name', value: 'ana' } },
      },
    });

    const agent = await db.prisma.agent.findUniqueOrThrow({
      where: { key: 'ana@example.com' },
      include: { team: true, identifiers: true },
    });
    expect(agent.displayName).toBe('Ana');
    expect(agent.active).toBe(true);
    expect(agent.team?.key).toBe('billing');
    expect(agent.team?.timeZone).toBe('UTC');
    expect(agent.identifiers).toMatchObject([{ kind: 'name', value: 'ana' }]);
    expect(agent.createdAt).toBeInstanceOf(Date);
  });

  it('when JSON and nullable columns are written, then they round-trip unchanged', async () => {
    const db = await open();
    const program = await db.prisma.trainingProgram.create({
      data: {
        key: 'empathy-2025',
        name: 'Empathy',
        targetedCriteria: ['empathy', 'ownership'],
        startsAt: new Date('2025-01-06T00:00:00Z'),
        completesAt: new Date('2025-01-20T00:00:00Z'),
      },
    });

    const read = await db.prisma.trainingProgram.findUniqueOrThrow({ where: { id: program.id } });
    expect(read.targetedCriteria).toEqual(['empathy', 'ownership']);
    expect(read.completesAt.toISOString()).toBe('2025-01-20T00:00:00.000Z');
  });

  it('when two callers apply migrations to one empty database at once, then both succeed and it is migrated once', async () => {
    const { url } = await empty();

    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);

    const folders = await migrationFolders(database.name);
    expect([...first.applied, ...second.applied].sort()).toEqual(folders);
    const db = await open(url);
    const rows = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string }>>('SELECT migration_name FROM _prisma_migrations');
    expect(rows).toHaveLength(folders.length);
    expect(await db.prisma.team.count()).toBe(0);
  });
  // The dispute migration (20261205141945_add_disputes) landed on main after 20261205142347_call_review_and_inferred_type,
  // though its timestamp sorts first. It keeps its name (ADR 0038): a renamed folder would be pending again on
  // every database that recorded the old name, and its CREATE TABLE would fail there.
  it("when a database migrated before the dispute migration landed is upgraded, then add_disputes is applied last and the schema equals a fresh database's", async () => {
    const landedLater = '20261205141945_add_disputes';
    const root = await tempDir('floorready-old-prisma-');
    await cp(PRISMA_ROOT, root, { recursive: true, dereference: true });
    for (const provider of ['sqlite', 'postgres']) await rm(path.join(root, provider, 'migrations', landedLater), { recursive: true });
    const old = await empty();
    const before = await applyMigrations(old.url, { prismaRoot: root });
    expect(before.applied).toContain('20261205142347_call_review_and_inferred_type');
    expect(before.applied).not.toContain(landedLater);

    const upgraded = await applyMigrations(old.url);

    expect(upgraded.applied).toEqual([landedLater]);
    const fresh = await empty();
    await applyMigrations(fresh.url);
    const [oldDb, freshDb] = [await open(old.url), await open(fresh.url)];
    expect(await schemaOf(oldDb, database.name)).toEqual(await schemaOf(freshDb, database.name));
    expect((await schemaOf(oldDb, database.name)).some((line) => line.startsWith('Dispute.'))).toBe(true);
    // The database that has the name keeps it: nothing is pending, on the cheap path.
    expect(await applyMigrations(old.url)).toEqual({ provider: database.name, applied: [], engineLoaded: false });
  });
});

/** Every table's columns (name, type, nullability) and every index, one sorted line each. */
const schemaOf = async (db: Database, provider: 'sqlite' | 'postgresql'): Promise<string[]> => {
  if (provider === 'sqlite') {
    const tables = await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
    );
    const lines: string[] = [];
    for (const { name } of tables) {
      const columns = await db.prisma.$queryRawUnsafe<
        Array<{ name: string; type: string; notnull: number | bigint; dflt_value: string | null }>
      >(`SELECT name, type, "notnull", dflt_value FROM pragma_table_info('${name}')`);
      for (const column of columns)
        lines.push(`${name}.${column.name} ${column.type} ${Number(column.notnull) ? 'not null' : 'null'} ${column.dflt_value ?? ''}`);
      const indexes = await db.prisma.$queryRawUnsafe<Array<{ name: string; unique: number | bigint }>>(
        `SELECT name, "unique" FROM pragma_index_list('${name}')`,
      );
      for (const index of indexes) lines.push(`${name} index ${index.name} ${Number(index.unique) ? 'unique' : ''}`);
      const keys = await db.prisma.$queryRawUnsafe<Array<{ table: string; from: string; to: string; on_delete: string }>>(
        `SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list('${name}')`,
      );
      for (const key of keys) lines.push(`${name}.${key.from} -> ${key.table}.${key.to} on delete ${key.on_delete}`);
    }
    return lines.sort();
  }
  const columns = await db.prisma.$queryRawUnsafe<Array<{ line: string }>>(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
  );
  const indexes = await db.prisma.$queryRawUnsafe<Array<{ line: string }>>(
    `SELECT tablename || ' index ' || replace(indexdef, ' ON ' || quote_ident(current_schema()) || '.', ' ON ') AS line
       FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  const keys = await db.prisma.$queryRawUnsafe<Array<{ line: string }>>(
    `SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint WHERE connamespace = current_schema()::regnamespace`,
  );
  return [...columns, ...indexes, ...keys].map((row) => row.line).sort();
};

describe('resolveDatabaseUrl', () => {
  it('when the SQLite URL is relative, then it resolves under the working directory', () => {
    const resolved = resolveDatabaseUrl('file:./data/x.db', '/srv/app');
    expect(resolved).toEqual({ provider: 'sqlite', url: 'file:/srv/app/data/x.db', filePath: '/srv/app/data/x.db' });
    expect(resolveDatabaseUrl('file:data/x.db', '/srv/app').url).toBe('file:/srv/app/data/x.db');
    expect(resolveDatabaseUrl('file:/var/lib/x.db', '/srv/app').url).toBe('file:/var/lib/x.db');
    expect(resolveDatabaseUrl('file:///var/lib/x.db', '/srv/app').url).toBe('file:/var/lib/x.db');
  });

  it('when the PostgreSQL URL has a schema parameter, then the schema and discrete fields are read from it', () => {
    const resolved = resolveDatabaseUrl('postgres://bob:s%40cret@db.internal:6543/floor?schema=tenant_a&sslmode=require');
    expect(resolved).toMatchObject({
      provider: 'postgresql',
      schema: 'tenant_a',
      connection: { host: 'db.internal', port: 6543, user: 'bob', password: 's@cret', database: 'floor' },
    });
    expect(resolveDatabaseUrl('postgresql://postgres@127.0.0.1/test')).toMatchObject({ schema: 'public', connection: { port: 5432 } });
  });

  it('when the URL scheme is unknown, then an AppError names DATABASE_URL and the accepted forms', () => {
    const attempt = () => resolveDatabaseUrl('mysql://root@localhost/db');
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      const appError = error as AppError;
      expect(appError.code).toBe('DATABASE_URL_INVALID');
      expect(appError.userMessage).toContain('DATABASE_URL');
      expect(appError.userMessage).toContain('file:');
      expect(appError.userMessage).toContain('postgresql://');
      expect(appError.userMessage).toContain('mysql:');
    }
  });

  it('when the URL holds a password, then the error message does not', () => {
    expect(() => resolveDatabaseUrl('postgresql://u:hunter2@h/')).toThrow(AppError);
    try {
      resolveDatabaseUrl('postgresql://u:hunter2@h/');
    } catch (error) {
      expect((error as AppError).message).not.toContain('hunter2');
      expect((error as AppError).userMessage).not.toContain('hunter2');
    }
  });
});

describe('openDatabase with a relative file: URL', () => {
  const originalCwd = process.cwd();
  let dir: string | undefined;
  afterEach(async () => {
    process.chdir(originalCwd);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('when the working directory changes (and the folder may be created), then the file is created and migrated under it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'floorready-cwd-'));
    process.chdir(dir);

    const db = await openDatabase('file:./nested/app.db', { createFolder: true });
    try {
      expect(db.provider).toBe('sqlite');
      expect(db.url).toBe(`file:${path.join(dir, 'nested', 'app.db')}`);
      expect(existsSync(path.join(dir, 'nested', 'app.db'))).toBe(true);
      expect(await db.prisma.team.count()).toBe(0);
      const [mode] = await db.prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
      expect(mode?.journal_mode).toBe('wal');
    } finally {
      await db.close();
    }
    // The no-op path resolves the same relative URL to the same file.
    expect(await applyMigrations('file:./nested/app.db')).toMatchObject({ applied: [], engineLoaded: false });
  });
});

describe('the test database helpers', () => {
  it('when the providers are listed, then SQLite never skips and PostgreSQL skips only as skipPostgres says', () => {
    expect(databases.map((kind) => kind.name)).toEqual(['sqlite', 'postgresql']);
    expect(databases[0]!.skip).toBe(false);
    expect(databases[1]!.skip).toBe(skipPostgres);
    if (process.env.CI) expect(skipPostgres).toBe(false);
  });
});
