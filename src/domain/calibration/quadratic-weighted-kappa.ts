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

/** A kappa with its 95% interval (clipped to −1..1) and its large-sample standard error. */
export interface KappaInterval {
  kappa: number;
  low: number;
  high: number;
  standardError: number;
}

/** z₀.₉₇₅: kappa's interval is a large-sample (normal) one. */
const Z_95 = 1.959963984540054;

/**
 * Quadratic weighted kappa with its 95% interval from the large-sample variance of Fleiss, Cohen & Everitt
 * (1969), "Large sample standard errors of kappa and weighted kappa", Psychological Bulletin 72(5), with
 * agreement weights wᵢⱼ = 1 − (i − j)² / (k − 1)², cell shares pᵢⱼ, margins pᵢ. and p.ⱼ:
 *
 *   w̄ᵢ. = Σⱼ p.ⱼ wᵢⱼ,  w̄.ⱼ = Σᵢ pᵢ. wᵢⱼ,  pₑ = Σ pᵢ. p.ⱼ wᵢⱼ,
 *   var(κ) = [Σ pᵢⱼ (wᵢⱼ − (w̄ᵢ. + w̄.ⱼ)(1 − κ))² − (κ − pₑ(1 − κ))²] / (n (1 − pₑ)²),
 *   κ ± 1.96 · √var.
 *
 * Null wherever the kappa is (fewer than 2 pairs, no variation). ADR 0031.
 */
export const quadraticWeightedKappaInterval = (pairs: readonly (readonly [Level, Level])[]): KappaInterval | null => {
  const kappa = quadraticWeightedKappa(pairs);
  if (kappa === null) return null;
  const n = pairs.length;
  const k = LEVELS.length;
  const weight = (i: number, j: number): number => 1 - (i - j) ** 2 / (k - 1) ** 2;
  const cells = new Map<number, number>();
  const rows = [0, 0, 0, 0, 0, 0];
  const cols = [0, 0, 0, 0, 0, 0];
  for (const [a, b] of pairs) {
    cells.set(a * 10 + b, (cells.get(a * 10 + b) ?? 0) + 1 / n);
    rows[a] = (rows[a] ?? 0) + 1 / n;
    cols[b] = (cols[b] ?? 0) + 1 / n;
  }
  const rowWeight = (i: number): number => LEVELS.reduce((sum, j) => sum + (cols[j] ?? 0) * weight(i, j), 0);
  const colWeight = (j: number): number => LEVELS.reduce((sum, i) => sum + (rows[i] ?? 0) * weight(i, j), 0);
  let expected = 0;
  for (const i of LEVELS) for (const j of LEVELS) expected += (rows[i] ?? 0) * (cols[j] ?? 0) * weight(i, j);
  let sum = 0;
  for (const i of LEVELS) {
    for (const j of LEVELS) {
      const share = cells.get(i * 10 + j) ?? 0;
      if (share > 0) sum += share * (weight(i, j) - (rowWeight(i) + colWeight(j)) * (1 - kappa)) ** 2;
    }
  }
  const variance = Math.max(0, (sum - (kappa - expected * (1 - kappa)) ** 2) / (n * (1 - expected) ** 2));
  const standardError = Math.sqrt(variance);
  return { kappa, low: Math.max(-1, kappa - Z_95 * standardError), high: Math.min(1, kappa + Z_95 * standardError), standardError };
};
