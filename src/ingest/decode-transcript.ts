import { binaryTranscriptError, emptyTranscriptError, notATranscriptError, transcriptTooLargeError } from './ingest-errors.ts';
import { removeUnstorableCharacters } from './remove-unstorable-characters.ts';

/** More NUL bytes than this share of a file means binary data, not a text transcript with a stray NUL. */
const MAX_NUL_SHARE = 0.01;

/** MPEG audio layer III frame sync (not `ff fe`, the UTF-16 byte order mark). */
const MP3_FRAME_SECOND_BYTES: ReadonlySet<number> = new Set([0xfb, 0xfa, 0xf3, 0xf2, 0xe3, 0xe2]);

/** File signatures of what people drop in a folder of calls by mistake: documents, images, recordings. */
const SIGNATURES: readonly { kind: string; recording: boolean; matches: (bytes: Buffer) => boolean }[] = [
  { kind: 'a PDF document', recording: false, matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { kind: 'a Word, Excel or ZIP file', recording: false, matches: (b) => b.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' },
  { kind: 'an old Word or Excel file (.doc/.xls)', recording: false, matches: (b) => b.subarray(0, 4).toString('hex') === 'd0cf11e0' },
  { kind: 'an RTF document', recording: false, matches: (b) => b.subarray(0, 5).toString('latin1') === '{\\rtf' },
  { kind: 'a PNG image', recording: false, matches: (b) => b.subarray(0, 4).toString('hex') === '89504e47' },
  { kind: 'a JPEG image', recording: false, matches: (b) => b.subarray(0, 3).toString('hex') === 'ffd8ff' },
  { kind: 'a GIF image', recording: false, matches: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    kind: 'an MP3 recording',
    recording: true,
    matches: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && MP3_FRAME_SECOND_BYTES.has(b[1] ?? 0)),
  },
  {
    kind: 'a WAV recording',
    recording: true,
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE',
  },
  { kind: 'an MP4/M4A recording', recording: true, matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { kind: 'an Ogg recording', recording: true, matches: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  { kind: 'a FLAC recording', recording: true, matches: (b) => b.subarray(0, 4).toString('latin1') === 'fLaC' },
  { kind: 'a WebM recording', recording: true, matches: (b) => b.subarray(0, 4).toString('hex') === '1a45dfa3' },
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

const decodeBytes = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  // Counted only when there is one: a byte loop over a 2 MiB file costs ~100× the native search.
  if (bytes.includes(0)) {
    let nuls = 0;
    for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, at + 1)) nuls += 1;
    if (nuls > bytes.length * MAX_NUL_SHARE) throw binaryTranscriptError('nul');
  }
  return utf8.decode(bytes);
};

/**
 * The text of an uploaded transcript: UTF-8 (a UTF-8 BOM is dropped; UTF-16 with a BOM is accepted),
 * at most `maxBytes` bytes; a stray NUL is removed and a lone surrogate replaced (see
 * removeUnstorableCharacters). Throws `transcript_too_large`, `transcript_binary` (a PDF, Word file, image
 * or recording, named as such; mostly NUL bytes or invalid UTF-8) or `transcript_empty` (nothing but whitespace).
 */
export const decodeTranscript = (input: Buffer | string, maxBytes: number): string => {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size === 0) throw emptyTranscriptError();
  const signature = typeof input === 'string' ? undefined : SIGNATURES.find((candidate) => candidate.matches(input));
  if (signature) throw notATranscriptError(signature.kind, signature.recording);
  if (size > maxBytes) throw transcriptTooLargeError(size, maxBytes);
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = decodeBytes(input);
    } catch (error) {
      if (error instanceof TypeError) throw binaryTranscriptError('utf8', error);
      throw error;
    }
  }
  text = removeUnstorableCharacters(text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw emptyTranscriptError();
  return text;
};
