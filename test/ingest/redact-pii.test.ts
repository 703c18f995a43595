import { describe, expect, it } from 'vitest';
import type { Turn } from '../../src/domain/types.ts';
import { isLuhnValid } from '../../src/ingest/is-luhn-valid.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import { emptyRedactionCounts, redactPii, redactTurns, type RedactionCounts } from '../../src/ingest/redact-pii.ts';

const countsOf = (some: Partial<RedactionCounts>): RedactionCounts => ({ ...emptyRedactionCounts(), ...some });
import { readFixture } from './read-fixture.ts';

const redacted = (text: string): string => redactPii(text).text;

describe('isLuhnValid', () => {
  it('when given known test card numbers, then they pass and a changed digit fails', () => {
    for (const card of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117']) {
      expect(isLuhnValid(card)).toBe(true);
    }
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('4111 1111')).toBe(false);
  });
});

describe('redactPii', () => {
  it.each([
    ['4111111111111111', '[CARD]'],
    ['card 4111 1111 1111 1111 thanks', 'card [CARD] thanks'],
    ['4111-1111-1111-1111.', '[CARD].'],
    ['amex 3782 822463 10005', 'amex [CARD]'],
    ['qty 2 4111 1111 1111 1111', 'qty 2 [CARD]'],
    ['4111 1111 1111 1111 and 5555-5555-5555-4444', '[CARD] and [CARD]'],
  ])('when the text holds a Luhn-valid card (%j), then it becomes [CARD]', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it('when a 16-digit number fails the Luhn check, then it stays and is not eaten as a phone number', () => {
    expect(redactPii('ref 4111 1111 1111 1112')).toEqual({
      text: 'ref 4111 1111 1111 1112',
      counts: countsOf({ card: 0, email: 0, phone: 0, ssn: 0 }),
    });
  });

  it.each([
    ['mail jo.smith+billing@example.co.uk now', 'mail [EMAIL] now'],
    ['It is MARK_T99@Example.COM.', 'It is [EMAIL].'],
    ["o'brien@mail.example.ie", '[EMAIL]'],
  ])('when the text holds an email (%j), then it becomes [EMAIL]', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    ['call +44 20 7946 0958 today', 'call [PHONE] today'],
    ['+44 (0)20 7946 0958', '[PHONE]'],
    ['(555) 123-4567', '[PHONE]'],
    ['555-123-4567', '[PHONE]'],
    ['555.123.4567', '[PHONE]'],
    ['+1 555 123 4567', '[PHONE]'],
    ['1-800-555-0199', '[PHONE]'],
    ['5551234567', '[PHONE]'],
    ['020 7946 0958', '[PHONE]'],
    ['07700 900123', '[PHONE]'],
    ['dial 555-1234.', 'dial [PHONE].'],
  ])('when the text holds a phone number (%j), then it becomes [PHONE]', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    'The charge was $1,250.00 on 2024-03-12.',
    'Refund of 12500.00 on 12/03/2024 at 10:30.',
    'Order 884213 from 2019, and 2020 2021.',
    'Order 1234567 arrived.',
    'Tracking 1234567890123 is ready.',
    'Pi is 3.14159265, version 1.2.3.',
    'Call back between 9-5 or at 12.30.',
    'Ticket #55512 and room 123.',
  ])('when the text holds ordinary numbers (%j), then it is unchanged', (text) => {
    expect(redacted(text)).toBe(text);
  });

  it.each([
    ['SSN 123-45-6789.', 'SSN [SSN].'],
    ['it is 123 45 6789', 'it is [SSN]'],
  ])('when the text holds a US SSN (%j), then it becomes [SSN]', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each(['000-12-3456', '666-12-3456', '900-12-3456', '123-00-4567', '123-45-0000', '123-45 6789'])(
    'when an SSN-shaped number is invalid (%j), then it is not an SSN',
    (text) => {
      expect(redactPii(text).counts.ssn).toBe(0);
    },
  );

  it('when the text mixes PII, then each kind is counted', () => {
    expect(redactPii('Card 4111 1111 1111 1111, email a.b@example.com, phone (555) 123-4567 or 555-987-6543, SSN 219-09-9999.')).toEqual({
      text: 'Card [CARD], email [EMAIL], phone [PHONE] or [PHONE], SSN [SSN].',
      counts: countsOf({ card: 1, email: 1, phone: 2, ssn: 1 }),
    });
  });

  it('when two phone numbers touch, then both are redacted in one call', () => {
    expect(redactPii('555-123-4567(555) 123-4567 and 555-123-4567+44 20 7946 0958')).toEqual({
      text: '[PHONE][PHONE] and [PHONE][PHONE]',
      counts: countsOf({ card: 0, email: 0, phone: 4, ssn: 0 }),
    });
  });

  it.each([
    // 4000 000 / 1000 0000 1 (Luhn-valid 4000000100000001), read as two numbers that each look like a phone number.
    ['The card number is four oh oh oh oh oh oh, one oh oh oh oh oh oh oh one, thanks.', 'The card number is [CARD], thanks.'],
    ['The card number is 4000000... 100000001, thanks.', 'The card number is [CARD], thanks.'],
    ['My card is four oh oh oh... oh oh oh one... oh oh oh oh... oh oh oh one.', 'My card is [CARD].'],
    ['Long number on the card: 4, 000, 0001, 0000, 0001.', 'Long number on the card: [CARD].'],
  ])(
    'when a zero-heavy card is read with odd pauses after the card words (%s), then it is one [CARD], not phone numbers',
    (said, stored) => {
      expect(redactPii(said)).toEqual({ text: stored, counts: countsOf({ card: 1 }) });
    },
  );

  it('when two phone numbers follow the card words, or numbers follow with no card words, then they stay phone numbers', () => {
    expect(redactPii('Not the card, call me: 07700 900123, 07700 900456.').text).toBe('Not the card, call me: [PHONE], [PHONE].');
    expect(redactPii('My numbers are 07700 900123, 07700 900456, either works.').text).toBe(
      'My numbers are [PHONE], [PHONE], either works.',
    );
  });

  it('when an email holds digits that look like a phone, then it is one [EMAIL]', () => {
    expect(redactPii('jo5551234567@example.com')).toEqual({
      text: '[EMAIL]',
      counts: countsOf({ card: 0, email: 1, phone: 0, ssn: 0 }),
    });
  });
});

