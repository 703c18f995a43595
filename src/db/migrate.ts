/**
 * Applies Prisma migrations without Prisma's native schema engine (see src/db/schema-engine.ts and
 * docs/decisions/0001-*.md), keeping Prisma's on-disk layout and its `_prisma_migrations` table so the
 * real `prisma migrate deploy` accepts the same folders.
 *
 * `applyMigrations` runs on every start, so its common case (everything applied) only reads
 * `_prisma_migrations` with the plain driver and never loads the 5 MB wasm engine.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type pg from 'pg';

import { databaseError } from '../domain/database-errors.ts';
import { SQLITE_BUSY_TIMEOUT_MS, pgClientConfig, quoteIdent } from './database-connection.ts';
import { redactUrl, resolveDatabaseUrl, type DatabaseProvider, type ResolvedDatabaseUrl } from './database-url.ts';
import { listMigrationNames, loadMigrationList, loadSchemaFiles, migrationsDirectory } from './migration-files.ts';
import type { MigrationLog } from './schema-engine.ts';
import { BetterSqlite3, openReadOnlySqlite } from './sqlite-driver.ts';

export interface ApplyMigrationsOptions {
  /** Folder holding `sqlite/` and `postgres/`; defaults to the project's `prisma/`. */
  prismaRoot?: string;
  log?: MigrationLog;
  /** How long to wait for another process that is migrating the same database. */
  lockTimeoutMs?: number;
  /**
   * PostgreSQL: the pool the database will be used through. Its connection checks the migrations and is
   * then the first one Prisma's queries use, so a command opens one connection, not two (each costs a
   * server process: ~23 ms on the 2-core machine).
   */
  pool?: pg.Pool;
}

export interface ApplyMigrationsResult {
  provider: DatabaseProvider;
  /** Migrations applied by this call, oldest first; empty when the database was up to date. */
  applied: string[];
  /** False when the up-to-date check alone answered (the common case on start-up). */
  engineLoaded: boolean;
}

const APPLIED_MIGRATIONS_SQL = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

const isSubset = (wanted: string[], have: Set<string>): boolean => wanted.every((name) => have.has(name));

/**
 * Brings the database at `databaseUrl` up to date with `prisma/<provider>/migrations`, like
 * `prisma migrate deploy`. Cheap when nothing is pending. Safe to call from several processes at once:
 * PostgreSQL serialises appliers with an advisory lock, SQLite with an exclusive lock on a side file.
 */
export async function applyMigrations(
  databaseUrl: string | ResolvedDatabaseUrl,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const target = typeof databaseUrl === 'string' ? resolveDatabaseUrl(databaseUrl) : databaseUrl;
  const directory = migrationsDirectory(target.provider, options.prismaRoot);
  const wanted = await listMigrationNames(directory);
  const upToDate: ApplyMigrationsResult = { provider: target.provider, applied: [], engineLoaded: false };

  if (target.provider === 'sqlite') {
    if (isSubset(wanted, readAppliedSqlite(target.filePath))) return upToDate;
    return withSqliteMigrationLock(target.filePath, options.lockTimeoutMs ?? 120_000, async () => {
      if (isSubset(wanted, readAppliedSqlite(target.filePath))) return upToDate;
      return runEngineApply(target, directory, wanted, options);
    });
  }

  const client = await connectPostgres(target, options.pool);
  try {
    if (isSubset(wanted, await readAppliedPostgres(client, target.schema))) return upToDate;
    return await withPostgresMigrationLock(client, target.schema, async () => {
      if (isSubset(wanted, await readAppliedPostgres(client, target.schema))) return upToDate;
      return runEngineApply(target, directory, wanted, options);
    });
  } finally {
    await client.close();
  }
}

/**
 * The migrations the database at `databaseUrl` lacks, oldest first, read without writing anything
 * (a read-only open checks this instead of migrating).
 */
export async function pendingMigrations(
  databaseUrl: string | ResolvedDatabaseUrl,
  options: Pick<ApplyMigrationsOptions, 'prismaRoot' | 'pool'> = {},
): Promise<string[]> {
  const target = typeof databaseUrl === 'string' ? resolveDatabaseUrl(databaseUrl) : databaseUrl;
  const wanted = await listMigrationNames(migrationsDirectory(target.provider, options.prismaRoot));
  if (target.provider === 'sqlite') {
    const applied = readAppliedSqlite(target.filePath, { readonly: true });
    return wanted.filter((name) => !applied.has(name));
  }
  const client = await connectPostgres(target, options.pool);
  try {
    const applied = await readAppliedPostgres(client, target.schema);
    return wanted.filter((name) => !applied.has(name));
  } finally {
    await client.close();
  }
}

