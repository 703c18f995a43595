import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kappaUndefinedReason, quadraticWeightedKappa } from '../../../src/domain/calibration/index.ts';
import type { Level } from '../../../src/domain/types.ts';

const level = fc.constantFrom<Level>(1, 2, 3, 4, 5);
const pairs = (minLength = 0) => fc.array(fc.tuple(level, level), { minLength, maxLength: 60 });

/**
 * Textbook form (Cohen 1968; Fleiss): agreement weights w = 1 − (i − j)² / (k − 1)², proportions,
 * κ = (Po − Pe) / (1 − Pe). Written independently of the implementation, to check it.
 */
const textbookKappa = (ps: [Level, Level][]): number => {
  const n = ps.length;
  const w = (i: number, j: number) => 1 - (i - j) ** 2 / 16;
  const row = (i: number) => ps.filter(([a]) => a === i).length / n;
  const col = (j: number) => ps.filter(([, b]) => b === j).length / n;
  let po = 0;
  for (const [a, b] of ps) po += w(a, b) / n;
  let pe = 0;
  for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) pe += w(i, j) * row(i) * col(j);
  return (po - pe) / (1 - pe);
};

describe('quadraticWeightedKappa', () => {
  it('when computed by hand on a small example, then it matches (27/31)', () => {
    // AI:    1 2 3 5      human: 1 2 4 4      n = 4
    // Observed squared differences: 0 + 0 + 1 + 1 = 2  →  n · 2 = 8
    // Marginals: AI {1:1, 2:1, 3:1, 5:1}; human {1:1, 2:1, 4:2}
    // Expected Σ (i − j)² · AIᵢ · humanⱼ:
    //   i=1: 0·1 + 1·1 + 9·2 = 19     i=2: 1 + 0 + 4·2 = 9
    //   i=3: 4 + 1 + 1·2 = 7          i=5: 16 + 9 + 1·2 = 27      total 62
    // κ = 1 − 8 / 62 = 27/31 ≈ 0.8710
    // Check with agreement weights: Po = 1 − 2/(16·4) = 62/64, Pe = 1 − 62/256 = 194/256,
    // κ = (248 − 194) / (256 − 194) = 54/62 = 27/31.
    expect(
      quadraticWeightedKappa([
        [1, 1],
        [2, 2],
        [3, 4],
        [5, 4],
      ]),
    ).toBeCloseTo(27 / 31, 12);
  });

  it('when one rater reads one level lower at the ends, then kappa is 6/7', () => {
    // AI 1 2 3 4 5, human 2 2 3 4 4: observed 5 · 2 = 10; expected Σᵢ [2(i−2)² + (i−3)² + 2(i−4)²]
    // = 24 + 9 + 4 + 9 + 24 = 70; κ = 1 − 10/70 = 6/7.
    expect(
      quadraticWeightedKappa([
        [1, 2],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 4],
      ]),
    ).toBeCloseTo(6 / 7, 12);
  });

  it('when both raters agree on every pair and use more than one level, then kappa is exactly 1', () => {
    expect(
      quadraticWeightedKappa([
        [1, 1],
        [3, 3],
        [5, 5],
        [2, 2],
      ]),
    ).toBe(1);
  });

  it('when the raters disagree systematically at opposite ends, then kappa is negative (−1)', () => {
    expect(
      quadraticWeightedKappa([
        [1, 5],
        [5, 1],
      ]),
    ).toBe(-1);
    expect(
      quadraticWeightedKappa([
        [1, 4],
        [2, 5],
        [4, 1],
        [5, 2],
      ]),
    ).toBeLessThan(0);
  });

  it('when there are fewer than 2 pairs, then kappa is null and the reason says so', () => {
    expect(quadraticWeightedKappa([])).toBeNull();
    expect(quadraticWeightedKappa([[3, 4]])).toBeNull();
    expect(kappaUndefinedReason([[3, 3]])).toBe('fewer than 2 pairs');
  });

  it('when both raters give every pair the same single level, then kappa is null (no variation), not 1', () => {
    expect(
      quadraticWeightedKappa([
        [4, 4],
        [4, 4],
        [4, 4],
      ]),
    ).toBeNull();
    expect(
      kappaUndefinedReason([
        [4, 4],
        [4, 4],
        [4, 4],
      ]),
    ).toBe('no variation');
  });

  it('when both raters are constant but on different levels, then kappa is defined (0)', () => {
    expect(
      quadraticWeightedKappa([
        [3, 4],
        [3, 4],
      ]),
    ).toBe(0);
    expect(
      kappaUndefinedReason([
        [3, 4],
        [3, 4],
      ]),
    ).toBeNull();
  });

  it('when a level is outside 1..5, then it throws', () => {
    expect(() =>
      quadraticWeightedKappa([
        [0 as Level, 1],
        [2, 2],
      ]),
    ).toThrow(RangeError);
  });

  it('when given any pairs, then kappa is at most 1', () => {
    fc.assert(
      fc.property(pairs(), (ps) => {
        const kappa = quadraticWeightedKappa(ps);
        return kappa === null || kappa <= 1;
      }),
    );
  });

  it('when the raters are swapped, then kappa is the same (symmetric)', () => {
    fc.assert(
      fc.property(pairs(), (ps) => {
        const swapped = ps.map(([a, b]): [Level, Level] => [b, a]);
        expect(quadraticWeightedKappa(swapped)).toBe(quadraticWeightedKappa(ps));
      }),
    );
  });

  it('when defined, then it equals the textbook agreement-weight formula', () => {
    fc.assert(
      fc.property(pairs(2), (ps) => {
        const kappa = quadraticWeightedKappa(ps);
        if (kappa === null) return;
        expect(kappa).toBeCloseTo(textbookKappa(ps), 9);
      }),
    );
  });

  it('when null for 2 or more pairs, then both raters are one and the same constant level', () => {
    fc.assert(
      fc.property(pairs(2), (ps) => {
        if (quadraticWeightedKappa(ps) !== null) return;
        const first = ps[0]![0];
        expect(ps.every(([a, b]) => a === first && b === first)).toBe(true);
      }),
    );
  });
});
