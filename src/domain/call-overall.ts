import type { Criterion } from './types.ts';
import { weightedOverall } from './weighted-overall.ts';

// One overall per call, everywhere (issue 20): the effective overall, a human score in place of the AI's on
// each criterion a reviewer scored, as every report uses it; the AI's own overall beside it, labelled, where
// a reviewer changed it. `calls`, `show`, the agent's DM, the Slack card and the exports all read this.

/** A stored score of a call as the overall needs it. */
export interface OverallScore {
  criterionKey: string;
  source: 'ai' | 'human';
  score: number | null;
  applicable: boolean;
}

export interface CallOverall {
  /** The weighted overall of the effective scores (human in place of AI); null when no criterion has a score. */
  effective: number | null;
  /** The weighted overall of the AI's scores alone; null when the AI scored none. */
  ai: number | null;
  /** A reviewer's score replaced at least one AI score. */
  humanReviewed: boolean;
  /** The two overalls differ (by 0.005 points or more): show the AI's beside the effective one. */
  differs: boolean;
}

export const callOverall = (scores: readonly OverallScore[], criteria: readonly Pick<Criterion, 'key' | 'weight'>[]): CallOverall => {
  const usable = scores.filter((row) => row.applicable && row.score !== null);
  const ai: Record<string, number> = {};
  const human: Record<string, number> = {};
  for (const row of usable) (row.source === 'ai' ? ai : human)[row.criterionKey] = row.score as number;
  const effectiveOverall = weightedOverall({ ...ai, ...human }, criteria);
  const aiOverall = weightedOverall(ai, criteria);
  const differs = effectiveOverall !== null && aiOverall !== null && Math.abs(effectiveOverall - aiOverall) >= 0.005;
  return { effective: effectiveOverall, ai: aiOverall, humanReviewed: Object.keys(human).length > 0, differs };
};
