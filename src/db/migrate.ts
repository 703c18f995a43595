/**
 * Prisma migrations without Prisma's native schema engine.
 *
 * The Prisma 7 CLI can no longer migrate through a driver adapter, and the native engine is a
 * download this project does not rely on. Instead we load `@prisma/schema-engine-wasm` ourselves,
 * hand it a driver adapter, and keep Prisma's on-disk layout (`prisma/<provider>/migrations/
 * <timestamp>_<name>/migration.sql`, `migration_lock.toml`, table `_prisma_migrations`) so the real
 * `prisma migrate deploy` accepts the same folders. See docs/decisions/0001-*.md.
 *
 * `applyMigrations` runs on every start, so its common case (everything applied) only reads
 * `_prisma_migrations` with the plain driver and never loads the 5 MB wasm engine.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type {
  MigrationList,
  SchemaContainer,
  SchemaEngine,
  SchemaFilter,
} from '@prisma/schema-engine-wasm/schema_engine_bg';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

import { AppError } from '../domain/app-error.ts';

// ---------------------------------------------------------------------------------------------
// Database URLs
// ---------------------------------------------------------------------------------------------

export type DatabaseProvider = 'sqlite' | 'postgresql';

export const DEFAULT_DATABASE_URL = 'file:./data/floorready.db';

export interface PostgresConnectionFields {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: boolean | { rejectUnauthorized: boolean } | undefined;
}

export type ResolvedDatabaseUrl =
  | {
      provider: 'sqlite';
      /** `file:` followed by the absolute path. */
      url: string;
      /** Absolute path of the database file. */
      filePath: string;
    }
  | {
      provider: 'postgresql';
      /** The URL as given (with its `?schema=` if any). */
      url: string;
      /** Discrete connection fields: never a connectionString (see upstream bug 3 in STACK.md). */
      connection: PostgresConnectionFields;
      /** The PostgreSQL schema the tables live in (`?schema=`, else `public`). */
      schema: string;
    };

const invalidDatabaseUrl = (databaseUrl: string, reason: string): AppError =>
  new AppError(
    'DATABASE_URL_INVALID',
    `DATABASE_URL is not usable (${reason}). Use file:./path/to/db.sqlite for SQLite (relative paths are ` +
      `resolved against the working directory) or postgresql://user:password@host:5432/database?schema=name ` +
      `(postgres:// also works) for PostgreSQL.`,
    { logMessage: `Unusable DATABASE_URL ${redactUrl(databaseUrl)}: ${reason}` },
  );

/** Hide a password before a URL reaches a log or an error message. */
export function redactUrl(databaseUrl: string): string {
  return databaseUrl.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/**
 * The one place that turns a DATABASE_URL into something we can connect to. Both the runtime client
 * and the migration code use it, so a relative `file:` path means the same file everywhere: it is
 * resolved against `cwd` (the process's working directory), not against the Prisma schema folder.
 */
export function resolveDatabaseUrl(databaseUrl: string = DEFAULT_DATABASE_URL, cwd: string = process.cwd()): ResolvedDatabaseUrl {
  const trimmed = databaseUrl.trim();
  if (trimmed.startsWith('file:')) {
    let rest = trimmed.slice('file:'.length);
    const query = rest.indexOf('?');
    if (query >= 0) rest = rest.slice(0, query);
    if (rest.startsWith('//')) {
      // file:///abs/path (a WHATWG file URL); file://relative is not a thing.
      try {
        rest = fileURLToPath(`file:${rest}`);
      } catch (error) {
        throw invalidDatabaseUrl(databaseUrl, `cannot read a path from it: ${(error as Error).message}`);
      }
    }
    rest = decodeURIComponent(rest);
    if (rest === '' || rest === ':memory:') {
      throw invalidDatabaseUrl(databaseUrl, 'an SQLite URL needs a file path; in-memory databases are not supported');
    }
    const filePath = path.resolve(cwd, rest);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }

  if (trimmed.startsWith('postgresql://') || trimmed.startsWith('postgres://')) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw invalidDatabaseUrl(databaseUrl, 'it is not a valid URL');
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (database === '') throw invalidDatabaseUrl(databaseUrl, 'the PostgreSQL URL names no database');
    const sslmode = parsed.searchParams.get('sslmode');
    const ssl =
      sslmode === null || sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'allow'
        ? undefined
        : sslmode === 'no-verify' || sslmode === 'require'
          ? { rejectUnauthorized: false }
          : true;
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(schema)) {
      throw invalidDatabaseUrl(databaseUrl, `the schema name "${schema}" is not a plain identifier`);
    }
    return {
      provider: 'postgresql',
      url: trimmed,
      schema,
      connection: {
        host: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')) || '127.0.0.1',
        port: parsed.port === '' ? 5432 : Number(parsed.port),
        user: decodeURIComponent(parsed.username) || 'postgres',
        password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
        database,
        ssl,
      },
    };
  }

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw invalidDatabaseUrl(databaseUrl, scheme === undefined ? 'it has no URL scheme' : `the scheme "${scheme}:" is not supported`);
}

