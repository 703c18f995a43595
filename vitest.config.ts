import { availableParallelism } from 'node:os';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves one core to its main process, which in `run` mode only collects results:
    // on this 2-core machine that ran every file one after another. Much of a test's time is spent
    // waiting on PostgreSQL, SQLite's disk or a loopback socket, so one worker per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker's files share its modules: Prisma's clients, compromise's lexicon, the migrated SQLite
    // template and PostgreSQL schema are loaded once per worker, not once per file (ADR 0020 says what
    // keeps this safe; `--sequence.shuffle` checks it).
    isolate: false,
    // Every temp folder a test makes is removed, and a leak fails the file (test/support/temp-dir.ts).
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup-temp-dir.ts'],
  },
});
