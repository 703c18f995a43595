/** Ranks 1..n with ties given their average rank. */
const averageRanks = (values: readonly number[]): number[] => {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j += 1;
    for (let k = i; k <= j; k += 1) ranks[order[k]!.index] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
};

const pearson = (x: readonly number[], y: readonly number[]): number => {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
};

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled). */
export const spearman = (x: readonly number[], y: readonly number[]): number => pearson(averageRanks(x), averageRanks(y));
