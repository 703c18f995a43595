/** Mean of |a − b| over pairs of 0..100 scores, in points; null when there are no pairs. */
export const meanAbsoluteDifference = (pairs: readonly (readonly [number, number])[]): number | null => {
  if (pairs.length === 0) return null;
  let total = 0;
  for (const [a, b] of pairs) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      throw new RangeError(`scores must be finite numbers, got ${String(a)} and ${String(b)}`);
    }
    total += Math.abs(a - b);
  }
  return total / pairs.length;
};
