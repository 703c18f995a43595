/**
 * The classes of customer data that reached the database and the model in samples nobody here wrote
 * (issue 18): a number continued after the agent's filler, an ask carried forward over several turns
 * and a follow-up ("and your partner's?"), "double"/"triple" in every group, and customer data read
 * back by the agent. Each class on its own, then the whole corpus (which plants one of them in every
 * call) through the one redaction every entry point runs.
 */
import { describe, expect, it } from 'vitest';

import { redactTurns } from '../../src/ingest/redact-pii.ts';
import { buildPiiCorpus } from '../fixtures/pii/corpus.ts';
import { found } from '../fixtures/pii/corpus-check.ts';

type Said = readonly [role: 'agent' | 'customer', text: string];
const redact = (turns: readonly Said[], keepNames: string[] = ['Ana Ruiz', 'Ana']): string[] =>
  redactTurns(
    turns.map(([role, text]) => ({ role, text })),
    { keepNames },
  ).turns.map((turn) => turn.text);

describe("numbers continued after the agent's filler", () => {
  for (const filler of ['go on', 'yes', 'okay', 'mm-hm, go ahead', 'yep, carry on', "okay, I'm writing it down"]) {
    it(`when a card is read in two halves with "${filler}" between, then both halves are one [CARD]`, () => {
      const out = redact([
        ['agent', 'Can I take the card number?'],
        ['customer', "It's four one one one, one one one one"],
        ['agent', filler],
        ['customer', 'one one one one, one one one one.'],
      ]);
      expect(out).toEqual(['Can I take the card number?', "It's [CARD]", filler, '[CARD].']);
    });
  }

  it('when the agent echoes the first half before asking for the rest, then the echo is redacted too', () => {
    const out = redact([
      ['agent', 'And the long number on the card?'],
      ['customer', '4111 1111'],
      ['agent', '4111 1111, yes, go on'],
      ['customer', 'then 1111 1111'],
    ]);
    expect(out.join('\n')).not.toMatch(/4111|1111 1111/);
  });
});

describe('what the agent asked for holds over the answers that follow', () => {
  it("when a social security number comes two turns after the ask, spoken in its groups, then it is [SSN], and so is the partner's", () => {
    const out = redact([
      ['agent', 'I need your social security number for this.'],
      ['customer', "Hang on, it's in my wallet."],
      ['agent', 'No rush.'],
      ['customer', 'Okay. one two three, four five, six seven eight nine.'],
      ['agent', "Thanks. And your partner's?"],
      ['customer', 'Hers is two three four, double five, six seven eight nine.'],
    ]);
    expect(out[3]).toBe('Okay. [SSN].');
    expect(out[5]).toBe('Hers is [SSN].');
  });

  it('when a National Insurance number is spoken in its groups after a pause, then it is [NINO]', () => {
    const out = redact([
      ['agent', "What's your National Insurance number?"],
      ['customer', 'Give me a second.'],
      ['agent', 'Sure.'],
      ['customer', 'It is a b, one two, three four, double five, c.'],
    ]);
    expect(out[3]).toBe('It is [NINO].');
  });

  it('when the agent moves on to another question, then a later number is not taken for the old ask', () => {
    const out = redact([
      ['agent', 'Your social security number?'],
      ['customer', "It's 123-45-6789."],
      ['agent', 'How many items were in the parcel?'],
      ['customer', 'About 250 items in 12 boxes, all 30 kilograms.'],
    ]);
    expect(out[3]).toBe('About 250 items in 12 boxes, all 30 kilograms.');
  });

  it('when an order number and a time are said while the ask is open, then they stay readable', () => {
    const out = redact([
      ['agent', 'And your number please?'],
      ['customer', 'One moment, I was looking at order 88812345 and I am free after 3:30.'],
      ['agent', 'Sure.'],
      ['customer', 'oh seven seven double oh, nine double oh, one double two.'],
    ]);
    expect(out[1]).toBe('One moment, I was looking at order 88812345 and I am free after 3:30.');
    expect(out[3]).toBe('[PHONE].');
  });
});

