/**
 * Temp folders for tests, removed when they are no longer needed, and a check that none is left behind.
 *
 *   const dir = await tempDir('floorready-cli-');   // in a test or beforeEach: removed when the test ends
 *                                                   // elsewhere (beforeAll, top level): when the file ends
 *
 * Vitest's workers are ended without running `process.on('exit')` handlers, so cleanup cannot wait for
 * the process to exit: a run once left ~290 folders behind. The global setup (test/support/global-setup.ts)
 * gives each run its own temp root; each worker's TMPDIR is a folder inside it (set by
 * test/support/setup-temp-dir.ts, a setup file), so `os.tmpdir()`, `mkdtemp` and child processes all write
 * there. After each test file that folder must be empty again: what is left fails the file, named.
 * Caches a worker keeps across files (the migrated SQLite template) live in `workerCacheDir()`, beside it,
 * removed with the run's root.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { inject, onTestFinished } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's temp root (global-setup.ts); removed, and checked, when the run ends. */
    floorreadyTempRoot: string;
  }
}

/** Folders made outside a test (beforeAll, a file's top level), removed when the file's tests end. */
const fileScoped = new Set<string>();

const remove = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true, maxRetries: 3 });

/** The run's temp root, or null outside a vitest run (a benchmark importing test support). */
export const runTempRoot = (): string | null => {
  try {
    return inject('floorreadyTempRoot') ?? null;
  } catch {
    return null;
  }
};

/** This worker's TMPDIR inside the run's root: empty between test files. */
export const workerTempDir = (root: string): string => path.join(root, `worker-${process.pid}`);

/** A new temp folder: removed when the current test ends, or when the file ends if no test is running. */
export const tempDir = async (prefix = 'floorready-test-'): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    onTestFinished(() => remove(dir));
  } catch {
    // Not inside a test (beforeAll, a module's top level): the file's afterAll removes it.
    fileScoped.add(dir);
  }
  return dir;
};

/** Removes the folders made outside tests in the file that just ended. */
export const removeFileScopedTempDirs = async (): Promise<void> => {
  const dirs = [...fileScoped];
  fileScoped.clear();
  await Promise.all(dirs.map(remove));
};

/** What is left in a folder that should be empty; removes it, so one leak is reported once. */
export const takeLeftovers = async (dir: string): Promise<string[]> => {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.map((name) => remove(path.join(dir, name))));
  return names.sort();
};

let workerCache: Promise<string> | undefined;
/**
 * A folder this worker keeps across test files (caches such as the migrated SQLite template); removed
 * with the run's root, or, outside a vitest run, when the process exits.
 */
export const workerCacheDir = (): Promise<string> =>
  (workerCache ??= (async () => {
    const root = runTempRoot();
    if (root) {
      const dir = path.join(root, `cache-${process.pid}`);
      await mkdir(dir, { recursive: true });
      return dir;
    }
    const dir = await mkdtemp(path.join(tmpdir(), `floorready-test-${process.pid}-`));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })());
