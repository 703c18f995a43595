import { describe, expect, it } from 'vitest';
import type { CriterionResult, ScoreResult, Turn } from '../../src/domain/types.ts';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from '../../src/config/default-rubric.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';

// Four agents on the same issue (a customer charged twice), written to be ranked as a trained evaluator
// would: genuine empathy with a fix, stock sympathy phrases with blame and policy-hiding and no fix, quiet
// competence (brief, no sympathy words, fixed with a reference number), and cold (brief, no fix).

const A = (text: string): Turn => ({ role: 'agent', text });
const C = (text: string): Turn => ({ role: 'customer', text });

const opening = [
  A('Thanks for contacting Northside, how can I help?'),
  C("I've been charged twice for my March order and it's the second time this has happened. I'm really annoyed."),
];

const genuine: Turn[] = [
  ...opening,
  A("I'm sorry you've been charged twice again, having to chase a double payment a second time is really frustrating. Let me look at your March order now."),
  C('Thank you. It was two payments of 49.99.'),
  A("I can see both payments of 49.99. I've refunded the duplicate payment of 49.99 to your card, and your reference number is RF-20931. It will show within 3 business days."),
  C("Great, that's sorted then. Thanks for your help."),
  A("You're welcome. Have a good day."),
];

const stockPhrases: Turn[] = [
  ...opening,
  A('I understand your frustration and I apologize for any inconvenience. We value you as a customer.'),
  C('Okay, so can you refund the second payment?'),
  A("I'm sorry, but you should have checked your statement before paying again. It's our policy that duplicate payments are reviewed by the billing team."),
  C("That's not fair, I didn't pay twice on purpose. So nothing is fixed?"),
  A("I'm sorry you feel that way. I apologize for any inconvenience. Is there anything else I can help you with today?"),
  C("No. I'm still charged twice and I'm not happy about it."),
];

const quietCompetence: Turn[] = [
  ...opening,
  A('Let me check the order.'),
  C('It was two payments of 49.99.'),
  A("Found it. I've refunded the duplicate 49.99, reference RF-20931. It will be back on your card within 3 business days."),
  C('Okay, thanks.'),
  A('Anything else?'),
  C("No, that's all. Thanks."),
];

const cold: Turn[] = [
  ...opening,
  A('Billing handles that.'),
  C('Can you not fix it for me?'),
  A('No. You will have to contact the billing team.'),
  C("So I'm still charged twice. That's useless."),
];

const rubric = { version: 1, criteria: DEFAULT_CRITERIA.map((criterion) => ({ ...criterion })) };
const callTypes = DEFAULT_CALL_TYPES.map((callType) => ({ ...callType }));
const scorer = createEmbeddedScorer({ now: () => 0 });
const score = (turns: Turn[]): Promise<ScoreResult> => scorer.score({ turns, rubric, callType: 'billing_dispute', callTypes, maskNames: [] });
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
    const retest = await Promise.all(calls.map((turns) => again.score({ turns, rubric, callType: 'billing_dispute', callTypes, maskNames: [] })));
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
    const result = (await score([...call("I've refunded it."), C('Thanks.'), A('Is there anything else I can help you with today?')])).criteria.find(
      (c) => c.key === 'close_follow_through',
    )!;
    expect(result.rationale).toMatch(/missing[^;]*timeline/);
  });
});
