import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAgentReadiness, buildBatches } from '../../../src/domain/readiness/index.ts';
import type { ScoredCall } from '../../../src/domain/readiness/index.ts';
import { CRITERIA, DAY, input, NOW, PROGRAM, thresholds } from './factory.ts';
import { weightedOverall } from '../../../src/domain/weighted-overall.ts';

const start = PROGRAM.startsAt.getTime() - 60 * DAY;
const end = NOW.getTime();
const callArb = fc
  .record({
    id: fc.uuid(),
    at: fc.integer({ min: start, max: end }),
    type: fc.constantFrom('basic', 'escalation'),
    kind: fc.constantFrom<'live' | 'roleplay'>('live', 'live', 'live', 'roleplay'),
    frustration: fc.constantFrom<ScoredCall['frustration']>('none', 'mild', 'high', null),
    scores: fc.tuple(...CRITERIA.map(() => fc.constantFrom(0, 25, 50, 75, 100))),
  })
  .map(({ id, at, type, kind, frustration, scores }): ScoredCall => {
    const criteria = Object.fromEntries(CRITERIA.map((criterion, index) => [criterion.key, scores[index] ?? 0]));
    return {
      callId: id,
      externalId: null,
      callType: type,
      kind,
      occurredAt: new Date(at),
      frustration,
      criteria,
      overall: weightedOverall(criteria, CRITERIA),
    };
  });
const callsArb = fc.uniqueArray(callArb, { minLength: 0, maxLength: 120, selector: (entry) => entry.callId });
// Small batches so that random data forms some.
const small = thresholds({ batch: { minCalls: 3 }, baseline: { minCalls: 3, maxCalls: 10 }, rules: { minCallsPerGroup: 2 } });

describe('readiness properties', () => {
  // "Removing agent A's call never changes B's report" lives in test/use-cases/readiness-isolation.property.test.ts,
  // over a database holding both agents' calls: built from B's calls alone, as it was here, it could not fail.

  it('when calls dated before the program start are added, then batches never change', () => {
    fc.assert(
      fc.property(callsArb, callsArb, (calls, extra) => {
        const early = extra.map((entry) => ({
          ...entry,
          callId: `early-${entry.callId}`,
          occurredAt: new Date(start + ((entry.occurredAt.getTime() - start) % (60 * DAY))),
        }));
        const batches = (list: ScoredCall[]) =>
          buildBatches({ calls: list, program: PROGRAM, criteria: CRITERIA, thresholds: small, callType: 'basic', now: NOW });
        expect(batches([...calls, ...early])).toEqual(batches(calls));
      }),
      { numRuns: 50 },
    );
  });

  it('when batches are built, then every batch mean stays within the min and max of its calls', () => {
    fc.assert(
      fc.property(callsArb, (calls) => {
        const byId = new Map(calls.map((entry) => [entry.callId, entry]));
        for (const callType of ['basic', 'escalation']) {
          const { batches } = buildBatches({ calls, program: PROGRAM, criteria: CRITERIA, thresholds: small, callType, now: NOW });
          for (const batch of batches) {
            const members = batch.callIds.map((id) => byId.get(id) as ScoredCall);
            const overalls = members.map((entry) => entry.overall ?? 0);
            expect(batch.overall ?? NaN).toBeGreaterThanOrEqual(Math.min(...overalls) - 1e-9);
            expect(batch.overall ?? NaN).toBeLessThanOrEqual(Math.max(...overalls) + 1e-9);
            for (const criterion of CRITERIA) {
              const values = members.map((entry) => entry.criteria[criterion.key] ?? 0);
              expect(batch.criteria[criterion.key]).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
              expect(batch.criteria[criterion.key]).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
            }
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('when the calls come in another order, then the report is the same', () => {
    fc.assert(
      fc.property(callsArb, fc.integer(), (calls, seed) => {
        const shuffled = [...calls].sort(
          (x, y) => (x.callId.charCodeAt(seed & 7) ^ seed) - (y.callId.charCodeAt(seed & 7) ^ seed) || (x.callId < y.callId ? 1 : -1),
        );
        const report = (list: ScoredCall[]) => buildAgentReadiness(input({ calls: list, thresholds: small }));
        expect(report(shuffled)).toEqual(report(calls));
      }),
      { numRuns: 30 },
    );
  });
});
