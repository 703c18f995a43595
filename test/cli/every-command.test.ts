/**
 * Every CLI command, walked (issue 20): the list comes from the CLI's own commander program
 * (`buildProgram(…, 'all')`), so a new command is walked without touching this file; a command that needs an
 * argument or a mandatory option this file has no value for fails the test, naming it. Each command runs as
 * text and with each of its output flags (`--json`, `--csv`, `--dry-run`) on the demo database and on one with
 * exactly one reviewed call, each run on its own copy of the database (so `forget` or `retention` does not
 * empty it for the next). Nothing printed may contain "undefined" or "NaN", nothing may crash ("This is a
 * bug in floorready"), and commander must accept the arguments (its refusal would mean this test called it wrong).
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildProgram } from '../../src/cli/main.ts';
import { DEMO_NOW } from '../../src/cli/demo/build-demo-calls.ts';
import { jsonOf, runFloorready, tempDir, writeConfig, writeFolder, type CliRun } from '../support/cli.ts';
import { NOW } from '../support/score-scenarios.ts';

/** A leaf command as `floorready` runs it: its words, its arguments and its options. */
interface Leaf {
  words: string[];
  command: Command;
}

const leavesOf = (command: Command, words: string[]): Leaf[] =>
  command.commands.length === 0 ? [{ words, command }] : command.commands.flatMap((sub) => leavesOf(sub, [...words, sub.name()]));

const program = await buildProgram({ out: () => {}, err: () => {}, interactive: false, env: {}, cwd: process.cwd() }, () => {}, 'all');
const LEAVES = program.commands.flatMap((command) => leavesOf(command, [command.name()]));

/** Flags that change what a command prints; each is walked beside the plain text. */
const OUTPUT_FLAGS = ['--json', '--csv', '--dry-run'];
/** Commands that build their own database (`demo`): walked once, by building the demo database. */
const OWN_DATABASE = new Set(['demo']);
/** Optional options that name where a command writes: given a temp path so no run writes into the repo. */
const WRITE_TO = new Set(['--out', '--database']);
/** More arguments for a fuller walk of a command (it runs without them too, saying what is missing). */
const EXTRA: Record<string, string[]> = { dispute: ['--keep'], exclude: ['--reason', 'Walked by the every-command test.'] };
const BUG = 'This is a bug in floorready';
const FORBIDDEN = /\bundefined\b|\bNaN\b/;

interface Context {
  name: string;
  /** The database file each run gets a fresh copy of. */
  file: string;
  now: Date;
  /** The example config with retention on (ten years), so `retention` does its work too. */
  config: string;
  /** Values for arguments and options, by argument name or option flag. */
  values: Record<string, string>;
  dir: string;
}

/** The arguments for one leaf command, or the name of the value this file lacks. */
const argvFor = (leaf: Leaf, context: Context): { argv: string[] } | { missing: string } => {
  const argv = [...leaf.words];
  for (const argument of leaf.command.registeredArguments) {
    const value = context.values[argument.name()];
    if (value === undefined) {
      if (argument.required) return { missing: `<${argument.name()}>` };
      continue;
    }
    argv.push(value);
  }
  for (const option of leaf.command.options) {
    const flag = option.long as string;
    const value = context.values[flag];
    if (option.mandatory && value === undefined) return { missing: flag };
    // A mandatory option gets its value; an optional one only when it says where to write (never the repo).
    if (value !== undefined && (option.mandatory || WRITE_TO.has(flag))) argv.push(flag, value);
  }
  argv.push(...(EXTRA[leaf.words.join(' ')] ?? []));
  return { argv };
};

let runs = 0;
const run = async (context: Context, argv: string[]): Promise<CliRun> => {
  runs += 1;
  const copy = path.join(context.dir, `run-${runs}.db`);
  await copyFile(context.file, copy);
  return runFloorready(argv, { databaseUrl: `file:${copy}`, configPath: context.config, now: () => context.now });
};

