/**
 * Reads of many rows that skip Prisma's row conversion (ADR 0059): the statement goes to the same driver
 * Prisma uses (PostgreSQL: the pool Prisma's adapter was given; SQLite: a read-only better-sqlite3
 * connection of the same file), and each row comes back as an array of its columns' text. For the 2,000
 * calls of a team Prisma's raw query spent about 11 ms of CPU converting and wrapping rows the repository
 * then parsed again; for one agent's 10,000 calls on SQLite about 40 ms.
 *
 * Only for reads, outside transactions: a row reader sees what is committed, never a transaction's own
 * writes. Every value is text (PostgreSQL's text output, SQLite's stored value as text) or null; the
 * caller parses what it needs.
 */
import type pg from 'pg';

import type { Prisma } from '../generated/sqlite/client.ts';
import type { BetterSqlite3 } from './sqlite-driver.ts';

export type RowValue = string | null;

export interface RowReader {
  /** The rows of one read-only statement, each as its columns in order. */
  rows(query: Prisma.Sql): Promise<RowValue[][]>;
  close(): Promise<void>;
}

/** Every column as PostgreSQL's text: no Date, number or JSON built for a value the caller parses itself. */
const TEXT: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/** PostgreSQL: the pool Prisma's adapter uses (its connections carry the schema and read-only settings). */
export const pgRowReader = (pool: pg.Pool): RowReader => ({
  async rows(query) {
    const result = await pool.query<RowValue[]>({ text: query.text, values: query.values, rowMode: 'array', types: TEXT });
    return result.rows;
  },
  // Prisma ends the pool when it disconnects (client.ts).
  close: async () => {},
});

/** Prepared statements kept per SQL text: a report prepares each of its statements once per process. */
const STATEMENTS_KEPT = 32;

/**
 * SQLite: a read-only connection of the same file, opened at the first read. Its statements are prepared
 * once and kept; values come back as stored, numbers turned to text.
 */
export const sqliteRowReader = (open: () => BetterSqlite3.Database): RowReader => {
  let connection: BetterSqlite3.Database | null = null;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      connection ??= open();
      statement = connection.prepare(sql).raw(true);
      if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value as string);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    async rows(query) {
      for (const value of query.values)
        if (value !== null && typeof value !== 'string' && typeof value !== 'number')
          throw new TypeError(
            `A row reader binds text and numbers only, not ${typeof value}: pass the value as Prisma's adapter would write it.`,
          );
      const rows = prepared(query.sql).all(...(query.values as unknown[])) as unknown[][];
      for (const row of rows)
        for (let i = 0; i < row.length; i += 1) {
          const value = row[i];
          if (value !== null && typeof value !== 'string') row[i] = String(value);
        }
      return rows as RowValue[][];
    },
    async close() {
      statements.clear();
      connection?.close();
      connection = null;
    },
  };
};
