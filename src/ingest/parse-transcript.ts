import { decodeTranscript } from './decode-transcript.ts';
import { detectFormat } from './detect-format.ts';
import { noSpeakersError, noSpokenTextError, unknownFormatError } from './ingest-errors.ts';
import { mergeConsecutiveTurns } from './merge-consecutive-turns.ts';
import { parseJsonTurns, readJson } from './parse-json.ts';
import { parseTranscriptCsv } from './platforms/csv.ts';
import { detectPlatform } from './platforms/detect-platform.ts';
import { parseSrt } from './parse-srt.ts';
import { parseText } from './parse-text.ts';
import { parseVtt } from './parse-vtt.ts';
import type { CallMetadata } from './platforms/platform-parser.ts';
import type { RawTurn, TranscriptFormat } from './raw-turn.ts';
import { removeUnstorableCharacters } from './remove-unstorable-characters.ts';

/** The default `ingest.maxBytes`: 2 MiB. */
export const DEFAULT_MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024;

export interface ParseTranscriptOptions {
  /** The uploaded file's name; its extension only breaks ties between formats. */
  fileName?: string;
  /** Largest accepted input in bytes (`ingest.maxBytes`); default 2 MiB. */
  maxBytes?: number;
}

export interface ParsedTranscript {
  /** The text format, or for JSON the platform whose export it is ("contact-lens", "gong" … or "json" for JSON turns). */
  format: TranscriptFormat | string;
  turns: RawTurn[];
  /** Names the export gives people on the call beside the turns, not the agent's (see PlatformParser.participantNames). */
  participantNames: string[];
  /** What the export says about the call itself (its start and its id), each with the field it came from. */
  metadata: CallMetadata;
}

/** JSON: the call platform's own export when its content says which (one detection step), else JSON turns. */
const parseJsonTranscript = (text: string): { format: string; turns: RawTurn[]; participantNames?: string[]; metadata?: CallMetadata } => {
  const data = readJson(text);
  const platform = detectPlatform(data);
  return platform
    ? {
        format: platform.id,
        turns: platform.parse(data),
        participantNames: platform.participantNames?.(data) ?? [],
        metadata: platform.metadata?.(data) ?? {},
      }
    : { format: 'json', turns: parseJsonTurns(data) };
};

const PARSERS: Readonly<
  Record<TranscriptFormat, (text: string) => { format: string; turns: RawTurn[]; participantNames?: string[]; metadata?: CallMetadata }>
> = {
  vtt: (text) => ({ format: 'vtt', turns: parseVtt(text) }),
  srt: (text) => ({ format: 'srt', turns: parseSrt(text) }),
  text: (text) => ({ format: 'text', turns: parseText(text) }),
  csv: (text) => ({ format: 'csv', turns: parseTranscriptCsv(text) }),
  json: parseJsonTranscript,
};

const baseName = (fileName: string | undefined): string | undefined => (fileName === undefined ? undefined : fileName.split(/[\\/]/).pop());

/**
 * Reads a transcript of any accepted format (WebVTT, SRT, plain `Speaker: text`, per-utterance CSV, a call
 * platform's own JSON export, JSON turns) into raw
 * speaker turns, consecutive turns of one speaker merged. Pure: no I/O.
 * Throws AppError `transcript_empty`, `transcript_binary`, `transcript_too_large`,
 * `transcript_unknown_format`, `transcript_no_speakers` or `transcript_invalid_json`.
 */
export const parseTranscript = (input: Buffer | string, options: ParseTranscriptOptions = {}): ParsedTranscript => {
  const text = decodeTranscript(input, options.maxBytes ?? DEFAULT_MAX_TRANSCRIPT_BYTES);
  const fileName = baseName(options.fileName);
  const format = detectFormat(text, fileName);
  if (format === null) throw unknownFormatError(fileName);
  const parsed = PARSERS[format](text);
  // JSON escapes (`\u0000`, a lone `\ud83d`) decode to characters no database stores.
  const raw = parsed.turns.map((turn) => ({
    ...turn,
    speaker: turn.speaker === null ? null : removeUnstorableCharacters(turn.speaker),
    text: removeUnstorableCharacters(turn.text),
  }));
  if (raw.length === 0) throw noSpokenTextError();
  if (raw.every((turn) => turn.speaker === null && turn.role === undefined)) throw noSpeakersError();
  return {
    format: parsed.format,
    turns: mergeConsecutiveTurns(raw),
    participantNames: (parsed.participantNames ?? []).map(removeUnstorableCharacters),
    metadata: parsed.metadata ?? {},
  };
};
