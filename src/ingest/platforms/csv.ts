import { CsvError, parse } from 'csv-parse/sync';

import { AppError } from '../../domain/app-error.ts';
import { normalizeNewlines } from '../normalize-newlines.ts';
import { parseTimestamp } from '../parse-timestamp.ts';
import type { RawTurn } from '../raw-turn.ts';
import { earliest, inTimeOrder, rawTurn, roleFromPlatformValue } from './platform-parser.ts';

const normaliseHeader = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/^\ufeff/, '')
    .replace(/[\s_-]+/g, '');

const TIME_COLUMNS = ['timestamp', 'time', 'start', 'starttime', 'begin', 'offset', 'starttimeseconds', 'beginoffsetmillis'];
const SPEAKER_COLUMNS = ['speaker', 'participant', 'speakername', 'participantname', 'name', 'party', 'from', 'sender', 'author'];
const ROLE_COLUMNS = ['role', 'speakerrole', 'participantrole', 'participanttype', 'side'];
const TEXT_COLUMNS = ['text', 'utterance', 'transcript', 'content', 'message', 'sentence', 'body'];

const DELIMITERS = [',', ';', '\t'] as const;

interface Columns {
  time: number;
  speaker: number;
  role: number;
  text: number;
  delimiter: string;
}

const findColumn = (headers: readonly string[], names: readonly string[]): number => headers.findIndex((header) => names.includes(header));

/** The columns of a header line, or null when it is not the header of a per-utterance CSV. */
const readHeader = (firstLine: string): Columns | null => {
  for (const delimiter of DELIMITERS) {
    if (!firstLine.includes(delimiter)) continue;
    const headers = firstLine.split(delimiter).map((cell) => normaliseHeader(cell.replace(/^"|"$/g, '')));
    const text = findColumn(headers, TEXT_COLUMNS);
    const speaker = findColumn(headers, SPEAKER_COLUMNS);
    const role = findColumn(headers, ROLE_COLUMNS);
    if (text >= 0 && (speaker >= 0 || role >= 0)) return { time: findColumn(headers, TIME_COLUMNS), speaker, role, text, delimiter };
  }
  return null;
};

/** Whether the text is a per-utterance CSV: a header naming a text column and a speaker or role column. */
export const looksLikeTranscriptCsv = (text: string): boolean =>
  readHeader(normalizeNewlines(text).trimStart().split('\n', 1)[0] ?? '') !== null;

/** Seconds from a time cell: "00:01:02.5", "62.5", "62,5 s" or an ISO date-time (kept absolute, made relative later). */
const cellSeconds = (value: string): { seconds: number; absolute: boolean } | null => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const clock = parseTimestamp(trimmed);
  if (clock !== null) return { seconds: clock, absolute: false };
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return { seconds: Number(trimmed), absolute: false };
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : { seconds: date / 1000, absolute: true };
};

/**
 * A per-utterance CSV as contact-centre reports and spreadsheets hold them (Talkdesk, Five9 …): a header
 * row with a text column (text, utterance, transcript, content, message), a speaker column (speaker,
 * participant, name …) and/or a role column (role: agent / customer), and optionally a time column
 * (timestamp, time, start: `hh:mm:ss`, seconds, or a date-time). Comma, semicolon or tab separated.
 */
export const parseTranscriptCsv = (input: string): RawTurn[] => {
  const text = normalizeNewlines(input).trimStart();
  const columns = readHeader(text.split('\n', 1)[0] ?? '');
  if (columns === null)
    throw new AppError(
      'transcript_invalid_csv',
      'The CSV has no header row naming a text column (text, utterance, content) and a speaker or role column (speaker, participant, role).',
    );
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: columns.delimiter,
      from_line: 2,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    const detail = error instanceof CsvError ? error.message : String(error);
    throw new AppError(
      'transcript_invalid_csv',
      `The CSV transcript could not be read: ${detail}. Save it as comma-separated UTF-8 text with one utterance per row.`,
      { cause: error },
    );
  }
  const times = rows.map((row) => (columns.time >= 0 ? cellSeconds(row[columns.time] ?? '') : null));
  const absoluteOrigin = earliest(times.flatMap((time) => (time?.absolute ? [time.seconds] : [])));
  const turns = rows.map((row, index) => {
    const role = (columns.role >= 0 ? roleFromPlatformValue(row[columns.role]) : null) ?? undefined;
    const speaker =
      (columns.speaker >= 0 ? (row[columns.speaker] ?? '').trim() : '') ||
      (role === undefined && columns.role >= 0 ? (row[columns.role] ?? '').trim() : '');
    const time = times[index];
    return rawTurn({
      speaker: speaker || null,
      ...(role ? { role } : {}),
      text: (row[columns.text] ?? '').replace(/\s+/g, ' ').trim(),
      start: time ? time.seconds - (time.absolute ? absoluteOrigin : 0) : undefined,
    });
  });
  return inTimeOrder(turns);
};