const expectClean = (label: string, result: CliRun): void => {
  const printed = `${result.stdout}\n${result.stderr}`;
  expect(printed, `${label} crashed:\n${result.stderr}`).not.toContain(BUG);
  // Commander's own refusal ends with the program's hint: that would mean this test called the command wrong.
  expect(result.stderr, `${label}: commander refused the arguments`).not.toContain('(add --help for usage)');
  const bad = printed.split('\n').filter((line) => FORBIDDEN.test(line));
  expect(bad, `${label} printed "undefined" or "NaN"`).toEqual([]);
};

const contexts: Context[] = [];
let demoRun: CliRun;

beforeAll(async () => {
  // The demo database, built by the `demo` command itself (its walk).
  const demoDir = await tempDir('floorready-walk-demo-');
  const demoFile = path.join(demoDir, 'demo.db');
  demoRun = await runFloorready(['demo', '--database', demoFile], {
    databaseUrl: `file:${path.join(demoDir, 'unused.db')}`,
    now: () => DEMO_NOW,
  });
  expect(demoRun.code, demoRun.stderr).toBe(0);

  // One reviewed call: a transcript scored by the embedded scorer, and a reviewer's score of one criterion.
  const oneDir = await tempDir('floorready-walk-one-');
  const oneFile = path.join(oneDir, 'one.db');
  const one = (...argv: string[]) => runFloorready(argv, { databaseUrl: `file:${oneFile}`, now: () => NOW });
  const transcripts = await writeFolder({
    'CALL-1.txt': {
      content: [
        'Agent: Thanks for calling, this is Ana. How can I help?',
        'Customer: My refund never arrived and I am really upset about it.',
        'Agent: I am sorry, that is frustrating. Let me check the order.',
        'Customer: It is order 88213.',
        'Agent: The refund was sent today, reference R-5521; it reaches your card in five days.',
        'Customer: Thank you.',
        'Agent: Anything else? Goodbye.',
      ].join('\n'),
      meta: { agent: 'AG-101', type: 'basic_inbound', at: '2026-09-30T10:00:00Z', externalId: 'CALL-1' },
    },
  });
  expect((await one('config', 'apply')).code).toBe(0);
  const imported = await one('import', transcripts);
  expect(imported.code, imported.stderr).toBe(0);
  expect((await one('score')).code).toBe(0);
  const reviews = path.join(oneDir, 'review.csv');
  await writeFile(
    reviews,
    'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer\nCALL-1,AG-101,basic_inbound,live,2026-09-30T10:00:00Z,empathy,50,human,qa.lee@example.com\n',
  );
  const reviewed = await one('import-scores', reviews);
  expect(reviewed.code, reviewed.stderr).toBe(0);

  for (const [name, file, now] of [
    ['the demo database', demoFile, DEMO_NOW],
    ['a database with one reviewed call', oneFile, NOW],
  ] as const) {
    const dir = await tempDir('floorready-walk-runs-');
    const base: Context = { name, file, now, values: {}, dir, config: await writeConfig({ retention: { callDays: 3650 } }) };
    const calls = jsonOf<{ id: string; externalId: string | null; agent: { key: string }; callType: string | null; state: string }[]>(
      await run(base, ['calls', '--json', '--limit', '5']),
    );
    const call = calls.find((entry) => entry.state === 'scored') ?? calls[0];
    if (!call) throw new Error(`no call in ${name}`);
    const folder = await writeFolder({
      'walk.txt': {
        content: 'Agent: Hello, this is Ana.\nCustomer: Hi, I need help with my bill.\nAgent: Of course, it is fixed now. Goodbye.',
        meta: { agent: call.agent.key, type: call.callType ?? 'basic_inbound', at: '2026-09-29T09:00:00Z', externalId: 'WALK-1' },
      },
    });
    const scores = path.join(dir, 'scores.csv');
    await writeFile(
      scores,
      `external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer\n${call.externalId ?? call.id},${call.agent.key},${call.callType ?? 'basic_inbound'},live,2026-09-30T10:00:00Z,tone_consistency,75,human,qa.lee@example.com\n`,
    );
    contexts.push({
      ...base,
      values: {
        agent: call.agent.key,
        call: call.id,
        'agent|team': 'northside',
        team: 'northside',
        paths: folder,
        'file.csv': scores,
        // No dispute exists in either database: the command must say so plainly.
        id: 'no-such-dispute',
        '--type': call.callType ?? 'basic_inbound',
        '--by': 'U0MAYA0001',
        '--note': 'Walked by the every-command test.',
        '--out': path.join(dir, 'chart.png'),
        '--database': path.join(dir, 'own.db'),
      },
    });
  }
}, 600_000);

