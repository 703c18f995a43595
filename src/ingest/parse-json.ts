import { z } from 'zod';
import type { Role } from '../domain/types.ts';
import { invalidJsonError, SUPPORTED_JSON_FORMATS_TEXT, transcriptTooDeepError } from './ingest-errors.ts';
import { isJsonDeeperThan } from './json-depth.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import type { RawTurn } from './raw-turn.ts';

/** `role` values that name a side of the call outright. */
export const JSON_ROLE_ALIASES: Readonly<Record<string, Role>> = {
  agent: 'agent',
  rep: 'agent',
  representative: 'agent',
  customer: 'customer',
  caller: 'customer',
  client: 'customer',
};

const EXPECTED_STRING = 'expected a string';
const MISSING_TEXT = 'no spoken words: expected a "text" field (or "content" / "utterance")';
/** A speaker label; a bare number (speech-to-text diarisation: `"speaker": 1`) becomes "Speaker 1". */
const label = z
  .union([z.string(), z.number().int().nonnegative()], { error: 'expected a name (a string) or a speaker number' })
  .transform((value) => (typeof value === 'number' ? `Speaker ${value}` : value))
  .nullish();
const spoken = z.string({ error: EXPECTED_STRING }).nullish();
const startTime = z
  .union([z.number().finite().nonnegative(), z.string()], {
    error: 'expected seconds (a number) or a timestamp like "00:01:02.500"',
  })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const seconds = parseTimestamp(value) ?? (/^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : null);
    if (seconds === null) {
      ctx.addIssue({ code: 'custom', message: 'expected seconds (a number) or a timestamp like "00:01:02.500"' });
      return z.NEVER;
    }
    return seconds;
  })
  .nullish();

/** One JSON turn: a speaker (`speaker`, `name` or `role`), its text (`text`, `content` or `utterance`), an optional start. */
export const JsonTurnSchema = z
  .object(
    {
      speaker: label,
      name: label,
      role: label,
      text: spoken,
      content: spoken,
      utterance: spoken,
      start: startTime,
      startTime: startTime,
    },
    { error: 'expected an object like {"speaker": "Agent", "text": "Hello"}' },
  )
  .superRefine((turn, ctx) => {
    if (turn.text == null && turn.content == null && turn.utterance == null) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: MISSING_TEXT });
    }
    if (!turn.speaker?.trim() && !turn.name?.trim() && !turn.role?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['speaker'], message: 'expected the speaker\'s name (or a "role" or "name")' });
    }
  });
export type JsonTurn = z.infer<typeof JsonTurnSchema>;

export const JsonTurnsSchema = z.array(JsonTurnSchema, { error: 'expected an array of turns' });

const MAX_REPORTED_ISSUES = 3;

const formatPath = (root: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), root);

const keysOf = (value: unknown): string =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.keys(value)
        .map((key) => `"${key}"`)
        .join(', ') || 'none'
    : 'none';

/** The issue, with the keys the turn does have when its text field is missing ("found keys: "speaker", "message""). */
const describeIssue = (root: string, issue: z.core.$ZodIssue, list: unknown): string => {
  const base = `${formatPath(root, issue.path)}: ${issue.message}`;
  const index = issue.path[0];
  if (issue.message !== MISSING_TEXT || typeof index !== 'number' || !Array.isArray(list)) return base;
  return `${base}, found keys ${keysOf(list[index])}`;
};

const formatIssues = (root: string, issues: readonly z.core.$ZodIssue[], list: unknown): string => {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => describeIssue(root, issue, list));
  const more = issues.length - MAX_REPORTED_ISSUES;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
};

const toRawTurn = (turn: JsonTurn): RawTurn => {
  const roleValue = turn.role?.trim() ?? '';
  const role = JSON_ROLE_ALIASES[roleValue.toLowerCase()];
  const speaker = turn.speaker?.trim() || turn.name?.trim() || (role === undefined && roleValue !== '' ? roleValue : null);
  const text = (turn.text ?? turn.content ?? turn.utterance ?? '').replace(/\s+/g, ' ').trim();
  const start = turn.start ?? turn.startTime ?? undefined;
  return {
    speaker,
    ...(role === undefined ? {} : { role }),
    text,
    ...(start === undefined ? {} : { start }),
  };
};

/** The parsed JSON value of a JSON transcript; `transcript_too_deep` over 64 levels (not parsed), `transcript_invalid_json` when it does not parse. */
export const readJson = (input: string): unknown => {
  if (isJsonDeeperThan(input)) throw transcriptTooDeepError();
  try {
    return JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  } catch (error) {
    throw invalidJsonError(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`, error);
  }
};

/**
 * Reads JSON turns: `[{speaker|name|role, text|content|utterance, start?|startTime?}]`, or an object
 * with that array under `turns` (or `transcript`). `role` values agent/rep/representative and
 * customer/caller/client set the turn's role; any other `role` is taken as the speaker's label.
 * Start times are seconds or `hh:mm:ss.ttt` strings. Turns with empty text are dropped.
 * Throws `transcript_invalid_json` naming the index and field (`turns[3].text: expected a string`), or,
 * for an object of another shape, listing its keys and the formats that are read.
 */
export const parseJsonTurns = (data: unknown): RawTurn[] => {
  let root = 'turns';
  let list: unknown = data;
  if (!Array.isArray(data)) {
    if (typeof data !== 'object' || data === null) {
      throw invalidJsonError('expected an array of turns, or an object with a "turns" array');
    }
    const record = data as Record<string, unknown>;
    if ('turns' in record) list = record.turns;
    else if ('transcript' in record) [root, list] = ['transcript', record.transcript];
    else {
      throw invalidJsonError(
        `expected an array of turns, or an object with a "turns" array; found keys ${keysOf(record)}, which match none of the formats read natively (${SUPPORTED_JSON_FORMATS_TEXT})`,
      );
    }
  }
  const parsed = JsonTurnsSchema.safeParse(list);
  if (!parsed.success) {
    const detail = Array.isArray(list) ? formatIssues(root, parsed.error.issues, list) : `${root}: expected an array of turns`;
    throw invalidJsonError(detail, parsed.error);
  }
  return parsed.data.map(toRawTurn).filter((turn) => turn.text !== '');
};

/** {@link parseJsonTurns} over JSON text. */
export const parseJson = (input: string): RawTurn[] => parseJsonTurns(readJson(input));
