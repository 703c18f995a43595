import { expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, rulesOf, spaced, useScenarioCli, type Scores } from '../support/score-scenarios.ts';

const baseline = (agent: string, scores: Scores) => calls({ agent, at: daily('2026-07-01', 20), scores });
const batch = (agent: string, k: number, scores: Scores) => calls({ agent, at: spaced(PERIOD[k] as string, 15), scores });

describeEachDatabase('if/then rules through the CLI', (database) => {
  const cli = useScenarioCli(database);

  it('when a targeted criterion is exactly ±5 from baseline, then unchanged_from_baseline fires; at ±6 it does not', async () => {
    const agents = { 'AG-101': 85, 'AG-102': 86, 'AG-103': 75, 'AG-104': 74 } as const;
    await cli.load(
      Object.entries(agents)
        .flatMap(([agent, empathy]) => [baseline(agent, all(80)), batch(agent, 0, { ...all(95), empathy })])
        .flat(),
    );
    const fires = async (agent: string) => rulesOf(await cli.readiness(agent), 'empathy').includes('unchanged_from_baseline');
    expect(await fires('AG-101')).toBe(true);
    expect(await fires('AG-102')).toBe(false);
    expect(await fires('AG-103')).toBe(true);
    expect(await fires('AG-104')).toBe(false);
    const report = await cli.readiness('AG-101');
    const found = report.recommendations.find((r) => r.rule === 'unchanged_from_baseline');
    expect(found).toMatchObject({
      callType: 'basic_inbound',
      criterion: 'empathy',
      evidence: expect.objectContaining({ delta: 5, band: 5 }),
    });
    // active_listening moved +15 from baseline, and non-targeted criteria are not watched.
    expect(report.recommendations.filter((r) => r.rule === 'unchanged_from_baseline')).toHaveLength(1);
  });

  it('when a criterion improved 5 in a batch and dropped 5 in a batch 14 days later, then improved_then_dropped fires; 4 points short on either side it does not', async () => {
    await cli.load(
      baseline('AG-101', all(70)),
      batch('AG-101', 0, { ...all(70), empathy: 75 }),
      batch('AG-101', 1, { ...all(70), empathy: 70 }),
      baseline('AG-102', all(70)),
      batch('AG-102', 0, { ...all(70), empathy: 75 }),
      batch('AG-102', 1, { ...all(70), empathy: 71 }),
      baseline('AG-103', all(70)),
      batch('AG-103', 0, { ...all(70), empathy: 74 }),
      batch('AG-103', 1, { ...all(70), empathy: 69 }),
    );
    const report = await cli.readiness('AG-101');
    const found = report.recommendations.filter((r) => r.rule === 'improved_then_dropped');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      callType: 'basic_inbound',
      criterion: 'empathy',
      evidence: expect.objectContaining({ improvement: 5, drop: 5, daysBetween: 14 }),
    });
    expect(found[0]?.message).toMatch(/reinforcement/i);
    expect(rulesOf(await cli.readiness('AG-102'))).not.toContain('improved_then_dropped');
    expect(rulesOf(await cli.readiness('AG-103'))).not.toContain('improved_then_dropped');
  });

  it('when call-type averages spread 15 points, then call_type_variance fires naming the weak type; at 14, or with a group under 5 calls, it does not', async () => {
    const post = (agent: string, callType: string, count: number, score: number) =>
      calls({ agent, callType, at: spaced(PERIOD[0] as string, count), scores: all(score) });
    await cli.load(
      post('AG-101', 'basic_inbound', 5, 80),
      post('AG-101', 'escalation', 5, 65),
      post('AG-102', 'basic_inbound', 5, 80),
      post('AG-102', 'escalation', 5, 66),
      post('AG-103', 'basic_inbound', 5, 80),
      post('AG-103', 'escalation', 4, 50),
    );
    const report = await cli.readiness('AG-101');
    const found = report.recommendations.find((r) => r.rule === 'call_type_variance');
    expect(found).toBeDefined();
    expect(found?.evidence).toMatchObject({ spread: 15, weakCallTypes: [expect.objectContaining({ group: 'escalation', overall: 65 })] });
    expect(found?.message).toContain('escalation');
    expect(rulesOf(await cli.readiness('AG-102'))).not.toContain('call_type_variance');
    expect(rulesOf(await cli.readiness('AG-103'))).not.toContain('call_type_variance');
  });

  it('when roleplay beats live by 15 on a criterion, then roleplay_live_gap fires for it; at 14, with 4 roleplays, or with roleplays before the program, it does not', async () => {
    const roleplay = (agent: string, at: string[], empathy: number) =>
      calls({ agent, kind: 'roleplay', at, scores: { ...all(80), empathy } });
    const live = (agent: string) => calls({ agent, at: spaced(PERIOD[0] as string, 5), scores: all(75) });
    await cli.load(
      roleplay('AG-101', daily('2026-08-04', 5), 90),
      live('AG-101'),
      roleplay('AG-102', daily('2026-08-04', 5), 89),
      live('AG-102'),
      roleplay('AG-103', daily('2026-08-04', 4), 100),
      live('AG-103'),
      roleplay('AG-104', daily('2026-07-01', 5), 100),
      live('AG-104'),
    );
    const report = await cli.readiness('AG-101');
    const found = report.recommendations.filter((r) => r.rule === 'roleplay_live_gap');
    expect(found.map((r) => r.criterion)).toEqual(['empathy']);
    expect(found[0]?.evidence).toMatchObject({
      gap: 15,
      roleplay: expect.objectContaining({ calls: 5, mean: 90 }),
      live: expect.objectContaining({ calls: 5, mean: 75 }),
    });
    for (const agent of ['AG-102', 'AG-103', 'AG-104'])
      expect(rulesOf(await cli.readiness(agent)), agent).not.toContain('roleplay_live_gap');
  });
});
