/**
 * Databases for tests.
 *
 *   const db = await withSqlite();   // fresh, migrated SQLite file; db.close() deletes it
 *   const db = await withPostgres(); // empty, migrated schema on TEST_POSTGRES_URL (migrated once per worker,
 *                                    // emptied for each later test); db.close() hands it back
 *
 * Run one suite on both providers:
 *
 *   describe.each(databases)('on $name', ({ open, skip }) => { ... it.skipIf(skip)(...) ... })
 *   // or, simpler:
 *   describeEachDatabase('call repository', (database) => { ... database.open() ... })
 *
 * PostgreSQL tests skip with a console message when the server is unreachable, unless CI is set:
 * then they run, and fail.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import BetterSqlite3 from 'better-sqlite3';
import { describe } from 'vitest';

import { openDatabase, type Database } from '../../src/db/client.ts';
import { dropPgSchema, pgReachable, quoteIdent } from '../../src/db/database-connection.ts';
import { resolveDatabaseUrl } from '../../src/db/database-url.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { workerCacheDir } from './temp-dir.ts';
import { dropTestSchemas, processRunning, TEST_POSTGRES_URL } from './test-schemas.ts';

export { TEST_POSTGRES_URL };

/** A database for one test; `close()` disconnects and removes it. */
export type TestDatabase = Database;

/** An empty (unmigrated) database URL and how to remove it. */
export interface EmptyDatabase {
  url: string;
  drop(): Promise<void>;
}

// --- SQLite ---------------------------------------------------------------------------------

// The template and the test files live in the worker's cache folder, kept across test files and removed
// with the run's temp root (temp-dir.ts); close() removes a test's file at once.
const tempDir = workerCacheDir;

let template: Promise<string> | undefined;

