import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { describeDatabaseFailure } from '../../src/db/check-database.ts';
import { runFloorready, tempDir, writeConfig } from '../support/cli.ts';
import { all, calls, daily, writeScenario } from '../support/score-scenarios.ts';

const READ_COMMANDS = [['calls'], ['readiness', 'AG-101'], ['team', 'northside'], ['calibration']];
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const noStackTrace = (text: string): void => expect(text).not.toMatch(/\n\s+at .+[(:]\d+/);

/** A real floorready SQLite database with a few scored calls of AG-101, in its own folder. */
const seededDatabase = async (): Promise<string> => {
  const file = path.join(await tempDir('floorready-bad-'), 'floorready.db');
  const run = await runFloorready(
    ['import-scores', await writeScenario([calls({ agent: 'AG-101', at: daily('2026-07-01', 5), scores: all(60) })])],
    { databaseUrl: `file:${file}` },
  );
  expect(run.code, run.stderr).toBe(0);
  return file;
};

describe('bad set-ups fail clearly and change nothing', () => {
  it('when DATABASE_URL is set but empty, then every data command refuses and says what to set', async () => {
    for (const argv of [['calls'], ['config', 'apply']]) {
      const run = await runFloorready(argv, { databaseUrl: '' });
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toContain('DATABASE_URL is set but empty');
      expect(run.stderr).toContain('DATABASE_URL=file:./data/floorready.db');
    }
  });

  it('when DATABASE_URL points into a folder that does not exist, then reads and writes refuse, name the path, and create nothing', async () => {
    const missing = path.join(await tempDir('floorready-bad-'), 'no-such-folder');
    const file = path.join(missing, 'floorready.db');
    const read = await runFloorready(['calls'], { databaseUrl: `file:${file}` });
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`There is no database at ${file}`);
    const write = await runFloorready(
      ['import-scores', await writeScenario([calls({ agent: 'AG-101', at: daily('2026-07-01', 1), scores: all(60) })])],
      { databaseUrl: `file:${file}` },
    );
    expect(write.code).toBe(1);
    expect(write.stderr).toContain(`The folder of the database ${file} does not exist`);
    expect(write.stderr).toContain('Set DATABASE_URL');
    expect(existsSync(missing)).toBe(false);
  });

  it('when a read command names a database file that does not exist, then it says so with the path and never creates it', async () => {
    const folder = await tempDir('floorready-bad-');
    const file = path.join(folder, 'typo.db');
    for (const argv of READ_COMMANDS) {
      const run = await runFloorready(argv, { databaseUrl: `file:${file}` });
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr, argv.join(' ')).toContain(`There is no database at ${file}, and reading never creates one`);
      expect(run.stdout).not.toContain('No calls match');
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('when the database is a directory, then reads and writes say so with the path, without a stack trace', async () => {
    const dir = path.join(await tempDir('floorready-bad-'), 'db');
    await mkdir(dir);
    for (const argv of [['calls'], ['config', 'apply']]) {
      const run = await runFloorready(argv, { databaseUrl: `file:${dir}` });
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toContain(`The database ${dir} is a directory, not a file`);
      noStackTrace(run.stderr);
    }
  });

  it('when the database file is not SQLite, then reads and writes say so with the path and leave the file as it was', async () => {
    const file = path.join(await tempDir('floorready-bad-'), 'notes.db');
    await writeFile(file, 'these are my notes, not a database\n'.repeat(20));
    const before = sha(file);
    for (const argv of [
      ['readiness', 'AG-101'],
      ['config', 'apply'],
    ]) {
      const run = await runFloorready(argv, { databaseUrl: `file:${file}` });
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toContain(`${file} is not an SQLite database`);
      noStackTrace(run.stderr);
    }
    expect(sha(file)).toBe(before);
  });

  it('when the database file is corrupt, then a read says it is corrupt, with the path, without a stack trace', async () => {
    const file = await seededDatabase();
    const bytes = readFileSync(file);
    // Keep the 100-byte header, overwrite the pages after it (the schema and the tables) with garbage.
    bytes.fill(0x5a, 100, bytes.length);
    writeFileSync(file, bytes);
    const run = await runFloorready(['calls'], { databaseUrl: `file:${file}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*(corrupt|not an SQLite database)`));
    noStackTrace(run.stderr);
  });

  it('when read commands run on a database, then its file is byte for byte the same afterwards', async () => {
    const file = await seededDatabase();
    const before = sha(file);
    for (const argv of READ_COMMANDS) {
      const run = await runFloorready(argv, { databaseUrl: `file:${file}` });
      expect(run.code, `${argv.join(' ')}\n${run.stderr}`).toBe(0);
    }
    expect(sha(file)).toBe(before);
  });

  it('when SQLite refuses a write because the file is read-only, then the message says read-only and names the file', async () => {
    const file = await seededDatabase();
    const db = new BetterSqlite3(file, { readonly: true });
    let failure: unknown;
    try {
      db.exec("INSERT INTO Team (id, key, name) VALUES ('x', 'x', 'x')");
    } catch (error) {
      failure = error;
    } finally {
      db.close();
    }
    const described = describeDatabaseFailure(failure, file);
    expect(described?.code).toBe('database_read_only');
    expect(described?.userMessage).toContain(`The database ${file} is read-only`);
  });

  it('when the config file is invalid, then read commands still run with one line saying how many problems it has, and writes refuse with the list', async () => {
    const file = await seededDatabase();
    const configPath = await writeConfig({ thresholds: { readiness: { overall: 'high' } }, scoring: { concurrency: 0 } });
    const read = await runFloorready(['readiness', 'AG-101'], { databaseUrl: `file:${file}`, configPath });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toContain('Ana Ruiz');
    expect(read.err).toHaveLength(1);
    expect(read.stderr).toContain(`the config ${configPath} has 2 problems`);
    expect(read.stderr).toContain('`floorready config check` lists them');

    const check = await runFloorready(['config', 'check', configPath], { databaseUrl: `file:${file}`, configPath });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('thresholds.readiness.overall');
    expect(check.stderr).toContain('scoring.concurrency');

    const write = await runFloorready(['config', 'apply'], { databaseUrl: `file:${file}`, configPath });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain('has 2 problems');
  });

  it('when the config file nests YAML aliases (a "billion laughs"), then it is refused as a config problem, without a stack trace', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 8; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const configPath = path.join(await tempDir('floorready-bad-'), 'bomb.yml');
    await writeFile(configPath, `${levels.join('\n')}\n`);
    const run = await runFloorready(['config', 'check', configPath], { databaseUrl: 'file:/nonexistent/never.db' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${configPath} is not valid YAML`);
    expect(run.stderr).toContain('aliases');
    noStackTrace(run.stderr);
  });
});