describe('every CLI command', () => {
  it('when the commander program is read, then it lists the commands the README documents (the walk is not empty)', () => {
    const names = LEAVES.map((leaf) => leaf.words.join(' '));
    expect(names).toEqual(
      expect.arrayContaining(['calls', 'show', 'readiness', 'team', 'digest', 'notify', 'config check', 'forget agent']),
    );
  });

  it('when the demo command builds its database, then what it prints has no "undefined" or "NaN"', () => {
    expectClean('demo', demoRun);
  });

  it('when the demo’s managers read the digest, then it counts the same early calls `team --json` lists, and says how much one call tells', async () => {
    const context = contexts[0] as Context;
    const team = jsonOf<{ agents: { agent: { name: string }; earlyWarnings: { occurredAt: string }[] }[] }>(
      await run(context, ['team', 'northside', '--json']),
    );
    const warned = team.agents.filter((agent) => agent.earlyWarnings.length > 0);
    const total = warned.reduce((sum, agent) => sum + agent.earlyWarnings.length, 0);
    expect(total, 'the demo has an early warning (issue 20: "one early warning")').toBeGreaterThan(0);
    // The digest of the week that holds the demo's "now": the team as of its end, with no call after now.
    const at = new Date(context.now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const digest = await run(context, ['digest', '--dry-run', '--at', at]);
    expect(digest.code, digest.stderr).toBe(0);
    const text = digest.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(
      new RegExp(
        `Early calls to look at\\* \\(only in your copy\\): ${total} calls? of new agents scored very low before their first two batches`,
      ),
    );
    for (const agent of warned) expect(text).toContain(`${agent.agent.name} ${agent.earlyWarnings.length}`);
    expect(text).toContain('How much one call tells');
  });

  for (const index of [0, 1]) {
    it(`when every command runs as text and with each output flag on database ${index + 1} (demo, then one reviewed call), then none crashes or prints "undefined" or "NaN"`, async () => {
      const context = contexts[index] as Context;
      const walked: string[] = [];
      for (const leaf of LEAVES) {
        if (OWN_DATABASE.has(leaf.words[0] as string)) continue;
        const planned = argvFor(leaf, context);
        if ('missing' in planned)
          throw new Error(`${leaf.words.join(' ')} needs ${planned.missing}: add a value for it to this test's values`);
        const flags = leaf.command.options.map((option) => option.long as string).filter((flag) => OUTPUT_FLAGS.includes(flag));
        for (const variant of [[], ...flags.map((flag) => [flag])]) {
          const argv = [...planned.argv, ...variant];
          const label = `${context.name}: floorready ${argv.join(' ')}`;
          const result = await run(context, argv);
          // WALK_DEBUG=1 prints each run’s exit code and first error line.
          if (process.env.WALK_DEBUG)
            console.log(`${result.code} ${label} :: ${result.stdout.length} chars :: ${result.stderr.split('\n')[0]?.slice(0, 150)}`);
          expectClean(label, result);
          walked.push(argv.slice(0, leaf.words.length).join(' ') + (variant.length > 0 ? ` ${variant.join(' ')}` : ''));
        }
      }
      // Every leaf but the ones that build their own database, each at least once.
      for (const leaf of LEAVES.filter((entry) => !OWN_DATABASE.has(entry.words[0] as string))) {
        expect(walked, leaf.words.join(' ')).toContain(leaf.words.join(' '));
      }
    }, 600_000);
  }
});