describe('redactTurns', () => {
  it.each(['zoom.vtt', 'teams.vtt', 'call.srt', 'call.txt', 'call-timestamped.txt', 'turns.json', 'turns-object.json'])(
    'when the %s fixture is redacted, then its card, email and phone are gone and counted',
    (name) => {
      const { turns: raw } = parseTranscript(readFixture(name), { fileName: name });
      const turns = raw.map((turn): Turn => ({ role: turn.role ?? 'customer', text: turn.text }));
      const result = redactTurns(turns);
      expect(result.counts.card).toBeGreaterThanOrEqual(1);
      expect(result.counts.email).toBeGreaterThanOrEqual(1);
      expect(result.counts.phone).toBeGreaterThanOrEqual(1);
      const text = result.turns.map((turn) => turn.text).join('\n');
      expect(text).not.toMatch(/@/);
      expect(text).not.toMatch(/\d{4}[ -]?\d{4}[ -]?\d{4}/);
      expect(text).toContain('[CARD]');
      expect(result.turns.map((turn) => turn.role)).toEqual(turns.map((turn) => turn.role));
    },
  );

  it('when turns are redacted, then roles and starts are kept and the input is not changed', () => {
    const turns = [
      { role: 'customer' as const, text: 'my email is a@b.co', start: 3 },
      { role: 'agent' as const, text: 'thanks', start: 5 },
    ];
    expect(redactTurns(turns)).toEqual({
      turns: [
        { role: 'customer', text: 'my email is [EMAIL]', start: 3 },
        { role: 'agent', text: 'thanks', start: 5 },
      ],
      counts: countsOf({ card: 0, email: 1, phone: 0, ssn: 0 }),
    });
    expect(turns[0]?.text).toBe('my email is a@b.co');
  });
});
