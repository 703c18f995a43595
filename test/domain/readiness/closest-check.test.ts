import { describe, expect, it } from 'vitest';

import { renderAgentReadiness } from '../../../src/cli/render-readiness.ts';
import { buildAgentReadiness, closestCheck, describeClosestCheck } from '../../../src/domain/readiness/index.ts';
import { baselineCalls, CRITERIA, input, periodCalls, periodStart } from './factory.ts';

/** t(0.975, 14), NIST/SEMATECH table. */
const T_14 = 2.145;
const margin15 = (values: readonly number[]): number => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
  return (T_14 * sd) / Math.sqrt(values.length);
};
/** Two batches of 15 calls, every criterion at 90 but tone, which alternates between `low` and `high`. */
const report = (low: number, high: number, batches = 2) =>
  buildAgentReadiness(
    input({
      calls: [
        ...baselineCalls(20, { score: 60 }),
        ...Array.from({ length: batches }, (_, index) =>
          periodCalls(index, 15, { score: 90 }).map((call, i) => ({
            ...call,
            criteria: { ...call.criteria, tone: i % 2 === 0 ? low : high },
          })),
        ).flat(),
      ],
    }),
  );

describe('closestCheck: how close a readiness decision was', () => {
  it('when one criterion straddles its threshold, then it is the closest check and sits inside its margin, ready or not', () => {
    const entry = report(70, 90).callTypes[0];
    if (!entry) throw new Error('no call type');
    expect(entry.status).toBe('not_ready');
    const closest = closestCheck(entry);
    expect(closest).toMatchObject({ criterion: 'tone', threshold: 80, insideMargin: true });
    expect(closest?.value).toBeCloseTo((8 * 70 + 7 * 90) / 15, 9);
    expect(closest?.margin).toBeCloseTo(margin15(Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 70 : 90))), 2);
    expect(describeClosestCheck(closest as NonNullable<typeof closest>, (v) => String(Math.round(v)))).toBe(
      `Closest check: Tone consistency 79 ±6 against 80 (batch from ${periodStart(0).toISOString().slice(0, 10)}): the threshold is inside its 95% margin, so this one could go either way.`,
    );
  });

  it('when every check clears its threshold, then the closest one is measured in its own margins, not in points', () => {
    const entry = report(88, 92).callTypes[0];
    if (!entry) throw new Error('no call type');
    expect(entry.status).toBe('ready');
    const closest = closestCheck(entry);
    // Tone is 10 points clear with a ±1 margin; the overall is about 10 points clear with a far smaller one.
    expect(closest?.criterion).toBe('tone');
    const tone = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 88 : 92));
    const mean = tone.reduce((a, b) => a + b, 0) / 15;
    const text = describeClosestCheck(closest as NonNullable<typeof closest>, (v) => String(Math.round(v)));
    const margins = Number(/, ([\d.]+) margins clear\.$/.exec(text)?.[1]);
    expect(margins).toBeCloseTo((mean - 80) / margin15(tone), 1);
    expect(text).toContain('10 points above the threshold');
    // The CLI's readiness text says the same, beside the table.
    expect(renderAgentReadiness(report(88, 92), CRITERIA).join('\n')).toContain('Closest check: Tone consistency 90 ±1 against 80');
  });

  it('when there are fewer batches than a decision needs, then there is nothing to be close to', () => {
    const entry = report(70, 90, 1).callTypes[0];
    expect(entry?.status).toBe('insufficient_data');
    expect(closestCheck(entry as NonNullable<typeof entry>)).toBeNull();
  });
});
