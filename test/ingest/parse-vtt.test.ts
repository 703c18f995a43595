import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/ingest/parse-vtt.ts';
import { readFixtureText } from './read-fixture.ts';

describe('parseVtt', () => {
  it('when given a Zoom export with Name: prefixes, then each cue is a turn with speaker, text and start', () => {
    expect(parseVtt(readFixtureText('zoom.vtt'))).toEqual([
      { speaker: 'Sarah Jones', text: 'Thank you for calling Acme, this is Sarah. How can I help you today?', start: 0.93 },
      {
        speaker: 'Mark Taylor',
        text: "Hi. I've been charged twice for the same order and I'm honestly pretty annoyed about it.",
        start: 5.8,
      },
      { speaker: 'Mark Taylor', text: 'This is the second time this has happened.', start: 12.4 },
      {
        speaker: 'Sarah Jones',
        text: "I'm really sorry about that, Mark. Let's get it sorted. Can I take the email on the account?",
        start: 15.6,
      },
      { speaker: 'Mark Taylor', text: "It's mark.taylor@example.com.", start: 21.9 },
      {
        speaker: 'Sarah Jones',
        text: "Thanks. And the card that was charged, so I know which payment we're looking at?",
        start: 26,
      },
      {
        speaker: 'Mark Taylor',
        text: '4111 1111 1111 1111. You can call me back on (555) 201-4477 if you need to.',
        start: 31.8,
      },
      {
        speaker: 'Sarah Jones',
        text: "I can see both charges of $1,250.00 on 12/03. I've refunded the duplicate; it'll be back in 3 to 5 business days.",
        start: 38.7,
      },
      { speaker: 'Mark Taylor', text: 'OK. Thank you.', start: 46.5 },
    ]);
  });

  it('when given a Teams export (BOM, CRLF, NOTE, STYLE, REGION, UUID ids, voice tags), then the voices become speakers and tags and entities are cleaned', () => {
    const agent = 'Sarah Jones (Acme Support)';
    expect(parseVtt(readFixtureText('teams.vtt'))).toEqual([
      { speaker: agent, text: 'Thank you for calling Acme, this is Sarah. How can I help?', start: 1.12 },
      { speaker: 'Mark Taylor', text: "I've been charged twice for one order & nobody called me back.", start: 6.01 },
      { speaker: 'Mark Taylor', text: "It's really frustrating.", start: 12 },
      { speaker: agent, text: 'I’m so sorry about that. Could you confirm the email on the account?', start: 15 },
      {
        speaker: 'Mark Taylor',
        text: "Sure, it's mark.taylor@example.com and my number is +44 20 7946 0958.",
        start: 19.5,
      },
      { speaker: agent, text: 'And the card you paid with?', start: 26.5 },
      { speaker: 'Mark Taylor', text: '4111-1111-1111-1111.', start: 26.5 },
      { speaker: agent, text: "Thanks. I've refunded the duplicate charge of $89.99 <today>.", start: 62 },
    ]);
  });

  it('when the header has text after WEBVTT and timings are mm:ss.ttt, then cues still parse', () => {
    const vtt = 'WEBVTT - Zoom call\n\n00:01.500 --> 00:04.000\n<v Agent>Hello</v>\n\n01:02:03.004 --> 01:02:05.000\n<v Customer>Hi';
    expect(parseVtt(vtt)).toEqual([
      { speaker: 'Agent', text: 'Hello', start: 1.5 },
      { speaker: 'Customer', text: 'Hi', start: 3723.004 },
    ]);
  });

  it('when a cue has no voice and no Name: prefix, then its speaker is null', () => {
    expect(parseVtt('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n[music]')).toEqual([{ speaker: null, text: '[music]', start: 1 }]);
  });

  it('when unvoiced text follows a voice span in the same cue, then it belongs to that voice', () => {
    expect(parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>Hello</v> there')).toEqual([
      { speaker: 'Agent', text: 'Hello there', start: 1 },
    ]);
  });

  it('when a blank line is missing between cues, then the next timing line still starts a new cue and its id is dropped', () => {
    const vtt = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAgent: Hello\n2\n00:00:03.000 --> 00:00:04.000\nCustomer: Hi';
    expect(parseVtt(vtt)).toEqual([
      { speaker: 'Agent', text: 'Hello', start: 1 },
      { speaker: 'Customer', text: 'Hi', start: 3 },
    ]);
  });

  it('when the file has only a header and notes, then there are no turns', () => {
    expect(parseVtt('WEBVTT\n\nNOTE nothing was said\n')).toEqual([]);
  });
});
