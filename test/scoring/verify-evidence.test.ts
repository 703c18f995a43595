import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CriterionResult, Role, Turn } from '../../src/domain/types.ts';
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
    const [checked] = verifyEvidence(
      [result([{ turn: 2, role: 'agent', quote: '"i\'m SO sorry  you\'ve had to deal with that..."' }])],
      turns,
    );
    expect(checked).toMatchObject({
      confidence: 'high',
      evidence: [{ turn: 2, role: 'agent', quote: 'I’m so sorry you’ve had to deal with that' }],
    });
  });

  it('when a quote cites the wrong turn, then the turn is corrected to the agent turn that holds it', () => {
    const [checked] = verifyEvidence([result([{ turn: 1, role: 'customer', quote: 'let me fix it' }])], turns);
    expect(checked).toMatchObject({ confidence: 'high', evidence: [{ turn: 2, role: 'agent', quote: 'Let me fix it' }] });
  });

  it('when an agent criterion quotes the customer, then the quote is dropped and the criterion is low-confidence', () => {
    const [checked] = verifyEvidence([result([{ turn: 1, role: 'customer', quote: 'charged twice - for my March order' }])], turns);
    expect(checked).toMatchObject({ confidence: 'low', evidence: [] });
  });

  it('when the rubric says a criterion is about the customer or the whole call, then customer turns may back it', () => {
    const quote = { turn: 1, role: 'customer' as const, quote: 'charged twice - for my March order' };
    const rubric = [
      { key: 'calm', about: 'customer' as const },
      { key: 'outcome', about: 'call' as const },
      { key: 'empathy', about: null },
    ];
    const [calm, outcome, empathy] = verifyEvidence(
      [result([quote], { key: 'calm' }), result([quote], { key: 'outcome' }), result([quote])],
      turns,
      rubric,
    );
    expect(calm).toMatchObject({
      confidence: 'high',
      evidence: [{ turn: 1, role: 'customer', quote: 'charged   twice — for my March order' }],
    });
    expect(outcome).toMatchObject({ confidence: 'high', evidence: [{ turn: 1, role: 'customer' }] });
    expect(empathy).toMatchObject({ confidence: 'low', evidence: [] });
  });

  it('when a quote is invented, then it is dropped and the criterion is low-confidence', () => {
    const [checked] = verifyEvidence(
      [
        result([
          { turn: 2, role: 'agent', quote: 'I completely understand your frustration' },
          { turn: 2, role: 'agent', quote: 'Let me fix it.' },
        ]),
      ],
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

  it('when any run of 3 or more whole words of a turn is quoted, then it is found in that turn (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            role: fc.constantFrom<Role>('agent', 'customer'),
            words: fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9’']{0,7}[,.!?]?$/), { minLength: 3, maxLength: 12 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (ts, pick, a, b) => {
          const sent: Turn[] = ts.map((t) => ({ role: t.role, text: t.words.join(' ') }));
          const index = pick % ts.length;
          const words = ts[index]!.words;
          const from = a % (words.length - 2);
          const to = from + 3 + (b % (words.length - from - 2));
          const quote = words.slice(from, to).join(' ');
          if (!/[A-Za-z0-9]/.test(quote) || quote.includes('...')) return;
          const located = locateQuote(quote, sent, index);
          expect(located).not.toBeNull();
          expect(located!.turn).toBe(index);
          expect(sent[index]!.text).toContain(located!.quote);
        },
      ),
    );
  });
});

/**
 * The evidence rules as data: a quote, the turns it is checked against (the agent's unless `role` says
 * otherwise), and what verifies (the transcript's wording) or null (dropped).
 */
