import type { Level } from '../types.ts';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** Why a kappa could not be computed; null when it could. */
export type KappaUndefinedReason = 'fewer than 2 pairs' | 'no variation';

/**
 * Cohen's kappa with quadratic weights on the 1..5 levels, for pairs `[raterA, raterB]`.
 *
 *   κ = 1 − Σ w·O / Σ w·E,  w(i, j) = (i − j)²,  O = observed counts,  E(i, j) = rowᵢ · colⱼ / n
 *
 * (The usual normalisation of w by (k − 1)² cancels out.) Computed as
 * 1 − n·Σ(i−j)²·O(i,j) / Σ(i−j)²·row(i)·col(j): both sums are integers, so the result is exact up to the
 * last division and the same whichever rater comes first.
 *
 * Null when undefined (see `kappaUndefinedReason`):
 * - fewer than 2 pairs: one pair says nothing about agreement beyond chance;
 * - no expected disagreement: only when both raters gave every pair the same single level. Chance agreement
 *   is then already 100%, so κ is 0/0. It is NOT reported as 1: a sample with no variation cannot show that
 *   the raters agree beyond chance, and "κ = 1" would read as proof of calibration. The report shows
 *   exact agreement (100% in that case) beside the missing kappa instead.
 *
 * If one rater is constant and the other differs from it, κ is defined (often 0 or negative).
 */
export const quadraticWeightedKappa = (pairs: readonly (readonly [Level, Level])[]): number | null => {
  const terms = kappaTerms(pairs);
  if (terms === null) return null;
  return 1 - terms.observed / terms.expected;
};

/** The reason `quadraticWeightedKappa` returns null for these pairs, or null when it returns a number. */
export const kappaUndefinedReason = (pairs: readonly (readonly [Level, Level])[]): KappaUndefinedReason | null => {
  if (pairs.length < 2) return 'fewer than 2 pairs';
  return kappaTerms(pairs) === null ? 'no variation' : null;
};

const kappaTerms = (pairs: readonly (readonly [Level, Level])[]): { observed: number; expected: number } | null => {
  const n = pairs.length;
  if (n < 2) return null;
  const rowTotals = [0, 0, 0, 0, 0, 0];
  const colTotals = [0, 0, 0, 0, 0, 0];
  let observedDisagreement = 0;
  for (const [a, b] of pairs) {
    assertLevel(a);
    assertLevel(b);
    rowTotals[a] = (rowTotals[a] ?? 0) + 1;
    colTotals[b] = (colTotals[b] ?? 0) + 1;
    observedDisagreement += (a - b) ** 2;
  }
  let expectedDisagreement = 0;
  for (const i of LEVELS) {
    for (const j of LEVELS) {
      expectedDisagreement += (i - j) ** 2 * (rowTotals[i] ?? 0) * (colTotals[j] ?? 0);
    }
  }
  if (expectedDisagreement === 0) return null;
  return { observed: n * observedDisagreement, expected: expectedDisagreement };
};

const assertLevel = (level: number): void => {
  if (!Number.isInteger(level) || level < 1 || level > 5) {
    throw new RangeError(`a level must be an integer from 1 to 5, got ${String(level)}`);
  }
};
