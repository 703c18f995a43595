import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { SCORE_FIXTURES, jsonOf, runFloorready, tempDir, writeConfig, writeFolder } from '../support/cli.ts';

interface CalibrationRowJson {
  criterionKey: string;
  count: number;
  kappa: number | null;
  kappaUndefined: string | null;
  band: string | null;
  exactAgreement: number | null;
  withinOneAgreement: number | null;
  meanAbsoluteDifference: number | null;
}
interface CalibrationJson {
  criteria: CalibrationRowJson[];
  all: CalibrationRowJson;
}

const HEADER = 'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer\n';

const TRANSCRIPTS = {
  'call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101', type: 'billing_dispute', externalId: 'T-1', at: '2026-09-01' } },
  'call.srt': { fixture: 'call.srt', meta: { agent: 'AG-102', type: 'escalation', externalId: 'T-2', at: '2026-09-02' } },
  'teams.vtt': { fixture: 'teams.vtt', meta: { agent: 'AG-103', type: 'escalation', externalId: 'T-3', at: '2026-09-03' } },
  'turns.json': { fixture: 'turns.json', meta: { agent: 'AG-104', type: 'billing_dispute', externalId: 'T-4', at: '2026-09-04' } },
  'call-timestamped.txt': {
    fixture: 'call-timestamped.txt',
    meta: { agent: 'AG-105', type: 'billing_dispute', externalId: 'T-5', at: '2026-09-05' },
  },
};

/** Quadratic weighted kappa on levels 1..5, written out here so the report is checked against an independent sum. */
const expectedKappa = (pairs: [number, number][]): number | null => {
  const n = pairs.length;
  if (n < 2) return null;
  const weight = (i: number, j: number) => ((i - j) / 4) ** 2;
  const ai = [1, 2, 3, 4, 5].map((level) => pairs.filter(([a]) => a === level).length);
  const human = [1, 2, 3, 4, 5].map((level) => pairs.filter(([, h]) => h === level).length);
  let observed = 0;
  for (const [a, h] of pairs) observed += weight(a, h);
  let expected = 0;
  for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) expected += (weight(i, j) * ((ai[i - 1] ?? 0) * (human[j - 1] ?? 0))) / n;
  if (expected === 0) return null;
  return 1 - observed / expected;
};

