import { describe, expect, it } from 'vitest';
import { buildBaseline } from '../../../src/domain/readiness/index.ts';
import { baselineCalls, call, CRITERIA, DAY, PROGRAM, thresholds } from './factory.ts';

const build = (calls: Parameters<typeof buildBaseline>[0]['calls'], callType: string | null = null) =>
  buildBaseline({ calls, program: PROGRAM, criteria: CRITERIA, thresholds: thresholds(), callType });

describe('buildBaseline', () => {
  it.each([
    { count: 19, sufficient: false },
    { count: 20, sufficient: true },
    { count: 30, sufficient: true },
  ])('when the agent has $count calls before the start, then sufficient is $sufficient', ({ count, sufficient }) => {
    const baseline = build(baselineCalls(count, { score: 70 }));
    expect(baseline.calls).toBe(count);
    expect(baseline.sufficient).toBe(sufficient);
    expect(baseline.criteria.empathy).toBe(70);
    expect(baseline.note === null).toBe(sufficient);
  });

  it('when the baseline is insufficient, then the note says how many calls there are and how many are needed', () => {
    const baseline = build(baselineCalls(19));
    expect(baseline.note).toContain('only 19 scored live calls');
    expect(baseline.note).toContain('at least 20');
  });

  it('when there are 35 calls before the start, then only the most recent 30 are used', () => {
    const recent = baselineCalls(30, { score: 60 });
    const older = Array.from({ length: 5 }, (_, index) =>
      call({ score: 0, at: new Date(PROGRAM.startsAt.getTime() - (100 + index) * DAY) }),
    );
    const baseline = build([...older, ...recent]);
    expect(baseline.calls).toBe(30);
    expect(baseline.criteria.empathy).toBe(60);
    expect(baseline.callIds).toHaveLength(30);
    expect(baseline.callIds).not.toContain(older[0]?.callId);
  });

  it('when calls are roleplay, on or after the start, then they are not part of the baseline', () => {
    const calls = [
      ...baselineCalls(20, { score: 50 }),
      ...baselineCalls(5, { score: 100, kind: 'roleplay' }),
      call({ score: 100, at: PROGRAM.startsAt }),
    ];
    const baseline = build(calls);
    expect(baseline.calls).toBe(20);
    expect(baseline.criteria.empathy).toBe(50);
  });

  it('when a call type is given, then only that call type counts', () => {
    const calls = [...baselineCalls(20, { score: 50, type: 'basic' }), ...baselineCalls(10, { score: 90, type: 'escalation' })];
    expect(build(calls, 'escalation')).toMatchObject({ scope: 'call_type', callType: 'escalation', calls: 10, sufficient: false });
    expect(build(calls, 'escalation').criteria.empathy).toBe(90);
    expect(build(calls).calls).toBe(30);
  });

  it('when no call has a criterion, then its mean is null', () => {
    const calls = baselineCalls(20, { score: 50 }).map((entry) => {
      const { close: _close, ...rest } = entry.criteria;
      return { ...entry, criteria: rest };
    });
    expect(build(calls).criteria.close).toBeNull();
  });

  it('when there is no program, then the baseline is empty with a note', () => {
    const baseline = buildBaseline({ calls: baselineCalls(25), program: null, criteria: CRITERIA, thresholds: thresholds() });
    expect(baseline).toMatchObject({ calls: 0, sufficient: false });
    expect(baseline.note).toContain('not enrolled');
  });
});
