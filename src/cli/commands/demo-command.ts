import { Command } from 'commander';
import type { CliIo } from '../cli-context.ts';
import { DEFAULT_DEMO_DATABASE, runDemo, type DemoOptions } from '../demo/run-demo.ts';

export const demoCommand = (io: CliIo, setExitCode: (code: number) => void): Command =>
  new Command('demo')
    .description('run the whole loop on demo data, offline: import, score, human review, readiness, team report, calibration, and the Slack messages it would send (dry run)')
    .option('--database <file>', `the demo's SQLite file, deleted and recreated on every run (never the DATABASE_URL one)`, DEFAULT_DEMO_DATABASE)
    .option('--keep', 'keep the demo database of the last run instead of starting fresh (the import then finds only duplicates)')
    .action(async (options: DemoOptions) => setExitCode(await runDemo(io, options)));
