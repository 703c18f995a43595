/**
 * Read commands work on a database the user cannot write (issue 17, item 10). The file is in WAL mode, as
 * floorready leaves it, and its folder and file are read-only for the user who runs the read. Under root,
 * whom file modes do not stop, that user is `nobody` (the CLI runs as a child process with uid/gid 65534);
 * otherwise it is the test's own user. Each test first proves the user really cannot write: a write
 * command is refused and the file is unchanged.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/db/client.ts';
import { BetterSqlite3 } from '../../src/db/sqlite-driver.ts';
import { EXAMPLE_CONFIG, floorreadyProcessArgs, REPO_ROOT, runFloorready, TSX_LOADER, tempDir } from '../support/cli.ts';
import { all, calls, daily, writeScenario } from '../support/score-scenarios.ts';
import { runTempRoot } from '../support/temp-dir.ts';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

const sha = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Node run with `nodeArgs` in a child process, as a user who cannot write `file` or its folder. */
const spawnAsReader = (file: string, nodeArgs: string[]): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: path.dirname(file),
      env: { PATH: process.env.PATH, DATABASE_URL: `file:${file}`, FLOORREADY_CONFIG: EXAMPLE_CONFIG },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });

/** `floorready <argv…>` as that user. */
const runAsReader = (file: string, argv: string[]): Promise<Run> => spawnAsReader(file, floorreadyProcessArgs(...argv));

/** Several read commands in one child process as that user (test/support/cli-sequence.ts), one start-up for all. */
const runReadsAsReader = async (file: string, commands: string[][]): Promise<Run[]> => {
  const sequence = await spawnAsReader(file, [
    '--import',
    TSX_LOADER,
    path.join(REPO_ROOT, 'test/support/cli-sequence.ts'),
    JSON.stringify(commands),
  ]);
  expect(sequence.code, sequence.stderr).toBe(0);
  const runs = JSON.parse(sequence.stdout) as Run[];
  expect(runs).toHaveLength(commands.length);
  return runs;
};

let folders: string[] = [];
afterEach(async () => {
  // Give the folders back to the test's user, so the temp-folder clean-up can remove them.
  for (const folder of folders) await chmod(folder, 0o755).catch(() => {});
  folders = [];
});

/**
 * Under root, `nobody` must be able to reach the folder: the run's temp root and the worker's folder are
 * private (0700), so they get search permission for others (listing stays private).
 */
const letNobodyReach = async (folder: string): Promise<void> => {
  const root = runTempRoot();
  if (!asRoot || root === null) return;
  for (let dir = path.dirname(folder); dir.startsWith(root); dir = path.dirname(dir)) {
    await chmod(dir, (await stat(dir)).mode | 0o001);
  }
};

/** A floorready database (WAL mode, at rest: no -wal or -shm) with scored calls of AG-101, then made read-only with its folder. */
const readOnlyDatabase = async (): Promise<{ file: string; folder: string }> => {
  const folder = await tempDir('floorready-read-only-');
  const file = path.join(folder, 'floorready.db');
  const scenario = await writeScenario([calls({ agent: 'AG-101', idPrefix: 'RO', at: daily('2026-07-01', 5), scores: all(60) })]);
  const seeded = await runFloorready(['import-scores', scenario], { databaseUrl: `file:${file}` });
  expect(seeded.code, seeded.stderr).toBe(0);
  // (a read-write connection: the last one to close removes the -wal and -shm, as the app's does)
  const check = new BetterSqlite3(file);
  expect(check.pragma('journal_mode', { simple: true })).toBe('wal');
  check.close();
  expect((await readdir(folder)).filter((name) => name.endsWith('-wal') || name.endsWith('-shm'))).toEqual([]);
  await chmod(file, 0o444);
  await chmod(folder, 0o555);
  folders.push(folder);
  await letNobodyReach(folder);
  return { file, folder };
};

/** The user who runs the reads cannot write: a write command is refused as read-only and the file stays as it was. */
const expectUnwritable = async (file: string): Promise<void> => {
  const before = await sha(file);
  const write = await runAsReader(file, ['config', 'apply']);
  expect(write.code, write.stderr).toBe(1);
  expect(write.stderr).toContain(`The database ${file} is read-only for this user`);
  expect(await sha(file)).toBe(before);
};

describe('read commands on a database the user cannot write', () => {
  it('when the WAL-mode file and its folder are read-only, then calls, its CSV export, show, readiness and team answer, and nothing is written', async () => {
    const { file, folder } = await readOnlyDatabase();
    await expectUnwritable(file);
    const before = await sha(file);
    const listing = await readdir(folder);

    const reads: [string[], (run: Run) => void][] = [
      [['calls'], (run) => expect(run.stdout).toContain('RO-5')],
      [['calls', '--csv'], (run) => expect(run.stdout.split('\n')[0]).toMatch(/^call_id,external_id,/)],
      [['show', 'RO-1'], (run) => expect(run.stdout).toContain('RO-1')],
      [['readiness', 'AG-101'], (run) => expect(run.stdout).toContain('Ana Ruiz')],
      [['team', 'northside'], (run) => expect(run.stdout).toContain('Ana Ruiz')],
    ];
    const runs = await runReadsAsReader(
      file,
      reads.map(([argv]) => argv),
    );
    for (const [index, [argv, expectOutput]] of reads.entries()) {
      const run = runs[index] as Run;
      expect(run.code, `${argv.join(' ')}\n${run.stderr}`).toBe(0);
      expect(run.stderr, argv.join(' ')).not.toContain('read-only');
      expectOutput(run);
    }
    expect(await sha(file)).toBe(before);
    expect(await readdir(folder)).toEqual(listing);
  }, 240_000);

  it('when a writer has the database open, then a read by the user who cannot write sees its latest commit, still in the -wal', async () => {
    const { file, folder } = await readOnlyDatabase();
    await expectUnwritable(file);
    // The app, as the database's owner: a commit that stays in the -wal while its connection is open.
    await chmod(folder, 0o755);
    const writer = new BetterSqlite3(file);
    try {
      writer.pragma('wal_autocheckpoint = 0');
      writer.prepare("UPDATE Call SET externalId = 'RO-IN-WAL' WHERE externalId = 'RO-3'").run();
      await chmod(folder, 0o555);
      expect((await readdir(folder)).filter((name) => /-(wal|shm)$/.test(name)).sort()).toEqual(['floorready.db-shm', 'floorready.db-wal']);

      const run = await runAsReader(file, ['calls', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const ids = (JSON.parse(run.stdout) as { externalId: string }[]).map((call) => call.externalId).sort();
      expect(ids).toEqual(['RO-1', 'RO-2', 'RO-4', 'RO-5', 'RO-IN-WAL']);
    } finally {
      writer.close();
    }
  }, 120_000);

  it('when a read command opens SQLite, then the connection refuses writes, even for a user the file would let write', async () => {
    const folder = await tempDir('floorready-read-only-');
    const file = path.join(folder, 'floorready.db');
    const seeded = await runFloorready(['config', 'apply'], { databaseUrl: `file:${file}` });
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = await sha(file);
    const db = await openDatabase(`file:${file}`, { readOnly: true });
    try {
      expect(await db.prisma.team.count()).toBe(1);
      await expect(db.prisma.$executeRawUnsafe("INSERT INTO Team (id, key, name) VALUES ('x', 'x', 'x')")).rejects.toThrow(/readonly/i);
      await expect(db.prisma.team.create({ data: { key: 'y', name: 'y' } })).rejects.toThrow(/readonly/i);
    } finally {
      await db.close();
    }
    expect(await sha(file)).toBe(before);
  });
});
