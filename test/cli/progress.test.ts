import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-context.ts';
import { DEMO_NOW } from '../../src/cli/demo/build-demo-calls.ts';
import { EXAMPLE_CONFIG, REPO_ROOT, writeFolder } from '../support/cli.ts';
import { emptySqlite } from '../support/database.ts';

// Progress bars on the steps that take more than a second: drawn on stderr when it is a terminal (or
// FLOORREADY_PROGRESS=1 asks), never in a pipe, so scripts and logs read only the results. The demo's bars are
// checked on demo.test.ts's own run of the demo, on a terminal (one demo run fewer).

const BIN = path.join(REPO_ROOT, 'bin/floorready.js');
/** The bar's text: `label [██░░] n/total`. */
const BAR = (label: string) => new RegExp(`${label} \\[[█░]+\\] \\d+/\\d+`);

const folderOfCalls = () =>
  writeFolder(
    Object.fromEntries(
      ['call.srt', 'call.txt', 'teams.vtt', 'turns.json'].map((fixture, index) => [
        `c${index}-${fixture}`,
        { fixture, meta: { agent: 'AG-101', type: 'basic_inbound', externalId: `PROG-${index}`, at: `2026-09-0${index + 1}T10:00:00Z` } },
      ]),
    ),
  );

/** Runs the CLI in-process as on a terminal: `interactive`, with the bar drawn into a stream the test reads. */
const runInteractive = async (argv: string[], env: Record<string, string>) => {
  const stream = new PassThrough();
  let drawn = '';
  stream.on('data', (chunk: Buffer) => {
    drawn += chunk.toString('utf8');
  });
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: true,
    progressStream: stream,
    env,
    cwd: REPO_ROOT,
    now: () => DEMO_NOW,
  };
  const code = await runCli(argv, io);
  return { code, out, err, drawn };
};

describe('progress on long steps', () => {
  it('when import and score run on a terminal, then each draws a progress bar to its total, apart from the results', async () => {
    const db = await emptySqlite();
    try {
      const env = { DATABASE_URL: db.url, FLOORREADY_CONFIG: EXAMPLE_CONFIG };
      const imported = await runInteractive(['import', await folderOfCalls()], env);
      expect(imported.code, imported.err.join('\n')).toBe(0);
      expect(imported.drawn).toMatch(BAR('importing'));
      expect(imported.drawn).toContain('4/4');
      expect(imported.out.join('\n')).toContain('Imported 4, duplicates 0, failed 0.');
      expect(imported.out.join('\n')).not.toMatch(BAR('importing'));

      const scored = await runInteractive(['score'], env);
      expect(scored.code, scored.err.join('\n')).toBe(0);
      expect(scored.drawn).toMatch(BAR('scoring'));
      expect(scored.drawn).toContain('4/4');
      expect(scored.out.join('\n')).toMatch(/^Scored 4, failed 0/);
    } finally {
      await db.drop();
    }
  }, 120_000);

  describe('the built command in a child process', () => {
    const runBuilt = (args: string[], env: Record<string, string>) => {
      if (!existsSync(path.join(REPO_ROOT, 'dist/cli/main.js')))
        throw new Error('dist/ is missing: run `npm run build` (npm ci runs it) before these tests');
      return spawnSync(process.execPath, [BIN, ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', FLOORREADY_CONFIG: EXAMPLE_CONFIG, ...env },
      });
    };

    it('when stdout and stderr are pipes, then import and score print results and per-file lines, and no progress bar', async () => {
      const db = await emptySqlite();
      try {
        const imported = runBuilt(['import', await folderOfCalls()], { DATABASE_URL: db.url });
        expect(imported.status, imported.stderr).toBe(0);
        expect(imported.stderr).toMatch(/^imported {2}\S*c0-call\.srt/m);
        const scored = runBuilt(['score'], { DATABASE_URL: db.url });
        expect(scored.status, scored.stderr).toBe(0);
        for (const text of [imported.stdout, imported.stderr, scored.stdout, scored.stderr]) {
          expect(text).not.toMatch(/[█░]|\x1b\[/);
        }
      } finally {
        await db.drop();
      }
    }, 120_000);

    it('when FLOORREADY_PROGRESS=1 asks for progress in a pipe, then the bar is drawn on stderr and stdout keeps only the results', async () => {
      const db = await emptySqlite();
      try {
        const imported = runBuilt(['import', await folderOfCalls()], { DATABASE_URL: db.url, FLOORREADY_PROGRESS: '1' });
        expect(imported.status, imported.stderr).toBe(0);
        expect(imported.stderr).toMatch(BAR('importing'));
        expect(imported.stdout).not.toMatch(/[█░]/);
        expect(imported.stdout).toContain('Imported 4, duplicates 0, failed 0.');
      } finally {
        await db.drop();
      }
    }, 120_000);
  });
});