// ---------------------------------------------------------------------------------------------
// Migration folders
// ---------------------------------------------------------------------------------------------

/** `prisma/` at the project root, found from this file so the working directory does not matter. */
export const PRISMA_ROOT = fileURLToPath(new URL('../../prisma/', import.meta.url));

const providerFolder = (provider: DatabaseProvider): string => (provider === 'sqlite' ? 'sqlite' : 'postgres');

export const migrationsDirectory = (provider: DatabaseProvider, prismaRoot: string = PRISMA_ROOT): string =>
  path.join(prismaRoot, providerFolder(provider), 'migrations');

export const LOCKFILE_NAME = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';

/** Prisma's lockfile, word for word, so the real CLI accepts the folder. */
export const lockfileContent = (provider: DatabaseProvider): string =>
  `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;

/** Names of the migration folders (those holding a migration.sql), sorted as Prisma sorts them. */
async function listMigrationNames(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const hasScript = await readFile(path.join(directory, entry.name, MIGRATION_FILE), 'utf8').then(
      () => true,
      () => false,
    );
    if (hasScript) names.push(entry.name);
  }
  return names.sort((a, b) => a.localeCompare(b));
}

/** The migrations folder in the shape the schema engine takes. */
export async function loadMigrationList(directory: string): Promise<MigrationList> {
  const lockfile = await readFile(path.join(directory, LOCKFILE_NAME), 'utf8').catch(() => null);
  const names = await listMigrationNames(directory);
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: MIGRATION_FILE,
        content: { tag: 'ok' as const, value: await readFile(path.join(directory, name, MIGRATION_FILE), 'utf8') },
      },
    })),
  );
  return {
    baseDir: directory,
    lockfile: { path: LOCKFILE_NAME, content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** The Prisma schema files of one provider (schema.prisma + the shared, symlinked models.prisma). */
export async function loadSchemaFiles(provider: DatabaseProvider, prismaRoot: string = PRISMA_ROOT): Promise<SchemaContainer[]> {
  const folder = path.join(prismaRoot, providerFolder(provider));
  const names = (await readdir(folder)).filter((name) => name.endsWith('.prisma')).sort();
  return Promise.all(names.map(async (name) => ({ path: path.join(folder, name), content: await readFile(path.join(folder, name), 'utf8') })));
}

export const NO_SCHEMA_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------
// The wasm schema engine
// ---------------------------------------------------------------------------------------------

type SchemaEngineClass = typeof SchemaEngine;

/** The slice of the WebAssembly global we use (lib "dom" is not in this project's tsconfig). */
const Wasm = (globalThis as unknown as {
  WebAssembly: {
    compile(bytes: Uint8Array): Promise<object>;
    Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
  };
}).WebAssembly;
let engineClass: Promise<SchemaEngineClass> | undefined;

/**
 * Loads the wasm engine once per process. Node 20 cannot `import` a .wasm file, so we instantiate
 * it by hand with the wasm-bindgen glue as its import object, as the package's own entry would.
 */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  engineClass ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = await Wasm.compile(await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')));
    // The engine races PostgreSQL's migration lock against a 10 s timer it never clears; left as is,
    // that timer keeps a finished CLI alive for 10 s. Unref the engine's timers: sockets in flight
    // still keep the process alive while the engine works.
    const imports: Record<string, unknown> = { ...glue };
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const instance = new Wasm.Instance(module, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue.SchemaEngine;
  })();
  engineClass.catch(() => {
    engineClass = undefined;
  });
  return engineClass;
}

export type MigrationLog = (message: string) => void;

export interface EngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection (and the shadow database) it opened. */
  close(): Promise<void>;
}

/** An engine talking to the database through our patched adapter factory. */
export async function startSchemaEngine(
  target: ResolvedDatabaseUrl,
  options: { datamodels?: SchemaContainer[]; log?: MigrationLog } = {},
): Promise<EngineSession> {
  const Engine = await loadSchemaEngine();
  const factory = migrationAdapterFactory(target);
  const bound = bindMigrationAwareSqlAdapterFactory(factory.factory);
  const log = options.log ?? (() => {});
  let engine: SchemaEngine;
  try {
    const datamodels = options.datamodels?.map((file): [string, string] => [file.path, file.content]);
    engine = await Engine.new({ datamodels: datamodels && datamodels.length > 0 ? datamodels : undefined }, log, bound);
  } catch (error) {
    await factory.close();
    throw error;
  }
  let closed = false;
  return {
    engine,
    async close() {
      if (closed) return;
      closed = true;
      engine.free();
      await factory.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Adapter factories with the upstream workarounds (numbers as in docs/STACK.md)
// ---------------------------------------------------------------------------------------------

interface ClosableFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** Bug 1: the engine replays migrations with `executeRaw`; send parameterless SQL as a script. */
function replayRawAsScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  return Object.assign(adapter, {
    executeRaw: async (query: SqlQuery): Promise<number> => {
      if (query.args.length > 0) return executeRaw(query);
      await executeScript(query.sql);
      return 0;
    },
  });
}

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

function sqliteFactory(filePath: string): ClosableFactory {
  mkdirSync(path.dirname(filePath), { recursive: true });
  const base = new PrismaBetterSqlite3({ url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS });
  // engine.free() does not dispose the connections it opened, and one left open keeps the file
  // locked for everyone else: we close them ourselves.
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(await base.connect()),
    // The shadow database is in memory; only its executeRaw needs the fix.
    connectToShadowDb: async () => track(replayRawAsScript(await base.connectToShadowDb())),
  };
  return {
    factory,
    close: async () => {
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => {});
    },
  };
}

/** PostgreSQL's `"char"` catalog type (OID 18) is a one-byte string: let adapter-pg read it as text. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function charAsText<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const item of results as Array<{ fields?: Array<{ dataTypeID: number }> } | undefined>) {
    for (const field of item?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/** Bug 2: a pg client whose results never carry OID 18, which adapter-pg rejects. */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: Error | null, result: unknown) => void;
      args[callbackAt] = (error: Error | null, result: unknown) => callback(error, error ? result : charAsText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (callbackAt < 0 && returned instanceof Promise) return returned.then(charAsText) as never;
    return returned as never;
  }
}

export function pgClientConfig(fields: PostgresConnectionFields, database: string = fields.database): pg.ClientConfig {
  return {
    host: fields.host,
    port: fields.port,
    user: fields.user,
    password: fields.password,
    database,
    ssl: fields.ssl,
    connectionTimeoutMillis: 10_000,
  };
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function pgPool(fields: PostgresConnectionFields, database: string, schema: string): pg.Pool {
  return new pg.Pool({
    ...pgClientConfig(fields, database),
    // The migration SQL names no schema: the search_path decides where the tables go.
    options: `-c search_path=${quoteIdent(schema)}`,
    Client: CharAsTextClient,
    max: 4,
  });
}

/** Bug 4: adapter-pg's executeScript splits on every `;`; send the script as one simple query. */
function scriptAsOneQuery(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  return Object.assign(adapter, {
    executeScript: async (script: string): Promise<void> => {
      await pool.query(script);
    },
  });
}

/** adapter-pg is typed against its own copy of @types/pg; the runtime Pool class is the same. */
type PgAdapterInput = ConstructorParameters<typeof PrismaPg>[0];

function postgresFactory(target: Extract<ResolvedDatabaseUrl, { provider: 'postgresql' }>): ClosableFactory {
  const { connection, schema } = target;
  const mainPool = pgPool(connection, connection.database, schema);
  const shadows: Array<() => Promise<void>> = [];

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => scriptAsOneQuery(await new PrismaPg(mainPool as unknown as PgAdapterInput, { schema }).connect(), mainPool),
    // Bug 3: adapter-pg's own shadow database can end up being the real one and is dropped before its
    // pool closes. We create and drop our own, connecting with discrete fields only.
    connectToShadowDb: async () => {
      const name = `floorready_shadow_${randomUUID().replace(/-/g, '')}`;
      await withPgClient(connection, connection.database, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      const pool = pgPool(connection, name, 'public');
      let dropped = false;
      const drop = async () => {
        if (dropped) return;
        dropped = true;
        await pool.end().catch(() => {});
        await dropPgDatabase(connection, name);
      };
      shadows.push(drop);
      const adapter = await new PrismaPg(pool as unknown as PgAdapterInput).connect();
      return Object.assign(replayRawAsScript(scriptAsOneQuery(adapter, pool)), { dispose: drop });
    },
  };
  return {
    factory,
    close: async () => {
      await Promise.all(shadows.map((drop) => drop()));
      await mainPool.end().catch(() => {});
    },
  };
}

function migrationAdapterFactory(target: ResolvedDatabaseUrl): ClosableFactory {
  return target.provider === 'sqlite' ? sqliteFactory(target.filePath) : postgresFactory(target);
}

export async function withPgClient<T>(
  fields: PostgresConnectionFields,
  database: string,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(pgClientConfig(fields, database));
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropPgDatabase(fields: PostgresConnectionFields, name: string): Promise<void> {
  await withPgClient(fields, fields.database, async (client) => {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`); // PostgreSQL < 13
    }
  });
}

