import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/ingest/detect-format.ts';
import { readFixtureText } from './read-fixture.ts';

describe('detectFormat', () => {
  it.each([
    ['zoom.vtt', 'vtt'],
    ['teams.vtt', 'vtt'],
    ['call.srt', 'srt'],
    ['call.txt', 'text'],
    ['call-timestamped.txt', 'text'],
    ['turns.json', 'json'],
    ['turns-object.json', 'json'],
    ['bad-shape.json', 'json'],
  ] as const)('when given the %s fixture, then it is %s', (name, format) => {
    expect(detectFormat(readFixtureText(name), name)).toBe(format);
  });

  it('when a .txt file holds WebVTT, then the content wins and it is vtt', () => {
    expect(detectFormat(readFixtureText('zoom.vtt'), 'call.txt')).toBe('vtt');
  });

  it('when a .vtt file holds SRT, then it is srt', () => {
    expect(detectFormat(readFixtureText('call.srt'), 'call.vtt')).toBe('srt');
  });

  it('when a .txt file holds JSON turns, then it is json', () => {
    expect(detectFormat(readFixtureText('turns.json'), 'call.txt')).toBe('json');
  });

  it('when a .json file holds Speaker: lines, then it is text', () => {
    expect(detectFormat(readFixtureText('call.txt'), 'call.json')).toBe('text');
  });

  it('when there is no file name, then the content alone decides', () => {
    expect(detectFormat(readFixtureText('zoom.vtt'))).toBe('vtt');
    expect(detectFormat(readFixtureText('call.srt'))).toBe('srt');
    expect(detectFormat(readFixtureText('turns.json'))).toBe('json');
    expect(detectFormat(readFixtureText('call.txt'))).toBe('text');
  });

  it('when timed cues have no header and no cue numbers, then the extension breaks the tie', () => {
    const cues = '00:00:01.000 --> 00:00:02.000\nAgent: Hello\n\n00:00:03.000 --> 00:00:04.000\nCustomer: Hi\n';
    expect(detectFormat(cues, 'call.srt')).toBe('srt');
    expect(detectFormat(cues, 'call.vtt')).toBe('vtt');
    expect(detectFormat(cues)).toBe('vtt');
  });

  it('when the content is XML, then it is unknown', () => {
    expect(detectFormat(readFixtureText('unknown.xml'), 'unknown.xml')).toBeNull();
  });

  it('when unlabelled prose is in a .txt file or pasted, then it is text (so the user hears labels are missing)', () => {
    expect(detectFormat(readFixtureText('no-speakers.txt'), 'no-speakers.txt')).toBe('text');
    expect(detectFormat(readFixtureText('no-speakers.txt'))).toBe('text');
  });

  it('when unlabelled prose has another extension, then it is unknown', () => {
    expect(detectFormat(readFixtureText('no-speakers.txt'), 'notes.docx')).toBeNull();
  });

  it('when a .json file does not parse, then it is json (so the user hears why)', () => {
    expect(detectFormat('not json at all', 'call.json')).toBe('json');
  });
});
