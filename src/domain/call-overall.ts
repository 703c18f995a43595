import type { Criterion } from './types.ts';
import { weightedOverall } from './weighted-overall.ts';

// One overall per call, everywhere (issue 20, ADR 0039): the effective overall is the weighted mean of the
// call's current applicable scores with a reviewer's score in place of the AI's on each criterion a reviewer
// scored. `calls` (text, --json, --csv), `show`, the agent's DM, the readiness figures and the early-warning
// DM and card all take a call's overall from here; the AI's own overall is kept beside it, labelled, where a
// reviewer changed it. A call held for human review (a turn addressed the evaluator, ADR 0025) has no AI
// overall: what the model said decides nothing, so only a reviewer's scores make its overall.

/** A current stored score of a call, as the overall needs it (the score repository's rows fit it). */
export interface OverallScore {
  criterionKey: string;
  source: 'ai' | 'human';
  score: number | null;
  applicable: boolean;
}

export interface CallOverall {
  /** The weighted overall of the effective scores (a reviewer's in place of the AI's); null when none counts. */
  effective: number | null;
  /** The weighted overall of the AI's scores alone; null when the AI scored none or the call is held for review. */
  ai: number | null;
  /** A reviewer's score counts on at least one criterion. */
  humanReviewed: boolean;
  /** Both exist and differ by 0.005 points or more: show the AI's beside the effective one. */
  differs: boolean;
}

/** The effective score per criterion: a reviewer's in place of the AI's (the AI's left out when held for review). */
export const effectiveScores = (
  scores: readonly OverallScore[],
  options: { heldForReview?: boolean } = {},
): { effective: Record<string, number>; ai: Record<string, number>; human: Record<string, number> } => {
  const ai: Record<string, number> = {};
  const human: Record<string, number> = {};
  for (const row of scores) {
    if (!row.applicable || row.score === null) continue;
    if (row.source === 'human') human[row.criterionKey] = row.score;
    else if (!options.heldForReview) ai[row.criterionKey] = row.score;
  }
  return { effective: { ...ai, ...human }, ai, human };
};

/** The call's effective overall and the AI's own, over these criteria (the current rubric's weights). */
export const callOverall = (
  scores: readonly OverallScore[],
  criteria: readonly Pick<Criterion, 'key' | 'weight'>[],
  options: { heldForReview?: boolean } = {},
): CallOverall => {
  const { effective, ai, human } = effectiveScores(scores, options);
  const effectiveOverall = weightedOverall(effective, criteria);
  const aiOverall = weightedOverall(ai, criteria);
  const humanReviewed = criteria.some((criterion) => criterion.key in human);
  return { effective: effectiveOverall, ai: aiOverall, humanReviewed, differs: overallDiffers({ overall: effectiveOverall, aiOverall }) };
};

/**
 * What stands beside a call's overall, the same words in the CLI and in Slack: nothing for the AI's own,
 * "with a reviewer's scores in place of the AI's; AI alone 90" where a reviewer changed it, "held for
 * human review" where nothing counts yet. `score` formats a figure as the caller shows figures.
 */
export const describeOverallSource = (
  overall: Pick<CallOverall, 'ai' | 'humanReviewed' | 'differs'> & { effective: number | null },
  score: (value: number) => string,
  options: { heldForReview?: boolean } = {},
): string | null => {
  if (overall.effective === null) return options.heldForReview ? 'none yet: held for human review' : null;
  if (!overall.humanReviewed) return null;
  if (overall.differs && overall.ai !== null) return `with a reviewer's scores in place of the AI's; AI alone ${score(overall.ai)}`;
  return overall.ai === null ? "from a reviewer's scores" : "with a reviewer's scores, the same as the AI's";
};

/** Whether a call's two overalls differ as `callOverall` decides it, from the figures a view carries. */
export const overallDiffers = (view: { overall: number | null; aiOverall: number | null }): boolean =>
  view.overall !== null && view.aiOverall !== null && Math.abs(view.overall - view.aiOverall) >= 0.005;

/**
 * `callOverall(...).effective` of a call whose scores come as one effective score per criterion (a reviewer's
 * in place of the AI's) and the criteria a reviewer scored: the same figure without building the score rows
 * (a report computes it for every call it reads; ADR 0053). Held for review, only the reviewer's count.
 */
export const effectiveOverall = (
  scores: Readonly<Record<string, number>>,
  humanKeys: readonly string[],
  criteria: readonly Pick<Criterion, 'key' | 'weight'>[],
  options: { heldForReview?: boolean } = {},
): number | null => {
  if (!options.heldForReview) return weightedOverall(scores, criteria);
  const human: Record<string, number> = {};
  for (const key of humanKeys) if (key in scores) human[key] = scores[key] as number;
  return weightedOverall(human, criteria);
};
