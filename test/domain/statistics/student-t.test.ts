import { describe, expect, it } from 'vitest';
import { studentTCdf, tCritical95 } from '../../../src/domain/statistics/index.ts';

// Two-sided 95% critical values t₀.₉₇₅,df, written down from the published table (NIST/SEMATECH
// e-Handbook of Statistical Methods, §1.3.6.7.2, "Critical values of the Student's t distribution",
// column 0.025), three decimals as printed there.
const PUBLISHED: [df: number, t: number][] = [
  [1, 12.706],
  [2, 4.303],
  [5, 2.571],
  [10, 2.228],
  [14, 2.145],
  [19, 2.093],
  [29, 2.045],
  [100, 1.984],
];

describe('Student t', () => {
  it.each(PUBLISHED)('when df is %i, then t₀.₉₇₅ matches the published table value %f to its three decimals', (df, t) => {
    expect(Math.abs(tCritical95(df) - t)).toBeLessThan(0.0005 + 1e-9);
  });

  it('when t is 0, then the CDF is one half, and the CDF is symmetric', () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-1.3, 7) + studentTCdf(1.3, 7)).toBeCloseTo(1, 12);
  });

  it('when df grows, then t₀.₉₇₅ falls toward the normal 1.960', () => {
    expect(tCritical95(10_000)).toBeCloseTo(1.96, 2);
    expect(tCritical95(5)).toBeGreaterThan(tCritical95(6));
  });
});
