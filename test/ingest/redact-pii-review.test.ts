import { describe, expect, it } from 'vitest';
import { redactPii } from '../../src/ingest/redact-pii.ts';

const redacted = (text: string): string => redactPii(text).text;

describe('redactPii on spellings found in review', () => {
  it.each([
    ['it is 4242, 4242, 4242, 4242.', 'it is [CARD].'],
    ['4242 - 4242 - 4242 - 4242', '[CARD]'],
    ['4242. 4242. 4242. 4242', '[CARD]'],
    ['4242  4242  4242  4242', '[CARD]'],
    ['4242/4242/4242/4242', '[CARD]'],
    ['amex 3782, 822463, 10005', 'amex [CARD]'],
  ])('when speech-to-text separates card groups loosely (%j), then the card is redacted', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    ['+49 30 1234567', '[PHONE]'],
    ['+33 612345678', '[PHONE]'],
    ['0044 20 7946 0958', '[PHONE]'],
    ['(312) 555 - 0199', '[PHONE]'],
    ['312 - 555 - 0199', '[PHONE]'],
    ['312-555-0199x12', '[PHONE]'],
  ])('when a phone number has long groups, a 00 prefix, spaced dashes or an extension (%j), then it is redacted', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    ['it is john dot smith at gmail dot com', 'it is [EMAIL]'],
    ['jane(at)example.com', '[EMAIL]'],
    ['j.smith at example.co.uk thanks', '[EMAIL] thanks'],
  ])('when an email is spoken (%j), then it is redacted', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    ['SSN 078051120', 'SSN [SSN]'],
    ['my social security number is 078051120.', 'my social security number is [SSN].'],
    ['ssn: 078.05.1120', 'ssn: [SSN]'],
  ])('when an SSN is dotted or bare after "SSN"/"social" (%j), then it is redacted', (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    'visit us at northside dot com',
    'I was at home. Com on',
    'the total was 1,250, 300, 450',
    'the bill was $125.50, then $99.99',
    'arrived at 9:30, 10:45 and 11:15',
    'order 100234, 100235 and 100236',
    'I paid 300, 200 and 150 on 12/03/2024',
    'order 123456789 shipped',
  ])('when the text holds ordinary numbers or a website (%j), then it is unchanged', (text) => {
    expect(redacted(text)).toBe(text);
  });
});
