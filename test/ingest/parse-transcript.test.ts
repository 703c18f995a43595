import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TRANSCRIPT_BYTES, parseTranscript } from '../../src/ingest/parse-transcript.ts';
import { expectAppError } from './expect-app-error.ts';
import { readFixture, readFixtureText } from './read-fixture.ts';

describe('parseTranscript', () => {
  it('when given the Zoom fixture, then consecutive cues of one speaker merge and keep the first start', () => {
    const { format, turns } = parseTranscript(readFixture('zoom.vtt'), { fileName: 'zoom.vtt' });
    expect(format).toBe('vtt');
    expect(turns).toHaveLength(8);
    expect(turns[1]).toEqual({
      speaker: 'Mark Taylor',
      text: "Hi. I've been charged twice for the same order and I'm honestly pretty annoyed about it. This is the second time this has happened.",
      start: 5.8,
    });
  });

  it('when given the Teams fixture, then the two cues of Mark merge', () => {
    const { turns } = parseTranscript(readFixture('teams.vtt'), { fileName: 'teams.vtt' });
    expect(turns.map((turn) => turn.speaker)).toEqual([
      'Sarah Jones (Acme Support)',
      'Mark Taylor',
      'Sarah Jones (Acme Support)',
      'Mark Taylor',
      'Sarah Jones (Acme Support)',
      'Mark Taylor',
      'Sarah Jones (Acme Support)',
    ]);
    expect(turns[1]?.text).toBe("I've been charged twice for one order & nobody called me back. It's really frustrating.");
  });

  it.each([
    ['call.srt', 'srt', 5],
    ['call.txt', 'text', 10],
    ['call-timestamped.txt', 'text', 5],
    ['turns.json', 'json', 5],
    ['turns-object.json', 'json', 5],
  ] as const)('when given %s, then it is read as %s with %i merged turns', (name, format, count) => {
    const parsed = parseTranscript(readFixture(name), { fileName: name });
    expect(parsed.format).toBe(format);
    expect(parsed.turns).toHaveLength(count);
  });

  it('when given a string instead of a Buffer, then it parses the same', () => {
    expect(parseTranscript(readFixtureText('call.srt'))).toEqual(parseTranscript(readFixture('call.srt')));
  });

  it('when a .txt file holds WebVTT, then it is parsed as vtt', () => {
    expect(parseTranscript(readFixture('zoom.vtt'), { fileName: 'pasted.txt' }).format).toBe('vtt');
  });

  it('when speakers differ only in case, then their consecutive turns merge under the first spelling', () => {
    expect(parseTranscript('Agent: Hello\nagent: there\nCustomer: Hi').turns).toEqual([
      { speaker: 'Agent', text: 'Hello there' },
      { speaker: 'Customer', text: 'Hi' },
    ]);
  });

  it('when an unlabelled cue follows a labelled one, then it continues that turn', () => {
    const vtt =
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAgent: Hello\n\n00:00:02.000 --> 00:00:03.000\nhow are you\n\n00:00:04.000 --> 00:00:05.000\nCustomer: Fine';
    expect(parseTranscript(vtt).turns).toEqual([
      { speaker: 'Agent', text: 'Hello how are you', start: 1 },
      { speaker: 'Customer', text: 'Fine', start: 4 },
    ]);
  });

  it('when the file is empty or only whitespace, then it throws transcript_empty', () => {
    expectAppError(() => parseTranscript(readFixture('empty.txt'), { fileName: 'empty.txt' }), 'transcript_empty');
    expectAppError(() => parseTranscript(Buffer.alloc(0)), 'transcript_empty');
    expectAppError(() => parseTranscript('\uFEFF  \n'), 'transcript_empty');
  });

  it('when the file is binary, then it throws transcript_binary', () => {
    expectAppError(() => parseTranscript(readFixture('binary.bin'), { fileName: 'binary.bin' }), 'transcript_binary');
  });

  it('when the bytes are not valid UTF-8, then it throws transcript_binary saying so', () => {
    const error = expectAppError(
      () => parseTranscript(Buffer.from([0x41, 0x67, 0x65, 0x6e, 0x74, 0x3a, 0x20, 0xc3, 0x28])),
      'transcript_binary',
    );
    expect(error.userMessage).toContain('UTF-8');
  });

  it('when a string holds a NUL character or a lone surrogate, then the NUL is removed and the surrogate replaced', () => {
    expect(parseTranscript('Agent: hi\u0000 there\nCustomer: ok \ud83d').turns).toEqual([
      { speaker: 'Agent', text: 'hi there' },
      { speaker: 'Customer', text: 'ok \ufffd' },
    ]);
  });

  it('when the file is UTF-16 with a BOM, then it is decoded', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Agent: Hello\nCustomer: Hi\n', 'utf16le')]);
    expect(parseTranscript(utf16).turns).toEqual([
      { speaker: 'Agent', text: 'Hello' },
      { speaker: 'Customer', text: 'Hi' },
    ]);
  });

  it('when the file is over the limit, then it throws transcript_too_large with the size, the limit and the setting', () => {
    const error = expectAppError(
      () => parseTranscript(Buffer.alloc(3 * 1024 * 1024, 0x61), { fileName: 'big.txt' }),
      'transcript_too_large',
    );
    expect(error.userMessage).toContain('3 MiB');
    expect(error.userMessage).toContain('2 MiB');
    expect(error.userMessage).toContain('ingest.maxBytes');
    expect(DEFAULT_MAX_TRANSCRIPT_BYTES).toBe(2 * 1024 * 1024);
  });

  it('when maxBytes is raised, then a larger file is accepted', () => {
    const big = `Agent: ${'a'.repeat(3 * 1024 * 1024)}\nCustomer: ok\n`;
    expect(parseTranscript(big, { maxBytes: 4 * 1024 * 1024 }).turns).toHaveLength(2);
  });

  it('when the format is unknown, then it throws transcript_unknown_format listing the accepted formats', () => {
    const error = expectAppError(
      () => parseTranscript(readFixture('unknown.xml'), { fileName: 'exports/unknown.xml' }),
      'transcript_unknown_format',
    );
    expect(error.userMessage).toContain('unknown.xml');
    expect(error.userMessage).not.toContain('exports/');
    for (const format of ['WebVTT', 'SRT', 'plain text', 'JSON']) expect(error.userMessage).toContain(format);
  });

  it('when no speaker is labelled, then it throws transcript_no_speakers showing a labelled line', () => {
    const error = expectAppError(
      () => parseTranscript(readFixture('no-speakers.txt'), { fileName: 'no-speakers.txt' }),
      'transcript_no_speakers',
    );
    expect(error.userMessage).toContain('Agent: Thank you for calling');
  });

  it('when captions name no speaker at all, then it throws transcript_no_speakers', () => {
    expectAppError(
      () => parseTranscript('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n\n00:00:03.000 --> 00:00:04.000\nhi'),
      'transcript_no_speakers',
    );
  });

  it('when a WebVTT file has no cues, then it throws transcript_empty', () => {
    expectAppError(() => parseTranscript('WEBVTT\n\nNOTE nothing\n'), 'transcript_empty');
  });

  it('when the JSON has the wrong shape, then it throws transcript_invalid_json with the path', () => {
    const error = expectAppError(
      () => parseTranscript(readFixture('bad-shape.json'), { fileName: 'bad-shape.json' }),
      'transcript_invalid_json',
    );
    expect(error.userMessage).toContain('turns[3].text');
  });
});
