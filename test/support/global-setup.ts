/**
 * Global setup (vitest.config.ts `globalSetup`): one temp root per run, in memory where the machine has
 * a roomy /dev/shm, else inside the system's temp folder (testTempBase),
 * handed to the workers (`inject('floorreadyTempRoot')`). Each worker's TMPDIR is a folder inside it
 * (setup-temp-dir.ts), so every temp folder a test, the app or a child process makes lands there, and a
 * run cannot be confused by other runs on the same machine. At the end, anything left in a worker's
 * folder (a leak no test file was charged with, e.g. from a process that outlived its test) fails the
 * run, and the root is removed with the workers' caches.
 */
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

/** A tmpfs this roomy holds a run's databases and folders with room to spare. */
const ROOMY_BYTES = 2 * 1024 ** 3;

/**
 * Where the run's temp root goes: FLOORREADY_TEST_TMPDIR if set; else /dev/shm when it is a writable
 * tmpfs with 2 GB free, so the tests' SQLite files live in memory and a commit never waits for the disk
 * to sync (the files, their WAL and their locks behave as on disk); else the system's temp folder.
 */
export const testTempBase = (): string => {
  const chosen = process.env.FLOORREADY_TEST_TMPDIR;
  if (chosen) return chosen;
  try {
    accessSync('/dev/shm', constants.W_OK);
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= ROOMY_BYTES) return '/dev/shm';
  } catch {
    // No /dev/shm here (macOS, Windows, a container without it): the system's temp folder.
  }
  return tmpdir();
};

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(testTempBase(), 'floorready-vitest-'));
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