// ---------------------------------------------------------------------------------------------
// applyMigrations
// ---------------------------------------------------------------------------------------------

export interface ApplyMigrationsOptions {
  /** Folder holding `sqlite/` and `postgres/`; defaults to the project's `prisma/`. */
  prismaRoot?: string;
  log?: MigrationLog;
  /** How long to wait for another process that is migrating the same database. */
  lockTimeoutMs?: number;
}

export interface ApplyMigrationsResult {
  provider: DatabaseProvider;
  /** Migrations applied by this call, oldest first; empty when the database was up to date. */
  applied: string[];
  /** False when the up-to-date check alone answered (the common case on start-up). */
  engineLoaded: boolean;
}

const APPLIED_MIGRATIONS_SQL =
  'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

const isSubset = (wanted: string[], have: Set<string>): boolean => wanted.every((name) => have.has(name));

/**
 * Brings the database at `databaseUrl` up to date with `prisma/<provider>/migrations`, like
 * `prisma migrate deploy`. Cheap when nothing is pending. Safe to call from several processes at once:
 * PostgreSQL serialises appliers with an advisory lock, SQLite with an exclusive lock on a side file.
 */
export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<ApplyMigrationsResult> {
  const target = resolveDatabaseUrl(databaseUrl);
  const directory = migrationsDirectory(target.provider, options.prismaRoot);
  const wanted = await listMigrationNames(directory);
  const upToDate: ApplyMigrationsResult = { provider: target.provider, applied: [], engineLoaded: false };

  if (target.provider === 'sqlite') {
    if (isSubset(wanted, readAppliedSqlite(target.filePath))) return upToDate;
    return withSqliteMigrationLock(target.filePath, options.lockTimeoutMs ?? 120_000, async () => {
      if (isSubset(wanted, readAppliedSqlite(target.filePath))) return upToDate;
      return runEngineApply(target, directory, options);
    });
  }

  const client = await connectPostgres(target);
  try {
    if (isSubset(wanted, await readAppliedPostgres(client, target.schema))) return upToDate;
    return await withPostgresMigrationLock(client, target.schema, async () => {
      if (isSubset(wanted, await readAppliedPostgres(client, target.schema))) return upToDate;
      return runEngineApply(target, directory, options);
    });
  } finally {
    await client.end().catch(() => {});
  }
}

