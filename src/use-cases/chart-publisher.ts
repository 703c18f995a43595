import type { PublishedChart, TrendChart } from '../domain/charts/index.ts';

/**
 * Where a use case puts a chart for its message to show: the Slack adapter renders it and uploads the
 * PNG (src/slack/slack-chart-publisher.ts). Never throws: null when there is nothing to show or the
 * chart could not be drawn or uploaded (the adapter logs why, once), and the message goes out without it.
 */
export interface ChartPublisher {
  publish(chart: TrendChart): Promise<PublishedChart | null>;
}
