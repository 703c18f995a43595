import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/ingest/parse-json.ts';
import { expectAppError } from './expect-app-error.ts';
import { readFixtureText } from './read-fixture.ts';

describe('parseJson', () => {
  it('when given an array of {role, name, text, start}, then roles map and names become speakers', () => {
    expect(parseJson(readFixtureText('turns.json'))).toEqual([
      { speaker: 'Sarah', role: 'agent', text: 'Thank you for calling Acme, this is Sarah. How can I help?', start: 0.5 },
      { speaker: 'Mark', role: 'customer', text: 'I was charged twice for my order and I am really fed up.', start: 4.2 },
      { speaker: 'Sarah', role: 'agent', text: "I'm sorry about that. What's the email on the account?", start: 9 },
      {
        speaker: 'Mark',
        role: 'customer',
        text: 'mark.taylor@example.com, and the card is 4111 1111 1111 1111.',
        start: 12.75,
      },
      { speaker: 'Mark', role: 'customer', text: 'Call me on +1 555 201 4477 if you need anything.', start: 18 },
      {
        speaker: 'Sarah',
        role: 'agent',
        text: "I've refunded the duplicate charge. It will show in 3 to 5 days.",
        start: 22.5,
      },
    ]);
  });

  it('when given {turns: [{speaker, utterance, startTime}]}, then timestamps and seconds both become starts', () => {
    expect(parseJson(readFixtureText('turns-object.json'))).toEqual([
      { speaker: 'Priya Patel', text: 'Acme Billing, Priya speaking. How can I help?', start: 1 },
      { speaker: 'Jordan Okafor', text: "You've taken the payment twice. Again.", start: 4.5 },
      { speaker: 'Priya Patel', text: "I'm sorry, Jordan. Can you confirm your email and phone number?", start: 8.25 },
      {
        speaker: 'Jordan Okafor',
        text: 'j.okafor@example.net and (555) 867-5309. The card was 5555-5555-5555-4444.',
        start: 12,
      },
      { speaker: 'Priya Patel', text: 'Thank you. The duplicate payment is refunded.', start: 20.5 },
    ]);
  });

  it('when given {transcript: [...]} with content and role aliases, then rep/caller map to roles', () => {
    const json = JSON.stringify({
      transcript: [
        { role: 'Rep', content: 'Hello' },
        { role: 'caller', content: 'Hi' },
        { role: 'Supervisor', content: 'Joining the call' },
      ],
    });
    expect(parseJson(json)).toEqual([
      { speaker: null, role: 'agent', text: 'Hello' },
      { speaker: null, role: 'customer', text: 'Hi' },
      { speaker: 'Supervisor', text: 'Joining the call' },
    ]);
  });

  it('when a turn has a number for text, then the error names the index and field', () => {
    const error = expectAppError(() => parseJson(readFixtureText('bad-shape.json')), 'transcript_invalid_json');
    expect(error.userMessage).toContain('turns[3].text: expected a string');
  });

  it('when a turn has no speaker, role or name, then the error names the speaker field', () => {
    const error = expectAppError(() => parseJson('[{"text": "hi"}]'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('turns[0].speaker:');
  });

  it('when the {transcript} list has a bad start, then the path starts with transcript', () => {
    const error = expectAppError(
      () => parseJson('{"transcript": [{"speaker": "A", "text": "hi", "start": "soon"}]}'),
      'transcript_invalid_json',
    );
    expect(error.userMessage).toContain('transcript[0].start:');
  });

  it('when the JSON does not parse, then it throws transcript_invalid_json', () => {
    const error = expectAppError(() => parseJson('[{"speaker": "A", "text": }]'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('not valid JSON');
  });

  it('when the object has neither turns nor transcript, then the error says what shape is expected', () => {
    const error = expectAppError(() => parseJson('{"lines": []}'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('"turns"');
  });

  it('when turns is not an array, then the error names turns', () => {
    const error = expectAppError(() => parseJson('{"turns": "Agent: hi"}'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('turns: expected an array of turns');
  });

  it('when many turns are bad, then the first three are named and the rest counted', () => {
    const error = expectAppError(() => parseJson(JSON.stringify([1, 2, 3, 4, 5])), 'transcript_invalid_json');
    expect(error.userMessage).toContain('turns[0]: ');
    expect(error.userMessage).toContain('turns[2]: ');
    expect(error.userMessage).not.toContain('turns[3]: ');
    expect(error.userMessage).toContain('(and 2 more)');
  });
});
