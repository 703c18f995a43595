import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../src/ingest/parse-srt.ts';
import { readFixtureText } from './read-fixture.ts';

describe('parseSrt', () => {
  it('when given numbered cues with Name: prefixes and tags, then each cue is a turn with tags stripped and lines joined', () => {
    expect(parseSrt(readFixtureText('call.srt'))).toEqual([
      { speaker: 'Agent', text: 'Thank you for calling Acme Billing, this is Priya speaking.', start: 1 },
      { speaker: 'Customer', text: "Finally. I've been on hold for forty minutes and you've charged me twice.", start: 4.5 },
      { speaker: 'Agent', text: "I'm sorry about the wait. Can I have your email address?", start: 9.2 },
      { speaker: 'Customer', text: 'j.okafor@example.net. And the card is 5555 5555 5555 4444.', start: 13.5 },
      { speaker: 'Customer', text: 'Please just fix it.', start: 18 },
      {
        speaker: 'Agent',
        text: "Of course. I've reversed the second charge. If you need us, call 555-867-5309.",
        start: 20.5,
      },
    ]);
  });

  it('when the file uses CRLF line ends and {\\an8} overrides, then it parses the same', () => {
    const srt =
      '1\r\n00:00:01,250 --> 00:00:03,000\r\n{\\an8}Agent: Hello\r\n\r\n2\r\n00:00:03,500 --> 00:00:05,000\r\n<font color="#fff">Customer:</font> Hi\r\n';
    expect(parseSrt(srt)).toEqual([
      { speaker: 'Agent', text: 'Hello', start: 1.25 },
      { speaker: 'Customer', text: 'Hi', start: 3.5 },
    ]);
  });

  it('when a cue has no speaker prefix, then its speaker is null', () => {
    expect(parseSrt('1\n00:00:01,000 --> 00:00:02,000\n(phone rings)\n')).toEqual([{ speaker: null, text: '(phone rings)', start: 1 }]);
  });
});

describe('parseSrt with bracketed speaker labels', () => {
  it('when cues start with [Agent] and [Customer], then those are the speakers', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:03,000\n[Agent] Thanks for calling.\n\n2\n00:00:04,000 --> 00:00:06,000\n[Customer] I was charged twice.\n';
    expect(parseSrt(srt)).toEqual([
      { speaker: 'Agent', text: 'Thanks for calling.', start: 1 },
      { speaker: 'Customer', text: 'I was charged twice.', start: 4 },
    ]);
  });
});
