/**
 * DATABASE_URL: which provider it names, what to connect to, and how to show it without its password.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { databaseUrlInvalid } from '../domain/database-errors.ts';
import type { DatabaseUrlProblem } from '../domain/error-codes.ts';

export type DatabaseProvider = 'sqlite' | 'postgresql';

export const DEFAULT_DATABASE_URL = 'file:./data/floorready.db';

export interface PostgresConnectionFields {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: boolean | { rejectUnauthorized: boolean } | undefined;
  /** Session settings from the URL's `options` (`-c name=value …`, as libpq reads them); they win over floorready's defaults. */
  options?: string;
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

/**
 * The `options` a PostgreSQL URL may carry: server settings for each session, `-c name=value` one or more
 * times (e.g. `?options=-c%20statement_timeout%3D5000`). Nothing else a server's command line takes.
 */
const SESSION_SETTINGS = /^(?:-c\s*[A-Za-z_][A-Za-z0-9_.]*=[^\s=]+)(?:\s+-c\s*[A-Za-z_][A-Za-z0-9_.]*=[^\s=]+)*$/;

const invalidDatabaseUrl = (databaseUrl: string, problem: DatabaseUrlProblem) => databaseUrlInvalid(redactUrl(databaseUrl), problem);

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
        throw invalidDatabaseUrl(databaseUrl, { kind: 'path_unreadable', detail: (error as Error).message });
      }
    }
    rest = decodeURIComponent(rest);
    if (rest === '' || rest === ':memory:') {
      throw invalidDatabaseUrl(databaseUrl, { kind: 'in_memory' });
    }
    const filePath = path.resolve(cwd, rest);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }

  if (trimmed.startsWith('postgresql://') || trimmed.startsWith('postgres://')) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw invalidDatabaseUrl(databaseUrl, { kind: 'not_a_url' });
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (database === '') throw invalidDatabaseUrl(databaseUrl, { kind: 'no_database' });
    const sslmode = parsed.searchParams.get('sslmode');
    const ssl =
      sslmode === null || sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'allow'
        ? undefined
        : sslmode === 'no-verify' || sslmode === 'require'
          ? { rejectUnauthorized: false }
          : true;
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(schema)) {
      throw invalidDatabaseUrl(databaseUrl, { kind: 'schema_not_identifier', schema });
    }
    const options = parsed.searchParams.get('options')?.trim();
    if (options !== undefined && !SESSION_SETTINGS.test(options)) {
      throw invalidDatabaseUrl(databaseUrl, { kind: 'options_not_settings', options });
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
        ...(options ? { options } : {}),
      },
    };
  }

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw invalidDatabaseUrl(databaseUrl, scheme === undefined ? { kind: 'no_scheme' } : { kind: 'scheme_unsupported', scheme });
}
