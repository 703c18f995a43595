/** Solves A·x = b by Gaussian elimination with partial pivoting (A square, small). */
const solve = (a: number[][], b: number[]): number[] => {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < n; row += 1) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k <= n; k += 1) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
};

/**
 * Ridge regression of `y` on the columns of `x`: the features are standardised, the penalty `lambda`
 * applies to every weight but the intercept, and the result is given back in the features' own units.
 */
export const fitRidge = (
  x: readonly (readonly number[])[],
  y: readonly number[],
  lambda: number,
): { intercept: number; weights: number[] } => {
  const p = x[0]?.length ?? 0;
  const n = x.length;
  const mean = Array.from({ length: p }, (_, j) => x.reduce((sum, row) => sum + row[j]!, 0) / n);
  const sd = Array.from({ length: p }, (_, j) => Math.sqrt(x.reduce((sum, row) => sum + (row[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  const z = x.map((row) => row.map((value, j) => (value - mean[j]!) / sd[j]!));
  const xtx = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => z.reduce((sum, row) => sum + row[i]! * row[j]!, 0) + (i === j ? lambda : 0)),
  );
  const xty = Array.from({ length: p }, (_, i) => z.reduce((sum, row, r) => sum + row[i]! * (y[r]! - yMean), 0));
  const standardised = solve(xtx, xty);
  const weights = standardised.map((w, j) => w / sd[j]!);
  const intercept = yMean - weights.reduce((sum, w, j) => sum + w * mean[j]!, 0);
  return { intercept, weights };
};
