import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactAgreement, landisKochBand, meanAbsoluteDifference, withinOneAgreement } from '../../../src/domain/calibration/index.ts';
import type { Level } from '../../../src/domain/types.ts';

const level = fc.constantFrom<Level>(1, 2, 3, 4, 5);

describe('exactAgreement and withinOneAgreement', () => {
  it('when levels match on 2 of 4 pairs and differ by one on 1 more, then exact is 0.5 and within-one 0.75', () => {
    const pairs: [Level, Level][] = [
      [1, 1],
      [3, 3],
      [3, 4],
      [5, 2],
    ];
    expect(exactAgreement(pairs)).toBe(0.5);
    expect(withinOneAgreement(pairs)).toBe(0.75);
  });

  it('when there are no pairs, then both are null', () => {
    expect(exactAgreement([])).toBeNull();
    expect(withinOneAgreement([])).toBeNull();
  });

  it('when given any pairs, then 0 ≤ exact ≤ within-one ≤ 1', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(level, level), { minLength: 1 }), (pairs) => {
        const exact = exactAgreement(pairs)!;
        const withinOne = withinOneAgreement(pairs)!;
        expect(exact).toBeGreaterThanOrEqual(0);
        expect(exact).toBeLessThanOrEqual(withinOne);
        expect(withinOne).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('meanAbsoluteDifference', () => {
  it('when scores differ by 10, 0 and 25, then the mean absolute difference is 35/3', () => {
    expect(
      meanAbsoluteDifference([
        [60, 70],
        [50, 50],
        [100, 75],
      ]),
    ).toBeCloseTo(35 / 3, 12);
  });

  it('when there are no pairs, then it is null', () => {
    expect(meanAbsoluteDifference([])).toBeNull();
  });

  it('when a score is not a finite number, then it throws', () => {
    expect(() => meanAbsoluteDifference([[Number.NaN, 1]])).toThrow(RangeError);
  });

  it('when given scores in 0..100, then it stays in 0..100 and is symmetric', () => {
    const score = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score), { minLength: 1 }), (pairs) => {
        const mad = meanAbsoluteDifference(pairs)!;
        expect(mad).toBeGreaterThanOrEqual(0);
        expect(mad).toBeLessThanOrEqual(100);
        expect(meanAbsoluteDifference(pairs.map(([a, b]): [number, number] => [b, a]))).toBe(mad);
      }),
    );
  });
});

describe('landisKochBand', () => {
  it.each([
    [-0.3, 'poor'],
    [-0.0001, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.21, 'fair'],
    [0.4, 'fair'],
    [0.41, 'moderate'],
    [0.6, 'moderate'],
    [0.61, 'substantial'],
    [0.8, 'substantial'],
    [0.81, 'almost perfect'],
    [1, 'almost perfect'],
  ] as const)('when kappa is %s, then the band is %s', (kappa, band) => {
    expect(landisKochBand(kappa)).toBe(band);
  });

  it('when kappa falls in a gap of the published bands (0.205), then the next band up is used', () => {
    expect(landisKochBand(0.205)).toBe('fair');
  });

  it('when kappa is NaN, then it throws', () => {
    expect(() => landisKochBand(Number.NaN)).toThrow(RangeError);
  });
});
