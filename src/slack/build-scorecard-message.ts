import type { Scorecard } from '../domain/readiness/index.ts';
import { buildScorecardBlocks } from './blocks/build-scorecard-blocks.ts';
import type { SlackMessage } from './blocks/limits.ts';

/**
 * A scorecard (the show-scorecard or approve-from-card use case's) as the Slack message, with an optional
 * notice under its header: its per-criterion rows as a table block, and the text tables as its fallback.
 */
export const scorecardMessage = (scorecard: Scorecard, notice: string | null = null): SlackMessage => {
  const { text, blocks, fallback } = buildScorecardBlocks({ ...scorecard, notice });
  return { text, blocks, ...(fallback ? { fallback } : {}) };
};
