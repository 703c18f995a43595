import { describe, expect, it } from 'vitest';
import { describeAgreement, quadraticWeightedKappaInterval } from '../../../src/domain/calibration/index.ts';
import type { Level } from '../../../src/domain/types.ts';

// Reference: the Fleiss–Cohen–Everitt (1969) large-sample variance, written out here again as sums over a
// 5 × 5 table of proportions (a second, independent writing of the formula), z = 1.96.
const reference = (pairs: [Level, Level][]) => {
  const k = 5;
  const n = pairs.length;
  const p = Array.from({ length: k }, () => Array<number>(k).fill(0));
  for (const [a, b] of pairs) (p[a - 1] as number[])[b - 1] = ((p[a - 1] as number[])[b - 1] as number) + 1 / n;
  const w = (i: number, j: number) => 1 - (i - j) ** 2 / (k - 1) ** 2;
  const row = p.map((r) => r.reduce((s, v) => s + v, 0));
  const col = Array.from({ length: k }, (_, j) => p.reduce((s, r) => s + (r[j] as number), 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i += 1)
    for (let j = 0; j < k; j += 1) {
      po += w(i, j) * (p[i] as number[])[j]!;
      pe += w(i, j) * row[i]! * col[j]!;
    }
  const kappa = (po - pe) / (1 - pe);
  const wi = Array.from({ length: k }, (_, i) => col.reduce((s, c, j) => s + c * w(i, j), 0));
  const wj = Array.from({ length: k }, (_, j) => row.reduce((s, r, i) => s + r * w(i, j), 0));
  let sum = 0;
  for (let i = 0; i < k; i += 1)
    for (let j = 0; j < k; j += 1) sum += (p[i] as number[])[j]! * (w(i, j) - (wi[i]! + wj[j]!) * (1 - kappa)) ** 2;
  const se = Math.sqrt((sum - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2));
  return { kappa, low: kappa - 1.96 * se, high: kappa + 1.96 * se };
};

const PAIRS: [Level, Level][] = [
  [1, 1],
  [2, 2],
  [3, 3],
  [4, 4],
  [5, 5],
  [2, 3],
  [3, 4],
  [4, 3],
  [1, 2],
  [5, 4],
  [3, 3],
  [2, 2],
];

describe('quadraticWeightedKappaInterval', () => {
  it('when 12 pairs mostly agree, then κ and its 95% interval match the reference (0.857, 0.730 to 0.985)', () => {
    const interval = quadraticWeightedKappaInterval(PAIRS);
    const expected = reference(PAIRS);
    expect(interval?.kappa).toBeCloseTo(expected.kappa, 10);
    expect(interval?.low).toBeCloseTo(expected.low, 3);
    expect(interval?.high).toBeCloseTo(expected.high, 3);
    expect(interval?.low).toBeCloseTo(0.73, 2);
  });

  it('when the same pairs are seen four times as often, then the interval is about half as wide', () => {
    const once = quadraticWeightedKappaInterval(PAIRS);
    const four = quadraticWeightedKappaInterval([...PAIRS, ...PAIRS, ...PAIRS, ...PAIRS]);
    const width = (x: typeof once) => (x ? x.high - x.low : 0);
    expect(width(four) / width(once)).toBeCloseTo(0.5, 1);
  });

  it('when kappa is undefined, then so is its interval', () => {
    expect(quadraticWeightedKappaInterval([[3, 3]])).toBeNull();
    expect(
      quadraticWeightedKappaInterval([
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull();
  });
});

describe('describeAgreement', () => {
  const base = { kappaUndefined: null, minPairs: 10, minPairsForBand: 20 } as const;

  it('when there is 1 reviewed call, then it says not enough reviewed calls (1 of the 10 needed), never undefined', () => {
    const text = describeAgreement({
      ...base,
      count: 1,
      kappa: null,
      kappaLow: null,
      kappaHigh: null,
      band: null,
      kappaUndefined: 'fewer than 2 pairs',
    });
    expect(text).toBe('not enough reviewed calls (1 of the 10 needed)');
  });

  it('when there are 12 pairs, then κ carries its interval and pairs, and no band below 20 pairs', () => {
    const text = describeAgreement({ ...base, count: 12, kappa: 0.857, kappaLow: 0.73, kappaHigh: 0.984, band: null });
    expect(text).toBe('κ 0.86 (95% 0.73 to 0.98, 12 pairs); no agreement band below 20 pairs');
  });

  it('when there are 24 pairs, then the band is named', () => {
    const text = describeAgreement({ ...base, count: 24, kappa: -0.12, kappaLow: -0.4, kappaHigh: 0.16, band: 'poor' });
    expect(text).toBe('κ −0.12 (95% −0.40 to 0.16, 24 pairs), poor');
  });
});
