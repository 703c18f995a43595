import { Command } from 'commander';
import type { CliIo } from '../cli-context.ts';
import { DEFAULT_DEMO_DATABASE, runDemo, type DemoOptions } from '../demo/run-demo.ts';

export const demoCommand = (io: CliIo, setExitCode: (code: number) => void): Command =>
  new Command('demo')
    .description(
      'the whole loop on made-up data, offline: the team at a glance, one agent in depth, and what Slack would receive (dry run); --verbose for every step',
    )
    .option(
      '--database <file>',
      `the demo's SQLite file, deleted and recreated on every run (never the DATABASE_URL one)`,
      DEFAULT_DEMO_DATABASE,
    )
    .option(
      '--verbose',
      'the whole walkthrough (import, scoring, scorecards, every agent, team, calibration, Slack) instead of the manager’s view',
    )
    .option('--keep', 'keep the demo database of the last run instead of starting fresh (the import then finds only duplicates)')
    .action(async (options: DemoOptions) => setExitCode(await runDemo(io, options)));
