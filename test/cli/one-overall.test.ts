/**
 * One overall per call, everywhere (issue 20): a call scored by the embedded scorer, then re-scored by a
 * reviewer on one criterion, shows the same effective overall in `calls` (text, --json, --csv), `show`
 * (text, --json) and the agent's DM (`notify --dry-run`), with the AI's own beside it; and a call whose
 * every criterion meets its threshold gets no "Focus" in the DM. Real CLI, real databases.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';

import { jsonOf, runFloorready, tempDir, writeFolder } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { NOW } from '../support/score-scenarios.ts';

// The example config's rubric weights, written out here as the reference computation's input.
const WEIGHTS: Record<string, number> = {
  empathy: 25,
  active_listening: 20,
  tone_consistency: 20,
  problem_resolution: 20,
  close_follow_through: 15,
};

const TRANSCRIPT = [
  'Agent: Thanks for calling, this is Ana. How can I help?',
  'Customer: I have been waiting two weeks for my refund and nobody calls me back. I am really fed up.',
  'Agent: Let me look at the account. What is the order number?',
  'Customer: It is 88213. I already gave it twice.',
  'Agent: I see the refund was approved yesterday; it reaches your card within five working days, reference R-5521.',
  'Customer: Fine.',
  'Agent: Is there anything else? Goodbye.',
].join('\n');

interface CallJson {
  externalId: string;
  overall: number | null;
  aiOverall: number | null;
  humanReviewed: boolean;
  criteria: { key: string; source: 'ai' | 'human'; score: number | null; applicable: boolean }[];
}

/** The reference: Σ weight × score / Σ weight over the applicable scored criteria, a reviewer's score first. */
const referenceOverall = (criteria: CallJson['criteria'], source: 'effective' | 'ai'): number => {
  let total = 0;
  let weights = 0;
  for (const key of Object.keys(WEIGHTS)) {
    const rows = criteria.filter((row) => row.key === key && row.applicable && row.score !== null);
    const row = (source === 'effective' ? rows.find((r) => r.source === 'human') : undefined) ?? rows.find((r) => r.source === 'ai');
    if (!row || row.score === null) continue;
    total += (WEIGHTS[key] as number) * row.score;
    weights += WEIGHTS[key] as number;
  }
  return total / weights;
};

describeEachDatabase('one overall per call', (database) => {
  const setUp = async (): Promise<{ db: TestDatabase; cli: (...argv: string[]) => ReturnType<typeof runFloorready> }> => {
    const db = await database.open();
    const cli = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, now: () => NOW });
    const dir = await writeFolder({
      'CALL-77.txt': {
        content: TRANSCRIPT,
        meta: { agent: 'AG-101', type: 'escalation', at: '2026-09-30T10:00:00Z', externalId: 'CALL-77' },
      },
    });
    expect((await cli('import', dir)).code).toBe(0);
    const scored = await cli('score');
    expect(scored.code, scored.stderr).toBe(0);
    return { db, cli };
  };

  const humanCsv = async (rows: [criterion: string, score: number][]): Promise<string> => {
    const file = path.join(await tempDir('floorready-human-'), 'human.csv');
    const lines = rows.map(
      ([criterion, score]) => `CALL-77,AG-101,escalation,live,2026-09-30T10:00:00Z,${criterion},${score},human,qa.lee@example.com`,
    );
    await writeFile(file, ['external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer', ...lines].join('\n'));
    return file;
  };

  it('when a reviewer re-scores one criterion, then calls, show, the CSV and the DM show the same effective overall, the AI’s beside it', async () => {
    const { db, cli } = await setUp();
    try {
      const before = jsonOf<CallJson[]>(await cli('calls', '--json'))[0] as CallJson;
      const aiEmpathy = before.criteria.find((row) => row.key === 'empathy' && row.source === 'ai')?.score;
      expect(aiEmpathy).toEqual(expect.any(Number));
      // A reviewer's empathy 100 points away from the AI's (0 if the AI gave 100), so the overall moves.
      const human = aiEmpathy === 100 ? 0 : 100;
      const imported = await cli('import-scores', await humanCsv([['empathy', human]]));
      expect(imported.code, imported.stderr).toBe(0);

      const [call] = jsonOf<CallJson[]>(await cli('calls', '--json'));
      if (!call) throw new Error('no call listed');
      const effective = referenceOverall(call.criteria, 'effective');
      const ai = referenceOverall(call.criteria, 'ai');
      expect(Math.round(effective)).not.toBe(Math.round(ai));
      expect(call.overall).toBeCloseTo(effective, 9);
      expect(call.aiOverall).toBeCloseTo(ai, 9);
      expect(call.humanReviewed).toBe(true);

      const shown = jsonOf<CallJson>(await cli('show', 'CALL-77', '--json'));
      expect(shown.overall).toBeCloseTo(effective, 9);
      expect(shown.aiOverall).toBeCloseTo(ai, 9);

      const beside = `overall ${Math.round(effective)} (with a reviewer's scores in place of the AI's; AI alone ${Math.round(ai)})`;
      expect((await cli('calls')).stdout).toContain(beside);
      const showText = (await cli('show', 'CALL-77')).stdout.replace(/\s+/g, ' ');
      expect(showText).toContain(
        `overall ${Math.round(effective)} of 100, weighted by the rubric, with a reviewer's scores in place of the AI's; AI alone ${Math.round(ai)}`,
      );

      const csv = (await cli('calls', '--csv')).stdout.split('\n');
      const header = (csv[0] as string).split(',');
      const first = (csv[1] as string).split(',');
      expect(Number(first[header.indexOf('overall')])).toBeCloseTo(effective, 2);
      expect(Number(first[header.indexOf('ai_overall')])).toBeCloseTo(ai, 2);

      const dm = (await cli('notify', '--dry-run')).stdout;
      expect(dm).toContain(`overall ${Math.round(effective)}, with a reviewer's scores in place of the AI's; AI alone ${Math.round(ai)}.`);
      expect(dm).not.toContain(`overall ${Math.round(ai)}.`);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('when every criterion of the call is at or above its threshold, then the DM names no focus and says there is nothing to improve', async () => {
    const { db, cli } = await setUp();
    try {
      const imported = await cli('import-scores', await humanCsv(Object.keys(WEIGHTS).map((key) => [key, 100] as [string, number])));
      expect(imported.code, imported.stderr).toBe(0);
      const dm = (await cli('notify', '--dry-run')).stdout;
      expect(dm).toContain('Your scores for');
      expect(dm).toContain('overall 100');
      expect(dm).not.toContain('Focus:');
      expect(dm).toContain('Every criterion of this call is at or above its threshold: nothing to improve here.');
    } finally {
      await db.close();
    }
  }, 120_000);
});
