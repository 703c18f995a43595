import { describe, expect, it } from 'vitest';
import type { CriterionResult, ScoreResult, Turn } from '../../src/domain/types.ts';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from '../../src/config/default-rubric.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';

// Four agents on the same issue (a customer charged twice), in fixtures/paired-calls.ts (bench:validity
// prints their order too).

import { cold, genuine, opening, quietCompetence, stockPhrases } from './fixtures/paired-calls.ts';

const A = (text: string): Turn => ({ role: 'agent', text });
const C = (text: string): Turn => ({ role: 'customer', text });

const rubric = { version: 1, criteria: DEFAULT_CRITERIA.map((criterion) => ({ ...criterion })) };
const callTypes = DEFAULT_CALL_TYPES.map((callType) => ({ ...callType }));
const scorer = createEmbeddedScorer({ now: () => 0 });
const score = (turns: Turn[]): Promise<ScoreResult> =>
  scorer.score({ turns, rubric, callType: 'billing_dispute', callTypes, maskNames: [] });
const levelOf = (result: ScoreResult, key: string): number => {
  const found: CriterionResult | undefined = result.criteria.find((c) => c.key === key);
  if (found?.level == null) throw new Error(`no level for ${key}`);
  return found.level;
};

describe('embedded scorer: paired calls on one issue, ranked as a trained evaluator would', () => {
  it('when one agent acknowledges this customer’s situation and another repeats stock sympathy phrases with blame and policy, then only the first earns empathy', async () => {
    const [real, stock] = await Promise.all([score(genuine), score(stockPhrases)]);
    expect(levelOf(real, 'empathy')).toBe(5);
    expect(levelOf(stock, 'empathy')).toBe(1);
    expect(levelOf(stock, 'tone_consistency')).toBeLessThan(levelOf(real, 'tone_consistency'));
    expect(stock.criteria.find((c) => c.key === 'empathy')?.rationale).toMatch(/stock sympathy/);
  });

  it('when the stock-phrase agent leaves the problem unsolved and a brief agent fixes it with a reference number, then the brief agent scores higher overall and on resolution', async () => {
    const [stock, quiet] = await Promise.all([score(stockPhrases), score(quietCompetence)]);
    expect(quiet.overall!).toBeGreaterThan(stock.overall!);
    expect(levelOf(quiet, 'problem_resolution')).toBe(5);
    expect(levelOf(stock, 'problem_resolution')).toBeLessThanOrEqual(2);
    expect(levelOf(quiet, 'empathy')).toBeGreaterThan(levelOf(stock, 'empathy'));
  });

  it('when the four agents are scored (twice, by two scorers), then the overall ranks genuine empathy with a fix first, quiet competence second, the unsolved calls last, and the retest is identical', async () => {
    const calls = [genuine, quietCompetence, stockPhrases, cold];
    const [real, quiet, stock, cool] = await Promise.all(calls.map(score));
    expect(real!.overall!).toBeGreaterThan(quiet!.overall!);
    expect(quiet!.overall!).toBeGreaterThan(Math.max(stock!.overall!, cool!.overall!));
    expect(levelOf(cool!, 'problem_resolution')).toBeLessThan(levelOf(quiet!, 'problem_resolution'));
    const again = createEmbeddedScorer({ now: () => 0 });
    const retest = await Promise.all(
      calls.map((turns) => again.score({ turns, rubric, callType: 'billing_dispute', callTypes, maskNames: [] })),
    );
    expect(retest).toEqual([real, quiet, stock, cool]);
  });

  it('when any of the four calls is scored, then every quote is the agent’s own words, verbatim, of 3+ words or a whole turn', async () => {
    for (const turns of [genuine, stockPhrases, quietCompetence, cold]) {
      const result = await score(turns);
      for (const criterion of result.criteria) {
        expect(criterion.evidence.length, criterion.key).toBeGreaterThan(0);
        expect(criterion.confidence, criterion.key).toBe('high');
        for (const evidence of criterion.evidence) {
          const turn = turns[evidence.turn];
          expect(turn?.role).toBe('agent');
          expect(turn?.text).toContain(evidence.quote);
          const words = evidence.quote.split(/\s+/).filter(Boolean).length;
          const bare = (text: string) => text.trim().replace(/^[\s.,;:!?"']+|[\s.,;:!?"']+$/g, '');
          expect(words >= 3 || bare(evidence.quote) === bare(turn?.text ?? ''), evidence.quote).toBe(true);
        }
      }
    }
  });
});

describe('embedded scorer: a concrete outcome needs a real time, not a figure of speech', () => {
  const call = (agent: string): Turn[] => [...opening, A(agent)];
  const resolution = async (agent: string) => (await score(call(agent))).criteria.find((c) => c.key === 'problem_resolution')!;

  it('when the agent only says "anything else today", then that is not a concrete time and resolution stays low', async () => {
    const result = await resolution("I'll pass it on. Is there anything else I can help you with today?");
    expect(result.level).toBeLessThanOrEqual(3);
    expect(result.rationale).not.toMatch(/concrete (?:amount, )?time/);
    expect(result.evidence.some((e) => /today/.test(e.quote) && !/pass it on/.test(e.quote))).toBe(false);
  });

  it('when the agent commits to a real time ("within 24 hours", "by today"), then it counts as concrete', async () => {
    for (const agent of ["I'll send the refund within 24 hours.", "I'll send the refund by today."]) {
      const result = await resolution(agent);
      expect(result.rationale, agent).toMatch(/concrete time or reference/);
      expect(result.level, agent).toBeGreaterThanOrEqual(3);
    }
  });

  it('when the close only asks "anything else today", then the close has no timeline', async () => {
    const result = (
      await score([...call("I've refunded it."), C('Thanks.'), A('Is there anything else I can help you with today?')])
    ).criteria.find((c) => c.key === 'close_follow_through')!;
    expect(result.rationale).toMatch(/missing[^;]*timeline/);
  });
});
