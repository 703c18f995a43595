import { describe, expect, it } from 'vitest';
import { buildBaseline, buildTeamTrends, buildTrends } from '../../../src/domain/readiness/index.ts';
import { baselineCalls, call, CRITERIA, periodCalls, PROGRAM, thresholds } from './factory.ts';

describe('buildTrends', () => {
  const now = new Date('2025-03-05T12:00:00Z'); // a Wednesday

  it('when calls span weeks, then the series has the last N ISO weeks starting Monday, empty weeks included', () => {
    const calls = [
      call({ score: 60, at: new Date('2025-03-03T08:00:00Z') }),
      call({ score: 80, at: new Date('2025-03-04T08:00:00Z') }),
      call({ score: 40, at: new Date('2025-02-24T08:00:00Z') }),
      call({ score: 100, at: new Date('2025-03-04T08:00:00Z'), kind: 'roleplay' }),
    ];
    const trends = buildTrends({ calls, criteria: CRITERIA, program: PROGRAM, baseline: null, now, weeks: 4 });
    expect(trends.weeks.map((week) => week.weekStart.toISOString())).toEqual([
      '2025-02-10T00:00:00.000Z',
      '2025-02-17T00:00:00.000Z',
      '2025-02-24T00:00:00.000Z',
      '2025-03-03T00:00:00.000Z',
    ]);
    expect(trends.weeks.map((week) => week.calls)).toEqual([0, 0, 1, 2]);
    expect(trends.weeks[3]?.criteria.empathy).toBe(70);
    expect(trends.weeks[0]?.overall).toBeNull();
  });

  it('when a time zone is given, then weeks start at Monday midnight there', () => {
    const calls = [call({ score: 50, at: new Date('2025-03-02T23:30:00Z') })]; // Monday 00:30 in Paris
    const trends = buildTrends({ calls, criteria: CRITERIA, program: PROGRAM, baseline: null, now, timeZone: 'Europe/Paris', weeks: 2 });
    expect(trends.weeks.at(-1)?.weekStart.toISOString()).toBe('2025-03-02T23:00:00.000Z');
    expect(trends.weeks.at(-1)?.calls).toBe(1);
  });

  it('when the program targeted empathy, then adjacent criteria compare the others with the baseline', () => {
    const calls = [...baselineCalls(20, { score: 60 }), ...periodCalls(0, 15, { score: 70, scores: { empathy: 90 } })];
    const baseline = buildBaseline({ calls, program: PROGRAM, criteria: CRITERIA, thresholds: thresholds() });
    const trends = buildTrends({ calls, criteria: CRITERIA, program: PROGRAM, baseline, now });
    expect(trends.deltaVsBaseline.empathy).toBe(30);
    expect(trends.adjacentCriteria.map((entry) => [entry.criterion, entry.delta])).toEqual([
      ['listening', 10],
      ['tone', 10],
      ['resolution', 10],
      ['close', 10],
    ]);
  });

  it('when post-training calls have frustration levels, then the split gives means per level', () => {
    const calls = [...periodCalls(0, 3, { score: 90, frustration: 'none' }), ...periodCalls(0, 2, { score: 50, frustration: 'high' })];
    const { frustrationSplit } = buildTrends({ calls, criteria: CRITERIA, program: PROGRAM, baseline: null, now });
    expect(frustrationSplit.none).toMatchObject({ calls: 3, overall: 90 });
    expect(frustrationSplit.high).toMatchObject({ calls: 2, overall: 50 });
    expect(frustrationSplit.mild).toMatchObject({ calls: 0, overall: null });
  });

  it('when a team trend is built, then calls pool and the baseline is the mean of members baselines', () => {
    const a = [...baselineCalls(20, { score: 60 }), ...periodCalls(0, 5, { score: 80 })];
    const b = [...baselineCalls(20, { score: 80 }), ...periodCalls(0, 5, { score: 90 })];
    const member = (calls: typeof a) => ({
      calls,
      program: PROGRAM,
      baseline: buildBaseline({ calls, program: PROGRAM, criteria: CRITERIA, thresholds: thresholds() }),
    });
    const trends = buildTeamTrends({ members: [member(a), member(b)], criteria: CRITERIA, now });
    expect(trends.baseline?.empathy).toBe(70);
    expect(trends.postTraining).toMatchObject({ calls: 10, overall: 85 });
    expect(trends.deltaVsBaseline.empathy).toBe(15);
  });
});
