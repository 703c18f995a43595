import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

import { hasTrendData, type TrendChart } from '../domain/charts/index.ts';

/** One line per written chart: where, how big, and the figures when the chart has none to draw. */
export interface WrittenChart {
  path: string;
  line: string;
}

/**
 * Draws the chart and writes the PNG to `file` (its folder made when missing): the same renderer and
 * pixels as the chart Slack shows in the digest and the Home tab. The renderer loads on first use.
 */
export const writeChartPng = async (chart: TrendChart, file: string, cwd: string): Promise<WrittenChart> => {
  const { renderTrendChart } = await import('../charts/render-trend-chart.ts');
  const image = await renderTrendChart(chart);
  const path = resolve(cwd, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, image.png);
  const empty = hasTrendData(chart) ? '' : ' (no scored live call in these weeks: the panels are empty)';
  return { path, line: `${relative(cwd, path) || path}: ${image.width}×${image.height} px, ${chart.title}${empty}` };
};
