import { describe, expect, it } from 'vitest';
import type { CriterionResult, ScoreResult, Turn } from '../../src/domain/types.ts';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from '../../src/config/default-rubric.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { catCustomer, catRule, catSympathy } from './fixtures/paired-calls.ts';

// Empathy as the method defines it (docs/decisions/0033): credit rises from any acknowledgement, to one tied to
// what this customer said, to a reflection of what they feel or a question exploring it, before the resolution;
// blame, dismissal, policy-hiding and an acknowledgement taken back reduce it; emotion cues are sadness, worry,
// grief and disappointment as much as anger.

const A = (text: string): Turn => ({ role: 'agent', text });
const C = (text: string): Turn => ({ role: 'customer', text });

const rubric = { version: 1, criteria: DEFAULT_CRITERIA.map((criterion) => ({ ...criterion })) };
const callTypes = DEFAULT_CALL_TYPES.map((callType) => ({ ...callType }));
const scorer = createEmbeddedScorer({ now: () => 0 });
const score = (turns: Turn[]): Promise<ScoreResult> => scorer.score({ turns, rubric, callType: null, callTypes, maskNames: [] });
const criterion = async (turns: Turn[], key: string): Promise<CriterionResult> => {
  const found = (await score(turns)).criteria.find((c) => c.key === key);
  if (found === undefined) throw new Error(`no ${key}`);
  return found;
};
const empathyOf = async (customer: string, agent: string): Promise<number> => {
  const result = await criterion([C(customer), A(agent)], 'empathy');
  if (result.level === null) throw new Error('empathy not scored');
  return result.level;
};

const cat = catCustomer;

describe('embedded scorer: empathy as the method defines it', () => {
  it('when a customer grieving their cat gets sympathy about the cat or only the filing rule, then the sympathy scores higher on empathy', async () => {
    const sympathy = await criterion([C(cat), A(catSympathy)], 'empathy');
    const rule = await criterion([C(cat), A(catRule)], 'empathy');
    expect(sympathy.level!).toBeGreaterThan(rule.level!);
    expect(sympathy.level).toBeGreaterThanOrEqual(4);
    expect(rule.level).toBe(1);
    expect(rule.rationale).not.toMatch(/acknowledged/);
    expect(rule.rationale).toMatch(/policy-first/);
    expect(sympathy.evidence.map((e) => e.quote)).toContain('Losing a pet is a really tough thing to go through');
  });

  it('when replies climb the rungs (none, stock, tied to what they said, a reflection or an exploring question), then each scores at least the one below and the ends differ', async () => {
    const customer = "I've been so worried since my dad went into hospital, and the visiting hours keep changing without warning.";
    const levels = [
      await empathyOf(customer, 'Visiting hours are on the website.'),
      await empathyOf(customer, 'Sorry for the inconvenience. Visiting hours are on the website.'),
      await empathyOf(customer, "I'm sorry the visiting hours keep changing on you. They are on the website."),
      await empathyOf(customer, 'It sounds like you must be really anxious about your dad. The visiting hours are on the website.'),
      await empathyOf(
        customer,
        'That sounds really hard, worrying about your dad. How are you holding up? The visiting hours are on the website.',
      ),
    ];
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]!, `rung ${i}`).toBeGreaterThanOrEqual(levels[i - 1]!);
    expect(levels[0]).toBe(1);
    expect(levels[4]).toBe(5);
    expect(levels[2]!).toBeGreaterThan(levels[1]!);
  });

  it.each([
    ['sadness', "I feel so alone since my wife passed away and I can't face sorting out her account."],
    ['worry', "I'm really worried I'll lose the house if this payment doesn't go through."],
    ['disappointment', "Honestly I'm disappointed, I trusted you with my wedding photos and they're gone."],
  ])(
    'when the customer shows %s (no anger words) and the agent goes straight to procedure, then empathy is 1, not the calm-call level',
    async (_, customer) => {
      const result = await criterion([C(customer), A('Please send the account number and the date of the last payment.')], 'empathy');
      expect(result.level).toBe(1);
      expect(result.rationale).toMatch(/no acknowledgement of what the customer feels/);
    },
  );

  it('when an acknowledgement stands alone, then it is never worse than none, for a calm or an upset customer', async () => {
    for (const customer of [
      'Hi, I would like to update my address.',
      "I'm upset, my parcel never arrived and it was a birthday present.",
    ]) {
      const none = await empathyOf(customer, 'Please give me the new address.');
      const stock = await empathyOf(customer, 'I understand. Please give me the new address.');
      expect(stock, customer).toBeGreaterThanOrEqual(none);
    }
  });

  it('when an acknowledgement is taken back by a refusal right after it, or followed by blame, then it scores below the same acknowledgement kept', async () => {
    const customer = "I'm so stressed, my card was blocked abroad and I can't pay for the hotel.";
    const kept = await empathyOf(customer, 'That sounds really stressful, being stuck abroad without your card. Let me unblock it now.');
    const takenBack = await empathyOf(
      customer,
      "That sounds really stressful, being stuck abroad without your card. However, we can't unblock cards over chat.",
    );
    const blamed = await empathyOf(
      customer,
      'That sounds really stressful, being stuck abroad without your card. You should have told us you were travelling.',
    );
    expect(takenBack).toBeLessThan(kept);
    expect(blamed).toBeLessThanOrEqual(2);
  });

  it('when the customer shows no emotion and the agent makes no acknowledgement, then empathy is the middle level with low confidence, and it names why', async () => {
    const result = await criterion([C('Hi, can you tell me when my next bill is due?'), A('It is due on the 14th of March.')], 'empathy');
    expect(result.level).toBe(3);
    expect(result.confidence).toBe('low');
    expect(result.rationale).toMatch(/no emotion cues/);
  });
});

