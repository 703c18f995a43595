import { describe, expect, it } from 'vitest';
import { buildAgentReadiness } from '../../../src/domain/readiness/index.ts';
import type { Recommendation, RuleId, ScoredCall } from '../../../src/domain/readiness/index.ts';
import { approval, baselineCalls, call, DAY, input, periodCalls, periodStart, PROGRAM, thresholds } from './factory.ts';

const recommend = (calls: ScoredCall[], overrides: Parameters<typeof input>[0] = {}) =>
  buildAgentReadiness(input({ calls, ...overrides })).recommendations;
const of = <R extends RuleId>(recommendations: Recommendation[], rule: R) =>
  recommendations.filter((entry): entry is Extract<Recommendation, { rule: R }> => entry.rule === rule);

describe('unchanged_from_baseline', () => {
  it.each([
    { latest: 75, fires: true },
    { latest: 65, fires: true },
    { latest: 75.01, fires: false },
    { latest: 64.99, fires: false },
  ])('when the latest batch is $latest against a baseline of 70, then it fires: $fires', ({ latest, fires }) => {
    const calls = [...baselineCalls(20, { score: 70 }), ...periodCalls(0, 15, { score: latest })];
    const found = of(recommend(calls), 'unchanged_from_baseline');
    expect(found.length).toBe(fires ? 1 : 0);
    if (fires) {
      expect(found[0]).toMatchObject({ agentId: 'agent-a', callType: 'basic', criterion: 'empathy', scope: 'agent' });
      expect(found[0]?.evidence.baseline).toMatchObject({ scope: 'call_type', value: 70, calls: 20 });
      expect(found[0]?.message).toContain('emotional escalation');
    }
  });

  it('when the baseline has 19 calls, then the rule does not fire and the insufficient baseline is reported', () => {
    const report = buildAgentReadiness(input({ calls: [...baselineCalls(19, { score: 70 }), ...periodCalls(0, 15, { score: 70 })] }));
    expect(of(report.recommendations, 'unchanged_from_baseline')).toEqual([]);
    expect(report.baseline).toMatchObject({ calls: 19, sufficient: false });
    expect(report.callTypes[0]?.baseline).toMatchObject({ calls: 19, sufficient: false });
    expect(report.callTypes[0]?.current?.baselineUsed).toEqual({ scope: 'call_type', sufficient: false, kind: 'pre_training' });
  });

  it("when the call type's own baseline is insufficient, then the all-types baseline is used and named", () => {
    const calls = [
      ...baselineCalls(15, { score: 70, type: 'basic' }),
      ...baselineCalls(10, { score: 70, type: 'billing' }),
      ...periodCalls(0, 15, { score: 72 }),
    ];
    const [found] = of(recommend(calls), 'unchanged_from_baseline');
    expect(found?.evidence.baseline).toMatchObject({ scope: 'all_types', calls: 25 });
  });

  it('when a criterion is not targeted, then it never fires for it', () => {
    const found = of(recommend([...baselineCalls(20, { score: 70 }), ...periodCalls(0, 15, { score: 70 })]), 'unchanged_from_baseline');
    expect(found.map((entry) => entry.criterion)).toEqual(['empathy']);
  });
});

describe('improved_then_dropped', () => {
  it.each([
    { periodDays: 14, fires: true },
    { periodDays: 13, fires: false },
  ])('when the drop batch starts $periodDays days after the improved one, then it fires: $fires', ({ periodDays, fires }) => {
    const calls = [
      ...baselineCalls(20, { score: 70 }),
      ...periodCalls(0, 15, { score: 80 }, periodDays),
      ...periodCalls(1, 15, { score: 74 }, periodDays),
    ];
    const found = of(recommend(calls, { thresholds: thresholds({ batch: { periodDays } }) }), 'improved_then_dropped');
    expect(found.some((entry) => entry.criterion === 'empathy')).toBe(fires);
    if (fires) {
      const empathy = found.find((entry) => entry.criterion === 'empathy');
      expect(empathy?.evidence).toMatchObject({ improvement: 10, drop: 6, daysBetween: 14 });
      expect(empathy?.message).toContain('reinforcement coaching');
    }
  });

  it('when the improvement is below 5 points, then it does not fire', () => {
    const calls = [...baselineCalls(20, { score: 70 }), ...periodCalls(0, 15, { score: 74.9 }), ...periodCalls(1, 15, { score: 60 })];
    expect(of(recommend(calls), 'improved_then_dropped')).toEqual([]);
  });

  it('when a criterion the program did not target improved then dropped, then it does not fire (only trained behaviours are reinforced)', () => {
    // The factory's program targets empathy only; every criterion here rose 10 then fell 6.
    const calls = [...baselineCalls(20, { score: 70 }), ...periodCalls(0, 15, { score: 80 }), ...periodCalls(1, 15, { score: 74 })];
    expect(of(recommend(calls), 'improved_then_dropped').map((entry) => entry.criterion)).toEqual(['empathy']);
  });

  it('when the latest batch recovered, then it no longer fires', () => {
    const calls = [
      ...baselineCalls(20, { score: 70 }),
      ...periodCalls(0, 15, { score: 80 }),
      ...periodCalls(1, 15, { score: 70 }),
      ...periodCalls(2, 15, { score: 80 }),
    ];
    expect(of(recommend(calls), 'improved_then_dropped')).toEqual([]);
  });
});

