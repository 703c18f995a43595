import { AppError, type ErrorCode } from '../../domain/app-error.ts';
import type { Role } from '../../domain/types.ts';
import type { RawTurn } from '../raw-turn.ts';

/**
 * One call platform's own export, read natively. `looksLike` is cheap and decides by content (the
 * top-level keys a platform always writes), never by file name; `parse` then reads the turns and
 * throws `transcript_platform_field_missing` naming the platform and the field when something it
 * needs is absent. Pure: no I/O.
 */
export interface PlatformParser {
  /** The format name reported by the import ("contact-lens", "gong" …). */
  id: string;
  /** The platform as people call it ("Amazon Connect Contact Lens"). */
  name: string;
  /** What to export from the platform (shown in errors and the README). */
  whatToExport: string;
  looksLike: (data: unknown) => boolean;
  parse: (data: unknown) => RawTurn[];
  /**
   * Names the export gives people on the call beside the turns, that are not the agent's (vCon
   * `parties[].name` when the turns only say "Speaker 0"): the redaction replaces them wherever said.
   */
  participantNames?: (data: unknown) => string[];
  /** The call's own date and id as the export gives them, each with the field it came from. */
  metadata?: (data: unknown) => CallMetadata;
}

/** What an export says about the call itself: when it started and the platform's id of it. */
export interface CallMetadata {
  startedAt?: { at: Date; field: string };
  callId?: { id: string; field: string };
}

/** A date from an ISO string, epoch milliseconds (a number or a numeric string) or epoch seconds; null for anything else. */
export const dateFrom = (value: unknown): Date | null => {
  let at: number;
  if (typeof value === 'number' && Number.isFinite(value)) at = value < 1e11 ? value * 1000 : value;
  else if (typeof value === 'string' && /^\d{9,13}$/.test(value.trim())) at = Number(value) < 1e11 ? Number(value) * 1000 : Number(value);
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) at = Date.parse(value.trim());
  else return null;
  return Number.isFinite(at) ? new Date(at) : null;
};

/** The first of the fields (dotted paths) that holds a date, with its path. */
export const startedAtFrom = (record: unknown, ...paths: string[]): CallMetadata['startedAt'] => {
  for (const path of paths) {
    const value = path
      .split('.')
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined), record);
    const at = dateFrom(value);
    if (at) return { at, field: path };
  }
  return undefined;
};

/** The first of the fields (dotted paths) that holds an id (a non-empty string or a number), with its path. */
export const callIdFrom = (record: unknown, ...paths: string[]): CallMetadata['callId'] => {
  for (const path of paths) {
    const value = path
      .split('.')
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined), record);
    if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value)))
      return { id: String(value).trim(), field: path };
  }
  return undefined;
};

/** Metadata without undefined fields. */
export const metadataOf = (startedAt: CallMetadata['startedAt'], callId: CallMetadata['callId']): CallMetadata => ({
  ...(startedAt ? { startedAt } : {}),
  ...(callId ? { callId } : {}),
});

export const PLATFORM_FIELD_MISSING = 'transcript_platform_field_missing' satisfies ErrorCode;

/** "This looks like a Gong call transcript, but `callTranscripts[0].transcript` is missing …" */
export const platformFieldMissingError = (
  platform: Pick<PlatformParser, 'name' | 'whatToExport'>,
  field: string,
  detail = 'is missing',
): AppError =>
  new AppError(
    PLATFORM_FIELD_MISSING,
    `This looks like ${platform.name} output, but \`${field}\` ${detail}. Export ${platform.whatToExport}, and import that file as it is.`,
  );

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The array under `key`, or null when it is not an array. */
export const arrayAt = (record: JsonObject, key: string): unknown[] | null => {
  const value = record[key];
  return Array.isArray(value) ? value : null;
};

/**
 * The smallest of the numbers that are not NaN; Infinity when there are none. A loop, not
 * `Math.min(...values)`: spreading a long export's times (a 2 MiB CSV has >100k rows) overflows the stack.
 */
export const earliest = (values: readonly number[]): number => {
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < min) min = value;
  return min;
};

/** A string field, trimmed and with runs of whitespace collapsed; '' when absent or not a string. */
export const textAt = (record: JsonObject, key: string): string => {
  const value = record[key];
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
};

/** A number given as a number or a numeric string ("12.5"), else undefined. */
export const numberAt = (record: JsonObject, key: string): number | undefined => {
  const value = record[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
};

/** Seconds from milliseconds, rounded to the millisecond; undefined stays undefined. */
export const secondsFromMillis = (millis: number | undefined): number | undefined =>
  millis === undefined || millis < 0 ? undefined : Math.round(millis) / 1000;

/** A raw turn without undefined fields (so results compare and serialise cleanly). */
export const rawTurn = (turn: RawTurn): RawTurn => ({
  speaker: turn.speaker,
  ...(turn.role === undefined ? {} : { role: turn.role }),
  text: turn.text,
  ...(turn.start === undefined || !Number.isFinite(turn.start) ? {} : { start: Math.max(0, turn.start) }),
});

/** Turns in time order when every turn has a start (stable for equal starts), else as given; empty texts dropped. */
export const inTimeOrder = (turns: readonly RawTurn[]): RawTurn[] => {
  const spoken = turns.filter((turn) => turn.text !== '');
  if (spoken.some((turn) => turn.start === undefined)) return spoken;
  return spoken
    .map((turn, index) => ({ turn, index }))
    .sort((a, b) => (a.turn.start ?? 0) - (b.turn.start ?? 0) || a.index - b.index)
    .map(({ turn }) => turn);
};

/** Role words platforms write in their participant fields (AGENT, Customer, internal …); null for any other. */
export const roleFromPlatformValue = (value: unknown): Role | null => {
  if (typeof value !== 'string') return null;
  const lower = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (['agent', 'human_agent', 'internal', 'rep', 'representative', 'employee'].includes(lower)) return 'agent';
  if (['customer', 'external', 'caller', 'client', 'contact', 'end_user', 'enduser'].includes(lower)) return 'customer';
  return null;
};