async function runEngineApply(
  target: ResolvedDatabaseUrl,
  directory: string,
  names: readonly string[],
  options: ApplyMigrationsOptions,
): Promise<ApplyMigrationsResult> {
  const [migrationsList, datamodels] = await Promise.all([
    loadMigrationList(directory, names),
    loadSchemaFiles(target.provider, options.prismaRoot),
  ]);
  // The engine (and pg) load only when something is pending: never on a CLI run against an up-to-date database.
  const { NO_SCHEMA_FILTER, startSchemaEngine } = await import('./schema-engine.ts');
  const session = await startSchemaEngine(target, { datamodels, log: options.log });
  try {
    const { appliedMigrationNames } = await session.engine.applyMigrations({ migrationsList, filters: NO_SCHEMA_FILTER });
    return { provider: target.provider, applied: appliedMigrationNames, engineLoaded: true };
  } finally {
    await session.close();
  }
}

// --- SQLite ---------------------------------------------------------------------------------

function readAppliedSqlite(filePath: string, options: { readonly?: boolean } = {}): Set<string> {
  let db: BetterSqlite3.Database;
  try {
    db =
      options.readonly === true
        ? openReadOnlySqlite(filePath)
        : new BetterSqlite3(filePath, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (error) {
    if (options.readonly === true) throw error; // a read opens only a file it found (checkSqliteFile)
    return new Set(); // no file yet
  }
  try {
    const rows = db.prepare(APPLIED_MIGRATIONS_SQL).pluck().all() as string[];
    return new Set(rows);
  } catch (error) {
    if (/no such table/i.test((error as Error).message)) return new Set();
    throw error;
  } finally {
    db.close();
  }
}

const inProcessLocks = new Map<string, Promise<unknown>>();

/** Runs `work` alone: within this process (a promise chain) and across processes (an exclusive lock). */
async function withSqliteMigrationLock<T>(filePath: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const previous = inProcessLocks.get(filePath) ?? Promise.resolve();
  const run = previous
    .catch(() => {})
    .then(async () => {
      mkdirSync(path.dirname(filePath), { recursive: true });
      // A side file: holding a lock on the database itself would block the engine's own writes.
      const lock = new BetterSqlite3(`${filePath}.migrate-lock`, { timeout: 0 });
      try {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          try {
            lock.exec('BEGIN EXCLUSIVE');
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        }
        try {
          return await work();
        } finally {
          lock.exec('ROLLBACK');
        }
      } finally {
        lock.close(); // also releases the lock if ROLLBACK was never reached
      }
    });
  inProcessLocks.set(filePath, run);
  try {
    return await run;
  } finally {
    if (inProcessLocks.get(filePath) === run) inProcessLocks.delete(filePath);
  }
}

// --- PostgreSQL -----------------------------------------------------------------------------

/** Not Prisma's own key (72707369), so the engine's lock, if it takes one, never waits on ours. */
const ADVISORY_LOCK_NAMESPACE = 'floorready:migrate:';

/** One PostgreSQL session: its queries, and `close`, which ends it or hands it back to its pool. */
type PgSession = Pick<pg.ClientBase, 'query'> & { close: () => Promise<void> };

/** A session of `pool` when given (handed back on close), else a connection of its own. */
async function connectPostgres(target: Extract<ResolvedDatabaseUrl, { provider: 'postgresql' }>, pool?: pg.Pool): Promise<PgSession> {
  const unreachable = (error: unknown) =>
    databaseError('DATABASE_UNREACHABLE', { shown: redactUrl(target.url), detail: (error as Error).message }, { cause: error });
  if (pool) {
    const pooled = await pool.connect().catch((error: unknown) => {
      throw unreachable(error);
    });
    return { query: pooled.query.bind(pooled) as PgSession['query'], close: async () => pooled.release() };
  }
  const { default: pgDriver } = await import('pg');
  const own = new pgDriver.Client(pgClientConfig(target.connection));
  try {
    await own.connect();
  } catch (error) {
    await own.end().catch(() => {});
    throw unreachable(error);
  }
  return { query: own.query.bind(own) as PgSession['query'], close: () => own.end().catch(() => {}) };
}

/** Session-level advisory lock, per schema, held on `client` while `work` runs. */
async function withPostgresMigrationLock<T>(client: PgSession, schema: string, work: () => Promise<T>): Promise<T> {
  const key = ADVISORY_LOCK_NAMESPACE + schema;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
  try {
    // Prisma's engine creates no schema for a driver adapter: make sure the search_path target exists.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => {});
  }
}

async function readAppliedPostgres(client: PgSession, schema: string): Promise<Set<string>> {
  try {
    const result = await client.query<{ migration_name: string }>(
      APPLIED_MIGRATIONS_SQL.replace('FROM _prisma_migrations', `FROM ${quoteIdent(schema)}._prisma_migrations`),
    );
    return new Set(result.rows.map((row) => row.migration_name));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P01' || code === '3F000') return new Set(); // no table / no schema yet
    throw error;
  }
}
