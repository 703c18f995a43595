/**
 * Prisma's schema engine without its native binary.
 *
 * The Prisma 7 CLI can no longer migrate through a driver adapter, and the native engine is a
 * download this project does not rely on. Instead we load `@prisma/schema-engine-wasm` ourselves and
 * hand it a driver adapter, patched for the upstream bugs listed in STACK.md. See docs/decisions/0001-*.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type { SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

import { SQLITE_BUSY_TIMEOUT_MS, dropPgDatabase, pgClientConfig, quoteIdent, withPgClient } from './database-connection.ts';
import type { PostgresConnectionFields, ResolvedDatabaseUrl } from './database-url.ts';

export const NO_SCHEMA_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------
// The wasm schema engine
// ---------------------------------------------------------------------------------------------

type SchemaEngineClass = typeof SchemaEngine;

/** The slice of the WebAssembly global we use (lib "dom" is not in this project's tsconfig). */
const Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      compile(bytes: Uint8Array): Promise<object>;
      Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
    };
  }
).WebAssembly;
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

function pgPool(fields: PostgresConnectionFields, database: string, schema: string): pg.Pool {
  return new pg.Pool({
    ...pgClientConfig(fields, database),
    // The migration SQL names no schema: the search_path decides where the tables go (after the URL's settings).
    options: [...(fields.options ? [fields.options] : []), `-c search_path=${quoteIdent(schema)}`].join(' '),
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
