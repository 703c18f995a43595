import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/ingest/parse-json.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import { expectAppError } from './expect-app-error.ts';

describe('files that are not transcripts, found in review', () => {
  it.each([
    ['report.pdf', Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'a PDF document'],
    ['notes.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'a Word, Excel or ZIP file'],
    ['screenshot.vtt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'a PNG image'],
    ['call.mp3', Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000', 'latin1'), 'an MP3 recording'],
    ['call.wav', Buffer.from('RIFF\u0024\u0000\u0000\u0000WAVEfmt ', 'latin1'), 'a WAV recording'],
    ['call.m4a', Buffer.from('\u0000\u0000\u0000\u0020ftypM4A ', 'latin1'), 'an MP4/M4A recording'],
  ])('when %s is imported, then the error names what it is and how to get a transcript', (fileName, bytes, kind) => {
    const error = expectAppError(() => parseTranscript(bytes, { fileName }), 'transcript_binary');
    expect(error.userMessage).toContain(`This file is ${kind}, not a text transcript.`);
    expect(error.userMessage).toMatch(/\.vtt/);
  });

  it('when a UTF-16 transcript with a byte order mark is imported, then it is read, not taken for audio', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Agent: Hello\nCustomer: Hi\n', 'utf16le')]);
    expect(parseTranscript(bytes, { fileName: 'call.txt' }).turns).toHaveLength(2);
  });

  it('when a file is not UTF-8, then the message suggests the likely encoding', () => {
    const error = expectAppError(
      () => parseTranscript(Buffer.from('Agent: Caf\u00e9\n', 'latin1'), { fileName: 'a.txt' }),
      'transcript_binary',
    );
    expect(error.userMessage).toContain('Windows-1252');
  });
});

describe('JSON turns found in review', () => {
  it('when turns carry their words under another key, then the error names the missing field and the keys found', () => {
    const error = expectAppError(() => parseJson('[{"speaker": "Agent", "message": "hello"}]'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('turns[0].text: no spoken words: expected a "text" field');
    expect(error.userMessage).toContain('found keys "speaker", "message"');
  });

  it('when the object has no turns, then the error lists the keys it has', () => {
    const error = expectAppError(() => parseJson('{"call": {}, "messages": []}'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('found keys "call", "messages"');
  });

  it('when speakers are numbers (speech-to-text diarisation), then they become "Speaker N"', () => {
    expect(parseJson('[{"speaker": 0, "text": "Northside, hello"}, {"speaker": 1, "text": "Hi"}]')).toEqual([
      { speaker: 'Speaker 0', text: 'Northside, hello' },
      { speaker: 'Speaker 1', text: 'Hi' },
    ]);
  });
});
