/**
 * Checks a database before it is opened, so a wrong DATABASE_URL ends in a sentence that names the path
 * and what to do, never in a driver's stack trace, and a read never creates or changes anything.
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

import type pg from 'pg';

import type { AppError } from '../domain/app-error.ts';
import { databaseError } from '../domain/database-errors.ts';
import { redactUrl, type ResolvedDatabaseUrl } from './database-url.ts';
import { pendingMigrations } from './migrate.ts';

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
  if (access === 'read' && !stat) throw databaseError('database_not_found', { filePath });
  if (!folderStat?.isDirectory() && !(options.createFolder && !folderStat)) {
    throw databaseError('database_folder_missing', { filePath, folder, isFile: folderStat !== null });
  }
  if (stat?.isDirectory()) {
    throw databaseError('database_is_directory', { filePath, fileInside: path.join(filePath, 'floorready.db') });
  }
  // No file yet: a write creates it (a read was refused above).
  if (!stat) return;
  if (stat.size === 0 && access === 'write') return;
  if (!headerOf(filePath).equals(SQLITE_HEADER)) {
    throw databaseError('database_not_sqlite', { shown: filePath, empty: stat.size === 0 });
  }
}

/** A read-only open of a database that lacks migrations: say so instead of failing on a missing column. */
export async function assertNoPendingMigrations(target: ResolvedDatabaseUrl, options: { pool?: pg.Pool } = {}): Promise<void> {
  const shown = target.provider === 'sqlite' ? target.filePath : redactUrl(target.url);
  let pending: string[];
  try {
    pending = await pendingMigrations(target, options);
  } catch (error) {
    throw describeDatabaseFailure(error, shown) ?? error;
  }
  if (pending.length === 0) return;
  throw databaseError('database_not_migrated', { shown, pending: pending.length });
}

/**
 * The AppError for a database error a user can fix (a file that is read-only, corrupt or not a
 * database), naming the database; null for any other error.
 */
export function describeDatabaseFailure(error: unknown, shown: string): AppError | null {
  const text = [error, (error as { cause?: unknown } | null)?.cause]
    .map((part) => (part instanceof Error ? `${(part as { code?: string }).code ?? ''} ${part.message}` : String(part ?? '')))
    .join(' ');
  const cause = { cause: error };
  if (/SQLITE_READONLY|readonly database/i.test(text)) return databaseError('database_read_only', { shown }, cause);
  if (/SQLITE_NOTADB|file is not a database/i.test(text)) return databaseError('database_not_sqlite', { shown, empty: false }, cause);
  if (/SQLITE_CORRUPT|malformed/i.test(text)) return databaseError('database_corrupt', { shown }, cause);
  if (/SQLITE_CANTOPEN|unable to open database/i.test(text)) return databaseError('database_unopenable', { shown }, cause);
  return null;
}