const A = (text: string): Turn => ({ role: 'agent', text });
const C = (text: string): Turn => ({ role: 'customer', text });
const RULES: { rule: string; quote: string; turns: Turn[]; roles?: Role[]; expected: string | null }[] = [
  { rule: 'a one-word quote of a longer turn', quote: 'a', turns: [A('I have a refund for you.')], expected: null },
  { rule: 'a two-word quote of a longer turn', quote: 'how can', turns: [A('Hi, how can I help?')], expected: null },
  { rule: 'a one-word turn quoted whole', quote: 'Absolutely.', turns: [A('Absolutely!')], expected: 'Absolutely' },
  { rule: 'a two-word turn quoted whole', quote: 'no problem', turns: [A('No problem.')], expected: 'No problem' },
  {
    rule: 'three words inside a word ("show" holds "how")',
    quote: 'how you the',
    turns: [A('Let me show you the refund.')],
    expected: null,
  },
  { rule: 'a quote ending inside a word', quote: 'I can see the charg', turns: [A('I can see the charges now.')], expected: null },
  { rule: 'a quote stopping before "n\'t"', quote: 'I can help with', turns: [A("I can't help with that today.")], expected: null },
  { rule: 'three whole words', quote: 'see the charges', turns: [A('I can see the charges now.')], expected: 'see the charges' },
  { rule: 'typographic apostrophes and case', quote: "i can't help", turns: [A('I can’t help with that.')], expected: 'I can’t help' },
  {
    rule: 'an elision that removes "not"',
    quote: 'I will … refund it today',
    turns: [A('I will not be able to refund it today.')],
    expected: null,
  },
  {
    rule: 'an elision that removes "n\'t"',
    quote: 'we can … fix it this week',
    turns: [A("We can tell you we can't fix it this week.")],
    expected: null,
  },
  {
    rule: 'an elision that removes "never"',
    quote: 'the engineer ... turned up on time',
    turns: [A('The engineer never turned up on time.')],
    expected: null,
  },
  {
    rule: 'an elision that removes "unable"',
    quote: 'we were … to process the refund',
    turns: [A('We were unable to process the refund.')],
    expected: null,
  },
  {
    rule: 'an elision that removes no negation',
    quote: "I'm so sorry … let me fix it",
    turns: [A("I'm so sorry about that, it's on us. Let me fix it.")],
    expected: "I'm so sorry … Let me fix it",
  },
  {
    rule: 'the nearest first part is taken, so an earlier negation does not count',
    quote: 'I will … refund it today',
    turns: [A('I will not stop. I will make sure to refund it today.')],
    expected: 'I will … refund it today',
  },
  { rule: 'two elisions', quote: 'I … sorry … fix it', turns: [A("I'm so sorry, let me fix it.")], expected: null },
  {
    rule: 'an ellipsis at either edge is not an elision',
    quote: '…let me fix it...',
    turns: [A("I'm so sorry, let me fix it.")],
    expected: 'let me fix it',
  },
  { rule: 'parts out of order', quote: 'let me fix it … so sorry', turns: [A("I'm so sorry, let me fix it.")], expected: null },
  {
    rule: 'a customer sentence for an agent behaviour',
    quote: 'I understand this is frustrating',
    turns: [A('Let me check.'), C('I understand this is frustrating for you too.')],
    expected: null,
  },
  {
    rule: 'a customer sentence for a customer criterion',
    quote: 'thanks, that works',
    turns: [A('Done.'), C('Thanks, that works!')],
    roles: ['customer'],
    expected: 'Thanks, that works',
  },
  { rule: 'full-width letters in the quote', quote: 'ｌｅｔ ｍｅ ｆｉｘ it', turns: [A('Let me fix it.')], expected: 'Let me fix it' },
  {
    rule: 'zero-width characters in the turn',
    quote: 'let me fix it',
    turns: [A('Let\u200B me fix\u2060 it.')],
    expected: 'Let\u200B me fix\u2060 it',
  },
  {
    rule: 'composed and decomposed accents',
    quote: 'your café order',
    turns: [A('Your cafe\u0301 order is here.')],
    expected: 'Your cafe\u0301 order',
  },
  { rule: 'an invented sentence', quote: 'I truly feel your pain', turns: [A('Let me fix it.')], expected: null },
];

describe('evidence rules (as data)', () => {
  it.each(RULES)('when $rule, then the quote verifies as $expected', ({ quote, turns: ts, roles, expected }) => {
    const located = locateQuote(quote, ts, 0, roles ?? ['agent']);
    expect(located?.quote ?? null).toBe(expected);
  });
});
