import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, spaced, useScenarioCli } from '../support/score-scenarios.ts';

const rowsOf = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

describeEachDatabase('--csv exports through the CLI', (database) => {
  const cli = useScenarioCli(database);

  const scenario = () =>
    cli.load(
      calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60), idPrefix: 'A-BASE' }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[0] as string, 15), scores: all(80), idPrefix: 'A-B1' }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1] as string, 15), scores: { ...all(80), empathy: 70 }, idPrefix: 'A-B2' }),
      calls({ agent: 'AG-102', at: daily('2026-07-01', 20), scores: all(70), idPrefix: 'B-BASE' }),
    );

  it('when `team --csv` runs, then there is one row per agent × call type × criterion with baseline, batches and status', async () => {
    await scenario();
    const run = await cli.run('team', 'northside', '--csv');
    expect(run.code, run.stderr).toBe(0);
    const rows = rowsOf(run.stdout);
    const ana = rows.filter((row) => row.agent_key !== undefined && row.agent_name === 'Ana Ruiz' && row.call_type === 'basic_inbound');
    expect(ana.map((row) => row.criterion)).toEqual([
      'overall',
      'empathy',
      'active_listening',
      'tone_consistency',
      'problem_resolution',
      'close_follow_through',
    ]);
    const empathy = ana.find((row) => row.criterion === 'empathy');
    expect(empathy).toMatchObject({
      team: 'northside',
      status: 'not_ready',
      threshold: '75',
      baseline: '60',
      baseline_calls: '20',
      baseline_sufficient: 'true',
      batch_1_start: PERIOD[0]?.slice(0, 10),
      batch_1_calls: '15',
      batch_1_score: '80',
      batch_2_start: PERIOD[1]?.slice(0, 10),
      batch_2_calls: '15',
      batch_2_score: '70',
      current: '70',
      delta_vs_baseline: '10',
      met: 'false',
      gap: '5',
    });
    expect(new Set(rows.map((row) => row.agent_name))).toEqual(new Set(['Ana Ruiz', 'Ben Okafor']));
  });

  it('when `readiness <agent> --csv` runs, then it has the same columns for that agent only', async () => {
    await scenario();
    const run = await cli.run('readiness', 'AG-101', '--csv');
    expect(run.code, run.stderr).toBe(0);
    const rows = rowsOf(run.stdout);
    expect(new Set(rows.map((row) => row.agent_name))).toEqual(new Set(['Ana Ruiz']));
    expect(rows.find((row) => row.criterion === 'overall')).toMatchObject({ status: 'not_ready', baseline: '60', batch_1_score: '80' });
  });

  it('when `calls --csv` runs, then there is one row per call and criterion score, and --csv with --json is refused', async () => {
    await scenario();
    const run = await cli.run('calls', '--agent', 'AG-101', '--csv', '--limit', '1000');
    expect(run.code, run.stderr).toBe(0);
    const rows = rowsOf(run.stdout);
    expect(rows).toHaveLength(50 * 5);
    expect(rows.find((row) => row.external_id === 'A-B2-1' && row.criterion === 'empathy')).toMatchObject({
      agent_name: 'Ana Ruiz',
      source: 'ai',
      score: '70',
      excluded: 'false',
    });
    const both = await cli.run('calls', '--csv', '--json');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
  });
});