async function runEngineApply(target: ResolvedDatabaseUrl, directory: string, options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const [migrationsList, datamodels] = await Promise.all([
    loadMigrationList(directory),
    loadSchemaFiles(target.provider, options.prismaRoot),
  ]);
  const session = await startSchemaEngine(target, { datamodels, log: options.log });
  try {
    const { appliedMigrationNames } = await session.engine.applyMigrations({ migrationsList, filters: NO_SCHEMA_FILTER });
    return { provider: target.provider, applied: appliedMigrationNames, engineLoaded: true };
  } finally {
    await session.close();
  }
}

// --- SQLite ---------------------------------------------------------------------------------

function readAppliedSqlite(filePath: string): Set<string> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(filePath, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch {
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
  const run = previous.catch(() => {}).then(async () => {
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

async function connectPostgres(target: Extract<ResolvedDatabaseUrl, { provider: 'postgresql' }>): Promise<pg.Client> {
  const client = new pg.Client(pgClientConfig(target.connection));
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new AppError(
      'DATABASE_UNREACHABLE',
      `Cannot connect to the PostgreSQL database in DATABASE_URL (${redactUrl(target.url)}): ${(error as Error).message}. ` +
        'Check that the server is running and that the URL is right.',
      { cause: error },
    );
  }
  return client;
}

/** Session-level advisory lock, per schema, held on `client` while `work` runs. */
async function withPostgresMigrationLock<T>(client: pg.Client, schema: string, work: () => Promise<T>): Promise<T> {
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

async function readAppliedPostgres(client: pg.Client, schema: string): Promise<Set<string>> {
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
