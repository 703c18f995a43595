import { expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, rulesOf, spaced, useScenarioCli } from '../support/score-scenarios.ts';

/** `count` live basic_inbound calls before the program start (2026-08-03), one a day from 2026-07-01. */
const baseline = (agent: string, count = 20, score = 60) => calls({ agent, at: daily('2026-07-01', count), scores: all(score) });
/** 15 live basic_inbound calls inside post-training period k, 12 hours apart. */
const batch = (agent: string, k: number, scores: Record<string, number>, count = 15) =>
  calls({ agent, at: spaced(PERIOD[k] as string, count), scores });

describeEachDatabase('readiness status through the CLI', (database) => {
  const cli = useScenarioCli(database);

  it('when every criterion is exactly 75 in two batches, then the agent is ready and readiness_reached fires', async () => {
    await cli.load(baseline('AG-101'), batch('AG-101', 0, all(75)), batch('AG-101', 1, all(75)));
    const report = await cli.readiness('AG-101');

    expect(report.agent).toMatchObject({ key: expect.any(String), name: 'Ana Ruiz' });
    expect(report.program).toMatchObject({ key: 'empathy-2026', targetedCriteria: ['empathy', 'active_listening'] });
    const entry = report.callTypes.find((c) => c.callType === 'basic_inbound');
    expect(entry?.status).toBe('ready');
    expect(entry?.baseline).toMatchObject({
      empathy: 60,
      active_listening: 60,
      tone_consistency: 60,
      problem_resolution: 60,
      close_follow_through: 60,
      calls: 20,
      sufficient: true,
    });
    expect(entry?.batches).toEqual([
      expect.objectContaining({ start: PERIOD[0], end: PERIOD[1], calls: 15, overall: 75, criteria: all(75) }),
      expect.objectContaining({ start: PERIOD[1], end: PERIOD[2], calls: 15, overall: 75, criteria: all(75) }),
    ]);
    expect(entry?.current).toMatchObject({ overall: 75, criteria: all(75) });
    expect(entry?.checks.map((check) => [check.criterion, check.met])).toEqual([
      ['overall', true],
      ['empathy', true],
      ['active_listening', true],
      ['tone_consistency', true],
      ['problem_resolution', true],
      ['close_follow_through', true],
    ]);
    const reached = report.recommendations.filter((r) => r.rule === 'readiness_reached');
    expect(reached).toHaveLength(1);
    expect(reached[0]).toMatchObject({ callType: 'basic_inbound', message: expect.any(String), evidence: expect.any(Object) });
    expect(reached[0]?.message.length).toBeGreaterThan(20);
  });

  it('when one criterion is 74 in the latest batch (or in the earlier one), then the agent is not ready and the checks name that criterion', async () => {
    await cli.load(
      baseline('AG-101'),
      batch('AG-101', 0, all(75)),
      batch('AG-101', 1, { ...all(75), active_listening: 74 }),
      baseline('AG-102'),
      batch('AG-102', 0, { ...all(80), active_listening: 74 }),
      batch('AG-102', 1, all(80)),
    );
    for (const agent of ['AG-101', 'AG-102']) {
      const report = await cli.readiness(agent);
      const entry = report.callTypes.find((c) => c.callType === 'basic_inbound');
      expect(entry?.status, agent).toBe('not_ready');
      const failed = entry?.checks.filter((check) => !check.met).map((check) => check.criterion);
      expect(failed, agent).toContain('active_listening');
      expect(failed, agent).not.toContain('empathy');
      expect(entry?.checks.find((check) => check.criterion === 'active_listening')?.gap, agent).toBe(1);
      expect(entry?.statusReason, agent).toContain('Active listening');
      expect(rulesOf(report), agent).not.toContain('readiness_reached');
    }
  });

  it('when 30 post-training calls all fall within one 14-day period, then they are one batch: no readiness determination yet', async () => {
    await cli.load(baseline('AG-101'), calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 30, 8), scores: all(95) }));
    const report = await cli.readiness('AG-101');
    const entry = report.callTypes.find((c) => c.callType === 'basic_inbound');
    expect(entry?.batches).toHaveLength(1);
    expect(entry?.batches[0]).toMatchObject({ start: PERIOD[1], calls: 30, overall: 95 });
    expect(entry?.status).not.toBe('ready');
    expect(entry?.status).toBe('insufficient_data');
    expect(entry?.reasonCode).toBe('fewer_batches_than_required');
    expect(rulesOf(report)).not.toContain('readiness_reached');
  });

  it('when a period has 15 calls it is a batch, and with 14 it is not', async () => {
    await cli.load(
      batch('AG-101', 0, all(90)),
      batch('AG-101', 1, all(90), 15),
      batch('AG-102', 0, all(90)),
      batch('AG-102', 1, all(90), 14),
      batch('AG-103', 0, all(90), 14),
    );
    const fifteen = await cli.callType('AG-101');
    expect(fifteen.batches.map((b) => b.calls)).toEqual([15, 15]);
    expect(fifteen.status).toBe('ready');

    const fourteen = await cli.callType('AG-102');
    expect(fourteen.batches.map((b) => b.calls)).toEqual([15]);
    expect(fourteen.incompletePeriods).toContainEqual(expect.objectContaining({ start: PERIOD[1], calls: 14 }));
    expect(fourteen.status).toBe('insufficient_data');

    const none = await cli.callType('AG-103');
    expect(none.batches).toEqual([]);
    expect(none.incompletePeriods).toContainEqual(expect.objectContaining({ start: PERIOD[0], calls: 14 }));
    expect(none.status).toBe('insufficient_data');
    expect(none.current).toBeNull();
  });

  it('when the baseline has 19 calls, then it is reported insufficient and unchanged_from_baseline does not fire; with 20 it fires', async () => {
    await cli.load(
      baseline('AG-101', 19, 80),
      batch('AG-101', 0, all(82)),
      batch('AG-101', 1, all(82)),
      baseline('AG-102', 20, 80),
      batch('AG-102', 0, all(82)),
      batch('AG-102', 1, all(82)),
    );
    const nineteen = await cli.readiness('AG-101');
    const short = nineteen.callTypes.find((c) => c.callType === 'basic_inbound');
    expect(short?.baseline).toMatchObject({ calls: 19, sufficient: false, empathy: 80 });
    expect(rulesOf(nineteen)).not.toContain('unchanged_from_baseline');
    expect(short?.status).toBe('ready');

    const twenty = await cli.readiness('AG-102');
    expect(twenty.callTypes.find((c) => c.callType === 'basic_inbound')?.baseline).toMatchObject({
      calls: 20,
      sufficient: true,
      empathy: 80,
    });
    const unchanged = twenty.recommendations.filter((r) => r.rule === 'unchanged_from_baseline');
    // Only the criteria the program targets are watched.
    expect(unchanged.map((r) => r.criterion).sort()).toEqual(['active_listening', 'empathy']);
    expect(unchanged[0]).toMatchObject({ callType: 'basic_inbound', evidence: expect.objectContaining({ delta: 2, band: 5 }) });
  });

  it('when there are more than 30 calls before the start, then the baseline uses the 30 most recent; calls during training count for neither side', async () => {
    await cli.load(
      calls({ agent: 'AG-101', at: daily('2026-06-01', 5), scores: all(0) }),
      calls({ agent: 'AG-101', at: daily('2026-07-01', 30), scores: all(80) }),
      calls({ agent: 'AG-101', at: daily('2026-08-04', 5), scores: all(10) }),
      batch('AG-101', 0, all(90)),
    );
    const entry = await cli.callType('AG-101');
    expect(entry.baseline).toMatchObject({ calls: 30, empathy: 80, sufficient: true });
    expect(entry.batches.map((b) => [b.calls, b.overall])).toEqual([[15, 90]]);
  });

  it('when the same scenario file is imported twice, then every call counts once and the status is the same', async () => {
    const scenario = [baseline('AG-101'), batch('AG-101', 0, all(80)), batch('AG-101', 1, all(80))];
    await cli.load(...scenario);
    const once = await cli.readiness('AG-101');
    await cli.load(...scenario);
    const twice = await cli.readiness('AG-101');
    expect(twice.callTypes).toEqual(once.callTypes);
    expect(twice.callTypes[0]?.batches.map((b) => b.calls)).toEqual([15, 15]);
    expect(twice.recommendations.map((r) => r.dedupeKey)).toEqual(once.recommendations.map((r) => r.dedupeKey));
  });

  it('when a new batch arrives in the same ready state, then readiness_reached carries a new dedupe key; without one, the key is stable', async () => {
    await cli.load(baseline('AG-101'), batch('AG-101', 0, all(80)), batch('AG-101', 1, all(80)));
    const key = async () => (await cli.readiness('AG-101')).recommendations.find((r) => r.rule === 'readiness_reached')?.dedupeKey;
    const first = await key();
    expect(first).toEqual(expect.any(String));
    expect(await key()).toBe(first);
    await cli.load(batch('AG-101', 2, all(80)));
    const second = await key();
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
  });

  it('when an agent has no calls before the start or of a call type asked for, then the baseline is null per criterion and the status is insufficient_data', async () => {
    await cli.load(batch('AG-101', 0, all(80)));
    const entry = await cli.callType('AG-101');
    expect(entry.baseline).toMatchObject({ empathy: null, active_listening: null, calls: 0, sufficient: false });
    const escalation = await cli.readiness('AG-101', '--type', 'escalation');
    expect(escalation.callTypes.map((c) => [c.callType, c.status, c.batches.length])).toEqual([['escalation', 'insufficient_data', 0]]);
  });

  it('when the report is printed without --json, then a manager reads the status words and the recommendation messages', async () => {
    await cli.load(
      baseline('AG-101'),
      batch('AG-101', 0, all(75)),
      batch('AG-101', 1, all(75)),
      batch('AG-102', 0, { ...all(80), empathy: 60 }),
      batch('AG-102', 1, { ...all(80), empathy: 60 }),
    );
    const readyJson = await cli.readiness('AG-101');
    const ready = await cli.run('readiness', 'AG-101');
    expect(ready.code).toBe(0);
    expect(ready.stdout).toContain('Ana Ruiz');
    expect(ready.stdout).toContain('READY');
    expect(ready.stdout).toContain('basic_inbound');
    // Each recommendation in the CLI's words and figures (the rule's full message is in --json).
    expect(readyJson.recommendations.map((recommendation) => recommendation.rule)).toEqual(['readiness_reached']);
    expect(ready.stdout.replace(/\n\s+/g, ' ')).toContain(
      "• Ready for basic_inbound: met 75 overall and every criterion's threshold in the last 2 batches.",
    );
    expect(ready.stdout.replace(/\n\s+/g, ' ')).toMatch(/floorready approve \S+ --type basic_inbound --by <manager>/);
    expect(ready.stdout).not.toMatch(/^\s*[{[]/);

    const notReady = await cli.run('readiness', 'AG-102');
    expect(notReady.code).toBe(0);
    expect(notReady.stdout).toContain('not ready');
    expect(notReady.stdout).toContain('Empathy expression');

    const team = await cli.run('team', 'northside');
    expect(team.code).toBe(0);
    expect(team.stdout).toContain('Ana Ruiz');
    expect(team.stdout).toContain('READY');
    expect(team.stdout).toContain('Ben Okafor');
  });

  it('when the agent or call type is unknown, then the CLI says so and exits 1', async () => {
    await cli.load(baseline('AG-101', 1)); // reading never creates the database: import something first
    const agent = await cli.run('readiness', 'AG-999', '--json');
    expect(agent.code).toBe(1);
    expect(agent.stderr).toMatch(/AG-999/);
    const type = await cli.run('readiness', 'AG-101', '--type', 'nope', '--json');
    expect(type.code).toBe(1);
    expect(type.stderr).toMatch(/nope/);
  });
});
