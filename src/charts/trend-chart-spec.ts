import type { TrendChart } from '../domain/charts/trend-chart.ts';

// The Vega-Lite spec of a trend chart (pure): one small panel per series (the overall first), two per
// row, each with its weekly means as a line with labelled points, its threshold as a dashed red line
// and the end of training as a grey dashed rule. Laid out for a phone: ~500 px of layout drawn at 2×, so
// the PNG is about 1000 px wide and its 11–12 px labels stay legible when Slack shrinks it to a phone.

export const CHART_LAYOUT = {
  columns: 2,
  panelWidth: 180,
  panelHeight: 110,
  /** Pixel density of the PNG: layout pixels × this = PNG pixels. */
  scale: 2,
  font: 'DejaVu Sans',
} as const;

const HALF_WEEK_MS = 3.5 * 86_400_000;

/** The instants the x axis spans: half a week of margin around the first and last week starts. */
export const shownRange = (chart: TrendChart): { from: number; to: number } => {
  const first = chart.weeks[0]?.start.getTime() ?? 0;
  const last = chart.weeks.at(-1)?.start.getTime() ?? first;
  return { from: first - HALF_WEEK_MS, to: last + HALF_WEEK_MS };
};

const COLORS = { line: '#1d4f91', met: '#1e8449', short: '#d35400', threshold: '#c0392b', training: '#7f8c8d', text: '#1b1b1b' } as const;

type Row =
  | { kind: 'score'; series: string; date: number; value: number; label: string; met: boolean }
  | { kind: 'threshold'; series: string; threshold: number; label: string }
  | { kind: 'training'; series: string; date: number; label: string };

/** The rows the spec draws: scores (weeks with calls), thresholds, and the training marks within the weeks shown. */
export const trendChartRows = (chart: TrendChart): Row[] => {
  const { from, to } = shownRange(chart);
  return chart.series.flatMap((series): Row[] => [
    ...series.values.flatMap((value, index): Row[] => {
      const week = chart.weeks[index];
      return value === null || !week
        ? []
        : [
            {
              kind: 'score',
              series: series.name,
              date: week.start.getTime(),
              value,
              label: String(Math.round(value)),
              met: value >= series.threshold - 1e-9,
            },
          ];
    }),
    { kind: 'threshold', series: series.name, threshold: series.threshold, label: `need ${Math.round(series.threshold)}` },
    ...chart.training
      .filter((training) => training.at.getTime() >= from && training.at.getTime() <= to)
      .map((training): Row => ({ kind: 'training', series: series.name, date: training.at.getTime(), label: 'training' })),
  ]);
};

const only = (kind: Row['kind']) => ({ filter: `datum.kind === '${kind}'` });

/** The Vega-Lite spec of the chart (a plain object: vega-lite compiles it). */
export const trendChartSpec = (chart: TrendChart): Record<string, unknown> => {
  const { from, to } = shownRange(chart);
  const x = {
    field: 'date',
    type: 'temporal',
    title: null,
    // Half a week of margin on each side, so the first and last points and labels are not cut.
    scale: { domain: [from, to] },
    // A label on every other week start, the latest week labelled.
    axis: {
      format: '%-d %b',
      // Three week starts labelled (the latest, three and six weeks before): wider labels would overlap.
      values: chart.weeks.filter((_, index) => (chart.weeks.length - 1 - index) % 3 === 0).map((week) => week.start.getTime()),
      labelAngle: 0,
      labelFontSize: 11,
      grid: false,
      labelOverlap: true,
    },
  };
  // Up to 110 so the label of a point at 100 stays inside its panel; the axis stops at 100.
  const y = {
    type: 'quantitative',
    title: null,
    scale: { domain: [0, 110], nice: false },
    axis: { values: [0, 25, 50, 75, 100], labelFontSize: 11, gridColor: '#e5e5e5' },
  };
  const day = (date: Date): string =>
    date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: chart.timeZone });
  // One short line each: the chart is as wide as its widest line, and vega can only estimate text widths.
  const training = chart.training.map((entry) =>
    entry.at.getTime() >= from && entry.at.getTime() <= to
      ? `Grey dashes: ${entry.label}`
      : `${entry.label.replace(/ ends$/, '')}: ${entry.at.getTime() < from ? 'ended' : 'ends'} ${day(entry.at)}`,
  );
  const footnote = ['Red dashes: threshold. Green: met. Orange: below', ...(training.length > 0 ? training : ['No training program'])];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: chart.title,
      subtitle: [chart.subtitle, chart.period, ...footnote],
      anchor: 'start',
      fontSize: 18,
      subtitleFontSize: 12,
      subtitleColor: '#444',
      offset: 10,
    },
    background: 'white',
    padding: 12,
    data: { values: trendChartRows(chart) },
    columns: CHART_LAYOUT.columns,
    facet: {
      field: 'series',
      type: 'nominal',
      sort: chart.series.map((series) => series.name),
      title: null,
      header: { labelFontSize: 14, labelFontWeight: 'bold', labelAnchor: 'start', labelPadding: 4, labelColor: COLORS.text },
    },
    spacing: { row: 14, column: 18 },
    spec: {
      width: CHART_LAYOUT.panelWidth,
      height: CHART_LAYOUT.panelHeight,
      layer: [
        {
          transform: [only('threshold')],
          mark: { type: 'rule', color: COLORS.threshold, strokeDash: [6, 4], strokeWidth: 1.5 },
          encoding: { y: { ...y, field: 'threshold' } },
        },
        {
          transform: [only('training')],
          mark: { type: 'rule', color: COLORS.training, strokeDash: [3, 3], strokeWidth: 1.5, clip: true },
          encoding: { x },
        },
        {
          transform: [only('training')],
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -3, fontSize: 10, color: COLORS.training, clip: true },
          encoding: { x, y: { value: 0 }, text: { field: 'label' } },
        },
        {
          transform: [only('score')],
          mark: { type: 'line', color: COLORS.line, strokeWidth: 2 },
          encoding: { x, y: { ...y, field: 'value' } },
        },
        {
          transform: [only('score')],
          mark: { type: 'point', filled: true, size: 40, opacity: 1 },
          encoding: {
            x,
            y: { ...y, field: 'value' },
            color: { field: 'met', type: 'nominal', scale: { domain: [true, false], range: [COLORS.met, COLORS.short] }, legend: null },
          },
        },
        {
          transform: [only('score')],
          mark: { type: 'text', dy: -10, fontSize: 12, fontWeight: 'bold', color: COLORS.text },
          encoding: { x, y: { ...y, field: 'value' }, text: { field: 'label' } },
        },
      ],
    },
    config: {
      font: CHART_LAYOUT.font,
      view: { stroke: '#cccccc' },
      axis: { labelColor: '#333', domainColor: '#999', tickColor: '#999' },
    },
  };
};
