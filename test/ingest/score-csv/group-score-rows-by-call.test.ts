import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/domain/app-error.ts';
import { groupScoreRowsByCall, parseScoreCsv, type ScoreCall, type ScoreRow } from '../../../src/ingest/score-csv/index.ts';

const OPTIONS = {
  timeZoneOf: () => 'UTC',
  now: () => new Date('2026-12-05T12:00:00Z'),
  criterionKeys: ['empathy', 'active_listening', 'tone_consistency', 'problem_resolution', 'close_follow_through'],
  callTypes: [
    { key: 'basic_inbound', name: 'Basic inbound' },
    { key: 'escalation', name: 'Escalation' },
    { key: 'billing_dispute', name: 'Billing dispute' },
  ],
};

const row = (overrides: Partial<ScoreRow>): ScoreRow => ({
  line: 2,
  externalId: 'C-1',
  agent: 'U01ANA',
  callType: 'basic_inbound',
  kind: 'live',
  occurredAt: new Date('2026-03-02T00:00:00Z'),
  criterion: 'empathy',
  score: 75,
  level: null,
  scale: null,
  source: 'ai',
  reviewer: null,
  ...overrides,
});

describe('groupScoreRowsByCall', () => {
  it('when the good fixture is grouped, then each call carries its AI and human scores apart', () => {
    const { rows } = parseScoreCsv(readFileSync(new URL('../../fixtures/scores/good.csv', import.meta.url), 'utf8'), OPTIONS);
    expect(groupScoreRowsByCall(rows)).toEqual<ScoreCall[]>([
      {
        externalId: 'C-1001',
        agent: 'U01ANA',
        callType: 'basic_inbound',
        kind: 'live',
        occurredAt: new Date('2026-03-02T00:00:00Z'),
        line: 2,
        scores: {
          ai: { empathy: { score: 75, level: null, reviewer: null }, active_listening: { score: 100, level: null, reviewer: null } },
          human: {
            empathy: { score: 50, level: null, reviewer: 'Priya QA' },
            active_listening: { score: 75, level: null, reviewer: 'Priya QA' },
          },
        },
      },
      {
        externalId: 'C-1002',
        agent: 'ben@example.com',
        callType: 'escalation',
        kind: 'roleplay',
        occurredAt: new Date('2026-03-03T14:30:00Z'),
        line: 6,
        scores: {
          ai: { empathy: { score: 25, level: null, reviewer: 'legacy-qa-tool' } },
          human: { tone_consistency: { score: 62.5, level: null, reviewer: 'Lee, Sam' } },
        },
      },
    ]);
  });

  it('when calls interleave, then they keep the order of their first row', () => {
    const calls = groupScoreRowsByCall([
      row({ externalId: 'B', line: 2 }),
      row({ externalId: 'A', line: 3 }),
      row({ externalId: 'B', line: 4, criterion: 'tone_consistency' }),
    ]);
    expect(calls.map((call) => [call.externalId, call.line, Object.keys(call.scores.ai)])).toEqual([
      ['B', 2, ['empathy', 'tone_consistency']],
      ['A', 3, ['empathy']],
    ]);
  });

  it('when there are no rows, then there are no calls', () => {
    expect(groupScoreRowsByCall([])).toEqual([]);
  });

  it('when an exact repeat of a score is grouped, then it is kept once', () => {
    const calls = groupScoreRowsByCall([row({ line: 2 }), row({ line: 3 })]);
    expect(calls[0]!.scores.ai).toEqual({ empathy: { score: 75, level: null, reviewer: null } });
  });

  it('when rows that were not checked conflict, then it throws an AppError rather than letting one win', () => {
    const call = () => groupScoreRowsByCall([row({ line: 2 }), row({ line: 3, agent: 'U09ZED' })]);
    expect(call).toThrow(/line 3: call "C-1" differs from its first row \(line 2\)/);
    try {
      groupScoreRowsByCall([row({ line: 2 }), row({ line: 5, score: 50 })]);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('SCORE_ROWS_CONFLICT');
      expect(isAppError(error) && error.userMessage).toContain('line 5: call "C-1" has two ai scores for empathy');
    }
  });
});
