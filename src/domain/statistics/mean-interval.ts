import { tCritical95 } from './student-t.ts';

/** A mean with its two-sided 95% confidence interval. */
export interface MeanInterval {
  mean: number;
  /** Half-width of the interval: the "±" a report shows. */
  margin: number;
  low: number;
  high: number;
  /** Number of values behind the mean. */
  n: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
}

/** Sample mean and standard deviation (n − 1); null below two values. Two passes: no cancellation. */
export const meanAndSd = (values: readonly number[]): { mean: number; sd: number } | null => {
  if (values.length < 2) return null;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / (values.length - 1)) };
};

/**
 * The t-interval of a mean: mean ± t₀.₉₇₅,ₙ₋₁ · s / √n (ADR 0031). Null with fewer than two values (no
 * spread to measure, so no margin can be stated). Scores are bounded (0–100), so the interval is clipped to
 * that range; the margin stays the half-width.
 */
export const meanInterval = (
  values: readonly number[],
  bounds: { min: number; max: number } = { min: 0, max: 100 },
): MeanInterval | null => {
  const moments = meanAndSd(values);
  if (moments === null) return null;
  const margin = (tCritical95(values.length - 1) * moments.sd) / Math.sqrt(values.length);
  return {
    mean: moments.mean,
    margin,
    low: Math.max(bounds.min, moments.mean - margin),
    high: Math.min(bounds.max, moments.mean + margin),
    n: values.length,
    sd: moments.sd,
  };
};

/**
 * The fewest calls whose mean has a 95% margin of at most `margin` points, for a per-call standard deviation
 * `sd`: the smallest n with t₀.₉₇₅,ₙ₋₁ · sd / √n ≤ margin (at least 2). Capped at `cap`: null beyond it.
 */
export const callsForMargin = (sd: number, margin: number, cap = 10_000): number | null => {
  if (!(margin > 0)) throw new RangeError(`margin must be positive, got ${margin}`);
  if (sd === 0) return 2;
  for (let n = 2; n <= cap; n += 1) if ((tCritical95(n - 1) * sd) / Math.sqrt(n) <= margin) return n;
  return null;
};