/** Migrates one template file per worker process; every test gets a copy. */
function sqliteTemplate(): Promise<string> {
  template ??= (async () => {
    const file = path.join(await tempDir(), 'template.db');
    await applyMigrations(`file:${file}`);
    // Fold the write-ahead log into the file so a plain copy holds everything.
    const db = new BetterSqlite3(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    return file;
  })();
  return template;
}

/** Writes a migrated SQLite database (a copy of this worker's template) to `file`. */
export async function copyMigratedSqlite(file: string): Promise<void> {
  await copyFile(await sqliteTemplate(), file);
}

export async function emptySqlite(): Promise<EmptyDatabase> {
  const file = path.join(await tempDir(), `empty-${randomUUID()}.db`);
  return { url: `file:${file}`, drop: () => removeSqliteFiles(file) };
}

async function removeSqliteFiles(file: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm', '-journal', '.migrate-lock'].map((suffix) => rm(`${file}${suffix}`, { force: true })));
}

/** A fresh SQLite test database: a copy of the migrated template, or of `source` (a snapshot file). */
export async function withSqlite(source?: string): Promise<TestDatabase> {
  source ??= await sqliteTemplate();
  const file = path.join(await tempDir(), `test-${randomUUID()}.db`);
  await copyFile(source, file);
  const db = await openDatabase(`file:${file}`, { migrate: false });
  return {
    ...db,
    close: async () => {
      await db.close();
      await removeSqliteFiles(file);
    },
  };
}

// --- PostgreSQL -----------------------------------------------------------------------------

let available: Promise<boolean> | undefined;

/** Whether TEST_POSTGRES_URL accepts connections (asked once per worker). */
export function postgresAvailable(): Promise<boolean> {
  available ??= (async () => {
    const target = resolveDatabaseUrl(TEST_POSTGRES_URL);
    if (target.provider !== 'postgresql') throw new Error(`TEST_POSTGRES_URL is not a PostgreSQL URL: ${TEST_POSTGRES_URL}`);
    return pgReachable(target.connection);
  })();
  return available;
}

/**
 * True when PostgreSQL tests should skip: the server is unreachable and CI is not set. In CI the
 * tests run regardless and fail on the connection, so a missing server never passes unnoticed.
 */
export const skipPostgres: boolean = await (async () => {
  if (await postgresAvailable()) return false;
  if (process.env.CI) {
    console.error(`PostgreSQL is unreachable at ${TEST_POSTGRES_URL} and CI is set: PostgreSQL tests will fail.`);
    return false;
  }
  console.warn(
    `Skipping PostgreSQL tests: nothing answers at ${TEST_POSTGRES_URL}. Start PostgreSQL ` +
      '(pg_ctlcluster --skip-systemctl-redirect <version> main start) or set TEST_POSTGRES_URL.',
  );
  return true;
})();

/**
 * A test's PostgreSQL sessions commit without waiting for the server's disk (`synchronous_commit=off`, set
 * through the URL's `options` as an operator would): what a commit makes visible is the same, only a crash of
 * the server could lose the last commits of a test schema. Each waited 1–4 ms on this machine's disk (ADR 0058).
 */
const TEST_SESSION_SETTINGS = '-c synchronous_commit=off';

const schemaUrl = (schema: string): string => {
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  url.searchParams.set('options', [url.searchParams.get('options'), TEST_SESSION_SETTINGS].filter(Boolean).join(' '));
  return url.toString();
};

async function dropSchema(schema: string): Promise<void> {
  const target = resolveDatabaseUrl(TEST_POSTGRES_URL);
  if (target.provider === 'postgresql') await dropPgSchema(target.connection, schema);
}

const newSchemaName = (): string => `test_${process.pid}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export async function emptyPostgres(): Promise<EmptyDatabase> {
  const schema = newSchemaName();
  return { url: schemaUrl(schema), drop: () => dropSchema(schema) };
}

/**
 * Migrated schemas of this worker that no test holds. Migrating through the wasm schema engine costs
 * seconds, so each worker migrates a schema once and later tests get it back emptied (TRUNCATE), the
 * way SQLite tests copy one migrated template file.
 */
const idleSchemas: string[] = [];
let sweptStaleSchemas: Promise<void> | undefined;

/** Drops the pooled schemas of test workers that are no longer running (left by a killed run). */
function sweepStaleSchemas(): Promise<void> {
  sweptStaleSchemas ??= dropTestSchemas((pid) => !processRunning(pid));
  return sweptStaleSchemas;
}

// A worker ends without its exit handlers: the run's teardown drops its schemas (global-setup.ts).

/** Runs one query with positional parameters and returns its rows. */
type RowQuery = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

const prismaRows =
  (db: Database): RowQuery =>
  <Row>(sql: string, params: unknown[]) =>
    db.prisma.$queryRawUnsafe<Row[]>(sql, ...params);

/** The schema's tables (but the migrations table), each after the tables its foreign keys point to. */
async function tablesParentsFirst(query: RowQuery, schema: string): Promise<string[]> {
  const tables = await query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    [schema],
  );
  const keys = await query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_class parent ON parent.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE c.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`foreign keys form a cycle: ${[...path, table].join(' -> ')}`);
    for (const key of keys) if (key.child === table && key.parent !== table) visit(key.parent, [...path, table]);
    ordered.push(table);
  };
  for (const { name } of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(name, []);
  return ordered;
}

/** Every worker schema is migrated alike: their tables in foreign-key order, read once from the first one emptied. */
let migratedTables: Promise<string[]> | undefined;

/**
 * Empties a pooled schema for its next test. DELETE, children first, in one statement: the tables hold a
 * test's few rows, and TRUNCATE (new files for every table and index, an exclusive lock on each) cost
 * 0.2–0.7 s per test on a busy machine (ADR 0049). There are no sequences to restart (ids are cuids).
 */
async function emptySchema(db: Database, schema: string): Promise<void> {
  migratedTables ??= tablesParentsFirst(prismaRows(db), schema);
  const tables = await migratedTables.catch((error: unknown) => {
    migratedTables = undefined;
    throw error;
  });
  if (tables.length === 0) return;
  const deletes = [...tables].reverse().map((table) => `DELETE FROM ${quoteIdent(schema)}.${quoteIdent(table)};`);
  await db.prisma.$executeRawUnsafe(`DO $$ BEGIN ${deletes.join(' ')} END $$`);
}

export async function withPostgres(): Promise<TestDatabase> {
  await sweepStaleSchemas();
  const reused = idleSchemas.pop();
  const schema = reused ?? newSchemaName();
  let db: Database | undefined;
  try {
    db = await openDatabase(schemaUrl(schema), { migrate: reused === undefined });
    if (reused !== undefined) await emptySchema(db, schema);
  } catch (error) {
    await db?.close().catch(() => {});
    await dropSchema(schema).catch(() => {});
    // A test may have changed its schema (readiness-worker-thread drops a table to break the report): a
    // pooled schema that cannot be emptied is dropped, and this test gets another.
    if (reused !== undefined) return withPostgres();
    throw error;
  }
  const opened = db;
  return {
    ...opened,
    close: async () => {
      await opened.close();
      idleSchemas.push(schema);
    },
  };
}

// --- Snapshots -----------------------------------------------------------------------------

/**
 * What a test database holds at one moment, kept in this worker so later tests can start from it
 * (score-scenarios.ts: a scenario imported once, copied for each later test that loads the same one).
 * SQLite: a copy of the file in the worker's cache folder. PostgreSQL: a schema of this worker holding a
 * plain copy of each table's rows (no constraints: it is only read from), dropped with the worker's schemas.
 */
export type DatabaseSnapshot =
  | { provider: 'sqlite'; file: string }
  /** `tables`: parents first, the order their rows go back in. */
  | { provider: 'postgresql'; schema: string; tables: string[] };

const pgSchemaOf = (db: TestDatabase): string => {
  const target = resolveDatabaseUrl(db.url);
  if (target.provider !== 'postgresql') throw new Error('expected a PostgreSQL URL');
  return target.schema;
};

/** Keeps what `db` holds now (its client stays open; nothing in it changes). */
export async function snapshotDatabase(db: TestDatabase): Promise<DatabaseSnapshot> {
  if (db.provider === 'sqlite') {
    const target = resolveDatabaseUrl(db.url);
    if (target.provider !== 'sqlite') throw new Error('expected a SQLite URL');
    // Fold the write-ahead log into the file first, so a plain copy holds everything.
    const connection = new BetterSqlite3(target.filePath);
    try {
      const [result] = connection.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy) throw new Error(`could not checkpoint ${target.filePath} for a snapshot: a connection is busy`);
    } finally {
      connection.close();
    }
    const file = path.join(await tempDir(), `snapshot-${randomUUID()}.db`);
    await copyFile(target.filePath, file);
    return { provider: 'sqlite', file };
  }
  const source = pgSchemaOf(db);
  const tables = await tablesParentsFirst(prismaRows(db), source);
  const schema = newSchemaName();
  const copies = tables.map(
    (table) => `CREATE TABLE ${quoteIdent(schema)}.${quoteIdent(table)} AS TABLE ${quoteIdent(source)}.${quoteIdent(table)};`,
  );
  await db.prisma.$executeRawUnsafe(`DO $$ BEGIN CREATE SCHEMA ${quoteIdent(schema)}; ${copies.join(' ')} END $$`);
  return { provider: 'postgresql', schema, tables };
}

/** A fresh test database holding what the snapshot holds. */
export async function openSnapshot(snapshot: DatabaseSnapshot): Promise<TestDatabase> {
  if (snapshot.provider === 'sqlite') return withSqlite(snapshot.file);
  const db = await withPostgres();
  try {
    const schema = pgSchemaOf(db);
    const inserts = snapshot.tables.map(
      (table) =>
        `INSERT INTO ${quoteIdent(schema)}.${quoteIdent(table)} SELECT * FROM ${quoteIdent(snapshot.schema)}.${quoteIdent(table)};`,
    );
    await db.prisma.$executeRawUnsafe(`DO $$ BEGIN ${inserts.join(' ')} END $$`);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** What `openBuilt` has built in this worker, by the way its databases open and key: seen once, or kept as a snapshot. */
const builtDatabases = new Map<() => Promise<TestDatabase>, Map<string, 'seen' | Promise<DatabaseSnapshot>>>();

/**
 * A fresh database (from `open`: withSqlite, withPostgres or a kind's `open`) holding what `build` puts into
 * an empty one, for setups that many tests repeat alike (ADR 0049): `key` names the contents, so the same key
 * must always build the same rows (the same config and data, the same fixed clock). The first test of a worker
 * builds; the second builds too and keeps a snapshot; later ones start from a copy of it.
 */
export async function openBuilt(
  open: () => Promise<TestDatabase>,
  key: string,
  build: (db: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  const built = builtDatabases.get(open) ?? new Map<string, 'seen' | Promise<DatabaseSnapshot>>();
  builtDatabases.set(open, built);
  const known = built.get(key);
  if (known !== undefined && known !== 'seen') return openSnapshot(await known);
  const db = await open();
  try {
    await build(db);
    if (known === undefined) built.set(key, 'seen');
    else {
      const snapshot = snapshotDatabase(db);
      built.set(key, snapshot);
      await snapshot.catch((error: unknown) => {
        built.delete(key);
        throw error;
      });
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

// --- Both -----------------------------------------------------------------------------------

export interface TestDatabaseKind {
  name: 'sqlite' | 'postgresql';
  /** A fresh, migrated database. */
  open: () => Promise<TestDatabase>;
  /** A fresh, empty database URL (for migration tests). */
  empty: () => Promise<EmptyDatabase>;
  /** True when this provider's tests should be skipped (see skipPostgres). */
  skip: boolean;
}

export const databases: TestDatabaseKind[] = [
  { name: 'sqlite', open: withSqlite, empty: emptySqlite, skip: false },
  { name: 'postgresql', open: withPostgres, empty: emptyPostgres, skip: skipPostgres },
];

/** `describe` the same suite once per provider, skipping PostgreSQL where allowed. */
export function describeEachDatabase(name: string, suite: (database: TestDatabaseKind) => void): void {
  for (const database of databases) {
    describe.skipIf(database.skip)(`${name} (${database.name})`, () => suite(database));
  }
}

/**
 * Everything a test database holds, as text, for "this never got stored" checks. SQLite: the bytes of
 * the database file and any write-ahead log, read after disconnecting the client. PostgreSQL: every
 * row of every table in the test schema, as JSON.
 */
export async function storedText(db: TestDatabase): Promise<string> {
  if (db.provider === 'sqlite') {
    await db.prisma.$disconnect();
    const target = resolveDatabaseUrl(db.url);
    if (target.provider !== 'sqlite') throw new Error('expected a SQLite URL');
    const files = [target.filePath, `${target.filePath}-wal`].filter((file) => existsSync(file));
    return (await Promise.all(files.map((file) => readFile(file)))).map((buffer) => buffer.toString('latin1')).join('\n');
  }
  const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  if (!tables.some((table) => table.table_name === 'Call')) throw new Error('expected the Call table in the test schema');
  const dumps: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
    dumps.push(...rows.map((row) => row.row));
  }
  return dumps.join('\n');
}
