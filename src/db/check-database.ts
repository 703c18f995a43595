/**
 * Checks a database before it is opened, so a wrong DATABASE_URL ends in a sentence that names the path
 * and what to do, never in a driver's stack trace, and a read never creates or changes anything.
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

import { AppError, type PlainErrorCode } from '../domain/app-error.ts';
import { redactUrl, type ResolvedDatabaseUrl } from './database-url.ts';
import { pendingMigrations } from './migrate.ts';

const databaseNotFound = (filePath: string): AppError =>
  new AppError(
    'database_not_found',
    `There is no database at ${filePath}, and reading never creates one. Set DATABASE_URL to your floorready database ` +
      '(e.g. DATABASE_URL=file:./data/floorready.db), or import calls first (`floorready import`) to start one there.',
  );

/** The 16 bytes every SQLite 3 database file starts with. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const statOf = (file: string): Stats | null => {
  try {
    return statSync(file);
  } catch {
    return null;
  }
};

const headerOf = (file: string): Buffer => {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
};

/**
 * The SQLite file at `filePath` is usable for `access`: not a directory, an SQLite file (or empty, for a
 * write), in a folder that exists (or is created: `createFolder`); for a read it must exist. Throws
 * AppError naming the path otherwise.
 */
export function checkSqliteFile(filePath: string, access: 'read' | 'write', options: { createFolder?: boolean } = {}): void {
  const folder = path.dirname(filePath);
  const folderStat = statOf(folder);
  const stat = statOf(filePath);
  if (access === 'read' && !stat) throw databaseNotFound(filePath);
  if (!folderStat?.isDirectory() && !(options.createFolder && !folderStat)) {
    throw new AppError(
      'database_folder_missing',
      `The folder of the database ${filePath} does not exist${folderStat ? ' (it is a file)' : ''}. ` +
        `Set DATABASE_URL to a file in an existing folder (e.g. DATABASE_URL=file:./data/floorready.db), or create ${folder}.`,
    );
  }
  if (stat?.isDirectory()) {
    throw new AppError(
      'database_is_directory',
      `The database ${filePath} is a directory, not a file. Set DATABASE_URL to a file, e.g. DATABASE_URL=file:${path.join(filePath, 'floorready.db')}.`,
    );
  }
  // No file yet: a write creates it (a read was refused above).
  if (!stat) return;
  if (stat.size === 0 && access === 'write') return;
  if (!headerOf(filePath).equals(SQLITE_HEADER)) {
    throw new AppError(
      'database_not_sqlite',
      `${filePath} is not an SQLite database${stat.size === 0 ? ' (it is empty)' : ''}. Set DATABASE_URL to the floorready database, ` +
        'or to a new file name to start one.',
    );
  }
}

/** A read-only open of a database that lacks migrations: say so instead of failing on a missing column. */
export async function assertNoPendingMigrations(target: ResolvedDatabaseUrl): Promise<void> {
  const shown = target.provider === 'sqlite' ? target.filePath : redactUrl(target.url);
  let pending: string[];
  try {
    pending = await pendingMigrations(target);
  } catch (error) {
    throw describeDatabaseFailure(error, shown) ?? error;
  }
  if (pending.length === 0) return;
  throw new AppError(
    'database_not_migrated',
    `The database ${shown} lacks ${pending.length} of floorready's migrations (it is older, or not a floorready database). ` +
      'Reading changes nothing: run `floorready config apply` (or `npm run db:migrate:deploy`) to bring it up to date.',
  );
}

/**
 * The AppError for a database error a user can fix (a file that is read-only, corrupt or not a
 * database), naming the database; null for any other error.
 */
export function describeDatabaseFailure(error: unknown, shown: string): AppError | null {
  const text = [error, (error as { cause?: unknown } | null)?.cause]
    .map((part) => (part instanceof Error ? `${(part as { code?: string }).code ?? ''} ${part.message}` : String(part ?? '')))
    .join(' ');
  const problem: [PlainErrorCode, string] | null = /SQLITE_READONLY|readonly database/i.test(text)
    ? [
        'database_read_only',
        `The database ${shown} is read-only for this user, so this command cannot write to it. Make the file and its folder writable, or use read commands only.`,
      ]
    : /SQLITE_NOTADB|file is not a database/i.test(text)
      ? [
          'database_not_sqlite',
          `${shown} is not an SQLite database. Set DATABASE_URL to the floorready database, or to a new file name to start one.`,
        ]
      : /SQLITE_CORRUPT|malformed/i.test(text)
        ? [
            'database_corrupt',
            `The database ${shown} is corrupt (SQLite: database disk image is malformed). Restore it from a backup, or set DATABASE_URL to another file.`,
          ]
        : /SQLITE_CANTOPEN|unable to open database/i.test(text)
          ? [
              'database_unopenable',
              `The database ${shown} cannot be opened. Check that the path in DATABASE_URL is a readable file in an existing folder.`,
            ]
          : null;
  return problem ? new AppError(problem[0], problem[1], { cause: error }) : null;
}
