import type { Level } from '../types.ts';

/** Share (0..1) of pairs where both raters gave the same level; null when there are no pairs. */
export const exactAgreement = (pairs: readonly (readonly [Level, Level])[]): number | null => {
  if (pairs.length === 0) return null;
  return pairs.filter(([a, b]) => a === b).length / pairs.length;
};