describe('call_type_variance', () => {
  it.each([
    { weak: 65, fires: true },
    { weak: 65.01, fires: false },
  ])('when basic averages 80 and escalation $weak, then it fires: $fires', ({ weak, fires }) => {
    const calls = [
      ...periodCalls(0, 5, { score: 80, type: 'basic' }),
      ...periodCalls(0, 5, { score: weak, type: 'escalation', frustration: 'high' }),
    ];
    const found = of(recommend(calls), 'call_type_variance');
    expect(found.length).toBe(fires ? 1 : 0);
    if (fires) {
      expect(found[0]?.evidence.weakCallTypes.map((group) => group.group)).toEqual(['escalation']);
      expect(found[0]?.evidence.weakFrustrationLevels.map((group) => group.group)).toEqual(['high']);
      expect(found[0]?.message).toContain('escalation');
      expect(found[0]?.message).toContain('highly frustrated customers');
      expect(found[0]?.message).toContain('training covered');
      expect(found[0]?.callType).toBeUndefined();
    }
  });

  it('when a call type has fewer calls than the group minimum, then it is not compared', () => {
    const calls = [...periodCalls(0, 5, { score: 80, type: 'basic' }), ...periodCalls(0, 4, { score: 20, type: 'escalation' })];
    expect(of(recommend(calls), 'call_type_variance')).toEqual([]);
  });
});

describe('roleplay_live_gap', () => {
  const roleplay = (count: number, score: number) =>
    Array.from({ length: count }, (_, index) =>
      call({ kind: 'roleplay', score, at: new Date(PROGRAM.startsAt.getTime() + (index + 1) * DAY) }),
    );

  it('when roleplay beats live by 15 on a criterion, then it fires with quoted moments of the lowest live calls, agent turns first', () => {
    const live = [50, 60, 70, 75, 80, 85].map((score, index) =>
      call({
        scores: { empathy: score },
        score: 90,
        at: new Date(periodStart(0).getTime() + index * DAY),
        moments: [
          { criterionKey: 'empathy', turn: 1, role: 'customer', quote: `customer ${score}` },
          { criterionKey: 'empathy', turn: 2, role: 'agent', quote: `agent ${score}` },
          { criterionKey: 'tone', turn: 3, role: 'agent', quote: `tone ${score}` },
        ],
      }),
    );
    const gapOf = (roleplayScore: number) => of(recommend([...roleplay(5, roleplayScore), ...live]), 'roleplay_live_gap');
    const liveMean = (50 + 60 + 70 + 75 + 80 + 85) / 6;
    const [found] = gapOf(liveMean + 15);
    expect(found).toMatchObject({ criterion: 'empathy', rule: 'roleplay_live_gap' });
    expect(found?.evidence.moments.map((moment) => moment.quote)).toEqual(['agent 50', 'agent 60', 'agent 70']);
    expect(found?.evidence.moments[0]).toMatchObject({ score: 50, role: 'agent', turn: 2 });
    expect(found?.message).toContain('harder practice');
    expect(gapOf(liveMean + 14.9)).toEqual([]);
  });

  it('when fewer roleplay calls than the group minimum exist, then it does not fire', () => {
    const calls = [...roleplay(4, 100), ...periodCalls(0, 15, { score: 50 })];
    expect(of(recommend(calls), 'roleplay_live_gap')).toEqual([]);
  });

  it('when live calls have no moments, then it still fires with no quotes', () => {
    const [found] = of(recommend([...roleplay(5, 95), ...periodCalls(0, 5, { score: 60 })]), 'roleplay_live_gap');
    expect(found?.evidence.moments).toEqual([]);
  });
});

describe('readiness_reached and dedupe keys', () => {
  const ready = [...baselineCalls(20, { score: 60 }), ...periodCalls(0, 15, { score: 85 }), ...periodCalls(1, 15, { score: 85 })];

  it('when the agent is ready, then readiness_reached asks for approval with the batches as evidence', () => {
    const [found] = of(recommend(ready), 'readiness_reached');
    expect(found).toMatchObject({ callType: 'basic', agentId: 'agent-a' });
    expect(found?.message).toContain('ready for independent handling of basic');
    expect(found?.message).toContain('Approve');
    expect(found?.evidence.batches).toHaveLength(2);
    expect(found?.evidence.threshold.criteria.empathy).toBe(80);
  });

  it('when the call type is already approved, then readiness_reached does not fire', () => {
    expect(of(recommend(ready, { approvals: [approval('basic', new Date('2025-04-01T00:00:00Z'))] }), 'readiness_reached')).toEqual([]);
  });

  it('when the same input is judged twice or in another order, then the dedupe keys are the same', () => {
    const keys = (calls: ScoredCall[]) => recommend(calls).map((entry) => entry.dedupeKey);
    expect(keys(ready)).toEqual(keys([...ready].reverse()));
    expect(new Set(keys(ready)).size).toBe(keys(ready).length);
  });

  it('when a new batch arrives, then the dedupe key changes; a call added to the same batch keeps it', () => {
    const key = (calls: ScoredCall[]) => of(recommend(calls), 'readiness_reached')[0]?.dedupeKey;
    const before = key(ready);
    expect(key([...ready, call({ score: 85, at: new Date(periodStart(1).getTime() + 5 * DAY) })])).toBe(before);
    const after = key([...ready, ...periodCalls(2, 15, { score: 85 })]);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });
});
