import { decodeTranscript } from './decode-transcript.ts';
import { detectFormat } from './detect-format.ts';
import { noSpeakersError, noSpokenTextError, unknownFormatError } from './ingest-errors.ts';
import { mergeConsecutiveTurns } from './merge-consecutive-turns.ts';
import { parseJson } from './parse-json.ts';
import { parseSrt } from './parse-srt.ts';
import { parseText } from './parse-text.ts';
import { parseVtt } from './parse-vtt.ts';
import type { RawTurn, TranscriptFormat } from './raw-turn.ts';

/** The default `ingest.maxBytes`: 2 MiB. */
export const DEFAULT_MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024;

export interface ParseTranscriptOptions {
  /** The uploaded file's name; its extension only breaks ties between formats. */
  fileName?: string;
  /** Largest accepted input in bytes (`ingest.maxBytes`); default 2 MiB. */
  maxBytes?: number;
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  turns: RawTurn[];
}

const PARSERS: Readonly<Record<TranscriptFormat, (text: string) => RawTurn[]>> = {
  vtt: parseVtt,
  srt: parseSrt,
  text: parseText,
  json: parseJson,
};

const baseName = (fileName: string | undefined): string | undefined =>
  fileName === undefined ? undefined : fileName.split(/[\\/]/).pop();

/**
 * Reads a transcript of any accepted format (WebVTT, SRT, plain `Speaker: text`, JSON turns) into raw
 * speaker turns, consecutive turns of one speaker merged. Pure: no I/O.
 * Throws AppError `transcript_empty`, `transcript_binary`, `transcript_too_large`,
 * `transcript_unknown_format`, `transcript_no_speakers` or `transcript_invalid_json`.
 */
export const parseTranscript = (input: Buffer | string, options: ParseTranscriptOptions = {}): ParsedTranscript => {
  const text = decodeTranscript(input, options.maxBytes ?? DEFAULT_MAX_TRANSCRIPT_BYTES);
  const fileName = baseName(options.fileName);
  const format = detectFormat(text, fileName);
  if (format === null) throw unknownFormatError(fileName);
  const raw = PARSERS[format](text);
  if (raw.length === 0) throw noSpokenTextError();
  if (raw.every((turn) => turn.speaker === null && turn.role === undefined)) throw noSpeakersError();
  return { format, turns: mergeConsecutiveTurns(raw) };
};
