import { Command } from 'commander';

import { AppError } from '../../domain/app-error.ts';
import { describeTrendChart, trendChartFileName } from '../../domain/charts/index.ts';
import { loadTrendChart } from '../../use-cases/load-trend-chart.ts';
import { withReader, type CliIo } from '../cli-context.ts';
import { writeChartPng } from '../write-chart.ts';
import { parseDateOption } from '../parse-options.ts';

export const chartCommand = (io: CliIo): Command =>
  new Command('chart')
    .description("a team's or an agent's 8-week trend as a PNG: the chart the digest and the Home tab show")
    .argument('<agent|team>', 'team key or name, or an agent (Slack user id, email, external id or name)')
    .option('--type <call type>', "only this call type's calls (an agent's chart)")
    .option('--out <file.png>', 'where to write the PNG (default ./trend-<team|agent>-<key>.png)')
    .option('--at <ISO date>', "the 8 weeks up to this date instead of up to now (e.g. the demo's fixed clock)")
    .addHelpText(
      'after',
      [
        '',
        'One panel per criterion and the overall: the weekly mean of live calls (0–100), the threshold as a',
        'red dashed line, points green at or above it and orange below, and the end of training as a grey',
        'dashed line. It prints the figures too (the alt text Slack shows to screen readers).',
        '',
        'Examples:',
        '  floorready chart northside --out data/northside.png',
        '  floorready chart ana.ruiz@example.com --type basic_inbound --out ana.png',
        '  DATABASE_URL=file:./data/demo.db floorready chart northside --at 2026-10-06 --out northside.png',
      ].join('\n'),
    )
    .action(async (subject: string, options: { type?: string; out?: string; at?: string }) => {
      if (options.out !== undefined && !options.out.toLowerCase().endsWith('.png')) {
        throw new AppError(
          'chart_out_not_png',
          `--out ${options.out}: the chart is a PNG; name the file with .png (e.g. --out chart.png).`,
        );
      }
      await withReader(io, async ({ thresholds, services }) => {
        // A bare date names a day: its noon, read in UTC (a whole day either side of any team's zone).
        const at = options.at ? parseDateOption(options.at, 'at', { timeZone: 'UTC', bareDate: 'noon', now: services.now }) : null;
        const deps = at ? { ...services, now: () => at } : services;
        const chart = await loadTrendChart(deps, { subject, thresholds, ...(options.type ? { callType: options.type } : {}) });
        const written = await writeChartPng(chart, options.out ?? trendChartFileName(chart), io.cwd);
        io.out(`Wrote ${written.line}`);
        io.out(describeTrendChart(chart));
      });
    });
