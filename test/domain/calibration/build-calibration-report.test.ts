import { describe, expect, it } from 'vitest';
import { buildCalibrationReport, type CalibrationPair } from '../../../src/domain/calibration/index.ts';
import type { Level } from '../../../src/domain/types.ts';

const pair = (
  criterionKey: string,
  callId: string,
  ai: { level?: Level | null; score: number },
  human: { level?: Level | null; score: number },
): CalibrationPair => ({
  criterionKey,
  callId,
  ai: { level: ai.level ?? null, score: ai.score },
  human: { level: human.level ?? null, score: human.score },
});

describe('buildCalibrationReport', () => {
  it('when two criteria have pairs, then there is a row per criterion in first-seen order and an all row', () => {
    const report = buildCalibrationReport(
      [
        pair('empathy', 'c1', { level: 1, score: 0 }, { level: 1, score: 0 }),
        pair('close', 'c1', { level: 5, score: 100 }, { level: 5, score: 100 }),
        pair('empathy', 'c2', { level: 2, score: 25 }, { level: 2, score: 25 }),
        pair('empathy', 'c3', { level: 3, score: 50 }, { level: 4, score: 75 }),
        pair('empathy', 'c4', { level: 5, score: 100 }, { level: 4, score: 75 }),
        pair('close', 'c2', { level: 3, score: 50 }, { level: 3, score: 50 }),
      ],
      { minPairs: 2, minPairsForBand: 4 },
    );
    expect(report.criteria.map((row) => row.criterionKey)).toEqual(['empathy', 'close']);
    const empathy = report.criteria[0]!;
    expect(empathy).toMatchObject({
      criterionKey: 'empathy',
      count: 4,
      kappaUndefined: null,
      band: 'almost perfect',
      exactAgreement: 0.5,
      withinOneAgreement: 1,
      meanAbsoluteDifference: 12.5,
    });
    expect(empathy.kappa).toBeCloseTo(27 / 31, 12); // the hand-computed example of the kappa test
    expect(report.criteria[1]).toMatchObject({ count: 2, kappa: 1, exactAgreement: 1, meanAbsoluteDifference: 0 });
    expect(report.all).toMatchObject({ criterionKey: 'all', count: 6, exactAgreement: 4 / 6, withinOneAgreement: 1 });
    expect(report.all.kappa).toBeGreaterThan(0.8);
  });

  it('when a level is null, then it is derived from the 0..100 score', () => {
    const report = buildCalibrationReport([
      pair('tone', 'c1', { level: null, score: 0 }, { level: null, score: 10 }), // 1 vs 1
      pair('tone', 'c2', { level: null, score: 100 }, { level: null, score: 80 }), // 5 vs 4
    ]);
    expect(report.all).toMatchObject({ exactAgreement: 0.5, withinOneAgreement: 1, meanAbsoluteDifference: 15 });
    // levels [1,1], [5,4]: observed 2·1 = 2; expected (1,1)0 + (1,4)9 + (5,1)16 + (5,4)1 = 26; κ = 1 − 2/26
    expect(report.all.kappa).toBeCloseTo(12 / 13, 12);
  });

  it('when a criterion has one pair, then its kappa and band are null with the reason, and the rest is filled', () => {
    const report = buildCalibrationReport([pair('close', 'c1', { level: 4, score: 75 }, { level: 3, score: 50 })]);
    expect(report.criteria[0]).toEqual({
      criterionKey: 'close',
      count: 1,
      kappa: null,
      kappaUndefined: 'fewer than 2 pairs',
      band: null,
      exactAgreement: 0,
      withinOneAgreement: 1,
      meanAbsoluteDifference: 25,
      kappaLow: null,
      kappaHigh: null,
      minPairs: 10,
      minPairsForBand: 20,
    });
  });

  it('when a criterion has fewer pairs than minPairsForBand, then its kappa and interval are given but no Landis–Koch band', () => {
    const levels: [Level, Level][] = [
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
    const pairs = levels.map(([ai, human], index) =>
      pair('tone', `c${index}`, { level: ai, score: (ai - 1) * 25 }, { level: human, score: (human - 1) * 25 }),
    );
    const few = buildCalibrationReport(pairs).criteria[0]!;
    expect(few.kappa).toBeGreaterThan(0.8);
    expect(few.band).toBeNull();
    expect(few.kappaLow).not.toBeNull();
    const enough = buildCalibrationReport(pairs, { minPairs: 10, minPairsForBand: 12 }).criteria[0]!;
    expect(enough.band).toBe('almost perfect');
  });

  it('when the AI and the human give every call the same level, then kappa is null (no variation) and exact agreement is 1', () => {
    const report = buildCalibrationReport([
      pair('close', 'c1', { level: 4, score: 75 }, { level: 4, score: 75 }),
      pair('close', 'c2', { level: 4, score: 75 }, { level: 4, score: 75 }),
    ]);
    expect(report.criteria[0]).toMatchObject({ kappa: null, kappaUndefined: 'no variation', band: null, exactAgreement: 1 });
  });

  it('when there are no pairs, then there are no criterion rows and the all row is empty', () => {
    expect(buildCalibrationReport([])).toEqual({
      criteria: [],
      all: {
        criterionKey: 'all',
        count: 0,
        kappa: null,
        kappaUndefined: 'fewer than 2 pairs',
        band: null,
        exactAgreement: null,
        withinOneAgreement: null,
        meanAbsoluteDifference: null,
        kappaLow: null,
        kappaHigh: null,
        minPairs: 10,
        minPairsForBand: 20,
      },
    });
  });
});
