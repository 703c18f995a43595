/**
 * CLI start-up benchmark (a script that prints figures, not a test): `npm run bench:cli`.
 *
 * Runs, side by side in one loop (each round runs each command once, in turn, so machine load hits all
 * of them alike), the built `floorready` (bin/floorready.js → dist/) and a bare `node -e 0`:
 *   - `floorready --help`
 *   - `floorready readiness AG-103` on the demo database (made first by `floorready demo` in a temp folder)
 * and prints the median wall time of each and its ratio to `node -e 0`, against the goals
 * (--help ≤ 5×, readiness ≤ 10×). Needs the build (`npm run build`; `npm ci` runs it).
 *
 * Options (env): BENCH_RUNS (default 15 rounds, after 2 warm-up rounds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/floorready.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARM_UP = 2;
const GOALS = { help: 5, readiness: 10 };

if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench:cli measures the built CLI: run `npm run build` first.');
  process.exit(1);
}

const dir = await mkdtemp(path.join(tmpdir(), 'floorready-bench-cli-'));
const database = path.join(dir, 'demo.db');
const env = { ...process.env, DATABASE_URL: `file:${database}`, FLOORREADY_CONFIG: path.join(ROOT, 'floorready.config.example.yml') };

const run = (args: string[], runEnv: NodeJS.ProcessEnv = env): number => {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: dir, env: runEnv, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return ms;
};

try {
  console.log('making the demo database (floorready demo)…');
  run([BIN, 'demo', '--database', database], { ...env, DATABASE_URL: `file:${path.join(dir, 'unused.db')}` });

  const cases = {
    node: ['-e', '0'],
    help: [BIN, '--help'],
    readiness: [BIN, 'readiness', 'AG-103'],
  };
  const samples: Record<keyof typeof cases, number[]> = { node: [], help: [], readiness: [] };
  for (let round = 0; round < WARM_UP + RUNS; round += 1) {
    for (const [name, args] of Object.entries(cases) as [keyof typeof cases, string[]][]) {
      const ms = run(args);
      if (round >= WARM_UP) samples[name].push(ms);
    }
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  const base = median(samples.node);
  const load = (): string =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(', ');
  console.log(`median wall time of ${RUNS} rounds (each round runs all three in turn); load average ${load()} (1, 5, 15 min):`);
  console.log(`  node -e 0                              ${base.toFixed(0).padStart(5)} ms   1.0×`);
  for (const [name, label] of [
    ['help', 'floorready --help'],
    ['readiness', 'floorready readiness AG-103 (demo db)'],
  ] as const) {
    const ms = median(samples[name]);
    const ratio = ms / base;
    const goal = GOALS[name];
    console.log(
      `  ${label.padEnd(38)} ${ms.toFixed(0).padStart(5)} ms  ${ratio.toFixed(1).padStart(4)}×   goal ≤ ${goal}×  ${ratio <= goal ? 'met' : 'MISSED'}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
