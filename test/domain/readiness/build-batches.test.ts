import { describe, expect, it } from 'vitest';
import { buildBatches } from '../../../src/domain/readiness/index.ts';
import type { ScoredCall } from '../../../src/domain/readiness/index.ts';
import { baselineCalls, call, CRITERIA, DAY, NOW, periodCalls, periodStart, PROGRAM, thresholds } from './factory.ts';

const build = (calls: ScoredCall[], callType = 'basic', now = NOW) =>
  buildBatches({ calls, program: PROGRAM, criteria: CRITERIA, thresholds: thresholds(), callType, now });

describe('buildBatches', () => {
  it('when 30 calls fall in one period, then they make one batch, not two', () => {
    const { batches } = build(periodCalls(0, 30));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ index: 0, calls: 30, start: periodStart(0), end: periodStart(1) });
  });

  it.each([
    { count: 15, batches: 1 },
    { count: 14, batches: 0 },
  ])('when a period has $count calls, then it makes $batches batch(es)', ({ count, batches }) => {
    const result = build(periodCalls(0, count));
    expect(result.batches).toHaveLength(batches);
    if (batches === 0) expect(result.incompletePeriods[0]).toMatchObject({ index: 0, calls: 14, minCalls: 15 });
  });

  it('when two batches have an empty period between them, then both count and the gap is not a batch', () => {
    const { batches, incompletePeriods } = build(
      [...periodCalls(0, 15), ...periodCalls(2, 15)],
      'basic',
      new Date(periodStart(3).getTime() - 1),
    );
    expect(batches.map((batch) => batch.index)).toEqual([0, 2]);
    expect(incompletePeriods).toEqual([]);
  });

  it('when a period has too few calls, then it is reported with its count', () => {
    const { incompletePeriods } = build([...periodCalls(0, 15), ...periodCalls(1, 9)]);
    expect(incompletePeriods).toContainEqual(expect.objectContaining({ index: 1, calls: 9, inProgress: false }));
  });

  it('when the current period has no calls yet, then it is listed as an incomplete period in progress', () => {
    const now = new Date(periodStart(4).getTime() + DAY);
    const { incompletePeriods } = build(periodCalls(0, 15), 'basic', now);
    expect(incompletePeriods).toEqual([expect.objectContaining({ index: 4, calls: 0, inProgress: true })]);
  });

  it('when a call is exactly at a period end, then it belongs to the next period', () => {
    const calls = [...periodCalls(0, 14), call({ at: periodStart(1) })];
    const { batches, incompletePeriods } = build(calls);
    expect(batches).toEqual([]);
    expect(incompletePeriods.filter((period) => !period.inProgress).map((period) => [period.index, period.calls])).toEqual([
      [0, 14],
      [1, 1],
    ]);
  });

  it('when calls are before completion, roleplay or of another call type, then they are left out', () => {
    const calls = [
      ...baselineCalls(20),
      call({ at: new Date(PROGRAM.completesAt.getTime() - 1) }),
      ...periodCalls(0, 15, { kind: 'roleplay' }),
      ...periodCalls(0, 15, { type: 'escalation' }),
    ];
    expect(build(calls)).toMatchObject({ batches: [], postTrainingCalls: 0 });
  });

  it('when a batch is built, then it holds the mean overall and per-criterion means', () => {
    const calls = [...periodCalls(0, 10, { score: 70 }), ...periodCalls(0, 10, { scores: { empathy: 100 }, score: 90 })];
    const [batch] = build(calls).batches;
    expect(batch?.overall).toBeCloseTo((70 * 10 + ((25 * 100 + 75 * 90) / 100) * 10) / 20);
    expect(batch?.criteria.empathy).toBeCloseTo(85);
    expect(batch?.criteria.tone).toBeCloseTo(80);
    expect(batch?.callIds).toHaveLength(20);
  });

  it('when there is no program, then there are no batches', () => {
    expect(
      buildBatches({ calls: periodCalls(0, 20), program: null, criteria: CRITERIA, thresholds: thresholds(), callType: 'basic', now: NOW }),
    ).toEqual({
      batches: [],
      incompletePeriods: [],
      postTrainingCalls: 0,
    });
  });
});
