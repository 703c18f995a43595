import { binaryTranscriptError, emptyTranscriptError, transcriptTooLargeError } from './ingest-errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const decodeBytes = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  if (bytes.includes(0)) throw binaryTranscriptError('nul');
  return utf8.decode(bytes);
};

/**
 * The text of an uploaded transcript: UTF-8 (a UTF-8 BOM is dropped; UTF-16 with a BOM is accepted),
 * at most `maxBytes` bytes. Throws `transcript_too_large`, `transcript_binary` (NUL bytes or invalid
 * UTF-8) or `transcript_empty` (nothing but whitespace).
 */
export const decodeTranscript = (input: Buffer | string, maxBytes: number): string => {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size === 0) throw emptyTranscriptError();
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
  if (text.includes('\u0000')) throw binaryTranscriptError('nul');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw emptyTranscriptError();
  return text;
};
