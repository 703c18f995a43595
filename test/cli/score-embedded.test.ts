import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { jsonOf, runFloorready, writeFolder } from '../support/cli.ts';

interface CallJson {
  id: string;
  state: string;
  attempts: number;
  failureReason: string | null;
  frustration: string | null;
  summary: string | null;
  scoring: {
    scorer: string;
    model: string | null;
    rubricVersion: number | null;
    promptVersion: string | null;
  } | null;
  overall: number | null;
  aiOverall: number | null;
  criteria: {
    key: string;
    source: string;
    level: number | null;
    score: number | null;
    applicable: boolean;
    confidence: string;
    evidence: { turn: number; role: string; quote: string }[];
  }[];
}

const TRANSCRIPTS = {
  'call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101', type: 'billing_dispute' } },
  'call.srt': { fixture: 'call.srt', meta: { agent: 'AG-102', type: 'escalation' } },
  'teams.vtt': { fixture: 'teams.vtt', meta: { agent: 'AG-103' } },
  'turns.json': { fixture: 'turns.json', meta: { agent: 'AG-104', type: 'basic_inbound' } },
};

const RUBRIC_KEYS = ['active_listening', 'close_follow_through', 'empathy', 'problem_resolution', 'tone_consistency'];

describeEachDatabase('floorready score with the embedded scorer', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when no LLM is configured, then `score` scores every queued call once with the embedded scorer and `calls --json` shows it per criterion', async () => {
    const dir = await writeFolder(TRANSCRIPTS);
    expect((await runFloorready(['import', dir], { databaseUrl: db.url })).code).toBe(0);

    const run = await runFloorready(['score'], { databaseUrl: db.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Scoring 4 queued calls with the embedded offline scorer (no LLM configured)');
    expect(run.stdout).toContain('Scored 4, failed 0, retries 0 (scorer: embedded');
    // The embedded scorer sends no tokens anywhere: no cost line at all (it read "$0.0000").
    expect(run.stdout).not.toMatch(/Tokens:|estimated cost|\$0/);

    const listed = await runFloorready(['calls', '--json'], { databaseUrl: db.url });
    expect(listed.code, listed.stderr).toBe(0);
    const calls = jsonOf<CallJson[]>(listed);
    expect(calls).toHaveLength(4);
    for (const call of calls) {
      expect(call).toMatchObject({ state: 'scored', attempts: 1, failureReason: null, scoring: { scorer: 'embedded', rubricVersion: 1 } });
      expect(call.overall).toEqual(expect.any(Number));
      expect(call.aiOverall).toBe(call.overall);
      expect(['none', 'mild', 'high']).toContain(call.frustration);
      const ai = call.criteria.filter((criterion) => criterion.source === 'ai');
      expect(ai.map((criterion) => criterion.key).sort()).toEqual(RUBRIC_KEYS);
      for (const criterion of ai.filter((c) => c.applicable)) {
        expect(criterion.level).toBeGreaterThanOrEqual(1);
        expect(criterion.level).toBeLessThanOrEqual(5);
        expect(criterion.score).toBe(((criterion.level ?? 1) - 1) * 25);
        expect(['high', 'low']).toContain(criterion.confidence);
        for (const quote of criterion.evidence) {
          expect(quote.quote.length).toBeGreaterThan(0);
          expect(['agent', 'customer']).toContain(quote.role);
        }
      }
      expect(ai.some((criterion) => criterion.evidence.length > 0)).toBe(true);
    }
    expect(await db.prisma.evaluation.count({ where: { source: 'ai' } })).toBe(4);

    // The queue is empty now: a second run scores nothing and stores nothing.
    const again = await runFloorready(['score'], { databaseUrl: db.url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Scored 0, failed 0, retries 0: the queue is empty.');
    expect(await db.prisma.evaluation.count({ where: { source: 'ai' } })).toBe(4);

    // The text listing names the scorer too.
    const text = await runFloorready(['calls'], { databaseUrl: db.url });
    expect(text.stdout).toMatch(/\[scored\][\s\S]*overall \d+ by embedded/);
  });

  it('when `calls` is filtered by agent and state, then only the matching calls are listed', async () => {
    const dir = await writeFolder(TRANSCRIPTS);
    expect((await runFloorready(['import', dir], { databaseUrl: db.url })).code).toBe(0);
    const queued = jsonOf<CallJson[]>(await runFloorready(['calls', '--json', '--state', 'queued'], { databaseUrl: db.url }));
    expect(queued).toHaveLength(4);
    const ana = jsonOf<{ agent: { name: string } }[]>(
      await runFloorready(['calls', '--json', '--agent', 'ana.ruiz@example.com'], { databaseUrl: db.url }),
    );
    expect(ana.map((call) => call.agent.name)).toEqual(['Ana Ruiz']);
    const scored = jsonOf<CallJson[]>(await runFloorready(['calls', '--json', '--state', 'scored'], { databaseUrl: db.url }));
    expect(scored).toEqual([]);
    const unknown = await runFloorready(['calls', '--agent', 'AG-999'], { databaseUrl: db.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No agent "AG-999" is configured');
  });
});
