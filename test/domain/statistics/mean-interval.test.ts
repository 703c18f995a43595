import { describe, expect, it } from 'vitest';
import { callsForMargin, meanInterval } from '../../../src/domain/statistics/index.ts';

// The reference computation, done here independently of the code: mean, sample standard deviation, and the
// critical value from the published t table (NIST/SEMATECH, df = 14: 2.145; df = 19: 2.093).

const reference = (values: number[], tTable: number) => {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, margin: (tTable * Math.sqrt(variance)) / Math.sqrt(values.length) };
};

describe('meanInterval', () => {
  it('when a batch of 15 calls has a known spread, then its 95% margin matches the t-table computation', () => {
    const batch = [70, 80, 75, 65, 85, 90, 60, 75, 80, 70, 75, 85, 65, 80, 76];
    const expected = reference(batch, 2.145);
    const interval = meanInterval(batch);
    expect(interval?.mean).toBeCloseTo(expected.mean, 10);
    // The table's three decimals bound the difference: |Δt| ≤ 0.0005 → |Δmargin| ≤ 0.0005 · s/√n.
    expect(Math.abs((interval?.margin ?? 0) - expected.margin)).toBeLessThan(0.002);
    expect(interval?.low).toBeCloseTo((interval?.mean ?? 0) - (interval?.margin ?? 0), 10);
  });

  it('when 20 calls are spread ±20 around 75.4, then the margin is wide and matches the reference', () => {
    const batch = Array.from({ length: 20 }, (_, index) => 75.4 + (index % 2 === 0 ? 20 : -20));
    const expected = reference(batch, 2.093);
    const interval = meanInterval(batch);
    expect(interval?.mean).toBeCloseTo(75.4, 10);
    expect(Math.abs((interval?.margin ?? 0) - expected.margin)).toBeLessThan(0.003);
    expect(interval?.margin).toBeGreaterThan(9);
  });

  it('when there is one value, then there is no interval; when every value is the same, the margin is 0', () => {
    expect(meanInterval([80])).toBeNull();
    expect(meanInterval([])).toBeNull();
    expect(meanInterval([80, 80, 80])).toMatchObject({ mean: 80, margin: 0, low: 80, high: 80 });
  });

  it('when the interval would pass 100, then it is clipped to the score range and the margin stays the half-width', () => {
    const interval = meanInterval([100, 100, 100, 50]);
    expect(interval?.high).toBe(100);
    expect(interval?.margin).toBeGreaterThan(100 - (interval?.mean ?? 0));
  });
});

describe('callsForMargin', () => {
  it('when the per-call spread is 10 points, then ±5 takes 18 calls and ±3 takes 46 (t, not z: about 16 and 43 with 1.96)', () => {
    expect(callsForMargin(10, 5)).toBe(18);
    expect(callsForMargin(10, 3)).toBe(46);
    // the answer is the first n that reaches the margin: one fewer does not
    expect((2.11 * 10) / Math.sqrt(17)).toBeGreaterThan(5);
  });
});
