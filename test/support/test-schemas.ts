/**
 * The PostgreSQL schemas test workers make (`test_<worker pid>_<id>`, test/support/database.ts) and how they
 * are dropped when no test can use them any more. Imports nothing from vitest: the global setup's teardown
 * (the run's main process) uses it as well as the workers.
 */
import { dropPgSchema, withPgClient } from '../../src/db/database-connection.ts';
import { resolveDatabaseUrl } from '../../src/db/database-url.ts';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/test';

/** Whether a process is running (a worker of this run or of another run on the machine). */
export const processRunning = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Drops every test schema whose worker's pid `droppable` accepts; a schema that cannot be dropped is left. */
export async function dropTestSchemas(droppable: (pid: number) => boolean): Promise<void> {
  const target = resolveDatabaseUrl(TEST_POSTGRES_URL);
  if (target.provider !== 'postgresql') return;
  const schemas = await withPgClient(target.connection, target.connection.database, async (client) => {
    const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'test\\_%'`);
    return rows.map((row) => row.nspname).filter((schema) => /^test_\d+_/.test(schema) && droppable(Number(schema.split('_')[1])));
  });
  for (const schema of schemas) await dropPgSchema(target.connection, schema).catch(() => {});
}
