import { describe, expect, it } from 'vitest';
import { expectAppError } from './expect-app-error.ts';
import { parseText } from '../../src/ingest/parse-text.ts';
import { readFixtureText } from './read-fixture.ts';

describe('parseText', () => {
  it('when given Speaker: lines with a title, continuation lines, a time, a URL and a Note: line, then only real labels start turns', () => {
    expect(parseText(readFixtureText('call.txt'))).toEqual([
      { speaker: 'Sarah', text: 'Thank you for calling Acme Billing, this is Sarah. How can I help?' },
      {
        speaker: 'Customer',
        text:
          "Yeah, hi. I've been charged twice for the same order. I checked my statement this morning and there are two " +
          'payments of $1,250.00. 10:30 this morning, both of them. Note: this is the second time this year.',
      },
      { speaker: 'Sarah', text: "I'm sorry to hear that. Let me pull up the account. What's the email on it?" },
      { speaker: 'Customer', text: 'dana.lee@example.org' },
      { speaker: 'Sarah', text: 'Thanks, Dana. And which card was it charged to?' },
      { speaker: 'Customer', text: 'The Visa, 4111 1111 1111 1111.' },
      {
        speaker: 'Sarah',
        text: "Got it. I can see the duplicate and I've raised a refund, reference 884213. You can track it at https://acme.example.com/refunds",
      },
      { speaker: 'Customer', text: 'Fine. If anything goes wrong call me on 555-201-4477.' },
      { speaker: 'Sarah', text: 'Will do. Is there anything else I can help with?' },
      { speaker: 'Customer', text: "No, that's all." },
    ]);
  });

  it('when lines carry [hh:mm:ss] before or (mm:ss) after the speaker, then the time becomes the start', () => {
    expect(parseText(readFixtureText('call-timestamped.txt'))).toEqual([
      { speaker: 'Agent', text: "Thanks for calling Acme, you're through to Tom.", start: 2 },
      { speaker: 'Caller', text: "Hi Tom, I've been billed twice this month and I'm not happy.", start: 6 },
      { speaker: 'Agent', text: "I'm sorry. Can I take a phone number for the account?", start: 11 },
      { speaker: 'Caller', text: "It's 555.201.4477, and my email is sam.rivera@example.com.", start: 15 },
      { speaker: 'Caller', text: "The card ends in... actually, it's 378282246310005.", start: 21 },
      {
        speaker: 'Agent',
        text: "Thank you. I've refunded the second payment and sent a confirmation to your email.",
        start: 30,
      },
    ]);
  });

  it('when a speaker line has no text and the text follows on the next line, then the text joins that speaker', () => {
    expect(parseText('Agent:\nHello there\nCustomer:   Hi\n')).toEqual([
      { speaker: 'Agent', text: 'Hello there' },
      { speaker: 'Customer', text: 'Hi' },
    ]);
  });

  it('when a line starts with a sentence ending in a colon, then it continues the previous turn', () => {
    expect(parseText('Customer: I called twice.\nAnd then she said: no refunds\n')).toEqual([
      { speaker: 'Customer', text: 'I called twice. And then she said: no refunds' },
    ]);
  });

  it('when no line has a speaker label, then it throws transcript_no_speakers', () => {
    expectAppError(() => parseText(readFixtureText('no-speakers.txt')), 'transcript_no_speakers');
  });
});
