import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CriterionResult, Turn } from '../../src/domain/types.ts';
import { locateQuote, verifyEvidence } from '../../src/domain/verify-evidence.ts';
import { maskAgentNames } from '../../src/scoring/mask-agent-names.ts';

const turns: Turn[] = [
  { role: 'agent', text: 'Thanks for calling, this is Ana. How can I help?' },
  { role: 'customer', text: 'I was charged   twice — for my March order!' },
  { role: 'agent', text: 'I’m so sorry you’ve had to deal with that. Let me fix it.' },
];

const result = (evidence: CriterionResult['evidence'], overrides: Partial<CriterionResult> = {}): CriterionResult => ({
  key: 'empathy',
  applicable: true,
  level: 4,
  score: 75,
  confidence: 'high',
  evidence,
  rationale: 'r',
  ...overrides,
});

describe('verifyEvidence', () => {
  it('when a quote differs only in whitespace, case, typographic quotes and edge punctuation, then it is kept with the transcript’s wording', () => {
    const [checked] = verifyEvidence([result([{ turn: 2, role: 'agent', quote: '"i\'m SO sorry  you\'ve had to deal with that..."' }])], turns);
    expect(checked).toMatchObject({ confidence: 'high', evidence: [{ turn: 2, role: 'agent', quote: 'I’m so sorry you’ve had to deal with that' }] });
  });

  it('when a quote cites the wrong turn and role, then the turn and role are corrected', () => {
    const [checked] = verifyEvidence([result([{ turn: 0, role: 'agent', quote: 'charged twice - for my March order' }])], turns);
    expect(checked).toMatchObject({ confidence: 'high', evidence: [{ turn: 1, role: 'customer', quote: 'charged   twice — for my March order' }] });
  });

  it('when a quote is invented, then it is dropped and the criterion is low-confidence', () => {
    const [checked] = verifyEvidence(
      [result([{ turn: 2, role: 'agent', quote: 'I completely understand your frustration' }, { turn: 2, role: 'agent', quote: 'Let me fix it.' }])],
      turns,
    );
    expect(checked).toMatchObject({ confidence: 'low', evidence: [{ turn: 2, quote: 'Let me fix it' }] });
  });

  it('when a scored criterion has no evidence, then it is low-confidence; a not-applicable one is not', () => {
    const [scored, notApplicable] = verifyEvidence([result([]), result([], { applicable: false, level: null, score: null })], turns);
    expect(scored?.confidence).toBe('low');
    expect(notApplicable?.confidence).toBe('high');
  });

  it('when a quote elides the middle with an ellipsis, then each fragment must occur in order', () => {
    expect(locateQuote('I’m so sorry … Let me fix it', turns, 2)).toMatchObject({ turn: 2, quote: 'I’m so sorry … Let me fix it' });
    expect(locateQuote('Let me fix it … I’m so sorry', turns, 2)).toBeNull();
  });

  it('when the turns were masked before sending, then a quote with [AGENT] verifies against the masked turns', () => {
    const sent = maskAgentNames(turns, ['Ana Pérez']);
    const [checked] = verifyEvidence([result([{ turn: 0, role: 'agent', quote: 'this is [AGENT].' }])], sent);
    expect(checked).toMatchObject({ confidence: 'high', evidence: [{ turn: 0, quote: 'this is [AGENT]' }] });
  });

  it('when any substring of a turn is quoted, then it is found in that turn (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ role: fc.constantFrom('agent' as const, 'customer' as const), text: fc.string({ minLength: 1, maxLength: 40 }) }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (ts, pick, a, b) => {
          const index = pick % ts.length;
          const text = ts[index]!.text;
          const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
          const quote = text.slice(from, to);
          const located = locateQuote(quote, ts, index);
          if (located === null) return; // nothing left after edge punctuation/whitespace: dropped
          expect(located.turn).toBe(index);
          expect(ts[index]!.text).toContain(located.quote);
        },
      ),
    );
  });
});
