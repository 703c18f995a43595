import { expect, it } from 'vitest';

import { jsonOf, writeFolder } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, rulesOf, spaced, useScenarioCli, type ReadinessJson } from '../support/score-scenarios.ts';

const by = ['--by', 'Maya Chen'];
const reason = ['--reason', 'customer hung up during a network outage'];

/** Everything in the report but the generation time. */
const figures = (report: ReadinessJson) => ({ ...report, generatedAt: undefined });

describeEachDatabase('exclude through the CLI', (database) => {
  const cli = useScenarioCli(database);

  const scenario = async () => {
    await cli.load(
      calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60), idPrefix: 'A-BASE' }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[0] as string, 15), scores: all(80), idPrefix: 'A-B1' }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 15), scores: all(80), idPrefix: 'A-B2' }),
      calls({ agent: 'AG-101', kind: 'roleplay', at: daily('2026-08-05', 5), scores: all(99), idPrefix: 'A-RP' }),
      calls({ agent: 'AG-102', at: daily('2026-07-01', 20), scores: all(70), idPrefix: 'B-BASE' }),
      calls({ agent: 'AG-102', at: spaced(PERIOD[0] as string, 15), scores: all(72), idPrefix: 'B-B1' }),
      calls({ agent: 'AG-102', at: spaced(PERIOD[1] as string, 15), scores: all(72), idPrefix: 'B-B2' }),
    );
  };

  it('when a call of a 15-call batch is excluded, then the batch falls under 15 and the agent is no longer ready; --undo restores it', async () => {
    await scenario();
    const before = await cli.callType('AG-101');
    expect(before.status).toBe('ready');

    const excluded = await cli.run('exclude', 'A-B2-3', ...reason, ...by);
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(excluded.stdout).toContain('Excluded A-B2-3');

    const during = await cli.readiness('AG-101');
    const entry = during.callTypes.find((c) => c.callType === 'basic_inbound');
    expect(entry?.batches.map((b) => b.calls)).toEqual([15]);
    expect(entry?.incompletePeriods).toContainEqual(expect.objectContaining({ start: PERIOD[1], calls: 14 }));
    // One batch left: no readiness determination until a second one (the seed's two batches).
    expect(entry?.status).toBe('insufficient_data');
    expect(rulesOf(during)).not.toContain('readiness_reached');

    const restored = await cli.run('exclude', 'A-B2-3', '--undo', ...by);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Restored A-B2-3');
    const after = await cli.callType('AG-101');
    expect(after.status).toBe('ready');
    expect(after).toEqual(before);
  });

  it('when a low call is excluded, then it leaves the averages and the status can turn ready', async () => {
    await cli.load(
      calls({ agent: 'AG-101', at: spaced(PERIOD[0] as string, 15), scores: all(80), idPrefix: 'A-B1' }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 16), scores: (i) => all(i === 7 ? 0 : 78), idPrefix: 'A-B2' }),
    );
    const before = await cli.callType('AG-101');
    expect(before.status).toBe('not_ready');
    // (15 × 78 + 0) / 16 = 73.125 → 73.13
    expect(before.batches[1]).toMatchObject({ calls: 16, overall: 73.13 });

    expect((await cli.run('exclude', 'A-B2-8', ...reason, ...by)).code).toBe(0);
    const after = await cli.callType('AG-101');
    expect(after.batches[1]).toMatchObject({ calls: 15, overall: 78, criteria: all(78) });
    expect(after.status).toBe('ready');
  });

  it('when a baseline call is excluded, then the baseline counts one call fewer and becomes insufficient', async () => {
    await scenario();
    expect((await cli.run('exclude', 'A-BASE-1', ...reason, ...by)).code).toBe(0);
    const entry = await cli.callType('AG-101');
    expect(entry.baseline).toMatchObject({ calls: 19, sufficient: false });
  });

  it('when calls of one agent are excluded and restored, then another agent’s figures never change', async () => {
    await scenario();
    const other = figures(await cli.readiness('AG-102'));
    const team = async () => (await cli.team()).agents.find((a) => a.agent.name === 'Ben Okafor');
    const otherInTeam = await team();
    for (const id of ['A-BASE-4', 'A-B1-1', 'A-B2-15', 'A-RP-2']) {
      expect((await cli.run('exclude', id, ...reason, ...by)).code, id).toBe(0);
      expect(figures(await cli.readiness('AG-102')), id).toEqual(other);
      expect(await team(), id).toEqual(otherInTeam);
    }
    for (const id of ['A-B1-1', 'A-RP-2']) {
      expect((await cli.run('exclude', id, '--undo', ...by)).code, id).toBe(0);
      expect(figures(await cli.readiness('AG-102')), id).toEqual(other);
    }
  });

  it('when the exclusion is wrong (unknown call, no reason, twice, undo of a counted call), then the CLI explains and exits 1', async () => {
    await scenario();
    const unknown = await cli.run('exclude', 'NOPE-1', ...reason, ...by);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOPE-1');

    const noReason = await cli.run('exclude', 'A-B1-1', ...by);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('--reason');

    const notExcluded = await cli.run('exclude', 'A-B1-1', '--undo', ...by);
    expect(notExcluded.code).toBe(1);
    expect(notExcluded.stderr).toContain('not excluded');

    expect((await cli.run('exclude', 'A-B1-1', ...reason, ...by)).code).toBe(0);
    const twice = await cli.run('exclude', 'A-B1-1', ...reason, ...by);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already excluded');

    const noBy = await cli.run('exclude', 'A-B1-2', ...reason);
    expect(noBy.code).not.toBe(0);
    expect(noBy.stderr).toContain('--by');
  });

  const stored = () =>
    cli.db().prisma.exclusion.findMany({
      select: { reason: true, by: true, createdAt: true, undoneAt: true, undoneBy: true },
      orderBy: { createdAt: 'asc' },
    });

  it('when someone who manages no team, or the agent themself, excludes a call, then it is refused, the same words for any call, and nothing is stored', async () => {
    await scenario();
    const before = await cli.callType('AG-101');
    for (const who of ['anyone at all', 'Ben Okafor', 'U0BEN00001']) {
      const run = await cli.run('exclude', 'A-B2-3', ...reason, '--by', who);
      expect(run.code, who).toBe(1);
      expect(run.stderr).toContain(
        `"${who}" is not a team manager in the floorready config, so cannot exclude a call: only a manager of the agent's team may.`,
      );
      expect(run.stderr).not.toContain('Ana Ruiz');
      // The refusal says nothing about the call: a call that does not exist gets the same words.
      expect((await cli.run('exclude', 'NO-SUCH-CALL', ...reason, '--by', who)).stderr).toBe(run.stderr);
    }
    for (const self of ['Ana Ruiz', 'U0ANA00001', '<@U0ANA00001>', 'ANA.RUIZ@example.com', 'AG-101']) {
      const run = await cli.run('exclude', 'A-B2-3', ...reason, '--by', self);
      expect(run.code, self).toBe(1);
      expect(run.stderr).toContain('Ana Ruiz cannot exclude their own call: a manager of their team decides');
    }
    expect(await stored()).toEqual([]);
    expect(await cli.callType('AG-101')).toEqual(before);
  });

  it('when a manager names herself by Slack id or email, then the exclusion is hers: who, when and why are recorded, and --undo needs a manager too', async () => {
    await scenario();
    const excluded = await cli.run('exclude', 'A-B2-3', ...reason, '--by', 'U0MAYA0001');
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(excluded.stdout).toBe(
      `Excluded A-B2-3 (by Maya Chen (U0MAYA0001) at ${NOW.toISOString()}: customer hung up during a network outage). It leaves every figure; \`--undo\` restores it.`,
    );

    const agentUndo = await cli.run('exclude', 'A-B2-3', '--undo', '--by', 'U0ANA00001');
    expect(agentUndo.code).toBe(1);
    expect(agentUndo.stderr).toContain('cannot exclude their own call');
    expect((await cli.run('exclude', 'A-B2-3', '--undo', '--by', 'maya.chen@EXAMPLE.com')).code).toBe(0);
    expect(await stored()).toEqual([
      {
        reason: 'customer hung up during a network outage',
        by: 'Maya Chen (U0MAYA0001)',
        createdAt: NOW,
        undoneAt: NOW,
        undoneBy: 'Maya Chen (U0MAYA0001)',
      },
    ]);
  });

  it('when a call is excluded, then `calls` marks it with who, when and why, and prints the id that names it', async () => {
    await scenario();
    expect((await cli.run('exclude', 'A-B2-3', ...reason, ...by)).code).toBe(0);
    const listed = jsonOf<{ id: string; externalId: string; exclusion: unknown }[]>(
      await cli.run('calls', '--agent', 'AG-101', '--json', '--limit', '100'),
    );
    const excluded = listed.filter((call) => call.exclusion !== null);
    expect(excluded).toEqual([
      expect.objectContaining({
        externalId: 'A-B2-3',
        exclusion: { reason: 'customer hung up during a network outage', by: 'Maya Chen (U0MAYA0001)', at: NOW.toISOString() },
      }),
    ]);
    const text = (await cli.run('calls', '--agent', 'AG-101', '--limit', '100')).stdout.split('\n');
    const head = text.find((line) => line.includes('external A-B2-3'));
    expect(head).toContain('[EXCLUDED]');
    expect(head).toContain(`id ${excluded[0]?.id}`);
    expect(text[text.indexOf(head as string) + 1]).toBe(
      '  excluded from every figure by Maya Chen (U0MAYA0001) on 2026-10-01 12:00: customer hung up during a network outage',
    );
    expect(text.filter((line) => line.includes('[EXCLUDED]'))).toHaveLength(1);
  });

  it('when a call was imported without an external id, then it is excluded and restored by the id `calls` prints', async () => {
    await cli.run('config', 'apply');
    const dir = await writeFolder({
      'call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101', type: 'basic_inbound', at: '2026-09-01T10:00:00Z' } },
    });
    expect((await cli.run('import', dir)).code).toBe(0);
    const text = (await cli.run('calls')).stdout;
    const id = /id (\S+)/.exec(text)?.[1] as string;
    expect(text).not.toContain('external');
    const excluded = await cli.run('exclude', id, ...reason, ...by);
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(excluded.stdout).toContain(`Excluded ${id} (by Maya Chen`);
    expect((await cli.run('calls')).stdout).toContain('[EXCLUDED]');
    expect((await cli.run('exclude', id, '--undo', ...by)).code).toBe(0);
    expect((await cli.run('calls')).stdout).not.toContain('[EXCLUDED]');
  });

  it('when calls are excluded, then readiness says how many and why, and --json lists each with who and when', async () => {
    await scenario();
    expect((await cli.run('exclude', 'A-B2-3', ...reason, ...by)).code).toBe(0);
    expect((await cli.run('exclude', 'A-B1-1', ...reason, '--by', 'U0MAYA0001')).code).toBe(0);
    expect((await cli.run('exclude', 'A-BASE-2', '--reason', 'wrong agent logged on the call', ...by)).code).toBe(0);

    const report = await cli.readiness('AG-101');
    expect(report.exclusions).toEqual({
      calls: 3,
      reasons: [
        { reason: 'customer hung up during a network outage', calls: 2, by: ['Maya Chen (U0MAYA0001)'] },
        { reason: 'wrong agent logged on the call', calls: 1, by: ['Maya Chen (U0MAYA0001)'] },
      ],
      list: [
        expect.objectContaining({
          externalId: 'A-BASE-2',
          callType: 'basic_inbound',
          reason: 'wrong agent logged on the call',
          by: 'Maya Chen (U0MAYA0001)',
          at: NOW.toISOString(),
        }),
        expect.objectContaining({ externalId: 'A-B1-1', reason: 'customer hung up during a network outage' }),
        expect.objectContaining({ externalId: 'A-B2-3', reason: 'customer hung up during a network outage' }),
      ],
    });
    expect((await cli.readiness('AG-102')).exclusions).toEqual({ calls: 0, reasons: [], list: [] });

    const text = (await cli.run('readiness', 'AG-101')).stdout;
    expect(text).toContain(
      '  excluded from every figure: 3 calls\n    2 × "customer hung up during a network outage" (by Maya Chen (U0MAYA0001))\n    1 × "wrong agent logged on the call" (by Maya Chen (U0MAYA0001))',
    );
    expect((await cli.run('readiness', 'AG-102')).stdout).not.toContain('excluded');
  });
});
