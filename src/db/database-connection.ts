/**
 * Connection settings shared by the runtime client, the migrator and the scripts: SQLite's busy
 * timeout, and PostgreSQL clients built from discrete fields (never a connectionString: see upstream
 * bug 3 in STACK.md).
 */
// pg is imported where a connection is made, so a SQLite run never loads it (CLI start-up).
import type pg from 'pg';

import type { PostgresConnectionFields } from './database-url.ts';

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function pgClientConfig(fields: PostgresConnectionFields, database: string = fields.database): pg.ClientConfig {
  return {
    host: fields.host,
    port: fields.port,
    user: fields.user,
    password: fields.password,
    database,
    ssl: fields.ssl,
    ...(fields.options ? { options: fields.options } : {}),
    connectionTimeoutMillis: 10_000,
  };
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function withPgClient<T>(
  fields: PostgresConnectionFields,
  database: string,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const { default: pgDriver } = await import('pg');
  const client = new pgDriver.Client(pgClientConfig(fields, database));
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

/** Drops a schema and everything in it (test and benchmark schemas). */
export async function dropPgSchema(fields: PostgresConnectionFields, schema: string): Promise<void> {
  await withPgClient(fields, fields.database, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  });
}

/** Whether a PostgreSQL server answers at these fields within two seconds (for tests and scripts). */
export async function pgReachable(fields: PostgresConnectionFields): Promise<boolean> {
  const { default: pgDriver } = await import('pg');
  const client = new pgDriver.Client({ ...pgClientConfig(fields), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
