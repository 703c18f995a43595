/**
 * Global setup (vitest.config.ts `globalSetup`): one temp root per run, inside the system's temp folder,
 * handed to the workers (`inject('floorreadyTempRoot')`). Each worker's TMPDIR is a folder inside it
 * (setup-temp-dir.ts), so every temp folder a test, the app or a child process makes lands there, and a
 * run cannot be confused by other runs on the same machine. At the end, anything left in a worker's
 * folder (a leak no test file was charged with, e.g. from a process that outlived its test) fails the
 * run, and the root is removed with the workers' caches.
 *
 * On Linux the root is in /dev/shm (memory) when it can be written: the tests' SQLite files are real files
 * there, but a commit's fsync costs microseconds instead of milliseconds of waiting on the disk (ADR 0058).
 * FLOORREADY_TEST_TMPDIR names another parent folder.
 */
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

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

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(tempParent(), 'floorready-vitest-'));
  project.provide('floorreadyTempRoot', root);
  return () => {
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
