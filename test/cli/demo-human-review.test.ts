import { describe, expect, it } from 'vitest';
import { buildDemoCalls, DEMO_SEED, type DemoCall } from '../../src/cli/demo/build-demo-calls.ts';
import { buildHumanReviewCsv, DEMO_REVIEWER } from '../../src/cli/demo/build-human-review-csv.ts';
import { DEFAULT_CRITERIA } from '../../src/config/default-rubric.ts';

const criteria = DEFAULT_CRITERIA.map((criterion) => criterion.key);
const options = { agents: ['AG-101', 'AG-104'], perAgent: 12, seed: DEMO_SEED, criteria };

/** The same calls with every behaviour the transcripts were built to show turned around. */
const invertPlans = (calls: readonly DemoCall[]): DemoCall[] =>
  calls.map((call) => ({
    ...call,
    content: `${call.content}\n`,
    plan: {
      ...call.plan,
      behaviours: Object.fromEntries(
        Object.entries(call.plan.behaviours).map(([key, shown]) => [key, !shown]),
      ) as unknown as DemoCall['plan']['behaviours'],
      frustration: call.plan.frustration === 'high' ? 'none' : 'high',
      unresolvedLine: call.plan.unresolvedLine === 0 ? 1 : 0,
    },
  }));

describe("the demo's human reviews", () => {
  it('when the plans and transcripts the calls were built from change, then the made-up reviews do not (they are independent of what the scorer reads)', () => {
    const calls = buildDemoCalls(DEMO_SEED);
    expect(buildHumanReviewCsv(invertPlans(calls), options)).toBe(buildHumanReviewCsv(calls, options));
  });

  it('when the reviews are built, then every row names the made-up reviewer and they cover every criterion of the rubric', () => {
    const rows = buildHumanReviewCsv(buildDemoCalls(DEMO_SEED), options).trim().split('\n').slice(1);
    expect(rows).toHaveLength(2 * 12 * criteria.length);
    for (const row of rows) expect(row.endsWith(`"${DEMO_REVIEWER}"`)).toBe(true);
    expect(DEMO_REVIEWER).toMatch(/made-up/i);
    expect(new Set(rows.map((row) => row.split(',')[5]))).toEqual(new Set(criteria));
  });
});
