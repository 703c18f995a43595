// Review scenarios imported through `import-scores`, checked against the seed's rules: what the
// reviewers of issue 4 will do with scenarios of their own. Each expectation is derived from the seed
// and PRODUCT.md, not from the code.
import { expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, spaced, useScenarioCli } from '../support/score-scenarios.ts';

const baseline = (agent: string, count = 20, score = 60) => calls({ agent, at: daily('2026-07-01', count), scores: all(score) });
const batch = (agent: string, k: number, scores: Record<string, number>, count = 15) =>
  calls({ agent, at: spaced(PERIOD[k] as string, count), scores });

describeEachDatabase('readiness review edges through the CLI', (database) => {
  const cli = useScenarioCli(database);

  it('when one batch exists (30 calls in one period, or 15 then 14), then no readiness determination is made yet: insufficient_data', async () => {
    // Seed: "Score at least two batches … before making a readiness determination. A single batch can be skewed."
    await cli.load(
      baseline('AG-101'),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 30, 8), scores: all(95) }),
      baseline('AG-102'),
      batch('AG-102', 0, all(50)),
      batch('AG-102', 1, all(50), 14),
    );
    const thirty = await cli.callType('AG-101');
    expect(thirty.batches.map((b) => b.calls)).toEqual([30]);
    expect([thirty.status, thirty.reasonCode]).toEqual(['insufficient_data', 'fewer_batches_than_required']);
    expect(thirty.statusReason).toContain('1 of 2 scoring batches');

    const low = await cli.callType('AG-102');
    expect(low.batches.map((b) => b.calls)).toEqual([15]);
    expect(low.status).toBe('insufficient_data');
    const refused = await cli.run('approve', 'AG-102', '--type', 'basic_inbound', '--by', 'maya.chen@example.com');
    expect(refused.code).toBe(1);
  });

  it('when a criterion averages 74.99 in the latest batch, then the agent is not ready and neither the JSON nor the text shows it as 75', async () => {
    await cli.load(baseline('AG-101'), batch('AG-101', 0, all(75)), batch('AG-101', 1, { ...all(75), empathy: 74.99 }));
    const entry = await cli.callType('AG-101');
    expect(entry.status).toBe('not_ready');
    expect(entry.batches[1]?.criteria.empathy).toBe(74.99);
    expect(entry.checks.find((check) => check.criterion === 'empathy')).toMatchObject({ met: false, gap: 0.01 });

    const text = await cli.run('readiness', 'AG-101');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toContain('0.0 points short');
    expect(text.stdout.replace(/\n\s+/g, ' ')).toContain(
      'below the threshold in the last 2 batches on Overall and Empathy expression (✗ in the table)',
    );
    const row = text.stdout.split('\n').find((line) => line.trim().startsWith('Empathy expression') && line.includes('✗'));
    expect(row).toBeDefined();
    // Shown to the hundredth that keeps it below 75, and short by the difference of the figures shown.
    expect(row).toMatch(/\s74\.99\s/);
    // The latest batch, with its margin, then the change: never "75".
    expect(row).toMatch(/\s74\.99 ±\d+\s+[−+]\d+\s/);
    expect(row).toContain('✗ −0.01');
  });

  it('when 15 calls sit at the end of one period and 15 at the start of the next, then they are two batches of the fixed 14-day grid', async () => {
    // Periods are consecutive 14-day windows from completion (PRODUCT.md); the grid, not the gap between
    // calls, separates batches.
    const lastHours = new Date(Date.parse(PERIOD[1] as string) - 16 * 3_600_000).toISOString();
    await cli.load(
      baseline('AG-101'),
      calls({ agent: 'AG-101', at: spaced(lastHours, 15, 1), scores: all(80) }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 15, 1), scores: all(80) }),
    );
    const entry = await cli.callType('AG-101');
    expect(entry.batches.map((b) => [b.start, b.calls])).toEqual([
      [PERIOD[0], 15],
      [PERIOD[1], 15],
    ]);
    expect(entry.status).toBe('ready');
  });

  it('when the team average on a criterion is 74.99, then team_wide_low fires and the team report does not show the average as 75', async () => {
    await cli.load(
      batch('AG-101', 2, { ...all(80), empathy: 74.96 }),
      batch('AG-102', 2, { ...all(80), empathy: 74.98 }),
      batch('AG-103', 2, { ...all(80), empathy: 75.04 }),
    );
    const team = await cli.team();
    expect(team.findings.find((f) => f.criterion === 'empathy')).toMatchObject({
      teamMean: 74.99,
      agentsBelow: 2,
      agentsWithData: 3,
      fired: true,
    });
    const found = team.recommendations.find((r) => r.rule === 'team_wide_low');
    expect(found?.message).toContain('the team average is 74.99 against a threshold of 75.0');
    const text = await cli.run('team', 'northside');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Empathy expression\s+74\.99 of 75/);
    expect(text.stdout.replace(/\n\s+/g, ' ')).toContain('Empathy expression is low across the team: 74.99 on average against 75');
  });
});
