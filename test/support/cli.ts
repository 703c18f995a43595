/**
 * Runs the real CLI in-process (`runCli`) against a given database, the way a user would run
 * `npx floorready …`, and collects what it printed.
 *
 *   const db = await withSqlite();                       // or withPostgres(), from ./database.ts
 *   const run = await runFloorready(['import', dir], { databaseUrl: db.url });
 *   expect(run.code).toBe(0);
 *   expect(run.stdout).toContain('Imported 3');
 *
 * The config is the example config (team northside, agents AG-101…AG-105) unless `configPath` names
 * another; `writeConfig({ scoring: { maxAttempts: 2 } })` writes a temp copy of the example with
 * those keys replaced (objects merge, arrays and scalars replace). `env` adds variables (OPENAI_*…);
 * nothing is read from the test process's own environment. `writeFolder` lays out transcripts (copies of
 * test/fixtures/transcripts or inline text) with their `<file>.meta.json` sidecars for `import`.
 * `fixturePii()` and `luhnValidRuns()` help assert that no personal data was stored or sent.
 * Temp folders are removed when the test that made them ends (or its file, when made outside a test).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parse, stringify } from 'yaml';

import { runCli } from '../../src/cli/main.ts';
import { tempDir } from './temp-dir.ts';

export { tempDir };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_CONFIG = path.join(REPO_ROOT, 'floorready.config.example.yml');
export const TRANSCRIPT_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/transcripts');
export const SCORE_FIXTURES = path.join(REPO_ROOT, 'test/fixtures/scores');

export interface CliRunOptions {
  /** DATABASE_URL for the run (`db.url` of a test database). */
  databaseUrl: string;
  /** Absolute path of the config file; default the example config. */
  configPath?: string;
  /** More environment variables, e.g. OPENAI_BASE_URL. */
  env?: Record<string, string | undefined>;
  /** Working directory the CLI sees (relative paths in its output are relative to it); default the repo root. */
  cwd?: string;
  now?: () => Date;
}

export interface CliRun {
  code: number;
  /** Each `io.out` / `io.err` call, in order (a call may hold several lines, e.g. pretty JSON). */
  out: string[];
  err: string[];
  /** `out` / `err` joined with newlines. */
  stdout: string;
  stderr: string;
}

/** `floorready <argv…>` in-process; resolves with the exit code and the collected output. Never throws for CLI errors. */
export const runFloorready = async (argv: string[], options: CliRunOptions): Promise<CliRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    env: { DATABASE_URL: options.databaseUrl, FLOORREADY_CONFIG: options.configPath ?? EXAMPLE_CONFIG, ...options.env },
    cwd: options.cwd ?? REPO_ROOT,
    ...(options.now ? { now: options.now } : {}),
  });
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n') };
};

/** tsx's loader by its path, so a child run in a temp folder (where `--import tsx` is not found) loads it too. */
export const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const newestAndOldest = (dir: string, extension: string): { newest: number; oldest: number } => {
  let newest = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith(extension)) continue;
    const { mtimeMs } = statSync(path.join(dir, name));
    newest = Math.max(newest, mtimeMs);
    oldest = Math.min(oldest, mtimeMs);
  }
  return { newest, oldest };
};

/**
 * The node arguments that run `floorready <argv…>` as its own process: the built command users run
 * (`bin/floorready.js`) when every file of dist/ is newer than every source under src/ (a build writes
 * them all), else the sources through tsx, as `npm run cli` does, so a test never runs a stale build. The
 * build starts in a fraction of tsx's time, which compiles and resolves every module anew (ADR 0049).
 */
export const floorreadyProcessArgs = (...argv: string[]): string[] => {
  const dist = path.join(REPO_ROOT, 'dist');
  const built =
    existsSync(path.join(dist, 'cli/main.js')) &&
    newestAndOldest(dist, '.js').oldest > newestAndOldest(path.join(REPO_ROOT, 'src'), '.ts').newest;
  return built
    ? [path.join(REPO_ROOT, 'bin/floorready.js'), ...argv]
    : ['--import', TSX_LOADER, path.join(REPO_ROOT, 'src/cli/run.ts'), ...argv];
};

/** Parses the JSON a `--json` command printed (fails the test with the output when it is not JSON). */
export const jsonOf = <T = unknown>(run: CliRun): T => {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit ${run.code}), got:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
};

type Patch = { [key: string]: unknown };

const isPlainObject = (value: unknown): value is Patch => typeof value === 'object' && value !== null && !Array.isArray(value);

const merge = (base: unknown, patch: unknown): unknown => {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const result: Patch = { ...base };
  for (const [key, value] of Object.entries(patch)) result[key] = merge(base[key], value);
  return result;
};

/** Writes the example config with `patch` merged in to a new temp file and returns its absolute path. */
export const writeConfig = async (patch: Patch = {}): Promise<string> => {
  const example = parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as unknown;
  const file = path.join(await tempDir('floorready-config-'), 'floorready.config.yml');
  await writeFile(file, stringify(merge(example, patch)));
  return file;
};

/** One file of `writeFolder`: a copy of a transcript fixture or inline content, and an optional sidecar. */
export interface FolderFile {
  /** File name under test/fixtures/transcripts to copy. */
  fixture?: string;
  content?: string | Buffer;
  /** Written as `<file>.meta.json` ({agent, type, roleplay, at, externalId, agentSpeaker}). */
  meta?: Record<string, unknown>;
}

/** Writes the files (names may contain sub-folders) to a new temp folder and returns its absolute path. */
export const writeFolder = async (files: Record<string, FolderFile>): Promise<string> => {
  const dir = await tempDir('floorready-transcripts-');
  for (const [name, file] of Object.entries(files)) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    if (file.fixture !== undefined) await copyFile(path.join(TRANSCRIPT_FIXTURES, file.fixture), target);
    else await writeFile(target, file.content ?? '');
    if (file.meta) await writeFile(`${target}.meta.json`, JSON.stringify(file.meta));
  }
  return dir;
};

/**
 * The personal data written in the transcript fixtures, as it appears there: what must never reach the
 * database or an LLM request. Emails are read from the files; phones and cards are listed by hand (with
 * the digit groups on their own, so a half-redacted number is caught too).
 */
export const fixturePii = async (): Promise<{ emails: string[]; phones: string[]; cards: string[] }> => {
  const texts = await Promise.all(
    (await readdir(TRANSCRIPT_FIXTURES)).map((name) => readFile(path.join(TRANSCRIPT_FIXTURES, name), 'latin1')),
  );
  const emails = [...new Set(texts.flatMap((text) => text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []))];
  const phones = [
    '555.201.4477',
    '555-201-4477',
    '(555) 201-4477',
    '+1 555 201 4477',
    '555-867-5309',
    '(555) 867-5309',
    '+44 20 7946 0958',
    '201-4477',
    '201.4477',
    '201 4477',
    '2014477',
    '867-5309',
    '8675309',
    '7946 0958',
    '79460958',
  ];
  const cards = [
    '4111 1111 1111 1111',
    '4111111111111111',
    '378282246310005',
    '5555 5555 5555 4444',
    '5555-5555-5555-4444',
    '5555555555554444',
  ];
  return { emails, phones, cards };
};

const luhnValid = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
};

/** Every run of 13–19 digits (single spaces, dashes or dots between them allowed) that passes the Luhn check. */
export const luhnValidRuns = (text: string): string[] =>
  [...text.matchAll(/(?<![\d])\d(?:[ .-]?\d){12,18}(?![\d])/g)].map((match) => match[0]).filter((run) => luhnValid(run.replace(/\D/g, '')));
