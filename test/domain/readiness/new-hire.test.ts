import { describe, expect, it } from 'vitest';
import { buildAgentReadiness } from '../../../src/domain/readiness/index.ts';
import { call, DAY, input, KEYS, PROGRAM, periodCalls, thresholds } from './factory.ts';

const NEW_HIRES = { ...PROGRAM, baseline: 'none' as const };

describe('new hires (baseline: none)', () => {
  it('when a new hire has no practice calls, then the baseline is "none", and no delta exists anywhere in the report', () => {
    const report = buildAgentReadiness(
      input({ program: NEW_HIRES, calls: [...periodCalls(0, 15, { score: 60 }), ...periodCalls(1, 15, { score: 55 })] }),
    );
    expect(report.newHire).toBe(true);
    expect(report.baseline).toMatchObject({ kind: 'none', calls: 0, overall: null });
    expect(report.baseline.note).toContain('No baseline: new hire');
    const entry = report.callTypes[0]!;
    expect(entry.current?.baselineUsed).toBeNull();
    expect(entry.current?.overallDeltaVsBaseline).toBeNull();
    expect(Object.values(entry.current?.deltaVsBaseline ?? {}).every((delta) => delta === null)).toBe(true);
    expect(Object.values(report.trends.deltaVsBaseline).every((delta) => delta === null)).toBe(true);
    expect(report.trends.adjacentCriteria.every((criterion) => criterion.delta === null)).toBe(true);
    // The rules that need a baseline are skipped, with the reason; below_threshold carries no baseline either.
    expect(report.skippedRules.map((skipped) => skipped.rule)).toEqual(['unchanged_from_baseline', 'improved_then_dropped']);
    expect(report.skippedRules[0]?.reason).toContain('new hire');
    const below = report.recommendations.filter((recommendation) => recommendation.rule === 'below_threshold');
    expect(below.length).toBeGreaterThan(0);
    for (const recommendation of below) {
      if (recommendation.rule !== 'below_threshold') continue;
      expect(recommendation.evidence.baseline).toBeNull();
      expect(recommendation.evidence.deltaVsBaseline).toBeNull();
      expect(recommendation.evidence.regression).toBe(false);
    }
  });

  it('when a new hire did roleplay before their first live call, then those calls are a practice baseline, labelled as such', () => {
    const practiceAt = (days: number) => new Date(PROGRAM.completesAt.getTime() - days * DAY);
    const practice = [1, 2, 3, 4, 5].map((days) => call({ at: practiceAt(days), kind: 'roleplay', score: 70 }));
    const laterRoleplay = call({ at: new Date(PROGRAM.completesAt.getTime() + 3 * DAY), kind: 'roleplay', score: 100 });
    const report = buildAgentReadiness(
      input({ program: NEW_HIRES, calls: [...practice, laterRoleplay, ...periodCalls(0, 15, { score: 80 })] }),
    );
    expect(report.baseline).toMatchObject({ kind: 'practice', calls: 5, overall: 70, sufficient: false });
    expect(report.baseline.note).toContain('Practice baseline: 5 roleplay calls before the first live call');
    expect(report.callTypes[0]?.current?.baselineUsed).toMatchObject({ kind: 'practice' });
  });

  it('when the program keeps its pre-training baseline, then nothing changes: no rule is skipped', () => {
    const report = buildAgentReadiness(input({ calls: periodCalls(0, 15) }));
    expect(report.newHire).toBe(false);
    expect(report.skippedRules).toEqual([]);
    expect(report.baseline.kind).toBe('pre_training');
  });
});

describe('early warnings', () => {
  const lowCall = (at: Date, id: string) =>
    call({
      id,
      at,
      scores: { empathy: 0, tone: 0, listening: 25, resolution: 25, close: 25 },
      moments: [
        { criterionKey: 'empathy', turn: 3, role: 'agent', quote: 'Whatever. Next.' },
        { criterionKey: 'tone', turn: 5, role: 'agent', quote: 'I said no.' },
      ],
    });

  it('when a new hire has a 13.75-of-100 call before their first batch, then it is an early warning naming the call, criteria and moment', () => {
    const low = lowCall(new Date(PROGRAM.completesAt.getTime() + 2 * DAY), 'low-1');
    const report = buildAgentReadiness(input({ program: NEW_HIRES, calls: [low, ...periodCalls(0, 3, { score: 80 })] }));
    expect(report.earlyWarnings).toHaveLength(1);
    const warning = report.earlyWarnings[0]!;
    expect(warning).toMatchObject({ callId: 'low-1', externalId: 'ext-low-1', overallBelow: true, dedupeKey: 'early-warning:low-1' });
    expect(warning.overall).toBeCloseTo(13.75, 5);
    expect(warning.criteria.map((entry) => entry.criterion)).toEqual(['empathy', 'tone']);
    expect(warning.moment).toMatchObject({ criterion: 'empathy', turn: 3, quote: 'Whatever. Next.' });
  });

  it('when the agent already has two batches of a call type, then a low call, of any type, is no early warning (readiness takes over)', () => {
    const low = lowCall(new Date(PROGRAM.completesAt.getTime() + 20 * DAY), 'low-2');
    const report = buildAgentReadiness(
      input({ calls: [...periodCalls(0, 15), ...periodCalls(1, 15), low, { ...low, callId: 'low-3', callType: 'escalation' }] }),
    );
    expect(report.earlyWarnings).toEqual([]);
  });

  it('when a call is above 40 overall and above level 1 everywhere, then no warning; a custom threshold moves the line', () => {
    const ok = call({ at: new Date(PROGRAM.completesAt.getTime() + DAY), score: 45 });
    expect(buildAgentReadiness(input({ calls: [ok] })).earlyWarnings).toEqual([]);
    const stricter = buildAgentReadiness(input({ calls: [ok], thresholds: thresholds({ earlyWarning: { overall: 50, level: 1 } }) }));
    expect(stricter.earlyWarnings.map((warning) => warning.callId)).toEqual([ok.callId]);
  });

  it('when every criterion ties on a call below 40 overall, then the moment quoted is the first in the rubric, whatever order the scores were read in', () => {
    const tied = call({
      id: 'tied',
      at: new Date(PROGRAM.completesAt.getTime() + DAY),
      score: 10,
      moments: KEYS.map((key, index) => ({ criterionKey: key, turn: index + 1, role: 'agent' as const, quote: `quote of ${key}` })),
    });
    const reversed = { ...tied, criteria: Object.fromEntries(Object.entries(tied.criteria).reverse()) };
    const moments = [tied, reversed].map((scored) => buildAgentReadiness(input({ calls: [scored] })).earlyWarnings[0]?.moment);
    expect(moments[0]).toMatchObject({ criterion: KEYS[0], quote: `quote of ${KEYS[0]}` });
    expect(moments[1]).toEqual(moments[0]);
  });

  it('when a low call was before training completed, then it is a baseline call, not a warning', () => {
    const before = lowCall(new Date(PROGRAM.startsAt.getTime() - DAY), 'before');
    expect(buildAgentReadiness(input({ calls: [before] })).earlyWarnings).toEqual([]);
  });
});
