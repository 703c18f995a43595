import { existsSync } from 'node:fs';
import { parseEnv, type Env } from '../config/env.ts';
import { AppError, isAppError } from '../domain/app-error.ts';
import type { Scorer } from '../domain/types.ts';
import { EXAMPLE_CONFIG_FILE, isConfigError, loadConfig } from '../config/config-file.ts';
import { ThresholdsConfigSchema, type Config } from '../config/config-schema.ts';
import { DEFAULT_DATABASE_URL, openDatabase, resolveDatabaseUrl, type Database, type ResolvedDatabaseUrl } from '../db/client.ts';
import { redactUrl } from '../db/database-url.ts';
import { describeDatabaseFailure } from '../db/check-database.ts';
import type { ReadinessThresholds } from '../domain/readiness/index.ts';
import { createServices, type Services } from '../services.ts';
import { applyConfig } from '../use-cases/apply-config.ts';

/** Where the CLI writes; tests pass their own to read what a command printed. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stderr is a terminal (or FLOORREADY_PROGRESS=1): progress bars instead of plain lines. */
  interactive: boolean;
  /** Where progress bars are drawn; default process.stderr. */
  progressStream?: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: () => Date;
}

export interface Session {
  env: Env;
  config: Config;
  configPath: string;
  services: Services;
  close: () => Promise<void>;
}

/**
 * The config file to use: the one named, else FLOORREADY_CONFIG, else floorready.config.yml, and on a
 * fresh clone with neither, the example file (said once on stderr, so nobody wonders whose agents these are).
 */
export const resolveConfigPath = (io: CliIo, env: Env, explicit?: string): string => {
  if (explicit) return explicit;
  if (io.env.FLOORREADY_CONFIG) return env.FLOORREADY_CONFIG;
  if (!existsSync(env.FLOORREADY_CONFIG) && existsSync(EXAMPLE_CONFIG_FILE)) {
    io.err(`note: no ${env.FLOORREADY_CONFIG} here; using ${EXAMPLE_CONFIG_FILE} (copy it to ${env.FLOORREADY_CONFIG} to make it yours)`);
    return EXAMPLE_CONFIG_FILE;
  }
  return env.FLOORREADY_CONFIG;
};

/** Whether a command only reads (the database is opened read-only and never created) or writes. */
export type Access = 'read' | 'write';

export interface SessionOptions {
  configPath?: string;
  /** Default 'write'. A read session opens the database read-only and never creates or migrates it. */
  access?: Access;
}

/** The scorer of a session (`score` loads the real one itself, once it knows there is work). */
const scorerNotLoaded = (llm: Env['llm']): Scorer => ({
  name: llm ? 'llm' : 'embedded',
  model: llm ? llm.model : null,
  score: () => Promise.reject(new AppError('scorer_not_loaded', 'This command does not score calls; `floorready score` does.')),
});

/** The repositories of an open database for a CLI command (it does not score: `score` loads the scorer itself). */
export const cliServices = (io: CliIo, env: Env, db: Database): Services =>
  createServices(db, { scorer: scorerNotLoaded(env.llm), ...(io.now ? { now: io.now } : {}) });

/** How the database is named in messages: the SQLite file's path, or the PostgreSQL URL without its password. */
const shownTarget = (target: ResolvedDatabaseUrl): string => (target.provider === 'sqlite' ? target.filePath : redactUrl(target.url));

const shownDatabase = (url: string, cwd: string): string => {
  try {
    return shownTarget(resolveDatabaseUrl(url, cwd));
  } catch {
    return redactUrl(url);
  }
};

/**
 * Opens the database of DATABASE_URL for `access`. An empty DATABASE_URL is refused (it would silently
 * mean the default file); a read never creates or migrates; a file that is not a usable SQLite
 * database, a directory, or a missing folder is an AppError that names the path. The URL is resolved
 * once, here, against the CLI's working directory.
 */
