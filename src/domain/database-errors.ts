/**
 * The words for the problems of the database a user named (DATABASE_URL, the SQLite file, its
 * migrations): every entry point shows them as they are (they are in PLAIN_EVERYWHERE). `src/db` finds
 * the problem and throws `databaseError(code, params)`; the sentences are here, with the other wording,
 * so the database layer holds none (ADR 0045).
 */
import { AppError, type AppErrorOptionsFor, type ErrorParams } from './app-error.ts';
import type { DatabaseUrlProblem } from './error-codes.ts';

export type DatabaseErrorCode =
  | 'DATABASE_URL_INVALID'
  | 'DATABASE_UNREACHABLE'
  | 'database_not_found'
  | 'database_folder_missing'
  | 'database_is_directory'
  | 'database_not_sqlite'
  | 'database_not_migrated'
  | 'database_read_only'
  | 'database_corrupt'
  | 'database_unopenable';

const EXAMPLE_FILE = 'DATABASE_URL=file:./data/floorready.db';

/** Why a DATABASE_URL is not usable, as the clause in brackets after "is not usable". */
const urlProblemWords = (problem: DatabaseUrlProblem): string => {
  switch (problem.kind) {
    case 'path_unreadable':
      return `cannot read a path from it: ${problem.detail}`;
    case 'in_memory':
      return 'an SQLite URL needs a file path; in-memory databases are not supported';
    case 'not_a_url':
      return 'it is not a valid URL';
    case 'no_database':
      return 'the PostgreSQL URL names no database';
    case 'schema_not_identifier':
      return `the schema name "${problem.schema}" is not a plain identifier`;
    case 'options_not_settings':
      return `the options "${problem.options}" are not session settings; write them as -c name=value, e.g. options=-c%20statement_timeout%3D5000`;
    case 'no_scheme':
      return 'it has no URL scheme';
    case 'scheme_unsupported':
      return `the scheme "${problem.scheme}:" is not supported`;
  }
};

/** Each code's userMessage, from its parameters: the compiler refuses a code left out. */
export const DATABASE_WORDING: { [C in DatabaseErrorCode]: (params: ErrorParams[C]) => string } = {
  DATABASE_URL_INVALID: ({ problem }) =>
    `DATABASE_URL is not usable (${urlProblemWords(problem)}). Use file:./path/to/db.sqlite for SQLite (relative paths are ` +
    `resolved against the working directory) or postgresql://user:password@host:5432/database?schema=name ` +
    `(postgres:// also works) for PostgreSQL.`,
  DATABASE_UNREACHABLE: ({ shown, detail }) =>
    `Cannot connect to the PostgreSQL database in DATABASE_URL (${shown}): ${detail}. ` +
    'Check that the server is running and that the URL is right.',
  database_not_found: ({ filePath }) =>
    `There is no database at ${filePath}, and reading never creates one. Set DATABASE_URL to your floorready database ` +
    `(e.g. ${EXAMPLE_FILE}), or import calls first (\`floorready import\`) to start one there.`,
  database_folder_missing: ({ filePath, folder, isFile }) =>
    `The folder of the database ${filePath} does not exist${isFile ? ' (it is a file)' : ''}. ` +
    `Set DATABASE_URL to a file in an existing folder (e.g. ${EXAMPLE_FILE}), or create ${folder}.`,
  database_is_directory: ({ filePath, fileInside }) =>
    `The database ${filePath} is a directory, not a file. Set DATABASE_URL to a file, e.g. DATABASE_URL=file:${fileInside}.`,
  database_not_sqlite: ({ shown, empty }) =>
    `${shown} is not an SQLite database${empty ? ' (it is empty)' : ''}. Set DATABASE_URL to the floorready database, ` +
    'or to a new file name to start one.',
  database_not_migrated: ({ shown, pending }) =>
    `The database ${shown} lacks ${pending} of floorready's migrations (it is older, or not a floorready database). ` +
    'Reading changes nothing: run `floorready config apply` (or `npm run db:migrate:deploy`) to bring it up to date.',
  database_read_only: ({ shown }) =>
    `The database ${shown} is read-only for this user, so this command cannot write to it. Make the file and its folder writable, or use read commands only.`,
  database_corrupt: ({ shown }) =>
    `The database ${shown} is corrupt (SQLite: database disk image is malformed). Restore it from a backup, or set DATABASE_URL to another file.`,
  database_unopenable: ({ shown }) =>
    `The database ${shown} cannot be opened. Check that the path in DATABASE_URL is a readable file in an existing folder.`,
};

/** The AppError for a database problem: its code and parameters, worded by DATABASE_WORDING. */
export const databaseError = <C extends Exclude<DatabaseErrorCode, 'DATABASE_URL_INVALID'>>(
  code: C,
  params: ErrorParams[C],
  options: { cause?: unknown } = {},
): AppError<C> =>
  // The compiler cannot resolve AppErrorOptionsFor<C> for a generic C; every code here takes `params`.
  new AppError(code, DATABASE_WORDING[code](params), ...([{ ...options, params }] as AppErrorOptionsFor<C>));

/** DATABASE_URL_INVALID, whose log line also names the (password-hidden) URL. */
export const databaseUrlInvalid = (
  url: string,
  problem: DatabaseUrlProblem,
  options: { cause?: unknown } = {},
): AppError<'DATABASE_URL_INVALID'> =>
  new AppError('DATABASE_URL_INVALID', DATABASE_WORDING.DATABASE_URL_INVALID({ url, problem }), {
    ...options,
    params: { url, problem },
    logMessage: `Unusable DATABASE_URL ${url}: ${urlProblemWords(problem)}`,
  });
