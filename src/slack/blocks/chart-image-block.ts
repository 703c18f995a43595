import type { PublishedChart } from '../../domain/charts/index.ts';
import type { KnownBlock } from './limits.ts';

/**
 * A chart Slack holds, shown inside a message or a Home view: an `image` block with the uploaded file's
 * id (`slack_file`), never a file shared into a channel. Its alt text states the figures.
 */
export const chartImageBlock = (chart: PublishedChart): KnownBlock => ({
  type: 'image',
  slack_file: { id: chart.fileId },
  alt_text: chart.altText,
  title: { type: 'plain_text', text: chart.title },
});