export const openCliDatabase = async (io: CliIo, env: Env, access: Access): Promise<Database> => {
  if (io.env.DATABASE_URL !== undefined && io.env.DATABASE_URL.trim() === '') {
    throw new AppError(
      'database_url_empty',
      `DATABASE_URL is set but empty. Set it to your database (e.g. DATABASE_URL=file:./data/floorready.db for SQLite, ` +
        `or postgresql://user@host:5432/floorready), or unset it to use ${DEFAULT_DATABASE_URL}.`,
    );
  }
  const target = resolveDatabaseUrl(env.DATABASE_URL, io.cwd);
  try {
    return await openDatabase(target, { readOnly: access === 'read', createFolder: io.env.DATABASE_URL === undefined });
  } catch (error) {
    throw describeDatabaseFailure(error, shownTarget(target)) ?? error;
  }
};

/** Runs `fn`, turning a database error a user can fix (read-only, corrupt, not SQLite) into one that names the database. */
const naming = async <T>(env: Env, io: CliIo, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    throw describeDatabaseFailure(error, shownDatabase(env.DATABASE_URL, io.cwd)) ?? error;
  }
};

/**
 * Opens everything a data command needs: env, config, database, repositories, scorer. On a database
 * that never had a config applied, a write session applies the config first, so a fresh clone just works.
 */
export const openSession = async (io: CliIo, options: SessionOptions = {}): Promise<Session> => {
  const env = parseEnv(io.env);
  const configPath = resolveConfigPath(io, env, options.configPath);
  const config = await loadConfig(configPath);
  const access = options.access ?? 'write';
  const db = await openCliDatabase(io, env, access);
  try {
    const services = cliServices(io, env, db);
    if (access === 'write' && !(await naming(env, io, () => services.directory.currentRubric()))) {
      const applied = await naming(env, io, () => applyConfig(services, config));
      io.err(
        `note: applied ${configPath} to the new database (rubric version ${applied.rubric.version}, ${applied.agents} agent${applied.agents === 1 ? '' : 's'})`,
      );
    }
    return { env, config, configPath, services, close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
};

/** Runs `fn` with an open session and always closes it. */
export const withSession = async <T>(io: CliIo, fn: (session: Session) => Promise<T>, options: SessionOptions = {}): Promise<T> => {
  const session = await openSession(io, options);
  try {
    return await naming(session.env, io, () => fn(session));
  } finally {
    await session.close();
  }
};

/** A read session that runs even when the config file is invalid or missing (then `config` is null). */
export interface ReadSession extends Omit<Session, 'config'> {
  config: Config | null;
  /** The config's readiness thresholds, or the defaults when the config could not be read. */
  thresholds: ReadinessThresholds;
}

/**
 * For read commands that need no more of the config than its thresholds: an invalid or missing config
 * file does not stop them. One line on stderr says how many problems it has and that `config check`
 * lists them; the thresholds are then the defaults.
 */
export const withReader = async <T>(io: CliIo, fn: (session: ReadSession) => Promise<T>): Promise<T> => {
  const env = parseEnv(io.env);
  const configPath = resolveConfigPath(io, env);
  let config: Config | null = null;
  try {
    config = await loadConfig(configPath);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const problems = isConfigError(error) ? error.issues.length : 1;
    io.err(
      `note: the config ${configPath} has ${problems} problem${problems === 1 ? '' : 's'} (\`floorready config check\` lists ${problems === 1 ? 'it' : 'them'}); ` +
        'reading the database as it is, with the default thresholds.',
    );
  }
  const db = await openCliDatabase(io, env, 'read');
  try {
    const services = cliServices(io, env, db);
    // Loaded here, not at start-up: the readiness rules are modules `score` and the write commands never need.
    const thresholds = config
      ? (await import('../use-cases/build-readiness-report.ts')).thresholdsFromConfig(config)
      : ThresholdsConfigSchema.parse(undefined);
    return await naming(env, io, () => fn({ env, config, configPath, services, thresholds, close: () => db.close() }));
  } finally {
    await db.close();
  }
};
