import { describe, expect, it } from 'vitest';
import type { CriterionResult, ScoreRequest, Turn } from '../../src/domain/types.ts';
import { createEmbeddedScorer, EMBEDDED_MODEL } from '../../src/scoring/embedded-scorer.ts';
import { callTypes, goodCall, seedRubric } from './fixtures/seed-rubric.ts';

const A = (text: string): Turn => ({ role: 'agent', text });
const C = (text: string): Turn => ({ role: 'customer', text });

const scorer = createEmbeddedScorer({ now: () => 0 });
const score = (turns: Turn[], overrides: Partial<ScoreRequest> = {}) =>
  scorer.score({ turns, rubric: seedRubric, callType: 'escalation', callTypes, maskNames: [], ...overrides });
const criterion = async (turns: Turn[], key: string): Promise<CriterionResult> => {
  const result = await score(turns);
  const found = result.criteria.find((c) => c.key === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};

const frustratedOpening = [
  A('Thanks for calling, how can I help?'),
  C("This is the third time I'm calling about my internet! It keeps dropping and nobody has fixed it. It's ridiculous."),
];

describe('embedded scorer: frustration', () => {
  it.each([
    ['a calm question', 'Hi, I would like to check when my next bill is due.', 'none'],
    ['mild annoyance', "I'm a bit annoyed, the app logged me out.", 'mild'],
    ['repeat contact, anger words and exclamations', "This is the third time I've called! It's RIDICULOUS, I want a supervisor!", 'high'],
  ])('when the customer shows %s, then frustration is read as %s', async (_, text, expected) => {
    const result = await score([A('Hello, how can I help?'), C(text), A('Let me check that for you.')]);
    expect(result.frustration).toBe(expected);
  });
});

describe('embedded scorer: empathy (intent, before the first solution step)', () => {
  const withTurn = (agent: string) => [...frustratedOpening, A(agent), C('Okay.')];

  it.each([
    "I'm so sorry you've had to call three times about this, that sounds really frustrating. Let me get it fixed.",
    'I can see why that would be concerning. Let me run a line test.',
    "That sounds stressful, especially when you work from home. I'll run a line test now.",
    'I understand how frustrating it is to keep losing your connection. Let me check the line.',
    "No wonder you're upset after all that. I'll check the line now.",
  ])('when the agent acknowledges the experience before acting ("%s"), then empathy is 5', async (agent) => {
    expect((await criterion(withTurn(agent), 'empathy')).level).toBe(5);
  });

  it('when the agent jumps straight to the fix despite frustration cues, then empathy is 1, the evidence is the agent’s words and the rationale names the cue', async () => {
    const result = await criterion([...frustratedOpening, A("Let me run a line test. I'll reset your router remotely.")], 'empathy');
    expect(result.level).toBe(1);
    expect(result.evidence.length).toBeGreaterThan(0);
    expect(result.evidence.every((e) => e.role === 'agent')).toBe(true);
    expect(result.rationale).toContain('third time');
  });

  it('when the acknowledgement only comes after the solution step, then empathy is lower than when it comes first', async () => {
    const after = await criterion(
      [...frustratedOpening, A("Let me run a line test. I'm sorry you've had to call three times.")],
      'empathy',
    );
    const first = await criterion(
      [...frustratedOpening, A("I'm sorry you've had to call three times. Let me run a line test.")],
      'empathy',
    );
    // Tied to what this customer said (their three calls), not yet a reflection of what they feel: 4 before the step.
    expect(after.level).toBe(3);
    expect(first.level).toBe(4);
  });

  it('when the agent only says a stock apology, then empathy is below a real acknowledgement', async () => {
    const stock = await criterion(withTurn('Sorry for the inconvenience. Let me run a line test.'), 'empathy');
    const genuine = await criterion(withTurn("I'm so sorry you've had to call three times. Let me run a line test."), 'empathy');
    expect(stock.level).toBeLessThanOrEqual(3);
    expect(stock.level).toBeLessThan(genuine.level!);
  });
});

describe('embedded scorer: active listening', () => {
  const customer = C('My internet drops every evening around 8pm and the router light turns orange when it happens.');
  it('when the agent reflects the customer’s specifics back, then listening scores above a curt reply', async () => {
    const reflected = await criterion(
      [
        A('Hello, how can I help?'),
        customer,
        A(
          'Just to confirm, the connection drops every evening around 8pm and the router light turns orange? How long has this been happening?',
        ),
      ],
      'active_listening',
    );
    const curt = await criterion([A('Hello, how can I help?'), customer, A('Okay.')], 'active_listening');
    expect(reflected.level).toBeGreaterThanOrEqual(4);
    expect(curt.level).toBe(1);
    expect(reflected.evidence[0]?.quote).toContain('Just to confirm');
  });
});

describe('embedded scorer: tone consistency', () => {
  const escalation = [
    ...frustratedOpening,
    A('Thank you for explaining, let me look at the line.'),
    C("I don't want excuses! Get me a supervisor NOW!"),
  ];
  it('when the agent stays courteous while the customer escalates, then tone is 5; blaming words drop it', async () => {
    const courteous = await criterion(
      [...escalation, A("Of course, I understand. I'll arrange that now, and thank you for your patience."), C('Okay, thank you.')],
      'tone',
    );
    const blaming = await criterion([...escalation, A("Calm down. As I said, that's not my problem."), C('Okay, thank you.')], 'tone');
    const policy = await criterion([...escalation, A('Policy says I cannot transfer you.'), C('Okay, thank you.')], 'tone');
    expect(courteous.level).toBe(5);
    expect(blaming.level).toBe(1);
    expect(policy.level).toBe(2);
    expect(blaming.evidence.some((e) => e.quote.startsWith('Calm down'))).toBe(true);
  });
});

describe('embedded scorer: problem resolution', () => {
  const opening = [A('Hello, how can I help?'), C('I was charged twice for my order.')];
  it('when the agent states a concrete completed action and the customer confirms, then resolution is 5 and beats a vague answer', async () => {
    const concrete = await criterion(
      [...opening, A("I've processed a refund of $49.99, reference RF-20931."), C('Great, thank you.')],
      'resolution',
    );
    const unconfirmed = await criterion([...opening, A("I've processed a refund of $49.99, reference RF-20931.")], 'resolution');
    const vague = await criterion([...opening, A("I don't know, someone will look into it.")], 'resolution');
    expect(concrete.level).toBe(5);
    expect(unconfirmed.level).toBe(4);
    expect(vague.level).toBe(1);
    expect(concrete.evidence[0]).toMatchObject({ turn: 2, role: 'agent' });
  });
});

describe('embedded scorer: close and follow-through', () => {
  const body = [A('Hello, how can I help?'), C("I can't log in to my account."), A("I've reset your password.")];
  it('when the agent recaps, confirms next steps with a timeline and says goodbye, then close is 5; an abrupt end is not', async () => {
    const full = await criterion(
      [
        ...body,
        A("To recap, your password is reset and you'll get an email within 10 minutes. Is there anything else I can help with?"),
        C('No, thanks.'),
        A('Thanks for calling, have a great day.'),
      ],
      'close',
    );
    const abrupt = await criterion([...body, C('Okay.'), A('Okay.')], 'close');
    expect(full.level).toBe(5);
    expect(abrupt.level).toBeLessThanOrEqual(2);
  });
});

describe('embedded scorer: call type, labels, determinism', () => {
  it('when no call type is given, then a frustrated call is an escalation and a calm billing question is basic inbound', async () => {
    expect((await score(goodCall, { callType: null })).callType).toBe('escalation');
    const calm = await score(
      [A('Hello, how can I help?'), C('I have a question about billing on my last order.'), A('Of course, let me check.')],
      { callType: null },
    );
    expect(calm.callType).toBe('basic_inbound');
  });

  it('when any call is scored, then the output says it is the embedded offline scorer', async () => {
    const result = await score(goodCall);
    expect(result).toMatchObject({ scorer: 'embedded', model: EMBEDDED_MODEL, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(result.summary).toContain('Embedded offline scorer');
    for (const c of result.criteria) expect(c.rationale).toContain('Embedded offline scorer');
  });

  it('when the same call is scored twice, then the output is identical and every quote is verbatim from its turn', async () => {
    const first = await score(goodCall);
    const second = await score(goodCall);
    expect(second).toEqual(first);
    for (const c of first.criteria) {
      for (const e of c.evidence) {
        expect(goodCall[e.turn]?.text).toContain(e.quote);
        expect(goodCall[e.turn]?.role).toBe(e.role);
      }
    }
    expect(first.overall).toBe(100);
  });
});
