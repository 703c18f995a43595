import { expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, spaced, useScenarioCli } from '../support/score-scenarios.ts';

/** One post-training batch (15 calls) with empathy at `empathy` and every other criterion at 90. */
const batch = (agent: string, empathy: number) => calls({ agent, at: spaced(PERIOD[0] as string, 15), scores: { ...all(90), empathy } });

describeEachDatabase('team report through the CLI', (database) => {
  const cli = useScenarioCli(database);

  it('when two of three agents with batches are below the threshold on a criterion, then team_wide_low fires for the team without naming anyone', async () => {
    await cli.load(batch('AG-101', 70), batch('AG-102', 72), batch('AG-103', 79));
    const team = await cli.team();
    const found = team.recommendations.filter((r) => r.rule === 'team_wide_low');
    expect(found.map((r) => r.criterion)).toEqual(['empathy']);
    expect(found[0]).toMatchObject({
      scope: 'team',
      evidence: expect.objectContaining({ teamMean: 73.67, agentsWithData: 3, agentsBelow: 2, byMean: true, byShare: true }),
    });
    for (const name of ['Ana Ruiz', 'Ben Okafor', 'Chloe Martin', 'AG-101', 'AG-102', 'AG-103'])
      expect(found[0]?.message).not.toContain(name);
    expect(team.findings.find((f) => f.criterion === 'empathy')).toMatchObject({ fired: true, teamMean: 73.67 });
    expect(team.findings.find((f) => f.criterion === 'tone_consistency')).toMatchObject({ fired: false, teamMean: 90 });
  });

  it('when the team mean is exactly at the threshold and half the team is below, then team_wide_low does not fire', async () => {
    await cli.load(batch('AG-101', 70), batch('AG-102', 80));
    const team = await cli.team();
    expect(team.recommendations.filter((r) => r.rule === 'team_wide_low')).toEqual([]);
    expect(team.findings.find((f) => f.criterion === 'empathy')).toMatchObject({
      fired: false,
      teamMean: 75,
      agentsBelow: 1,
      agentsWithData: 2,
    });
  });

  it('when most of the team is below the threshold though the mean is above, then team_wide_low fires by share', async () => {
    await cli.load(batch('AG-101', 70), batch('AG-102', 74), batch('AG-103', 95));
    const team = await cli.team();
    const found = team.recommendations.find((r) => r.rule === 'team_wide_low' && r.criterion === 'empathy');
    expect(found?.evidence).toMatchObject({ agentsBelow: 2, agentsWithData: 3, byShare: true, byMean: false });
  });

  it('when a criterion is low team-wide, then each agent’s recommendation on it is flagged team-wide rather than individual coaching', async () => {
    const baseline = (agent: string) => calls({ agent, at: daily('2026-07-01', 20), scores: all(70) });
    await cli.load(
      baseline('AG-101'),
      batch('AG-101', 72),
      baseline('AG-102'),
      batch('AG-102', 72),
      baseline('AG-103'),
      batch('AG-103', 72),
    );
    const team = await cli.team();
    expect(team.recommendations.map((r) => [r.rule, r.criterion])).toEqual([['team_wide_low', 'empathy']]);
    const report = await cli.readiness('AG-101');
    const onEmpathy = report.recommendations.filter((r) => r.criterion === 'empathy');
    expect(onEmpathy.map((r) => r.rule)).toContain('unchanged_from_baseline');
    for (const recommendation of onEmpathy) expect(recommendation.teamWide, recommendation.rule).toBe(true);
  });

  it('when only one agent has data, then no team-wide finding fires', async () => {
    await cli.load(batch('AG-101', 40));
    const team = await cli.team();
    expect(team.recommendations).toEqual([]);
  });

  it('when the team report is asked for, then every agent of the team is listed with a status per call type', async () => {
    await cli.load(
      batch('AG-101', 90),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 15), scores: all(90) }),
      batch('AG-102', 60),
    );
    const team = await cli.team();
    expect(team.team.key).toBe('northside');
    expect(team.agents.map((a) => a.agent.name).sort()).toEqual(['Ana Ruiz', 'Ben Okafor', 'Chloe Martin', 'Dev Patel', 'Eli Brooks']);
    const status = (name: string) => team.agents.find((a) => a.agent.name === name)?.callTypes.map((c) => [c.callType, c.status]);
    expect(status('Ana Ruiz')).toEqual([['basic_inbound', 'ready']]);
    expect(status('Ben Okafor')).toEqual([['basic_inbound', 'insufficient_data']]);
    expect(status('Chloe Martin')).toEqual([]);
    const unknown = await cli.run('team', 'southside', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('northside');
  });
});
