/**
 * Prisma migrations without the native schema engine (see docs/decisions/0001-*.md).
 *
 *   npx tsx scripts/migrate.ts create <name>   new migration for SQLite and PostgreSQL from prisma/models.prisma
 *   npx tsx scripts/migrate.ts deploy [url]    apply pending migrations to url, else DATABASE_URL, else file:./data/floorready.db
 *
 * `create` diffs the models against the existing migrations on throwaway databases: a temp SQLite file,
 * and a temp database on MIGRATE_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { dropPgDatabase, withPgClient } from '../src/db/database-connection.ts';
import {
  DEFAULT_DATABASE_URL,
  redactUrl,
  resolveDatabaseUrl,
  type DatabaseProvider,
  type ResolvedDatabaseUrl,
} from '../src/db/database-url.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { LOCKFILE_NAME, loadMigrationList, loadSchemaFiles, lockfileContent, migrationsDirectory } from '../src/db/migration-files.ts';
import { NO_SCHEMA_FILTER, startSchemaEngine } from '../src/db/schema-engine.ts';
import { isAppError } from '../src/domain/app-error.ts';

const DEFAULT_MIGRATE_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const PROVIDERS: DatabaseProvider[] = ['sqlite', 'postgresql'];

interface Scratch {
  target: ResolvedDatabaseUrl;
  drop(): Promise<void>;
}

/** An empty throwaway database to diff against. */
async function scratchDatabase(provider: DatabaseProvider): Promise<Scratch> {
  if (provider === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'floorready-migrate-'));
    return { target: resolveDatabaseUrl(`file:${path.join(dir, 'dev.db')}`), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const base = resolveDatabaseUrl(process.env.MIGRATE_POSTGRES_URL ?? DEFAULT_MIGRATE_POSTGRES_URL);
  if (base.provider !== 'postgresql') throw new Error('MIGRATE_POSTGRES_URL must be a postgresql:// URL');
  const name = `floorready_migrate_${randomUUID().replace(/-/g, '')}`;
  try {
    await withPgClient(base.connection, base.connection.database, (client) => client.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    throw new Error(
      `Cannot create a scratch database on ${redactUrl(base.url)} (${(error as Error).message}). ` +
        'Creating a migration needs PostgreSQL: start it, or point MIGRATE_POSTGRES_URL at a server where you may CREATE DATABASE.',
      { cause: error },
    );
  }
  const url = new URL(base.url);
  url.pathname = `/${name}`;
  url.searchParams.delete('schema');
  return { target: resolveDatabaseUrl(url.toString()), drop: () => dropPgDatabase(base.connection, name) };
}

interface Generated {
  provider: DatabaseProvider;
  generatedName: string;
  script: string | null;
}

/** Asks the engine for the SQL that takes the existing migrations to the current models. */
async function generate(provider: DatabaseProvider, name: string): Promise<Generated> {
  const scratch = await scratchDatabase(provider);
  try {
    const directory = migrationsDirectory(provider);
    const [migrationsList, schemaFiles] = await Promise.all([loadMigrationList(directory), loadSchemaFiles(provider)]);
    const session = await startSchemaEngine(scratch.target, { datamodels: schemaFiles });
    try {
      // The dev database must hold the history first (SQLite's diagnostics also need _prisma_migrations).
      await session.engine.applyMigrations({ migrationsList, filters: NO_SCHEMA_FILTER });
      // createMigration cannot reach a shadow database itself; devDiagnostic can (through our adapter
      // factory) and leaves the schema of the migration history in the engine's cache for it.
      const diagnostic = await session.engine.devDiagnostic({ migrationsList, filters: NO_SCHEMA_FILTER });
      if (diagnostic.action.tag === 'reset') {
        throw new Error(`The ${provider} migration history does not replay cleanly: ${diagnostic.action.reason}`);
      }
      const output = await session.engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema: { files: schemaFiles },
        filters: NO_SCHEMA_FILTER,
      });
      return { provider, generatedName: output.generatedMigrationName, script: output.migrationScript };
    } finally {
      await session.close();
    }
  } finally {
    await scratch.drop();
  }
}

/** Applies every migration, the new one included, to a fresh scratch database: a script that fails is caught here. */
async function verify(provider: DatabaseProvider): Promise<void> {
  const scratch = await scratchDatabase(provider);
  try {
    await applyMigrations(scratch.target.url);
  } finally {
    await scratch.drop();
  }
}

async function create(rawName: string | undefined): Promise<void> {
  const name = (rawName ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') throw new Error('Usage: npx tsx scripts/migrate.ts create <name>   (e.g. create add_call_notes)');

  const results: Generated[] = [];
  for (const provider of PROVIDERS) results.push(await generate(provider, name));

  const changed = results.filter((result) => result.script !== null);
  if (changed.length === 0) {
    console.log('No changes: the migrations already match prisma/models.prisma.');
    return;
  }
  if (changed.length !== results.length) {
    console.warn(
      `Only ${changed.map((r) => r.provider).join(', ')} has changes; writing those only. Check the models use features both providers share.`,
    );
  }

  // One folder name for both providers, so the two histories stay in step.
  const folderName = results[0]!.generatedName;
  for (const result of changed) {
    const directory = migrationsDirectory(result.provider);
    const folder = path.join(directory, folderName);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'migration.sql'), result.script!, 'utf8');
    const lockfile = path.join(directory, LOCKFILE_NAME);
    const existing = await readFile(lockfile, 'utf8').catch(() => null);
    if (existing === null) await writeFile(lockfile, lockfileContent(result.provider), 'utf8');
    console.log(`Wrote ${path.relative(process.cwd(), path.join(folder, 'migration.sql'))}`);
  }
  for (const result of changed) await verify(result.provider);
  console.log(`Migration ${folderName} applies cleanly on ${changed.map((r) => r.provider).join(' and ')}.`);
}

async function deploy(url: string | undefined): Promise<void> {
  const databaseUrl = url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const started = performance.now();
  const result = await applyMigrations(databaseUrl, { log: process.env.DEBUG ? (message) => console.error(message) : undefined });
  const ms = Math.round(performance.now() - started);
  if (result.applied.length === 0) {
    console.log(`${redactUrl(databaseUrl)}: up to date (${ms} ms).`);
  } else {
    console.log(`${redactUrl(databaseUrl)}: applied ${result.applied.join(', ')} (${ms} ms).`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, argument] = argv;
  switch (command) {
    case 'create':
      return create(argument);
    case 'deploy':
      return deploy(argument);
    default:
      throw new Error('Usage: npx tsx scripts/migrate.ts create <name> | deploy [databaseUrl]');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(isAppError(error) ? error.userMessage : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
