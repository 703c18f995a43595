import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { expect, it } from 'vitest';

import { fixturePii, jsonOf, tempDir, writeFolder } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { useScenarioCli } from '../support/score-scenarios.ts';

interface ShowJson {
  id: string;
  externalId: string;
  exclusion: { reason: string; by: string } | null;
  criteria: {
    key: string;
    source: 'ai' | 'human';
    level: number | null;
    reviewer: string | null;
    rationale: string | null;
    evidence: { turn: number }[];
  }[];
  turns: { number: number; role: string; start: number | null; text: string; evidence: { criterion: string; source: string }[] }[];
}

describeEachDatabase('show <call> through the CLI', (database) => {
  const cli = useScenarioCli(database);

  /** One transcript imported, scored by the embedded scorer, re-scored by a human on empathy, and excluded. */
  const scenario = async () => {
    const folder = await writeFolder({
      'call.srt': {
        fixture: 'call.srt',
        meta: { agent: 'AG-101', type: 'billing_dispute', externalId: 'SHOW-1', at: '2026-09-30T14:05:00Z' },
      },
    });
    expect((await cli.run('import', folder)).code).toBe(0);
    expect((await cli.run('score')).code).toBe(0);
    const csv = path.join(await tempDir(), 'human.csv');
    await writeFile(
      csv,
      'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer\n' +
        'SHOW-1,AG-101,billing_dispute,live,2026-09-30T14:05:00Z,empathy,25,human,Jo Reviewer\n',
    );
    const human = await cli.run('import-scores', csv);
    expect(human.code, human.stderr).toBe(0);
    const excluded = await cli.run('exclude', 'SHOW-1', '--reason', 'the line dropped twice', '--by', 'Maya Chen');
    expect(excluded.code, excluded.stderr).toBe(0);
  };

  it('when `show` names a call, then it prints the redacted transcript with turn numbers and times, each criterion with the AI and human score, rationale and evidence marked in the turns, and the exclusion', async () => {
    await scenario();
    const run = await cli.run('show', 'SHOW-1');
    expect(run.code, run.stderr).toBe(0);
    const text = run.stdout;
    const flat = text.replace(/\s+/g, ' ');
    expect(text).toContain('Call SHOW-1 (id ');
    expect(text).toContain('Ana Ruiz');
    expect(flat).toMatch(/EXCLUDED from every figure by Maya Chen .*: the line dropped twice/);
    // AI and human side by side under the criterion, the human named.
    expect(flat).toMatch(/Empathy expression AI: level \d of 5, \d+ of 100 .*?human \(Jo Reviewer\): 25 of 100/);
    expect(text).toMatch(/evidence in turns? \d/);
    // The transcript: numbered turns, times from the start, speakers, evidence marks.
    expect(text).toMatch(/\n\s+1\s+0:01\s+agent\s+Thank you for calling Acme Billing/);
    expect(text).toMatch(/\n\s+2\s+0:04\s+customer\s+/);
    expect(flat).toMatch(/▲ evidence for [A-Z][a-z]+[^▲]* \(AI\)/);
    for (const line of run.out.join('\n').split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const pii = await fixturePii();
    for (const value of [...pii.emails, ...pii.cards]) expect(text).not.toContain(value);
  }, 120_000);

  it('when `show --json` names a call by its id, then turns carry number, time and the criteria citing them, and the human score sits beside the AI one', async () => {
    await scenario();
    const listed = jsonOf<{ id: string; externalId: string }[]>(await cli.run('calls', '--json'));
    const id = listed.find((call) => call.externalId === 'SHOW-1')?.id ?? '';
    const detail = jsonOf<ShowJson>(await cli.run('show', id, '--json'));
    expect(detail.externalId).toBe('SHOW-1');
    expect(detail.exclusion).toMatchObject({ by: 'Maya Chen (U0MAYA0001)', reason: 'the line dropped twice' });
    expect(detail.turns[0]).toMatchObject({ number: 1, role: 'agent', start: 1 });
    const empathy = detail.criteria
      .filter((criterion) => criterion.key === 'empathy')
      .map((criterion) => criterion.source)
      .sort();
    expect(empathy).toEqual(['ai', 'human']);
    // Every AI evidence quote marks its turn (evidence turns are 0-based, turn numbers 1-based).
    for (const criterion of detail.criteria.filter((c) => c.source === 'ai')) {
      for (const quote of criterion.evidence) {
        expect(detail.turns[quote.turn]?.evidence, `${criterion.key} turn ${quote.turn}`).toContainEqual({
          criterion: criterion.key,
          source: 'ai',
        });
      }
    }
    expect(detail.turns.some((turn) => turn.evidence.length > 0)).toBe(true);
  }, 120_000);

  it('when `calls` quotes evidence, then its turn numbers count from 1 like `show`: the quoted words are in that turn of the transcript', async () => {
    await scenario();
    const listed = await cli.run('calls');
    expect(listed.code, listed.stderr).toBe(0);
    const quotes = [...listed.stdout.matchAll(/^\s+turn (\d+) (agent|customer): "(.+)"$/gm)].map((match) => ({
      turn: Number(match[1]),
      role: match[2],
      quote: match[3] ?? '',
    }));
    expect(quotes.length).toBeGreaterThan(0);
    const detail = jsonOf<ShowJson>(await cli.run('show', 'SHOW-1', '--json'));
    for (const { turn, role, quote } of quotes) {
      const shown = detail.turns.find((entry) => entry.number === turn);
      expect(shown?.role, `turn ${turn}`).toBe(role);
      expect(shown?.text.toLowerCase(), `turn ${turn}`).toContain(quote.toLowerCase().replace(/[.…]+$/, ''));
    }
  }, 120_000);

  it('when `show` names no known call, then it says so and how to list calls', async () => {
    await scenario();
    const run = await cli.run('show', 'NOPE-9');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No call with id or external id "NOPE-9"');
    expect(run.stderr).toContain('floorready calls');
  }, 120_000);
});