describe('embedded scorer: the other criteria say when the call gives them nothing to judge', () => {
  it('when the agent gives a single reply with no closing words, then close does not apply; with "good luck" it is scored', async () => {
    const bare = await criterion([C(cat), A("I'm sorry to hear about your cat.")], 'close_follow_through');
    const wished = await criterion([C(cat), A("I'm sorry to hear about your cat. Good luck with the claim.")], 'close_follow_through');
    expect(bare).toMatchObject({ applicable: false, level: null, score: null });
    expect(bare.rationale).toMatch(/single reply/);
    expect(wished.applicable).toBe(true);
    expect(wished.level).toBeGreaterThanOrEqual(2);
  });

  it('when the agent shows neither courtesy nor warmth nor blame, then tone is low-confidence; warmth makes it evidenced and higher', async () => {
    const flat = await criterion([C(cat), A('The claim was received on the 3rd.')], 'tone_consistency');
    const warm = await criterion([C(cat), A("I'm so sorry about your cat. The claim was received on the 3rd.")], 'tone_consistency');
    expect(flat.confidence).toBe('low');
    expect(warm.confidence).toBe('high');
    expect(warm.level!).toBeGreaterThan(flat.level!);
  });
});

describe('embedded scorer: resolution in task dialogues counts setbacks on the way', () => {
  const smooth: Turn[] = [
    C('I need a table for four tonight at an Italian place in the centre.'),
    A('Pizza Roma has a table for four at 7pm. Shall I book it?'),
    C('Yes please.'),
    A("I've booked it, your reference is TR-4821."),
    C('Thank you, goodbye.'),
  ];
  const bumpy: Turn[] = [
    C('I need a table for four tonight at an Italian place in the centre.'),
    A("I'm sorry, there are no Italian restaurants available tonight."),
    C('Then any restaurant in the centre.'),
    A('I could not find a table for two in the north.'),
    C("No, I said four people, in the centre, that's not what I asked."),
    A("I've booked Pizza Roma for four at 7pm, your reference is TR-4821."),
    C('Thank you, goodbye.'),
  ];

  it('when both end booked and thanked but one had failed searches and a customer correction, then it scores lower on resolution and says why', async () => {
    const [good, rough] = await Promise.all([criterion(smooth, 'problem_resolution'), criterion(bumpy, 'problem_resolution')]);
    expect(rough.level!).toBeLessThan(good.level!);
    expect(rough.rationale).toMatch(/could not do or find what was asked/);
    expect(rough.rationale).toMatch(/1 customer correction/);
  });
});
