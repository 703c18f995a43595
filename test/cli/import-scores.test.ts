import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

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
    const human = await db.prisma.criterionScore.findMany({
      where: { source: 'human' },
      include: { evaluation: true },
      orderBy: { score: 'asc' },
    });
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
    const empathy = await db.prisma.criterionScore.findMany({
      where: { callId: call.id, criterionKey: 'empathy' },
      orderBy: [{ source: 'asc' }, { current: 'asc' }],
    });
    expect(empathy.map((score) => [score.source, score.score, score.current])).toEqual([
      ['ai', 75, true],
      ['human', 50, false],
      ['human', 75, true],
    ]);
  });

  describe('human scores on a 1-5 scale', () => {
    const HEADER = 'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer';
    const write = async (name: string, ...lines: string[]) => {
      const file = path.join(path.dirname(configPath), name);
      await writeFile(file, `${lines.join('\n')}\n`);
      return file;
    };
    const aiFile = () =>
      write(
        'ai.csv',
        HEADER,
        'R-1,U01ANA,basic_inbound,live,2026-03-02,empathy,100,ai,',
        'R-1,U01ANA,basic_inbound,live,2026-03-02,active_listening,50,ai,',
      );
    const reviewFile = (...extra: string[]) =>
      write(
        'review.csv',
        HEADER + extra.map(() => ',scale').join(''),
        `R-1,U01ANA,basic_inbound,live,2026-03-02,empathy,5,human,Priya QA${extra.join('')}`,
        `R-1,U01ANA,basic_inbound,live,2026-03-02,active_listening,2,human,Priya QA${extra.join('')}`,
      );
    const scores = () =>
      db.prisma.criterionScore.findMany({
        where: { call: { externalId: 'R-1' } },
        select: { criterionKey: true, source: true, score: true, level: true, current: true },
        orderBy: [{ criterionKey: 'asc' }, { source: 'asc' }],
      });

    it('when a reviewer file of whole 1-5 scores declares no scale, then it is refused with why and how to declare it, and nothing is stored', async () => {
      expect((await cli('import-scores', await aiFile())).code).toBe(0);
      const before = await scores();
      const run = await cli('import-scores', await reviewFile());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('every score is a whole number from 1 to 5, which reads like a 1-5 scale');
      expect(run.stderr).toContain('`--scale 1-5`');
      expect(run.stderr).toContain('add a "scale" column');
      expect(await scores()).toEqual(before);
    });

    it('when --scale 1-5 is given, then levels are stored on the anchored 0-100 scale with their level, beside the AI scores, which stay', async () => {
      expect((await cli('import-scores', await aiFile())).code).toBe(0);
      const run = await cli('import-scores', '--scale', '1-5', await reviewFile());
      expect(run.code, run.stderr).toBe(0);
      expect(await scores()).toEqual([
        { criterionKey: 'active_listening', source: 'ai', score: 50, level: null, current: true },
        { criterionKey: 'active_listening', source: 'human', score: 25, level: 2, current: true },
        { criterionKey: 'empathy', source: 'ai', score: 100, level: null, current: true },
        { criterionKey: 'empathy', source: 'human', score: 100, level: 5, current: true },
      ]);
      // `calls` shows both, the AI score as the scorer gave it and the reviewer's beside it.
      const listed = await cli('calls', '--json');
      const [call] = JSON.parse(listed.stdout) as { criteria: { key: string; source: string; score: number }[] }[];
      expect(
        call?.criteria
          .filter((c) => c.key === 'empathy')
          .map((c) => [c.source, c.score])
          .sort(),
      ).toEqual([
        ['ai', 100],
        ['human', 100],
      ]);
      // The same file again changes nothing.
      expect((await cli('import-scores', '--scale', '1-5', await reviewFile())).stdout).toContain('0 scores stored, 2 unchanged');
    });

    it('when the file says its scale in a scale column, then that scale is used; --scale 0-100 keeps small numbers as points', async () => {
      expect((await cli('import-scores', await aiFile())).code).toBe(0);
      expect((await cli('import-scores', await reviewFile(',1-5'))).code).toBe(0);
      expect((await scores()).filter((s) => s.source === 'human').map((s) => s.score)).toEqual([25, 100]);

      const points = await cli('import-scores', '--scale', '0-100', await reviewFile());
      expect(points.code, points.stderr).toBe(0);
      expect((await scores()).filter((s) => s.source === 'human' && s.current).map((s) => s.score)).toEqual([2, 5]);
    });

    it('when --scale is not one of the scales, then the CLI names the choices', async () => {
      const run = await cli('import-scores', '--scale', '1-10', await reviewFile());
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('0-100, 1-5');
    });
  });

  it.each([
    [
      'bad-values.csv',
      [
        /^line 2, score: "105" is out of range/m,
        /^line 3, external_id: is empty/m,
        /^line 5, call_type: "walk_in" is not a configured call type/m,
        /^line 9, occurred_at: "2026-02-30" is not a real date/m,
        /^line 13, reviewer: is empty/m,
        /^line 15, score: "-5" is out of range/m,
      ],
    ],
    ['unclosed-quote.csv', [/^line 3: a quoted value is never closed/m]],
    ['wrong-field-count.csv', [/^line 3: has 8 values but the header has 9 columns/m, /^line 5: has 10 values/m]],
    ['conflicts.csv', [/^line 3, agent: "U09ZED" conflicts with line 2/m, /^line 7, score: "50" conflicts with line 2/m]],
  ])(
    'when %s has problems, then the whole file is rejected with line and column messages and nothing is stored',
    async (name, messages) => {
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
    },
  );

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
