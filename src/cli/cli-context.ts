import { existsSync } from 'node:fs';
import { parseEnv, type Env } from '../config/env.ts';
import { AppError } from '../domain/app-error.ts';
import type { Scorer } from '../domain/types.ts';
import { EXAMPLE_CONFIG_FILE, loadConfig } from '../config/config-file.ts';
import type { Config } from '../config/config-schema.ts';
import { openDatabase } from '../db/client.ts';
import { createServices, loadScorer, type Services } from '../services.ts';
import { applyConfig } from '../use-cases/apply-config.ts';

/** Where the CLI writes; tests pass their own to read what a command printed. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stderr is a terminal: progress bars instead of plain lines. */
  interactive: boolean;
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

/**
 * Opens everything a data command needs: env, config, migrated database, repositories, scorer. On a
 * database that never had a config applied, the config is applied first, so a fresh clone just works.
 */
export interface SessionOptions {
  configPath?: string;
  /** Load the scorer (only `score` does: its module is the heaviest part of start-up). */
  scorer?: boolean;
}

/** The scorer of a session that does not score: named like the real one, refuses to score. */
const scorerNotLoaded = (llm: Env['llm']): Scorer => ({
  name: llm ? 'llm' : 'embedded',
  model: llm ? llm.model : null,
  score: () => Promise.reject(new AppError('scorer_not_loaded', 'This command does not score calls; `floorready score` does.')),
});

export const openSession = async (io: CliIo, options: SessionOptions = {}): Promise<Session> => {
  const env = parseEnv(io.env);
  const configPath = resolveConfigPath(io, env, options.configPath);
  const config = await loadConfig(configPath);
  const db = await openDatabase(env.DATABASE_URL);
  try {
    const services = createServices(db, { scorer: options.scorer ? await loadScorer(env.llm, config.scoring) : scorerNotLoaded(env.llm), ...(io.now ? { now: io.now } : {}) });
    if (!(await services.directory.currentRubric())) {
      const applied = await applyConfig(services, config);
      io.err(`note: applied ${configPath} to the new database (rubric v${applied.rubric.version}, ${applied.agents} agents)`);
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
    return await fn(session);
  } finally {
    await session.close();
  }
};
