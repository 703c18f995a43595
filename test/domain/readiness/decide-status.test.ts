import { describe, expect, it } from 'vitest';
import { buildAgentReadiness } from '../../../src/domain/readiness/index.ts';
import type { ScoredCall } from '../../../src/domain/readiness/index.ts';
import { approval, baselineCalls, call, CRITERIA, input, NOW, periodCalls, periodStart, PROGRAM, thresholds } from './factory.ts';

const statusOf = (calls: ScoredCall[], overrides: Parameters<typeof input>[0] = {}) => {
  const report = buildAgentReadiness(input({ calls, ...overrides }));
  const entry = report.callTypes.find((item) => item.callType === 'basic');
  if (!entry) throw new Error('no basic call type in the report');
  return entry;
};

describe('readiness status', () => {
  it('when both recent batches are exactly at the threshold on every criterion, then the agent is ready', () => {
    const entry = statusOf([
      ...baselineCalls(20, { score: 60 }),
      ...periodCalls(0, 15, { score: 80 }),
      ...periodCalls(1, 15, { score: 80 }),
    ]);
    expect(entry.status).toBe('ready');
    expect(entry.reasonCode).toBe('threshold_met');
    expect(entry.criteriaMet.every((check) => check.met && check.gap === 0)).toBe(true);
    expect(entry.current?.deltaVsBaseline.empathy).toBe(20);
  });

  it('when one criterion is one point below in one batch, then the agent is not ready and the criterion is named', () => {
    const entry = statusOf([...periodCalls(0, 15, { score: 80 }), ...periodCalls(1, 15, { score: 80, scores: { tone: 79 } })]);
    expect(entry.status).toBe('not_ready');
    expect(entry.reasonCode).toBe('threshold_not_met');
    expect(entry.statusReason).toContain('Tone consistency');
    const tone = entry.criteriaMet.find((check) => check.criterion === 'tone');
    expect(tone).toMatchObject({ met: false, gap: 1, threshold: 80 });
    expect(tone?.batches.map((batch) => batch.met)).toEqual([true, false]);
    expect(entry.criteriaMet.filter((check) => !check.met).map((check) => check.criterion)).toEqual(['tone']);
  });

  it('when 30 calls fall in one period, then there is one batch and no readiness determination yet (insufficient_data)', () => {
    // The seed: at least two batches "before making a readiness determination".
    const entry = statusOf(periodCalls(0, 30, { score: 95 }));
    expect(entry).toMatchObject({
      status: 'insufficient_data',
      thresholdStatus: 'insufficient_data',
      reasonCode: 'fewer_batches_than_required',
    });
    expect(entry.batches).toHaveLength(1);
  });

  it('when two batches have a gap period between them, then the two most recent batches decide', () => {
    const entry = statusOf([
      ...periodCalls(0, 15, { score: 85 }),
      ...periodCalls(1, 3, { score: 10 }),
      ...periodCalls(2, 15, { score: 85 }),
    ]);
    expect(entry.status).toBe('ready');
    expect(entry.decisiveBatches.map((batch) => batch.index)).toEqual([0, 2]);
  });

  it('when an older batch was below but the two most recent are above, then the agent is ready', () => {
    const entry = statusOf([
      ...periodCalls(0, 15, { score: 50 }),
      ...periodCalls(1, 15, { score: 85 }),
      ...periodCalls(2, 15, { score: 85 }),
    ]);
    expect(entry.status).toBe('ready');
  });

  it('when the overall is below the threshold, then the agent is not ready and the overall is named', () => {
    const entry = statusOf([...periodCalls(0, 15, { score: 90 }), ...periodCalls(1, 15, { score: 90 })], {
      thresholds: thresholds({ readiness: { overall: 95, criteria: { empathy: 50, listening: 50, tone: 50, resolution: 50, close: 50 } } }),
    });
    expect(entry.status).toBe('not_ready');
    expect(entry.overallMet).toMatchObject({ met: false, gap: 5 });
    expect(entry.statusReason).toContain('Overall');
  });

  it('when a criterion has its own threshold, then that threshold applies', () => {
    const calls = [...periodCalls(0, 15, { score: 85 }), ...periodCalls(1, 15, { score: 85 })];
    expect(statusOf(calls, { thresholds: thresholds({ readiness: { overall: 80, criteria: { empathy: 90 } } }) }).status).toBe('not_ready');
    expect(statusOf(calls, { thresholds: thresholds({ readiness: { overall: 80, criteria: { empathy: 85 } } }) }).status).toBe('ready');
  });

  it('when an applicable criterion has no score in a batch, then it is not met', () => {
    const strip = (entry: ScoredCall): ScoredCall => {
      const { close: _close, ...rest } = entry.criteria;
      return { ...entry, criteria: rest };
    };
    const entry = statusOf([...periodCalls(0, 15, { score: 85 }), ...periodCalls(1, 15, { score: 85 }).map(strip)]);
    expect(entry.status).toBe('not_ready');
    expect(entry.criteriaMet.find((check) => check.criterion === 'close')?.batches[1]).toMatchObject({
      value: null,
      met: false,
      gap: null,
    });
  });

  it('when a criterion does not apply to the call type, then readiness does not need it', () => {
    const criteria = CRITERIA.map((criterion) => (criterion.key === 'close' ? { ...criterion, callTypes: ['escalation'] } : criterion));
    const calls = [...periodCalls(0, 15, { score: 85, scores: { close: 0 } }), ...periodCalls(1, 15, { score: 85, scores: { close: 0 } })];
    const entry = statusOf(calls, { criteria, thresholds: thresholds({ readiness: { overall: 60, criteria: {} } }) });
    expect(entry.criteriaMet.map((check) => check.criterion)).not.toContain('close');
    expect(entry.status).toBe('ready');
  });

  it('when a manager approved the call type, then approved overrides ready and keeps the threshold status', () => {
    const entry = statusOf([...periodCalls(0, 15, { score: 85 }), ...periodCalls(1, 15, { score: 85 })], {
      approvals: [approval('basic', new Date('2025-03-10T00:00:00Z'), 'old'), approval('basic', new Date('2025-03-20T00:00:00Z'), 'lead')],
    });
    expect(entry).toMatchObject({ status: 'approved', thresholdStatus: 'ready', reasonCode: 'approved' });
    expect(entry.approval?.approvedBy).toBe('lead');
    expect(entry.statusReason).toContain('lead');
  });

  it('when an approval is for another call type, then it does not change this one', () => {
    const entry = statusOf(periodCalls(0, 15), { approvals: [approval('escalation', NOW)] });
    expect(entry.status).toBe('insufficient_data');
  });

  it.each([
    { name: 'no program', calls: periodCalls(0, 20), program: null, now: NOW, code: 'no_program', text: 'Not enrolled' },
    {
      name: 'the program not complete',
      calls: [],
      program: PROGRAM,
      now: new Date('2025-01-15T00:00:00Z'),
      code: 'program_not_complete',
      text: 'still under way',
    },
    {
      name: 'no post-training calls',
      calls: baselineCalls(20),
      program: PROGRAM,
      now: NOW,
      code: 'no_post_training_calls',
      text: 'No scored live basic calls',
    },
    {
      name: 'every period below the minimum',
      calls: [...periodCalls(0, 14), ...periodCalls(1, 10)],
      program: PROGRAM,
      now: NOW,
      code: 'periods_below_minimum',
      text: 'best so far: 14',
    },
  ])('when there is $name, then the status is insufficient_data and says why', ({ calls, program, now, code, text }) => {
    const report = buildAgentReadiness(input({ calls, program, now, callTypes: ['basic'] }));
    const entry = report.callTypes[0];
    expect(entry).toMatchObject({ status: 'insufficient_data', reasonCode: code });
    expect(entry?.statusReason).toContain(text);
  });

  it('when there is no program, then the report still has the agent, a baseline note and no recommendations', () => {
    const report = buildAgentReadiness(input({ calls: periodCalls(0, 20), program: null }));
    expect(report.program).toBeNull();
    expect(report.baseline.note).toContain('not enrolled');
    expect(report.recommendations).toEqual([]);
    expect(report.callTypes[0]?.statusReason).toContain('Not enrolled in a training program');
  });

  it('when a period in progress already has enough calls, then it counts as a batch flagged in progress', () => {
    const now = new Date(periodStart(1).getTime() + 3 * 86_400_000);
    const entry = statusOf([...periodCalls(0, 15, { score: 85 }), ...periodCalls(1, 15, { score: 85 })], { now });
    expect(entry.status).toBe('ready');
    expect(entry.batches.map((batch) => batch.inProgress)).toEqual([false, true]);
  });

  it('when only roleplay calls follow the training, then they never make a batch', () => {
    const entry = statusOf(periodCalls(0, 20, { kind: 'roleplay' }).concat(call({ at: periodStart(0) })));
    expect(entry.batches).toEqual([]);
    expect(entry.postTrainingCalls).toBe(1);
  });
});
