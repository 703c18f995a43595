import { describe, expect, it } from 'vitest';
import { splitSpeakerLabel } from '../../src/ingest/split-speaker-label.ts';

describe('splitSpeakerLabel', () => {
  it.each([
    ['Agent: Hello', { speaker: 'Agent', text: 'Hello' }],
    ['Sarah Jones (Acme Support): Hi there', { speaker: 'Sarah Jones (Acme Support)', text: 'Hi there' }],
    ['Speaker 1: yes', { speaker: 'Speaker 1', text: 'yes' }],
    ['[00:01:02] Customer: I was charged twice', { speaker: 'Customer', text: 'I was charged twice', start: 62 }],
    ['Customer (01:05): fine', { speaker: 'Customer', text: 'fine', start: 65 }],
    ['José Álvarez: hola', { speaker: 'José Álvarez', text: 'hola' }],
  ])('when the line is %j, then it is a labelled line', (line, expected) => {
    expect(splitSpeakerLabel(line)).toEqual(expected);
  });

  it.each([
    '10:30 is when it happened',
    'at 10:30 we spoke',
    'https://acme.example.com/refunds',
    'Date: 12 March 2024',
    'Note: call back tomorrow',
    'Agent ID: 4471',
    'And then she said: no refunds',
    'This label is far too long to be anybody at all really: text',
    'One two three four five: text',
    '"Quoted": text',
    'Ratio 3:1 is fine',
    '[inaudible] something about a refund',
    '[Crosstalk]',
  ])('when the line is %j, then it is not a labelled line', (line) => {
    expect(splitSpeakerLabel(line)).toBeNull();
  });
});

describe('bracketed speaker labels', () => {
  it.each([
    ['[Agent] Thanks for calling.', { speaker: 'Agent', text: 'Thanks for calling.' }],
    ['[Customer]: I was charged twice.', { speaker: 'Customer', text: 'I was charged twice.' }],
    ['[00:00:05] [Ana Ruiz] Hello', { speaker: 'Ana Ruiz', text: 'Hello', start: 5 }],
  ])('when the line is %j, then the bracket names the speaker', (line, expected) => {
    expect(splitSpeakerLabel(line)).toEqual(expected);
  });
});
