/**
 * Setup file (vitest.config.ts `setupFiles`, run before each test file): points this worker's TMPDIR
 * into the run's temp root, and after the file's tests removes the folders it made outside tests and
 * fails the file if anything else is left there (a temp folder a test did not remove). See temp-dir.ts.
 */
import { mkdirSync } from 'node:fs';

import { afterAll } from 'vitest';

import { removeFileScopedTempDirs, runTempRoot, takeLeftovers, workerTempDir } from './temp-dir.ts';

const root = runTempRoot();
if (root) {
  const dir = workerTempDir(root);
  mkdirSync(dir, { recursive: true });
  process.env.TMPDIR = dir;

  // Registered before the file's own hooks, so it runs after them (after-hooks run in reverse order).
  afterAll(async () => {
    await removeFileScopedTempDirs();
    const left = await takeLeftovers(dir);
    if (left.length > 0) {
      throw new Error(
        `this test file left ${left.length} temp folder(s) behind: ${left.join(', ')}. Make them with tempDir() from ` +
          'test/support/temp-dir.ts (removed when the test or file ends), or remove them in afterEach/afterAll.',
      );
    }
  });
}
