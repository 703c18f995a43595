import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { REPO_ROOT, runFloorready, tempDir, writeFolder } from '../support/cli.ts';
import { all, calls, daily, writeScenario } from '../support/score-scenarios.ts';
import { withSqlite } from '../support/database.ts';

// The shipped command: bin/floorready.js running the compiled dist/ (built by `npm ci` through `prepare`).
const BIN = path.join(REPO_ROOT, 'bin/floorready.js');
const RECORDER = path.join(REPO_ROOT, 'test/support/record-imports.mjs');

/** Runs the built CLI in a child process and returns what it printed and every module URL it loaded. */
const runBuilt = async (args: string[], env: Record<string, string> = {}) => {
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm ci runs it) before these tests');
  const log = path.join(await tempDir('floorready-imports-'), 'imports.txt');
  const result = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      RECORD_IMPORTS_TO: log,
      FLOORREADY_CONFIG: path.join(REPO_ROOT, 'floorready.config.example.yml'),
      ...env,
    },
  });
  const loaded = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, loaded };
};

const loadedAny = (loaded: string[], pattern: RegExp): string[] => loaded.filter((url) => pattern.test(url));

describe('the built floorready command', () => {
  it('when `floorready --version` runs, then it prints the version of package.json from the compiled build', async () => {
    const run = await runBuilt(['--version']);
    expect(run.code, run.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run.stdout.trim()).toBe(version);
    expect(loadedAny(run.loaded, /\/src\/.*\.ts$|node_modules\/tsx\//)).toEqual([]);
  });

  it('when `floorready --help` runs, then it lists every command and loads none of their modules, no database and no SDK', async () => {
    const run = await runBuilt(['--help']);
    expect(run.code, run.stderr).toBe(0);
    for (const name of ['import', 'score', 'calls', 'readiness', 'team', 'calibration', 'demo', 'digest', 'notify'])
      expect(run.stdout).toContain(`  ${name}`);
    expect(loadedAny(run.loaded, /\/dist\/cli\/commands\/|@prisma|better-sqlite3|@slack|openai|node_modules\/pg\//)).toEqual([]);
  });

  it('when `floorready readiness <agent>` runs on SQLite, then it loads its own command only: no Slack, no OpenAI SDK, no PostgreSQL driver, no scorer', async () => {
    const db = await withSqlite();
    const seeded = await runFloorready(
      ['import-scores', await writeScenario([calls({ agent: 'AG-101', at: daily('2026-07-01', 5), scores: all(60) })])],
      { databaseUrl: db.url },
    );
    expect(seeded.code, seeded.stderr).toBe(0);
    const run = await runBuilt(['readiness', 'AG-101'], { DATABASE_URL: db.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Ana Ruiz');
    expect(
      loadedAny(
        run.loaded,
        /@slack|openai|node_modules\/pg\/|adapter-pg|\/dist\/scoring\/|\/commands\/(import|demo|digest|notify|score|exclude)-command/,
      ),
    ).toEqual([]);
    // Nor the ingest pipeline (parsers, PII redaction and its NLP and phone libraries), the PostgreSQL
    // client, or date-fns's index (300 modules where two functions are used).
    expect(
      loadedAny(run.loaded, /compromise|libphonenumber|\/dist\/ingest\/|\/generated\/postgres\/|date-fns\/(index\.)?js$|date-fns\/?$/),
    ).toEqual([]);
    const ownModules = new Set(run.loaded.filter((url) => url.startsWith(pathToFileURL(path.join(REPO_ROOT, 'dist/')).href)));
    // 103 on 2026-12-05, every one on the readiness path (the repositories Services builds, the access,
    // statistics and readiness rules); the budget catches a command pulling in another command's tree.
    // Start-up time itself is measured by `npm run bench:cli`.
    expect(ownModules.size, 'modules of dist/').toBeLessThan(115);
    await db.close();
  }, 120_000);

  it("when `floorready score` finds an empty queue, then Prisma's runtime is loaded as its ES module, not its CommonJS build", async () => {
    // Under Node, @prisma/client's exports send an import of its runtime to the CommonJS file, which Node scans
    // for its export names at every start (~60 ms of CPU); npm run db:generate points the client at the ES module.
    const db = await withSqlite();
    const run = await runBuilt(['score'], { DATABASE_URL: db.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('the queue is empty');
    const generatedBefore = 'src/generated was generated before scripts/prisma-runtime-esm.mjs: run `npm run db:generate && npm run build`';
    expect(loadedAny(run.loaded, /@prisma\/client\/runtime\/client\.mjs$/), generatedBefore).not.toEqual([]);
    expect(loadedAny(run.loaded, /@prisma\/client\/runtime\/client\.js$/)).toEqual([]);
    await db.close();
  }, 60_000);
  it('when `floorready score` scores a call whose answer holds no run of seven digits, then libphonenumber is not loaded; when one does, it is', async () => {
    // The scorer's answer is redacted before it is stored; libphonenumber (93 ES modules, ~60 ms of CPU) is
    // needed only for a run of 7+ digits, and is then loaded as CommonJS (ADR 0056).
    const lines = [
      'Agent: Thank you for calling Northside, how can I help you today?',
      'Customer: I was charged twice for my order this month and I am really annoyed.',
      'Agent: I am sorry about that, I can see how frustrating a double charge is.',
      'Customer: Can you refund one of them?',
    ];
    const scoreOne = async (last: string, externalId: string) => {
      const db = await withSqlite();
      const dir = await writeFolder({
        'call.txt': {
          content: [...lines, last, 'Customer: Thanks, bye.'].join('\n'),
          meta: { agent: 'AG-101', type: 'billing_dispute', externalId },
        },
      });
      const imported = await runFloorready(['import', dir], { databaseUrl: db.url, cwd: dir });
      expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      const run = await runBuilt(['score'], { DATABASE_URL: db.url });
      await db.close();
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Scored 1,');
      return loadedAny(run.loaded, /libphonenumber-js/);
    };
    expect(await scoreOne('Agent: I have refunded the second payment today, it shows in five working days.', 'no-digits')).toEqual([]);
    // An order number is kept readable, and it is a run of eight digits: the phone check reads it.
    expect(await scoreOne('Agent: I have refunded order number 12345678 today, it shows in five working days.', 'order')).not.toEqual([]);
  }, 120_000);
  it("when `floorready notify` sends, then it loads Slack's Web API client, not Bolt (the app framework: its receivers, Express, Socket Mode)", async () => {
    // A DM needs chat.postMessage only; importing the client from @slack/bolt loaded all of Bolt first.
    const db = await withSqlite();
    const run = await runBuilt(['notify'], {
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(loadedAny(run.loaded, /node_modules\/@slack\/web-api\//)).not.toEqual([]);
    expect(loadedAny(run.loaded, /node_modules\/@slack\/(bolt|socket-mode)\/|node_modules\/express\//)).toEqual([]);
    await db.close();
  }, 60_000);
});
