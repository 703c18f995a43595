import type { Criterion, Level } from './types.ts';

/** The anchored 1..5 scale mapped onto 0..100: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100. */
export const levelToScore = (level: Level): number => (level - 1) * 25;

/** The nearest level of a 0..100 score (used where only 0..100 scores exist, e.g. imported ones). */
export const scoreToLevel = (score: number): Level => {
  const level = Math.round(Math.min(100, Math.max(0, score)) / 25) + 1;
  return level as Level;
};

/**
 * Weighted mean over the criteria that have a score, with the weights re-normalised over them.
 * Criteria missing from `scores` (not applicable, or not scored) leave the mean. Null when none has a score.
 */
export const weightedOverall = (
  scores: Readonly<Record<string, number | null | undefined>>,
  criteria: readonly Pick<Criterion, 'key' | 'weight'>[],
): number | null => {
  let weightSum = 0;
  let total = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.key];
    if (score === null || score === undefined) continue;
    weightSum += criterion.weight;
    total += criterion.weight * score;
  }
  return weightSum === 0 ? null : total / weightSum;
};
