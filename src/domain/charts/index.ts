// Trend charts as data: what a chart draws, its alt text and its file name (renderers are in src/charts/).

export {
  ALT_TEXT_MAX,
  buildTrendChart,
  describeTrendChart,
  hasTrendData,
  MAX_MARKED_PROGRAMS,
  trendChartFileName,
  type BuildTrendChartInput,
  type PublishedChart,
  type TrendChart,
  type TrendSeries,
  type TrendTraining,
} from './trend-chart.ts';
