import { expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { all, calls, NOW, PERIOD, rulesOf, spaced, useScenarioCli } from '../support/score-scenarios.ts';

// Named ids, so a test that loads the same calls as an earlier one starts from its snapshot (score-scenarios.ts).
const batch = (agent: string, k: number, score: number, count = 15) =>
  calls({ agent, at: spaced(PERIOD[k] as string, count), scores: all(score), idPrefix: `${agent}-P${k}` });
const approve = ['--type', 'basic_inbound', '--by', 'Maya Chen'];

describeEachDatabase('approve through the CLI', (database) => {
  const cli = useScenarioCli(database);

  it('when the agent is not ready, then approval is refused with the reason and nothing is recorded', async () => {
    await cli.load(batch('AG-101', 0, 90), batch('AG-101', 1, 70), batch('AG-102', 0, 90, 10));
    const refused = await cli.run('approve', 'AG-101', ...approve);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Ana Ruiz is not ready for basic_inbound');
    expect(refused.stderr).toContain('not_ready');
    expect(refused.stdout).toBe('');
    expect((await cli.callType('AG-101')).status).toBe('not_ready');

    const noBatch = await cli.run('approve', 'AG-102', ...approve);
    expect(noBatch.code).toBe(1);
    expect(noBatch.stderr).toContain('insufficient_data');
    const noCalls = await cli.run('approve', 'AG-103', ...approve);
    expect(noCalls.code).toBe(1);
    expect(noCalls.stderr).toMatch(/not ready for basic_inbound/);
  });

  it('when the agent is ready, then approval is recorded, the status becomes approved and a second approval is refused', async () => {
    await cli.load(batch('AG-101', 0, 80), batch('AG-101', 1, 80));
    expect(rulesOf(await cli.readiness('AG-101'))).toContain('readiness_reached');

    const accepted = await cli.run('approve', 'AG-101', ...approve);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('Approved Ana Ruiz for basic_inbound by Maya Chen (U0MAYA0001)');

    const report = await cli.readiness('AG-101');
    const entry = report.callTypes.find((c) => c.callType === 'basic_inbound');
    expect(entry?.status).toBe('approved');
    expect(entry?.approval).toEqual({ approvedBy: 'Maya Chen (U0MAYA0001)', approvedAt: NOW.toISOString() });
    expect(entry?.batches.map((b) => b.calls)).toEqual([15, 15]);
    // The state was acted on: readiness_reached does not notify again.
    expect(rulesOf(report)).not.toContain('readiness_reached');

    const text = await cli.run('readiness', 'AG-101');
    expect(text.stdout).toContain('APPROVED');
    expect(text.stdout).toContain('Maya Chen');

    const again = await cli.run('approve', 'AG-101', ...approve);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already approved');
  });

  it('when 6 approve runs race in parallel processes, then one decision is stored and the others are told who approved, and when', async () => {
    await cli.load(batch('AG-101', 0, 80), batch('AG-101', 1, 80));
    const runs = await Promise.all(Array.from({ length: 6 }, () => cli.run('approve', 'AG-101', ...approve)));
    const accepted = runs.filter((run) => run.code === 0);
    expect(accepted, runs.map((run) => run.stderr).join('\n')).toHaveLength(1);
    const refused = runs.filter((run) => run.code !== 0);
    expect(refused).toHaveLength(5);
    for (const run of refused)
      expect(run.stderr).toContain('Ana Ruiz is already approved for basic_inbound by Maya Chen (U0MAYA0001), at 2026-10-01 12:00 UTC');
    const decisions = await cli.db().prisma.readinessDecision.findMany();
    expect(decisions).toHaveLength(1);
  });

  it('when approval is for another call type than the ready one, then it is refused', async () => {
    await cli.load(batch('AG-101', 0, 80), batch('AG-101', 1, 80));
    const other = await cli.run('approve', 'AG-101', '--type', 'escalation', '--by', 'Maya Chen');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('not ready for escalation');
    expect((await cli.callType('AG-101')).status).toBe('ready');
  });

  it("when --by is not a manager of the agent's team, or is the agent, then approval is refused, the same words for any agent, and nothing is recorded", async () => {
    await cli.load(batch('AG-101', 0, 80), batch('AG-101', 1, 80));
    const stranger = await cli.run('approve', 'AG-101', '--type', 'basic_inbound', '--by', 'anyone at all');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('"anyone at all" is not a team manager in the floorready config, so cannot approve readiness');
    expect(stranger.stderr).not.toContain('Ana Ruiz');
    expect(stranger.stderr).not.toContain('Northside');
    expect((await cli.run('approve', 'NO-SUCH-AGENT', '--type', 'basic_inbound', '--by', 'anyone at all')).stderr).toBe(stranger.stderr);
    for (const self of ['Ana Ruiz', 'ana.ruiz@example.com', 'U0ANA00001', 'AG-101']) {
      const own = await cli.run('approve', 'AG-101', '--type', 'basic_inbound', '--by', self);
      expect(own.code, self).toBe(1);
      expect(own.stderr).toContain('Ana Ruiz cannot approve their own readiness');
    }
    const teammate = await cli.run('approve', 'AG-101', '--type', 'basic_inbound', '--by', 'Ben Okafor');
    expect(teammate.code).toBe(1);
    expect((await cli.callType('AG-101')).status).toBe('ready');

    const byEmail = await cli.run('approve', 'AG-101', '--type', 'basic_inbound', '--by', 'MAYA.CHEN@example.com');
    expect(byEmail.code, byEmail.stderr).toBe(0);
    expect((await cli.callType('AG-101')).approval?.approvedBy).toBe('Maya Chen (U0MAYA0001)');
  });

  it('when the call type is named by its name in any case, then readiness narrows to it and approval records its key', async () => {
    await cli.load(batch('AG-101', 0, 80), batch('AG-101', 1, 80));
    const narrowed = await cli.readiness('AG-101', '--type', 'Basic Inbound');
    expect(narrowed.callTypes.map((entry) => [entry.callType, entry.status])).toEqual([['basic_inbound', 'ready']]);

    const accepted = await cli.run('approve', 'AG-101', '--type', 'BASIC inbound', '--by', 'Maya Chen');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect((await cli.callType('AG-101')).status).toBe('approved');
  });

  it('when --by is missing or blank, then approval is refused', async () => {
    await cli.load(batch('AG-101', 0, 80), batch('AG-101', 1, 80));
    const missing = await cli.run('approve', 'AG-101', '--type', 'basic_inbound');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--by');
    const blank = await cli.run('approve', 'AG-101', '--type', 'basic_inbound', '--by', '  ');
    expect(blank.code).toBe(1);
    expect((await cli.callType('AG-101')).status).toBe('ready');
  });
});
