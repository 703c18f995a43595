/**
 * Global setup (vitest.config.ts `globalSetup`): one temp root per run, inside the system's temp folder,
 * handed to the workers (`inject('floorreadyTempRoot')`). Each worker's TMPDIR is a folder inside it
 * (setup-temp-dir.ts), so every temp folder a test, the app or a child process makes lands there, and a
 * run cannot be confused by other runs on the same machine. At the end, anything left in a worker's
 * folder (a leak no test file was charged with, e.g. from a process that outlived its test) fails the
 * run, and the root is removed with the workers' caches. The PostgreSQL schemas the workers pooled are dropped
 * too: a worker is ended without its exit handlers, so they were left until the next run.
 *
 * On Linux the root is in /dev/shm (memory) when it can be written: the tests' SQLite files are real files
 * there, but a commit's fsync costs microseconds instead of milliseconds of waiting on the disk (ADR 0058).
 * FLOORREADY_TEST_TMPDIR names another parent folder.
 */
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { dropTestSchemas, processRunning } from './test-schemas.ts';

/** The folder the run's temp root is made in: FLOORREADY_TEST_TMPDIR, else /dev/shm when writable, else the system's. */
const tempParent = (): string => {
  const chosen = process.env.FLOORREADY_TEST_TMPDIR;
  if (chosen) return chosen;
  try {
    if (process.platform === 'linux' && statSync('/dev/shm').isDirectory()) {
      accessSync('/dev/shm', constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // Not there or not writable: the system's temp folder.
  }
  return tmpdir();
};

/** The parent of a running process, from /proc (Linux); null elsewhere or when it is gone. */
const parentOf = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
};

/**
 * Drops the test schemas (`test_<worker pid>_<id>`, test/support/database.ts) no test can still use: those of
 * this run's workers (forked by this process; every test has ended when this runs, though a worker may not
 * have exited yet) and those whose worker is gone (a killed run's). Another run's live workers keep theirs.
 * Nothing happens when PostgreSQL does not answer (its tests were skipped).
 */
const dropWorkerSchemas = (): Promise<void> =>
  dropTestSchemas((pid) => !processRunning(pid) || parentOf(pid) === process.pid).catch(() => {
    // PostgreSQL is not there: its tests did not run, and made no schema.
  });

export default function setup(project: TestProject): () => Promise<void> {
  const root = mkdtempSync(path.join(tempParent(), 'floorready-vitest-'));
  project.provide('floorreadyTempRoot', root);
  return async () => {
    await dropWorkerSchemas();
    const leaks = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('worker-'))
      .flatMap((worker) => readdirSync(path.join(root, worker.name)).map((name) => `${worker.name}/${name}`));
    rmSync(root, { recursive: true, force: true });
    if (leaks.length > 0) {
      process.exitCode = 1;
      throw new Error(`the test run left ${leaks.length} temp folder(s) behind: ${leaks.join(', ')}`);
    }
  };
}
