import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';

import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { EXAMPLE_CONFIG, jsonOf, runFloorready, tempDir, writeConfig, writeFolder } from '../support/cli.ts';

const TRANSCRIPTS = {
  'august.txt': { fixture: 'call.txt', meta: { agent: 'AG-101', type: 'billing_dispute', externalId: 'R-1', at: '2026-08-01' } },
  'september.srt': { fixture: 'call.srt', meta: { agent: 'AG-102', type: 'escalation', externalId: 'R-2', at: '2026-09-01' } },
  'later.json': { fixture: 'turns.json', meta: { agent: 'AG-103', type: 'billing_dispute', externalId: 'R-3', at: '2026-09-15' } },
};

/** The example rubric with empathy weighted 30 and the close 10: a rubric change. */
const changedRubricConfig = async (): Promise<string> => {
  const example = parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as { rubric: { criteria: { key: string; weight: number }[] } };
  const criteria = example.rubric.criteria.map((criterion) =>
    criterion.key === 'empathy'
      ? { ...criterion, weight: 30 }
      : criterion.key === 'close_follow_through'
        ? { ...criterion, weight: 10 }
        : criterion,
  );
  return writeConfig({ rubric: { criteria } });
};

describeEachDatabase('floorready score --rescore', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when the rubric changes and calls since a date are re-scored, then they get a new current AI score under the new version, older ones and human scores stay', async () => {
    expect((await runFloorready(['import', await writeFolder(TRANSCRIPTS)], { databaseUrl: db.url })).code).toBe(0);
    expect((await runFloorready(['score'], { databaseUrl: db.url })).code).toBe(0);
    const csv = path.join(await tempDir(), 'human.csv');
    await writeFile(
      csv,
      'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer\nR-2,AG-102,escalation,live,2026-09-01,empathy,50,human,QA Lead\n',
    );
    expect((await runFloorready(['import-scores', csv], { databaseUrl: db.url })).code).toBe(0);

    const changed = await changedRubricConfig();
    const applied = await runFloorready(['config', 'apply', changed], { databaseUrl: db.url, configPath: changed });
    expect(applied.code, applied.stderr).toBe(0);

    const missingSince = await runFloorready(['score', '--rescore'], { databaseUrl: db.url, configPath: changed });
    expect(missingSince.code).toBe(2);
    expect(missingSince.stderr).toContain('--rescore needs --since <date>');

    const run = await runFloorready(['score', '--rescore', '--since', '2026-09-01'], { databaseUrl: db.url, configPath: changed });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Re-queued 2 scored calls since 2026-09-01.');
    expect(run.stdout).toContain('Scored 2, failed 0');

    const calls = await db.prisma.call.findMany({
      include: { evaluations: { include: { rubricVersion: true }, orderBy: { createdAt: 'asc' } } },
      orderBy: { externalId: 'asc' },
    });
    const ai = (externalId: string) =>
      calls.find((call) => call.externalId === externalId)?.evaluations.filter((e) => e.source === 'ai') ?? [];
    expect(ai('R-1').map((e) => [e.rubricVersion?.version, e.current])).toEqual([[1, true]]);
    for (const id of ['R-2', 'R-3'])
      expect(ai(id).map((e) => [e.rubricVersion?.version, e.current])).toEqual([
        [1, false],
        [2, true],
      ]);
    expect(await db.prisma.criterionScore.count({ where: { source: 'human', current: true, criterionKey: 'empathy' } })).toBe(1);

    const listed = jsonOf<{ externalId: string; scoring: { rubricVersion: number }; criteria: { key: string; source: string }[] }[]>(
      await runFloorready(['calls', '--json'], { databaseUrl: db.url, configPath: changed }),
    );
    const r2 = listed.find((call) => call.externalId === 'R-2');
    expect(r2?.scoring.rubricVersion).toBe(2);
    expect(
      r2?.criteria
        .filter((c) => c.key === 'empathy')
        .map((c) => c.source)
        .sort(),
    ).toEqual(['ai', 'human']);
  });
});
