import { describe, expect, it } from 'vitest';
import { buildAgentReadiness } from '../../../src/domain/readiness/index.ts';
import { baselineCalls, input, periodCalls, thresholds } from './factory.ts';

// Scenario: two batches of 15 calls, every criterion the same score per call, spread by a fixed pattern:
// seven calls at −10, seven at +10 and one at 0 around the batch mean (sample SD = √(1400/14) = 10).
// Reference margin from the published t table (df 14: 2.145): 2.145 · 10 / √15 = 5.538.
const PATTERN = [...Array<number>(7).fill(-10), ...Array<number>(7).fill(10), 0];
const MARGIN_REFERENCE = (2.145 * 10) / Math.sqrt(15);

const batchOf = (index: number, mean: number) =>
  periodCalls(index, 15).map((call, i) => ({
    ...call,
    criteria: Object.fromEntries(Object.keys(call.criteria).map((key) => [key, mean + (PATTERN[i] as number)])),
    overall: mean + (PATTERN[i] as number),
  }));

const report = (means: [number, number], overrides: Parameters<typeof thresholds>[0] = {}) =>
  buildAgentReadiness(
    input({
      calls: [...baselineCalls(20, { score: 60 }), ...batchOf(0, means[0]), ...batchOf(1, means[1])],
      thresholds: thresholds({ readiness: { overall: 75 }, ...overrides }),
    }),
  );

describe('margins of error', () => {
  it('when each batch has a known spread, then each carries the t-interval of the reference computation', () => {
    const entry = report([80, 82]).callTypes[0]!;
    for (const batch of entry.batches) {
      expect(Math.abs((batch.overallInterval?.margin ?? 0) - MARGIN_REFERENCE)).toBeLessThan(0.002);
      expect(Math.abs((batch.criteriaIntervals.empathy?.margin ?? 0) - MARGIN_REFERENCE)).toBeLessThan(0.002);
    }
    expect(entry.baseline.overallInterval).toMatchObject({ mean: 60, margin: 0 });
  });

  it('when the batches are 75.4 and 76.0 against 75 with a ±5.5 margin, then READY says it rests inside the margin', () => {
    const entry = report([75.4, 76]).callTypes[0]!;
    expect(entry.status).toBe('ready');
    expect(entry.marginNote).toMatchObject({ criterion: 'overall', threshold: 75, values: [75.4, 76] });
    expect(entry.statusReason).toContain('Ready: 75.4 and 76.0 against 75, inside the ±5.5 margin; one more batch would confirm it.');
  });

  it('when the batches clear the threshold by more than the margin, then no margin note', () => {
    const entry = report([92, 94]).callTypes[0]!;
    expect(entry.status).toBe('ready');
    expect(entry.marginNote).toBeNull();
    expect(entry.statusReason).not.toContain('margin');
  });

  it('when a batch misses by less than the margin, then not ready says so and still decides not ready', () => {
    const entry = report([73.8, 80]).callTypes[0]!;
    expect(entry.status).toBe('not_ready');
    expect(entry.statusReason).toContain('inside the ±5.5 margin; one more batch would settle it');
  });

  it('when requireMargin is set, then READY flips exactly at the lower bound', () => {
    // Both batch means at 75 + margin: each lower bound is exactly 75.
    const margin = report([80, 80]).callTypes[0]!.batches[0]!.overallInterval!.margin;
    const at = report([75 + margin, 75 + margin], { requireMargin: true }).callTypes[0]!;
    expect(at.batches[0]!.overallInterval!.low).toBeCloseTo(75, 9);
    expect(at.status).toBe('ready');
    const below = report([75 + margin - 0.001, 75 + margin], { requireMargin: true }).callTypes[0]!;
    expect(below.status).toBe('not_ready');
    expect(below.reasonCode).toBe('margin_not_cleared');
    expect(below.statusReason).toContain('thresholds.requireMargin');
    // Without it, the method's rule alone decides: ready.
    expect(report([75 + margin - 0.001, 75 + margin]).callTypes[0]!.status).toBe('ready');
  });
});
