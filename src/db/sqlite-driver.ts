/**
 * The one way src/ opens SQLite: better-sqlite3 (directly, or through Prisma's adapter) with URI
 * filenames on, and the one rule for opening a database file read-only (ADR 0036).
 *
 * A read must work on a database the user cannot write. SQLite in WAL mode reads through two side
 * files, `-wal` and `-shm`; a read-only connection can use them when they exist, or create them when it
 * may write the folder. A file at rest (no writer open: SQLite removed both when the last writer closed)
 * in a folder the user cannot write has neither, and a plain read-only open fails with
 * SQLITE_READONLY_DIRECTORY. Such a file has nothing outside it (no `-wal` holds frames not yet in the
 * file), so it is opened `immutable=1`: read as it is, with no side file and no lock.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import BetterSqlite3 from 'better-sqlite3';

import { SQLITE_BUSY_TIMEOUT_MS } from './database-connection.ts';

// better-sqlite3 reads SQLITE_USE_URI once, when its native addon loads (at the first `new Database`, which
// every path in src/ reaches through this module), and only with it does SQLite read `file:…?immutable=1`
// as a URI. Absolute paths never start with `file:`, so no other file name changes meaning.
process.env.SQLITE_USE_URI ??= '1';

export { BetterSqlite3 };

/** What to hand better-sqlite3 (or, behind `file:`, Prisma's adapter) to read `filePath` without writing anything. */
export interface ReadOnlySqliteOpen {
  /** The path, or a `file:` URI with `immutable=1` for a WAL file at rest in a folder this user cannot write. */
  filename: string;
  options: { readonly: true; fileMustExist: true };
  /** True when the file is read as it is (immutable): no lock, no side file. */
  immutable: boolean;
}

const canWrite = (folder: string): boolean => {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Bytes 18 and 19 of an SQLite header are 2 in WAL mode (1 for a rollback journal). */
const isWalMode = (filePath: string): boolean => {
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch {
    return false; // the open that follows says what is wrong with the file
  }
  try {
    const header = Buffer.alloc(20);
    return readSync(fd, header, 0, header.length, 0) === header.length && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
};

/**
 * How to open `filePath` read-only. Immutable only when nothing else works and nothing is lost: a WAL
 * file, no `-wal` beside it, in a folder this user cannot write. Otherwise SQLite's own locking applies
 * (a writer's open `-wal`/`-shm` are read, so its latest commits are seen).
 */
export function readOnlySqliteOpen(filePath: string): ReadOnlySqliteOpen {
  const immutable = !canWrite(path.dirname(filePath)) && !existsSync(`${filePath}-wal`) && isWalMode(filePath);
  return {
    filename: immutable ? `${pathToFileURL(filePath).href}?immutable=1` : filePath,
    options: { readonly: true, fileMustExist: true },
    immutable,
  };
}

/** A better-sqlite3 connection that reads `filePath` and can write nothing (the file must exist). */
export const openReadOnlySqlite = (filePath: string): BetterSqlite3.Database => {
  const { filename, options } = readOnlySqliteOpen(filePath);
  return new BetterSqlite3(filename, { ...options, timeout: SQLITE_BUSY_TIMEOUT_MS });
};

/**
 * The config of Prisma's better-sqlite3 adapter for `filePath`. The adapter drops one leading `file:`
 * from its url and hands the rest, with the other fields, to better-sqlite3.
 */
export const sqliteAdapterConfig = (
  filePath: string,
  access: 'read' | 'write',
): { url: string; timeout: number; readonly?: boolean; fileMustExist?: boolean } => {
  if (access === 'write') return { url: `file:${filePath}`, timeout: SQLITE_BUSY_TIMEOUT_MS };
  const { filename, options } = readOnlySqliteOpen(filePath);
  return { url: `file:${filename}`, timeout: SQLITE_BUSY_TIMEOUT_MS, ...options };
};