describeEachDatabase('human scores beside AI scores, and the calibration report', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });
  const cli = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url });

  it('when human reviewers score calls the AI scored, then both scores are kept and calibration compares them per criterion', async () => {
    expect((await cli('import', await writeFolder(TRANSCRIPTS))).code).toBe(0);
    expect((await cli('score')).code).toBe(0);
    const aiBefore = await db.prisma.criterionScore.findMany({ where: { source: 'ai' }, orderBy: { id: 'asc' } });
    const aiEvaluationsBefore = await db.prisma.evaluation.findMany({ where: { source: 'ai' }, orderBy: { id: 'asc' } });
    expect(aiEvaluationsBefore).toHaveLength(5);

    // A reviewer agrees with the AI on some calls and is one or two levels off on others.
    const calls = await db.prisma.call.findMany({ orderBy: { externalId: 'asc' } });
    const offsets = [0, 1, -1, 0, 2];
    const rows: string[] = [];
    const pairs = new Map<string, { ai: number; human: number; aiScore: number; humanScore: number }[]>();
    calls.forEach((call, index) => {
      for (const score of aiBefore.filter((s) => s.callId === call.id && s.applicable && s.level !== null)) {
        const level = Math.min(5, Math.max(1, (score.level ?? 1) + (offsets[index] ?? 0)));
        const humanScore = (level - 1) * 25;
        rows.push(
          [
            call.externalId,
            agentOf(call.externalId ?? ''),
            call.callType,
            call.kind,
            call.occurredAt.toISOString().slice(0, 10),
            score.criterionKey,
            humanScore,
            'human',
            'QA Lead',
          ].join(','),
        );
        pairs.set(score.criterionKey, [
          ...(pairs.get(score.criterionKey) ?? []),
          { ai: score.level ?? 1, human: level, aiScore: score.score ?? 0, humanScore },
        ]);
      }
    });
    expect(rows.length).toBeGreaterThan(5);
    const file = path.join(await tempDir(), 'human.csv');
    await writeFile(file, `${HEADER}${rows.join('\n')}\n`);

    const imported = await cli('import-scores', file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`Imported ${rows.length} rows: 0 new calls, 5 existing calls, ${rows.length} scores stored, 0 unchanged.`);

    // The AI's rows and evaluations are exactly as they were: current, same scores. The human rows sit beside them.
    expect(await db.prisma.criterionScore.findMany({ where: { source: 'ai' }, orderBy: { id: 'asc' } })).toEqual(aiBefore);
    expect(await db.prisma.evaluation.findMany({ where: { source: 'ai' }, orderBy: { id: 'asc' } })).toEqual(aiEvaluationsBefore);
    expect(await db.prisma.criterionScore.count({ where: { source: 'human', current: true } })).toBe(rows.length);
    expect(await db.prisma.call.count({ where: { state: 'scored' } })).toBe(5);
    const listed = jsonOf<{ criteria: { key: string; source: string; reviewer: string | null }[] }[]>(await cli('calls', '--json'));
    for (const call of listed) {
      const keys = (source: string) => call.criteria.filter((c) => c.source === source).map((c) => c.key);
      expect(keys('human').every((key) => keys('ai').includes(key))).toBe(true);
      expect(call.criteria.filter((c) => c.source === 'human').every((c) => c.reviewer === 'QA Lead')).toBe(true);
    }

    const report = jsonOf<CalibrationJson>(await cli('calibration', '--json'));
    expect(report.criteria.map((row) => row.criterionKey).sort()).toEqual([...pairs.keys()].sort());
    for (const row of report.criteria) {
      const expected = pairs.get(row.criterionKey) ?? [];
      expect(row.count).toBe(expected.length);
      expect(row.exactAgreement).toBeCloseTo(expected.filter((p) => p.ai === p.human).length / expected.length, 10);
      expect(row.withinOneAgreement).toBeCloseTo(expected.filter((p) => Math.abs(p.ai - p.human) <= 1).length / expected.length, 10);
      expect(row.meanAbsoluteDifference).toBeCloseTo(
        expected.reduce((sum, p) => sum + Math.abs(p.aiScore - p.humanScore), 0) / expected.length,
        10,
      );
      const kappa = expectedKappa(expected.map((p) => [p.ai, p.human]));
      if (kappa === null) {
        expect(row.kappa).toBeNull();
        expect(row.kappaUndefined).not.toBeNull();
      } else {
        expect(row.kappa).toBeCloseTo(kappa, 10);
        // A Landis–Koch band only from 20 pairs; below, none (and the text says so).
        if (row.count >= 20) expect(row.band).toEqual(expect.any(String));
        else expect(row.band).toBeNull();
      }
    }
    expect(report.criteria.some((row) => row.kappa !== null)).toBe(true);
    expect(report.all.count).toBe(rows.length);

    const text = await cli('calibration');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/criterion\s+pairs\s+kappa/);
    expect(text.stdout).toContain('quadratic weighted');
    expect(text.stdout).not.toMatch(/undefined|NaN/);
    if (report.criteria.some((row) => row.count < 10)) expect(text.stdout).toMatch(/not enough reviewed calls \(\d+ of the 10 needed\)/);
  });

  it('when only the score CSV fixture is imported, then calibration pairs the AI and human scores of the same call and criterion', async () => {
    const configPath = await writeConfig({
      teams: [
        {
          key: 'northside',
          name: 'Northside Support',
          agents: [
            { name: 'Ana Ruiz', slack: 'U01ANA', email: 'ana.ruiz@example.com' },
            { name: 'Ben Okafor', email: 'ben@example.com' },
          ],
        },
      ],
    });
    const run = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, configPath });
    expect((await run('import-scores', path.join(SCORE_FIXTURES, 'good.csv'))).code).toBe(0);
    const report = jsonOf<CalibrationJson>(await run('calibration', '--json'));
    // C-1001: empathy 75 (ai) vs 50 (human), active_listening 100 vs 75. C-1002 has no criterion scored by both.
    expect(report.criteria).toEqual([
      expect.objectContaining({
        criterionKey: 'active_listening',
        count: 1,
        kappa: null,
        exactAgreement: 0,
        withinOneAgreement: 1,
        meanAbsoluteDifference: 25,
      }),
      expect.objectContaining({
        criterionKey: 'empathy',
        count: 1,
        kappa: null,
        exactAgreement: 0,
        withinOneAgreement: 1,
        meanAbsoluteDifference: 25,
      }),
    ]);
    expect(report.all).toMatchObject({ criterionKey: 'all', count: 2, meanAbsoluteDifference: 25 });
  });

  it('when no call has both scores, then calibration says so and how to import human scores', async () => {
    const run = await cli('calibration');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No call has both an AI and a human score');
    expect(run.stdout).toContain('import-scores');
    const json = jsonOf<CalibrationJson>(await cli('calibration', '--json'));
    expect(json).toMatchObject({ criteria: [], all: { count: 0, kappa: null } });
  });
});

/** The example config's agent of each transcript call (by the external id given in its sidecar). */
const agentOf = (externalId: string): string => {
  const entry = Object.values(TRANSCRIPTS).find((file) => file.meta.externalId === externalId);
  if (!entry) throw new Error(`no transcript with external id ${externalId}`);
  return entry.meta.agent;
};
