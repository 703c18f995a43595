/**
 * Opens the database named by a DATABASE_URL: SQLite for `file:` URLs, PostgreSQL for
 * `postgres://` / `postgresql://` ones, each through its own generated Prisma client and driver
 * adapter. The models are identical, so callers see one `PrismaClient` type (the SQLite one).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type pg from 'pg';

import type { PrismaClient as SqlitePrismaClient } from '../generated/sqlite/client.ts';
import { SQLITE_BUSY_TIMEOUT_MS, pgClientConfig } from './database-connection.ts';
import { DEFAULT_DATABASE_URL, resolveDatabaseUrl, type DatabaseProvider, type ResolvedDatabaseUrl } from './database-url.ts';
import { assertNoPendingMigrations, checkSqliteFile } from './check-database.ts';
import { applyMigrations } from './migrate.ts';
import { pgRowReader, sqliteRowReader, type RowReader } from './row-reader.ts';
import { BetterSqlite3, openReadOnlySqlite, sqliteAdapterConfig } from './sqlite-driver.ts';
import type { MigrationLog } from './schema-engine.ts';

export { DEFAULT_DATABASE_URL, resolveDatabaseUrl, type DatabaseProvider, type ResolvedDatabaseUrl } from './database-url.ts';

/** The client type for both providers (the PostgreSQL client has the same models and API). */
export type PrismaClient = SqlitePrismaClient;

export interface Database {
  prisma: PrismaClient;
  /** Reads of many rows without Prisma's row conversion (ADR 0059); closed with the database. */
  rows: RowReader;
  provider: DatabaseProvider;
  /** The resolved URL: `file:/absolute/path` for SQLite, the URL as given for PostgreSQL. */
  url: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Receives the schema engine's log lines when migrations run. */
  migrationLog?: MigrationLog;
  /**
   * Open for reading only: never creates or migrates anything (SQLite: the file must exist and is opened
   * read-only; PostgreSQL: every transaction is read-only). Pending migrations are an error.
   */
  readOnly?: boolean;
  /**
   * Create the SQLite file's folder when it is missing (default: only for the default location,
   * ./data/); elsewhere a missing folder is taken for a mistyped DATABASE_URL and refused.
   */
  createFolder?: boolean;
}

/**
 * `databaseUrl` is the parsed DATABASE_URL (src/config reads the environment, not this module), or the
 * caller's own `resolveDatabaseUrl` of it; without one, `file:./data/floorready.db` under the working
 * directory. The URL is resolved once here and the migrations are checked once (applied, or for a read
 * compared with the database). Throws `AppError` for a URL it cannot use.
 */
export async function openDatabase(
  databaseUrl: string | ResolvedDatabaseUrl = DEFAULT_DATABASE_URL,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const target = typeof databaseUrl === 'string' ? resolveDatabaseUrl(databaseUrl) : databaseUrl;
  const readOnly = options.readOnly === true;
  if (target.provider === 'sqlite') {
    checkSqliteFile(target.filePath, readOnly ? 'read' : 'write', {
      createFolder: options.createFolder ?? databaseUrl === DEFAULT_DATABASE_URL,
    });
  }

  // PostgreSQL: one pool from the start; the migrations are checked on the connection Prisma then uses.
  const pool = target.provider === 'postgresql' ? await openPgPool(target, readOnly) : undefined;
  try {
    if (readOnly) await assertNoPendingMigrations(target, { pool });
    else {
      if (target.provider === 'sqlite') mkdirSync(path.dirname(target.filePath), { recursive: true });
      if (options.migrate !== false) await applyMigrations(target, { log: options.migrationLog, pool });
    }
  } catch (error) {
    await pool?.end().catch(() => {});
    throw error;
  }

  if (target.provider === 'sqlite') {
    if (!readOnly) enableWal(target.filePath);
    // Each provider's client and adapter load only for that provider (CLI start-up).
    const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
      import('../generated/sqlite/client.ts'),
      import('@prisma/adapter-better-sqlite3'),
    ]);
    const prisma = new PrismaClient({
      adapter: new PrismaBetterSqlite3(sqliteAdapterConfig(target.filePath, readOnly ? 'read' : 'write')),
    });
    const rows = sqliteRowReader(() => openReadOnlySqlite(target.filePath));
    return {
      prisma,
      rows,
      provider: 'sqlite',
      url: target.url,
      close: async () => {
        await rows.close();
        await prisma.$disconnect();
      },
    };
  }

  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import('../generated/postgres/client.ts'), import('@prisma/adapter-pg')]);
  // Prisma ends the pool when it disconnects. The adapter bundles an older @types/pg: the runtime `pg` is
  // the same package (its instanceof check holds), only the declared types differ.
  type AdapterPool = ConstructorParameters<typeof PrismaPg>[0];
  const adapter = new PrismaPg(pool as unknown as AdapterPool, { schema: target.schema, disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter }) as unknown as PrismaClient;
  return { prisma, rows: pgRowReader(pool as pg.Pool), provider: 'postgresql', url: target.url, close: () => prisma.$disconnect() };
}

/**
 * Write-ahead logging lets readers and one writer share the file across processes; the mode is stored
 * in the file, so setting it once per open is enough. The busy timeout is set per connection (above).
 */
function enableWal(filePath: string): void {
  const db = new BetterSqlite3(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

/**
 * The pool a PostgreSQL database is used through: the schema on the search path, read-only when asked,
 * no JIT compilation and no parallel workers. The app's queries are interactive reads of a team's rows,
 * several at once per report: a report statement whose estimate passed `jit_above_cost` spent about 40 ms
 * compiling for a 20-40 ms run, and a worker per query for 2,000 rows cost the reports more than it saved
 * on a loaded machine (ADR 0050, 0053).
 */
async function openPgPool(target: Extract<ResolvedDatabaseUrl, { provider: 'postgresql' }>, readOnly: boolean): Promise<pg.Pool> {
  const { default: pgDriver } = await import('pg');
  return new pgDriver.Pool({
    ...pgClientConfig(target.connection),
    // The URL's own settings (`?options=`) come after the defaults, so an operator's choice wins over them,
    // and before the schema and read-only settings, which the URL cannot undo.
    options: [
      '-c jit=off -c max_parallel_workers_per_gather=0',
      ...(target.connection.options ? [target.connection.options] : []),
      `-c search_path="${target.schema}"`,
      ...(readOnly ? ['-c default_transaction_read_only=on'] : []),
    ].join(' '),
  });
}
