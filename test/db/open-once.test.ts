/**
 * Opening the database resolves DATABASE_URL once and checks the migrations once (issue 16): counted from
 * outside, in a real `floorready` process (the built command, or the sources when the build is stale), by a preloaded script that
 * wraps `path.resolve` and the fs calls (test/fixtures/preload/count-database-opening.cjs).
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { migrationsDirectory } from '../../src/db/migration-files.ts';
import { EXAMPLE_CONFIG, floorreadyProcessArgs, REPO_ROOT, tempDir } from '../support/cli.ts';

const PRELOAD = path.join(REPO_ROOT, 'test/fixtures/preload/count-database-opening.cjs');
const RELATIVE_DB = 'open-once-db/floorready.db';

interface OpeningCounts {
  resolve: number;
  listings: number;
  reads: Record<string, number>;
}

/** `floorready <argv…>` in a child process with the counting preload; DATABASE_URL is `file:./open-once-db/floorready.db` under `cwd`. */
const countedRun = async (cwd: string, argv: string[]): Promise<OpeningCounts> => {
  const out = path.join(cwd, `counts-${argv.join('-')}-${Date.now()}.json`);
  const child = spawn(process.execPath, ['--require', PRELOAD, ...floorreadyProcessArgs(...argv)], {
    cwd,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: `file:./${RELATIVE_DB}`,
      FLOORREADY_CONFIG: EXAMPLE_CONFIG,
      COUNT_DATABASE_OPENING_PATH: `./${RELATIVE_DB}`,
      COUNT_DATABASE_OPENING_OUT: out,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code, `floorready ${argv.join(' ')}:\n${stderr.join('')}`).toBe(0);
  return JSON.parse(await readFile(out, 'utf8')) as OpeningCounts;
};

describe('opening the database', () => {
  it('when a command opens a database, then DATABASE_URL is resolved once, the migrations folder listed once, and a migration read only to apply it', async () => {
    const cwd = await tempDir('floorready-open-once-');
    await mkdir(path.join(cwd, path.dirname(RELATIVE_DB)));
    const migrations = (await readdir(migrationsDirectory('sqlite'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(migrations.length).toBeGreaterThan(1);

    // A write on a new database applies every migration: each is read once, to hand it to the engine.
    const fresh = await countedRun(cwd, ['config', 'apply']);
    expect(fresh).toEqual({ resolve: 1, listings: 1, reads: Object.fromEntries(migrations.map((name) => [name, 1])) });

    // A read and a write on the up-to-date database: one listing, no migration read.
    for (const argv of [['calls'], ['config', 'apply']]) {
      const upToDate = await countedRun(cwd, argv);
      expect(upToDate, argv.join(' ')).toEqual({ resolve: 1, listings: 1, reads: {} });
    }
  }, 180_000);
});
