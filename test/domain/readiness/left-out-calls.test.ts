import { describe, expect, it } from 'vitest';
import { buildAgentReadiness } from '../../../src/domain/readiness/index.ts';
import { call, input, periodCalls, periodStart } from './factory.ts';

describe('calls left out of batches', () => {
  it('when every call of a later period has an unverified score, then that period is listed with them and is no batch; a roleplay there is listed but makes no period', () => {
    const unverified = periodCalls(2, 15).map((entry) => ({ ...entry, unverified: ['empathy'] }));
    const roleplay = call({ at: new Date(periodStart(3).getTime() + 3_600_000), kind: 'roleplay' });
    const report = buildAgentReadiness(input({ calls: [...periodCalls(0, 15), ...periodCalls(1, 15), ...unverified, roleplay] }));
    const [entry] = report.callTypes;
    expect(entry?.batches.map((batch) => batch.index)).toEqual([0, 1]);
    const period = entry?.incompletePeriods.find((candidate) => candidate.index === 2);
    expect(period).toMatchObject({ calls: 0, counted: [] });
    expect(period?.leftOut.map((left) => [left.reason, left.detail])).toEqual(Array(15).fill(['low_confidence', 'empathy']));
    // `now` is months later (period 8): a roleplay alone in period 3 does not make a period of it.
    expect(entry?.incompletePeriods.some((candidate) => candidate.index === 3)).toBe(false);
    expect(entry?.status).toBe('ready');
  });

  it('when calls are excluded, then each is listed in its period with the manager’s reason and counts toward nothing', () => {
    const calls = periodCalls(0, 16);
    const [gone] = calls.splice(3, 1);
    if (!gone) throw new Error('expected a call');
    const report = buildAgentReadiness(
      input({
        calls,
        excludedCalls: [
          {
            callId: gone.callId,
            externalId: gone.externalId,
            callType: 'basic',
            kind: 'live',
            occurredAt: gone.occurredAt,
            reason: 'line dropped',
          },
        ],
      }),
    );
    const [batch] = report.callTypes[0]?.batches ?? [];
    expect(batch?.calls).toBe(15);
    expect(batch?.leftOut).toEqual([
      { callId: gone.callId, externalId: gone.externalId, occurredAt: gone.occurredAt, reason: 'excluded', detail: 'line dropped' },
    ]);
  });

  it('when a call of the latest batch was held for human review (a speaker addressed the evaluator), then it counts toward nothing and the status reason says so', () => {
    const latest = periodCalls(1, 15);
    const held = {
      ...latest[4]!,
      criteria: { empathy: 100 },
      unverified: ['empathy'],
      needsReview: 'needs human review: turn 4 (customer) speaks as the system',
    };
    latest.splice(4, 1, held);
    const report = buildAgentReadiness(input({ calls: [...periodCalls(0, 15), ...latest] }));
    const [entry] = report.callTypes;
    expect(entry?.batches.map((batch) => batch.index)).toEqual([0]);
    const period = entry?.incompletePeriods.find((candidate) => candidate.index === 1);
    expect(period?.leftOut.map((left) => [left.reason, left.detail])).toEqual([['needs_review', held.needsReview]]);
    expect(entry?.statusReason).toContain('1 call needs human review: a speaker addressed the evaluator');
  });
});
