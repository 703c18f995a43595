import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { SCORE_FIXTURES, runFloorready, writeConfig } from '../support/cli.ts';

const agents = [
  { name: 'Ana Ruiz', slack: 'U01ANA', email: 'ana.ruiz@example.com', externalIds: ['AG-101'] },
  { name: 'Ben Okafor', slack: 'U0BEN00001', email: 'ben@example.com', externalIds: ['AG-102'] },
];
const team = { key: 'northside', name: 'Northside Support', timeZone: 'America/Chicago', agents };

describeEachDatabase('floorready import-scores', (database) => {
  let db: TestDatabase;
  let configPath: string;
  beforeEach(async () => {
    db = await database.open();
    configPath = await writeConfig({ teams: [team] });
  });
  afterEach(async () => {
    await db.close();
  });
  const cli = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, configPath });

  const fixture = (name: string) => path.join(SCORE_FIXTURES, name);
  const snapshot = async () => ({
    calls: await db.prisma.call.count(),
    evaluations: await db.prisma.evaluation.count(),
    scores: await db.prisma.criterionScore.findMany({
      select: { callId: true, criterionKey: true, source: true, score: true, current: true },
      orderBy: [{ callId: 'asc' }, { criterionKey: 'asc' }, { source: 'asc' }, { score: 'asc' }],
    }),
  });

  it('when the good CSV is imported twice, then the first run stores every score and the second changes nothing', async () => {
    const first = await cli('import-scores', fixture('good.csv'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('Imported 6 rows: 2 new calls, 0 existing calls, 6 scores stored, 0 unchanged.');
    const stored = await snapshot();
    expect(stored.calls).toBe(2);
    expect(stored.scores).toHaveLength(6);

    const calls = await db.prisma.call.findMany({ orderBy: { externalId: 'asc' }, include: { agent: true } });
    expect(calls.map((call) => [call.externalId, call.agent.displayName, call.kind, call.callType, call.state, call.turns])).toEqual([
      ['C-1001', 'Ana Ruiz', 'live', 'basic_inbound', 'imported', null],
      ['C-1002', 'Ben Okafor', 'roleplay', 'escalation', 'imported', null],
    ]);
    expect(calls[1]?.occurredAt.toISOString()).toBe('2026-03-03T14:30:00.000Z');
    const human = await db.prisma.criterionScore.findMany({ where: { source: 'human' }, include: { evaluation: true }, orderBy: { score: 'asc' } });
    expect(human.map((score) => [score.criterionKey, score.score, score.evaluation.reviewer])).toEqual([
      ['empathy', 50, 'Priya QA'],
      ['tone_consistency', 62.5, 'Lee, Sam'],
      ['active_listening', 75, 'Priya QA'],
    ]);

    const second = await cli('import-scores', fixture('good.csv'));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('Imported 6 rows: 0 new calls, 2 existing calls, 0 scores stored, 6 unchanged.');
    expect(await snapshot()).toEqual(stored);
  });

  it('when a reviewer changes one score and the file is imported again, then only that score is replaced, and the AI score beside it stays', async () => {
    expect((await cli('import-scores', fixture('good.csv'))).code).toBe(0);
    const changed = (await readFile(fixture('good.csv'), 'utf8')).replace('empathy,50,human,Priya QA', 'empathy,75,human,Priya QA');
    const file = path.join(path.dirname(configPath), 'changed.csv');
    await writeFile(file, changed);
    const run = await cli('import-scores', file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Imported 6 rows: 0 new calls, 2 existing calls, 1 scores stored, 5 unchanged.');
    const call = await db.prisma.call.findUniqueOrThrow({ where: { externalId: 'C-1001' } });
    const empathy = await db.prisma.criterionScore.findMany({ where: { callId: call.id, criterionKey: 'empathy' }, orderBy: [{ source: 'asc' }, { current: 'asc' }] });
    expect(empathy.map((score) => [score.source, score.score, score.current])).toEqual([
      ['ai', 75, true],
      ['human', 50, false],
      ['human', 75, true],
    ]);
  });

  it.each([
    ['bad-values.csv', [/^line 2, score: "105" is out of range/m, /^line 3, external_id: is empty/m, /^line 5, call_type: "walk_in" is not a configured call type/m, /^line 9, occurred_at: "2026-02-30" is not a real date/m, /^line 13, reviewer: is empty/m, /^line 15, score: "-5" is out of range/m]],
    ['unclosed-quote.csv', [/^line 3: a quoted value is never closed/m]],
    ['wrong-field-count.csv', [/^line 3: has 8 values but the header has 9 columns/m, /^line 5: has 10 values/m]],
    ['conflicts.csv', [/^line 3, agent: "U09ZED" conflicts with line 2/m, /^line 7, score: "50" conflicts with line 2/m]],
  ])('when %s has problems, then the whole file is rejected with line and column messages and nothing is stored', async (name, messages) => {
    const applied = await cli('config', 'apply');
    expect(applied.code, applied.stderr).toBe(0);
    const before = await snapshot();
    const run = await cli('import-scores', fixture(name));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: Nothing was imported; fix these and import the file again:');
    for (const message of messages) expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('This is a bug');
    expect(run.stdout).toBe('');
    expect(await snapshot()).toEqual(before);
  });

  it('when a file has good rows and one bad row, then not even the good rows are stored', async () => {
    await cli('config', 'apply');
    const file = path.join(path.dirname(configPath), 'mixed.csv');
    await writeFile(
      file,
      'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer\n' +
        'M-1,U01ANA,basic_inbound,live,2026-03-02,empathy,75,ai,\n' +
        'M-2,U01ANA,basic_inbound,live,2026-03-02,empathy,75,human,Kim\n' +
        'M-3,AG-999,basic_inbound,live,2026-03-02,empathy,75,human,Kim\n',
    );
    const before = await snapshot();
    const run = await cli('import-scores', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/call M-3: no agent "AG-999" is configured/);
    expect(await snapshot()).toEqual(before);
  });
});
