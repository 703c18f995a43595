/**
 * What the trend charts cost (ADR 0034), printed with the load average (the machine is shared):
 *
 *   1. one chart rendered to PNG (vega-lite → vega SVG → resvg PNG): the first (cold: the libraries
 *      load) and then warm, per chart; goal < 150 ms warm;
 *   2. 50 digest runs through the one sender against a loopback fake Slack Web API, without charts (as
 *      before) and with charts (render + files.uploadV2 + the image block), and the ratio; goal ≤ 2×.
 *      The runs are one team's digests of the same weeks on two copies of a real SQLite database (the
 *      digest test scenario), one per variant, walking back a week per run from the scenario's digest
 *      week so each run has its own claim and (with charts) its own chart to draw and upload.
 *
 *   npm run bench:charts            (BENCH_RUNS=20 for fewer digest runs, BENCH_CHARTS=10 for fewer renders)
 */
import { loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

import { webApi } from '@slack/bolt';

import { renderTrendChart } from '../src/charts/render-trend-chart.ts';
import { DEFAULT_NOTIFICATION_LEASE_MINUTES } from '../src/config/config-schema.ts';
import { openDatabase } from '../src/db/client.ts';
import { createRichFallbackLog } from '../src/slack/rich-blocks-fallback.ts';
import { createSlackChartPublisher } from '../src/slack/slack-chart-publisher.ts';
import { createSlackSender } from '../src/slack/slack-sender.ts';
import { buildWeeklyDigest, sendWeeklyDigest } from '../src/use-cases/send-weekly-digest.ts';
import { startFakeSlack } from '../test/fakes/slack-api.ts';
import { DIGEST_NOW, seedDigestScenario } from '../test/use-cases/digest-scenario.ts';

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const WEEK = 7 * 86_400_000;

const main = async (): Promise<void> => {
  const runs = Number(process.env.BENCH_RUNS ?? 50);
  const renders = Number(process.env.BENCH_CHARTS ?? 20);
  console.log(`bench:charts — load average ${load()} (1, 5, 15 min) on ${process.env.HOSTNAME ?? 'this machine'}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'floorready-bench-charts-'));
  const db = await openDatabase(`file:${path.join(dir, 'bench.db')}`, { createFolder: true });
  const fake = await startFakeSlack();
  try {
    const { services, config } = await seedDigestScenario(db);
    const digest = await buildWeeklyDigest(services, { team: 'northside', config, now: DIGEST_NOW });

    // 1. One chart, cold then warm.
    let started = performance.now();
    const first = await renderTrendChart(digest.trendChart);
    const cold = performance.now() - started;
    const warm: number[] = [];
    for (let index = 0; index < renders; index += 1) {
      started = performance.now();
      await renderTrendChart(digest.trendChart);
      warm.push(performance.now() - started);
    }
    const warmMean = warm.reduce((sum, value) => sum + value, 0) / warm.length;
    console.log(
      `1. one chart (${first.width}×${first.height} px, ${(first.png.length / 1024).toFixed(0)} KiB PNG, ${digest.trendChart.series.length} panels)`,
    );
    console.log(
      `   cold (libraries load): ${ms(cold)}; warm over ${renders}: mean ${ms(warmMean)}, median ${ms(median(warm))}, max ${ms(Math.max(...warm))}`,
    );
    console.log(`   goal < 150 ms warm: ${warmMean < 150 ? 'met' : 'NOT met'} (load average now ${load()})`);

    // 2. Digest runs without and with charts, each run a different week (its own claim and chart).
    const client = new webApi.WebClient('xoxb-bench', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const log = createRichFallbackLog((message) => console.log(`   logged: ${message}`));
    const charts = createSlackChartPublisher({ log })(client);
    const second = await openDatabase(`file:${path.join(dir, 'bench-2.db')}`, { createFolder: true });
    const timeRuns = async (target: typeof services, withCharts: boolean): Promise<number> => {
      const sender = createSlackSender({
        client,
        outbox: target.outbox,
        leaseMinutes: DEFAULT_NOTIFICATION_LEASE_MINUTES,
        richFallback: { log },
      });
      const begun = performance.now();
      for (let index = 0; index < runs; index += 1) {
        const now = new Date(DIGEST_NOW.getTime() - index * WEEK);
        const result = await sendWeeklyDigest({
          services: target,
          config,
          sender,
          ...(withCharts ? { charts } : {}),
          now,
          team: 'northside',
        });
        if (result.status !== 'sent') throw new Error(`digest run ${index} ${result.status}`);
      }
      return performance.now() - begun;
    };
    const without = await timeRuns(services, false);
    const uploadsBefore = fake.uploads.length;
    const withCharts = await timeRuns((await seedDigestScenario(second)).services, true).finally(() => second.close());
    const uploaded = fake.uploads.length - uploadsBefore;
    console.log(`2. ${runs} digest runs (channel copy + manager DM each) against a loopback fake Slack`);
    console.log(`   without charts: ${ms(without)} (${ms(without / runs)} per run)`);
    console.log(`   with charts:    ${ms(withCharts)} (${ms(withCharts / runs)} per run, ${uploaded} charts drawn and uploaded)`);
    const ratio = withCharts / without;
    console.log(`   ratio with/without: ${ratio.toFixed(2)}× — goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'} (load average now ${load()})`);
  } finally {
    await fake.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