describe('"double" and "triple" in every group', () => {
  it('when a phone number has a repeat in every group, then it is one [PHONE]', () => {
    expect(
      redact([
        ['agent', 'Your number please?'],
        ['customer', 'oh double seven double oh, nine double oh, triple five'],
      ])[1],
    ).toBe('[PHONE]');
  });

  it('when "double o" is said with the letter, then it reads as zeros, and "five o\'clock" stays a time', () => {
    const out = redact([
      ['agent', 'Best number to reach you?'],
      ['customer', "oh seven seven double o nine double o one two three, after five o'clock"],
    ]);
    expect(out[1]).toBe("[PHONE], after five o'clock");
  });
});

describe('customer data read back by the agent', () => {
  it('when the agent reads the customer\'s number back ("a text at …"), then it is redacted in the agent\'s turn', () => {
    const out = redact([
      ['agent', 'And your number please?'],
      ['customer', 'oh seven seven double oh, nine double oh, one double two'],
      ['agent', "You'll get a text at oh seven seven double oh, nine double oh, one double two shortly."],
    ]);
    expect(out[2]).toBe("You'll get a text at [PHONE] shortly.");
  });

  it("when the agent reads back the card ending, the email, the address and the name, then each is redacted and the agent's own name stays", () => {
    const out = redact([
      ['agent', 'Thank you for calling Northside, this is Ana.'],
      ['customer', 'Hi, my name is Jane Quince. My card is 4111 1111 1111 1111.'],
      ['customer', 'Email jane.quince@example.com and I live at 12 Acacia Avenue, Leeds LS1 4DY.'],
      [
        'agent',
        "Thanks Mrs Quince. So that's the card ending 1111, the email jane.quince@… and 12 acacia avenue. Ana here, anything else?",
      ],
    ]);
    expect(out[3]).toBe("Thanks Mrs [NAME]. So that's the card ending [CARD], the email [EMAIL]… and [ADDRESS]. Ana here, anything else?");
    expect(out[0]).toBe('Thank you for calling Northside, this is Ana.');
  });

  it('when the agent names the customer by an honorific the customer never said, then the name is redacted', () => {
    expect(
      redact([
        ['agent', 'Am I speaking with Mr Bartholomew Wrenfield?'],
        ['customer', 'Yes.'],
      ])[0],
    ).toBe('Am I speaking with Mr [NAME]?');
  });

  it("when a customer says the agent's name as if it were theirs, then the agent's configured name still stays", () => {
    expect(
      redact([
        ['customer', "It's Ana, right? I'm Ana too."],
        ['agent', 'Yes, Ana speaking.'],
      ]),
    ).toEqual(["It's Ana, right? I'm Ana too.", 'Yes, Ana speaking.']);
  });
});

describe('the corpus with these classes in every call', () => {
  it('when the corpus is redacted, then no planted value is left, read back or not, and every decoy is intact', () => {
    const corpus = buildPiiCorpus(105, 21);
    const leaks: string[] = [];
    const lost: string[] = [];
    for (const call of corpus) {
      const names = call.customerLabel === 'Customer' ? [] : [call.customerName];
      const text = redactTurns(call.turns, { names, keepNames: ['Ana Ruiz', 'Ana'] })
        .turns.map((turn) => turn.text)
        .join('\n');
      for (const value of call.planted)
        if (value.probes.some((probe) => found(text, probe))) leaks.push(`${call.id} ${value.category} ${value.said}`);
      for (const decoy of call.decoys) if (!text.includes(decoy.text)) lost.push(`${call.id} ${decoy.kind} ${decoy.text}`);
    }
    expect(corpus.flatMap((call) => call.planted).length).toBeGreaterThan(500);
    expect(leaks).toEqual([]);
    expect(lost).toEqual([]);
  });
});
