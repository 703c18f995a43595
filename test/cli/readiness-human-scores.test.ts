import { expect, it } from 'vitest';

import { jsonOf } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, PERIOD, spaced, useScenarioCli, type ScenarioCall } from '../support/score-scenarios.ts';

/** The human re-score of one call: same call fields, no AI rows. */
const humanScore = (call: ScenarioCall, scores: ScenarioCall['scores']): ScenarioCall => ({
  ...call,
  scores: {},
  human: { reviewer: 'qa.lee@example.com', scores },
});

interface CallJson {
  externalId: string;
  criteria: { key: string; source: 'ai' | 'human'; score: number | null; reviewer: string | null }[];
}

describeEachDatabase('human scores beside AI scores through the CLI', (database) => {
  const cli = useScenarioCli(database);

  const scenario = () => {
    const first = calls({ agent: 'AG-101', at: spaced(PERIOD[0] as string, 15), scores: all(75) });
    const second = calls({
      agent: 'AG-101',
      at: spaced(PERIOD[1] as string, 15),
      scores: (i) => (i === 0 ? { ...all(75), empathy: 60 } : all(75)),
    });
    return { first, second, disputed: second[0] as ScenarioCall };
  };

  it('when a human scores 80 where the AI scored 60, then the figures use 80 and both scores stay stored', async () => {
    const { first, second, disputed } = scenario();
    await cli.load(first, second);
    const aiOnly = await cli.callType('AG-101');
    expect(aiOnly.batches[1]?.criteria.empathy).toBe(74);
    expect(aiOnly.status).toBe('not_ready');

    await cli.load(humanScore(disputed, { empathy: 80 }));
    const withHuman = await cli.callType('AG-101');
    // (14 × 75 + 80) / 15 = 75.33; the call's overall is 75 + 0.25 × 5 = 76.25, so the batch's is 75.08.
    expect(withHuman.batches[1]?.criteria.empathy).toBe(75.33);
    expect(withHuman.batches[1]?.overall).toBe(75.08);
    expect(withHuman.batches[1]?.calls).toBe(15);
    expect(withHuman.status).toBe('ready');

    const listed = await cli.run('calls', '--agent', 'AG-101', '--json', '--limit', '100');
    expect(listed.code, listed.stderr).toBe(0);
    const call = jsonOf<CallJson[]>(listed).find((c) => c.externalId === disputed.externalId);
    const empathy = call?.criteria.filter((c) => c.key === 'empathy').map((c) => [c.source, c.score]);
    expect(empathy).toEqual(
      expect.arrayContaining([
        ['ai', 60],
        ['human', 80],
      ]),
    );
    expect(empathy).toHaveLength(2);
  });

  it('when human reviewers re-scored calls, then the scorecard names whose reviews the scorer was compared with', async () => {
    const { first, second, disputed } = scenario();
    await cli.load(first, second);
    const unchecked = await cli.run('readiness', 'AG-101');
    expect(unchecked.code, unchecked.stderr).toBe(0);
    expect(unchecked.stdout.replace(/\n\s+/g, ' ')).toContain('Not checked against this team’s human reviewers yet');

    await cli.load(humanScore(disputed, { empathy: 80 }));
    const checked = await cli.run('readiness', 'AG-101');
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout.replace(/\n\s+/g, ' ')).toMatch(
      /Agreement with this team’s human reviewers — reviews by qa\.lee@example\.com \(quadratic weighted κ\)/,
    );
  });

  it('when a human scores below the AI, then the human score still counts in its place', async () => {
    const { first } = scenario();
    await cli.load(first);
    const again = calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 15), scores: all(75) });
    await cli.load(again);
    expect((await cli.callType('AG-101')).status).toBe('ready');
    await cli.load(humanScore(again[3] as ScenarioCall, { tone_consistency: 70 }));
    const entry = await cli.callType('AG-101');
    expect(entry.batches[1]?.criteria.tone_consistency).toBe(74.67);
    expect(entry.status).toBe('not_ready');
    expect(entry.checks.find((c) => c.criterion === 'tone_consistency')?.met).toBe(false);
  });

  it('when AI and human rows of the same call arrive in one file, then the human one counts whatever the row order', async () => {
    const { first, second } = scenario();
    const both = second.map((call, i) =>
      i === 0 ? { ...call, human: { reviewer: 'qa.lee@example.com', scores: { empathy: 80 } } } : call,
    );
    await cli.load(first, both);
    const entry = await cli.callType('AG-101');
    expect(entry.batches[1]?.criteria.empathy).toBe(75.33);
    expect(entry.status).toBe('ready');
  });
});
