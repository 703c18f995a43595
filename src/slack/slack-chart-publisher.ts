import { createHash } from 'node:crypto';

import type { webApi } from '@slack/bolt';

import type { ChartImage } from '../charts/render-trend-chart.ts';
import { isAppError } from '../domain/app-error.ts';
import { hasTrendData, type PublishedChart, type TrendChart } from '../domain/charts/index.ts';
import type { ChartPublisher } from '../use-cases/chart-publisher.ts';
import type { RichFallbackLog } from './rich-blocks-fallback.ts';
import { slackErrorOf } from './slack-sender.ts';

// The chart port over Slack: renders the chart to PNG and uploads it with files.uploadV2
// (files.getUploadURLExternal → the upload URL → files.completeUploadExternal) without sharing it into
// any channel: messages and Home views show it in an `image` block by its file id. The same figures are
// uploaded once per process (a Home opened twice reuses the file). A refused upload is logged once and
// gives null; after `missing_scope` no upload is tried for a while, so a run of 50 digests asks once.

/** Distinct charts remembered by their figures (a small LRU). */
const CACHE_SIZE = 200;
/** After a scope refusal, uploads rest this long (the admin adds files:write and reinstalls meanwhile). */
export const SCOPE_REFUSAL_PAUSE_MS = 60 * 60 * 1000;

const SCOPE_ERRORS = new Set(['missing_scope', 'not_allowed_token_type', 'no_permission', 'invalid_auth', 'not_authed']);

export interface SlackChartPublisherOptions {
  /** Renders a chart to PNG; default the vega/resvg renderer, imported on first use. */
  render?: (chart: TrendChart) => Promise<ChartImage>;
  log: RichFallbackLog;
  now?: () => number;
}

/** The chart's identity: its figures (a changed score gives a new file). */
const chartKey = (chart: TrendChart): string => createHash('sha256').update(JSON.stringify(chart)).digest('base64url');

/** A chart publisher that uploads with this client. One per process (its cache and pause are shared by every message). */
export const createSlackChartPublisher = (options: SlackChartPublisherOptions): ((client: webApi.WebClient) => ChartPublisher) => {
  const cache = new Map<string, PublishedChart>();
  const now = options.now ?? Date.now;
  let pausedUntil = 0;
  const render = options.render ?? (async (chart: TrendChart) => (await import('../charts/render-trend-chart.ts')).renderTrendChart(chart));
  return (client) => ({
    async publish(chart) {
      if (!hasTrendData(chart)) return null;
      const key = chartKey(chart);
      const known = cache.get(key);
      if (known) {
        cache.delete(key);
        cache.set(key, known);
        return known;
      }
      if (now() < pausedUntil) return null;
      let image: ChartImage;
      try {
        image = await render(chart);
      } catch (error) {
        options.log.refused('chart', isAppError(error) ? error.code : 'render_failed', {
          chart: chart.title,
          error: error instanceof Error ? error.message : String(error),
        });
        return null;
      }
      try {
        const uploaded = await client.files.uploadV2({
          file: image.png,
          filename: image.fileName,
          title: image.title,
          alt_text: image.altText,
        });
        const fileId = ((uploaded as { files?: unknown }).files as { files?: { id?: string }[] }[] | undefined)?.[0]?.files?.[0]?.id;
        if (!fileId) throw new Error('files.completeUploadExternal answered no file id');
        const published: PublishedChart = { fileId, title: image.title, altText: image.altText };
        cache.set(key, published);
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        return published;
      } catch (error) {
        const code = slackErrorOf(error);
        if (SCOPE_ERRORS.has(code)) pausedUntil = now() + SCOPE_REFUSAL_PAUSE_MS;
        options.log.refused('chart', code, { chart: chart.title });
        return null;
      }
    },
  });
};
