import type { Level } from '../types.ts';

/** Share (0..1) of pairs whose levels differ by at most one; null when there are no pairs. */
export const withinOneAgreement = (pairs: readonly (readonly [Level, Level])[]): number | null => {
  if (pairs.length === 0) return null;
  return pairs.filter(([a, b]) => Math.abs(a - b) <= 1).length / pairs.length;
};
