import { CsvError, parse } from 'csv-parse/sync';

import { z } from 'zod';

import { findByKeyOrName } from '../../domain/key-or-name.ts';
import { CALL_KINDS, type CallKind, type Level } from '../../domain/types.ts';
import { levelToScore } from '../../domain/weighted-overall.ts';
import { readInstant, type ParsedInstant } from '../../domain/dates/instant.ts';

/** A row's occurred_at as an instant, zone-less text read in its agent's team's zone. */
const readOccurredAt = (
  row: { agent: unknown; occurred_at: unknown },
  options: Pick<ScoreCsvOptions, 'timeZoneOf' | 'now'>,
): ParsedInstant =>
  readInstant(String(row.occurred_at ?? ''), {
    timeZone: options.timeZoneOf(typeof row.agent === 'string' ? row.agent : ''),
    ...(options.now ? { now: options.now } : {}),
  });

/** The columns of a score CSV, in the order the docs list them. Any order is accepted in a file. */
export const SCORE_CSV_COLUMNS = [
  'external_id',
  'agent',
  'call_type',
  'kind',
  'occurred_at',
  'criterion',
  'score',
  'source',
  'reviewer',
  'scale',
] as const;
export type ScoreCsvColumn = (typeof SCORE_CSV_COLUMNS)[number];

/** Columns a file may leave out: `reviewer` when no row is a human score, `scale` when `--scale` says it or no score is 1–5 only. */
const OPTIONAL_COLUMNS: readonly ScoreCsvColumn[] = ['reviewer', 'scale'];

/**
 * The scale the scores of a file are written on: points out of 100, or the rubric's anchored levels 1–5
 * (stored as 0, 25, 50, 75, 100: `levelToScore`, the mapping the scorers use).
 */
export const SCORE_SCALES = ['0-100', '1-5'] as const;
export type ScoreScale = (typeof SCORE_SCALES)[number];

export const SCORE_SOURCES = ['ai', 'human'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

/** One valid row of a score CSV: one score of one criterion of one call, by the AI or a human. */
export interface ScoreRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  externalId: string;
  /** Slack user id, email or external id, as written; resolving it to an agent is the caller's job. */
  agent: string;
  /** A configured call type key. */
  callType: string;
  kind: CallKind;
  occurredAt: Date;
  /** A criterion key of the rubric. */
  criterion: string;
  /** 0..100 (a 1–5 level already mapped with `levelToScore`). */
  score: number;
  /** The level as written on a 1–5 scale; null on the 0–100 scale. */
  level: Level | null;
  /** The scale the row's score was read on, from its `scale` cell or the file's declared scale; null when nothing declared one. */
  scale: ScoreScale | null;
  source: ScoreSource;
  /** Required for human scores; null when empty on an AI score. */
  reviewer: string | null;
}

export interface ScoreCsvError {
  /** Line of the file (the header is line 1). */
  line: number;
  /** The column at fault, or null for whole-line and whole-file problems. */
  column: string | null;
  /**
   * The problem and what to do, without the line: `score: "105" is out of range; use 0 to 100`, or
   * `has 8 values but the header has 9 columns; …`. `formatScoreCsvError` adds the line.
   */
  message: string;
}

/** `line 7, score: "105" is out of range; use 0 to 100` (or `line 3: …` when no column is at fault). */
export const formatScoreCsvError = (error: ScoreCsvError): string =>
  error.column === null ? `line ${error.line}: ${error.message}` : `line ${error.line}, ${error.message}`;

export interface ScoreCsvOptions {
  criterionKeys: readonly string[];
  /** The configured call types: a row names one by key or name, any case (`Billing dispute`). */
  callTypes: readonly { key: string; name: string }[];
  /** The scale declared for the whole file (`import-scores --scale`); a row's `scale` cell must agree with it. */
  scale?: ScoreScale;
  /** The zone a row's zone-less `occurred_at` is read in: its agent's team's (null: refused, asking for a zone). */
  timeZoneOf: (agent: string) => string | null;
  /** The clock that says which year is next year (dates after it are refused); default the system clock. */
  now?: () => Date;
}

export interface ParsedScoreCsv {
  rows: ScoreRow[];
  errors: ScoreCsvError[];
}

const HEADER_HINT = `the header must name the columns ${SCORE_CSV_COLUMNS.filter((c) => c !== 'scale').join(', ')}`;

const listOf = (keys: readonly string[]): string => (keys.length === 0 ? '(none configured)' : keys.join(', '));

/** A key of `keys`, matched exactly or else ignoring case (the configured spelling is kept). */
const keyIn = (keys: readonly string[], what: string) =>
  z.string().transform((value, ctx) => {
    const found = keys.includes(value) ? value : keys.find((key) => key.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    ctx.addIssue({
      code: 'custom',
      message:
        value === '' ? `is empty; use one of: ${listOf(keys)}` : `${JSON.stringify(value)} is not ${what}; use one of: ${listOf(keys)}`,
    });
    return z.NEVER;
  });

/** A configured call type by key or name, any case; its key. */
const callTypeIn = (callTypes: readonly { key: string; name: string }[]) =>
  z.string().transform((value, ctx) => {
    const found = findByKeyOrName(callTypes, value);
    if (found !== null) return found.key;
    const keys = callTypes.map((type) => type.key);
    ctx.addIssue({
      code: 'custom',
      message:
        value === ''
          ? `is empty; use one of: ${listOf(keys)}`
          : `${JSON.stringify(value)} is not a configured call type; use one of: ${listOf(keys)}`,
    });
    return z.NEVER;
  });

const oneOf = <const T extends string>(values: readonly T[], what: string) =>
  z.string().transform((value, ctx): T => {
    const found = values.find((candidate) => candidate === value.toLowerCase());
    if (found !== undefined) return found;
    ctx.addIssue({
      code: 'custom',
      message: `${value === '' ? 'is empty' : `${JSON.stringify(value)} is not ${what}`}; use ${values.join(' or ')}`,
    });
    return z.NEVER;
  });

const nonEmpty = (hint: string) => z.string().min(1, { error: `is empty; ${hint}` });

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const scoreField = z.string().transform((value, ctx) => {
  const quoted = JSON.stringify(value);
  if (value === '') ctx.addIssue({ code: 'custom', message: 'is empty; use a number from 0 to 100' });
  else if (!NUMBER.test(value)) ctx.addIssue({ code: 'custom', message: `${quoted} is not a number; use 0 to 100` });
  else return Number(value);
  return z.NEVER;
});

const scaleField = z.string().transform((value, ctx): ScoreScale | null => {
  if (value === '') return null;
  // "1 - 5" and "1–5" (an en dash, as spreadsheets autocorrect it) mean 1-5.
  const found = SCORE_SCALES.find((scale) => scale === value.replace(/\s/g, '').replace(/[–—]/g, '-'));
  if (found !== undefined) return found;
  ctx.addIssue({
    code: 'custom',
    message: `${JSON.stringify(value)} is not a score scale; use ${SCORE_SCALES.join(' or ')}, or leave it empty`,
  });
  return z.NEVER;
});

/** The score on its scale as 0..100 and, on the 1–5 scale, its level; a problem message otherwise. */
const readScore = (value: number, scale: ScoreScale | null): { score: number; level: Level | null } | string => {
  const quoted = JSON.stringify(String(value));
  if (scale === '1-5') {
    return Number.isInteger(value) && value >= 1 && value <= 5
      ? { score: levelToScore(value as Level), level: value as Level }
      : `${quoted} is not a level of the 1-5 scale; use a whole number from 1 to 5`;
  }
  return value >= 0 && value <= 100 ? { score: value, level: null } : `${quoted} is out of range; use 0 to 100`;
};

/**
 * The zod schema of one CSV row (column name → trimmed cell text), giving the row's typed values.
 * Each issue's path is the column and its message completes "line N, <column>: …".
 * The rule "reviewer required when source is human" is a refinement over the whole row.
 */
export const scoreCsvRowSchema = (options: ScoreCsvOptions) =>
  z
    .object({
      external_id: nonEmpty("give the call's id in the system the scores come from"),
      agent: nonEmpty("give the agent's Slack user id, email or external id"),
      call_type: callTypeIn(options.callTypes),
      kind: oneOf(CALL_KINDS, 'a call kind'),
      occurred_at: z.string(),
      criterion: keyIn(options.criterionKeys, 'a criterion of the rubric'),
      score: scoreField,
      source: oneOf(SCORE_SOURCES, 'a score source'),
      reviewer: z.string().transform((value) => (value === '' ? null : value)),
      scale: scaleField,
    })
    .superRefine((row, ctx) => {
      if (row.source === 'human' && row.reviewer === null) {
        ctx.addIssue({ code: 'custom', path: ['reviewer'], message: 'is empty; a human score needs the reviewer who gave it' });
      }
      if (row.scale !== null && options.scale !== undefined && row.scale !== options.scale) {
        ctx.addIssue({
          code: 'custom',
          path: ['scale'],
          message: `"${row.scale}" conflicts with --scale ${options.scale}; declare the scale once`,
        });
      }
    })
    // The time is read in the zone of the row's agent's team, by the one date parser (ADR 0024); checked even
    // when other cells are wrong, so every problem of a line is listed at once.
    .superRefine(
      (row, ctx) => {
        const parsed = readOccurredAt(row, options);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['occurred_at'], message: parsed.problem });
      },
      { when: () => true },
    )
    // The score's range depends on the row's scale: checked even when other cells of the row are wrong, so
    // every problem of a line is listed at once (a cell that failed is not a number or a scale here).
    .superRefine(
      (row, ctx) => {
        const scale: unknown = row.scale ?? options.scale ?? null;
        if (typeof row.score !== 'number' || (scale !== null && !SCORE_SCALES.includes(scale as ScoreScale))) return;
        const read = readScore(row.score, scale as ScoreScale | null);
        if (typeof read === 'string') ctx.addIssue({ code: 'custom', path: ['score'], message: read });
      },
      { when: () => true },
    )
    .transform((row, ctx) => {
      const parsed = readOccurredAt(row, options);
      if (parsed.ok) return { ...row, occurred_at: parsed.date };
      ctx.addIssue({ code: 'custom', path: ['occurred_at'], message: parsed.problem });
      return z.NEVER;
    });

export type ScoreCsvRow = z.output<ReturnType<typeof scoreCsvRowSchema>>;

/**
 * Reads a score CSV (`npx floorready import-scores <file.csv>`): a header naming the columns of
 * `SCORE_CSV_COLUMNS` in any order (case and spaces around names ignored; `reviewer` may be left out when
 * no row is a human score), then one row per score. Quoting, a UTF-8 BOM, CRLF line ends, blank lines and
 * all-empty rows (`,,,,`) are handled by csv-parse.
 *
 * Every problem becomes an error naming its line (and column) and what to do; rows with a problem are left
 * out of `rows`. Conflicts are errors on the later line: a call (external_id) whose agent, call type, kind or
 * time differs from its first row, or a second score for the same call, criterion and source with a
 * different value. An exact repeat of a score (same value) is dropped silently. A caller that must not
 * half-import should import nothing while `errors` is not empty.
 */
export const parseScoreCsv = (text: string, options: ScoreCsvOptions): ParsedScoreCsv => {
  const errors: ScoreCsvError[] = [];
  const records = readRecords(text, errors);
  if (records === null) return { rows: [], errors };

  const [header, ...body] = records;
  if (header === undefined) {
    return { rows: [], errors: [fileError(1, `the file is empty; ${HEADER_HINT}, then one row per score`)] };
  }
  const columns = readHeader(header.cells, errors);
  if (columns === null) return { rows: [], errors };
  if (body.length === 0) {
    errors.push(fileError(2, 'the file has a header but no rows; add one row per score'));
    return { rows: [], errors };
  }

  const schema = scoreCsvRowSchema(options);
  const rows: ScoreRow[] = [];
  const conflicts = new ConflictCheck();
  for (const { line, cells } of body) {
    if (cells.length !== header.cells.length) {
      errors.push(
        fileError(
          line,
          `has ${cells.length} values but the header has ${header.cells.length} columns; ` +
            'check for a missing comma, or quote a value that contains a comma',
        ),
      );
      continue;
    }
    const raw = Object.fromEntries(
      SCORE_CSV_COLUMNS.map((column) => {
        const index = columns.get(column);
        return [column, index === undefined ? '' : (cells[index] ?? '')];
      }),
    );
    const result = schema.safeParse(raw);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ column: String(issue.path[0] ?? ''), message: issue.message }));
      issues.sort((a, b) => columnOrder(a.column) - columnOrder(b.column));
      for (const issue of issues) errors.push(cellError(line, issue.column, issue.message));
      continue;
    }
    const scale = result.data.scale ?? options.scale ?? null;
    const { score, level } = readScore(result.data.score, scale) as { score: number; level: Level | null }; // checked by the schema
    const row: ScoreRow = {
      line,
      externalId: result.data.external_id,
      agent: result.data.agent,
      callType: result.data.call_type,
      kind: result.data.kind,
      occurredAt: result.data.occurred_at,
      criterion: result.data.criterion,
      score,
      level,
      scale,
      source: result.data.source,
      reviewer: result.data.reviewer,
    };
    const verdict = conflicts.check(row, raw);
    errors.push(...verdict.errors);
    if (verdict.keep) rows.push(row);
  }
  const undeclared = undeclaredLevels(rows);
  if (undeclared) errors.push(undeclared);
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
};

/**
 * A file that never says its scale and whose scores are all whole numbers from 1 to 5 is almost surely on
 * the 1–5 scale: read as points out of 100, a reviewer's top mark 5 would be stored as 5/100. Refused (on
 * the line of its first such row) rather than guessed either way.
 */
const undeclaredLevels = (rows: readonly ScoreRow[]): ScoreCsvError | null => {
  const undeclared = rows.filter((row) => row.scale === null);
  if (undeclared.length === 0 || !undeclared.every((row) => Number.isInteger(row.score) && row.score >= 1 && row.score <= 5)) return null;
  return fileError(
    (undeclared[0] as ScoreRow).line,
    'every score is a whole number from 1 to 5, which reads like a 1-5 scale, but the file does not say which scale it uses ' +
      '(on 0 to 100, a 5 is 5 points out of 100); declare it: `--scale 1-5` (levels 1 to 5 are stored as 0, 25, 50, 75, 100) ' +
      'or `--scale 0-100` if these are points out of 100, or add a "scale" column with 1-5 or 0-100 on each row',
  );
};

interface CsvRecord {
  line: number;
  cells: string[];
}

/** Records with the line each starts on; null (with the error pushed) when the CSV itself is malformed. */
const readRecords = (text: string, errors: ScoreCsvError[]): CsvRecord[] | null => {
  // One line-end convention, so csv-parse's line count is right (it counts a quoted CRLF twice).
  const normalised = text.replace(/\r\n?/g, '\n');
  try {
    const parsed = parse(normalised, {
      bom: true,
      trim: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return parsed.map(({ record, info, raw }) => ({
      // info.lines is the line the record ends on; step back over line breaks inside quoted values.
      line: info.lines - (raw.replace(/\n$/, '').match(/\n/g)?.length ?? 0),
      cells: record,
    }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse reports an unclosed quote at the end of the file: point at the line where it opened.
    const line =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? unclosedQuoteLine(normalised)
        : typeof error.lines === 'number' && error.lines > 0
          ? error.lines
          : 1;
    errors.push(fileError(line, csvProblem(error)));
    return null;
  }
};

/** The line of the last `"` that opened a quoted value (every `"` toggles quoting; `""` toggles twice). */
const unclosedQuoteLine = (text: string): number => {
  let line = 1;
  let quoted = false;
  let openedOn = 1;
  for (const char of text) {
    if (char === '\n') line += 1;
    else if (char === '"') {
      quoted = !quoted;
      if (quoted) openedOn = line;
    }
  }
  return openedOn;
};

const csvProblem = (error: CsvError): string => {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed, so the rest of the file reads as one value; add the closing "';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted value has text after its closing quote; quote the whole value and double any " inside it ("")';
    default:
      return `the CSV cannot be read (${error.message}); save it again as CSV (comma-separated, UTF-8)`;
  }
};

/** Column → index in the file, or null (errors pushed) when the header is not usable. */
const readHeader = (cells: string[], errors: ScoreCsvError[]): Map<ScoreCsvColumn, number> | null => {
  const known = new Set<string>(SCORE_CSV_COLUMNS);
  const columns = new Map<ScoreCsvColumn, number>();
  const unknown: string[] = [];
  const before = errors.length;
  cells.forEach((cell, index) => {
    const name = cell.toLowerCase();
    if (!known.has(name)) {
      unknown.push(cell);
      return;
    }
    const column = name as ScoreCsvColumn;
    if (columns.has(column)) {
      errors.push(fileError(1, `column "${column}" appears twice; keep one`));
      return;
    }
    columns.set(column, index);
  });
  if (unknown.length > 0) {
    const described = unknown.map((cell) => {
      const suggestion = cell.toLowerCase().replace(/[\s-]+/g, '_');
      return known.has(suggestion) && suggestion !== cell.toLowerCase()
        ? `${JSON.stringify(cell)} (did you mean "${suggestion}"?)`
        : JSON.stringify(cell);
    });
    errors.push(
      fileError(
        1,
        `unknown column${unknown.length > 1 ? 's' : ''} ${described.join(', ')}; remove or rename ${unknown.length > 1 ? 'them' : 'it'}: ${HEADER_HINT}`,
      ),
    );
  }
  const missing = SCORE_CSV_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.includes(column) && !columns.has(column));
  if (missing.length > 0) {
    errors.push(
      fileError(
        1,
        `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}; ` +
          `add ${missing.length > 1 ? 'them' : 'it'} to the header (is the first line the header?)`,
      ),
    );
  }
  return errors.length > before ? null : columns;
};

const CALL_FIELDS = [
  { column: 'agent', same: (a: ScoreRow, b: ScoreRow) => a.agent === b.agent },
  { column: 'call_type', same: (a: ScoreRow, b: ScoreRow) => a.callType === b.callType },
  { column: 'kind', same: (a: ScoreRow, b: ScoreRow) => a.kind === b.kind },
  { column: 'occurred_at', same: (a: ScoreRow, b: ScoreRow) => a.occurredAt.getTime() === b.occurredAt.getTime() },
] as const;

/** Remembers the first row of each call and each score, to find rows that contradict them. */
class ConflictCheck {
  private readonly calls = new Map<string, { row: ScoreRow; raw: Record<string, string> }>();
  private readonly scores = new Map<string, { row: ScoreRow; raw: Record<string, string> }>();

  check(row: ScoreRow, raw: Record<string, string>): { keep: boolean; errors: ScoreCsvError[] } {
    const errors: ScoreCsvError[] = [];
    const call = this.calls.get(row.externalId);
    if (call === undefined) {
      this.calls.set(row.externalId, { row, raw });
    } else {
      for (const field of CALL_FIELDS) {
        if (field.same(call.row, row)) continue;
        errors.push(
          cellError(
            row.line,
            field.column,
            `${JSON.stringify(raw[field.column])} conflicts with line ${call.row.line} (${JSON.stringify(call.raw[field.column])}) ` +
              `for call ${JSON.stringify(row.externalId)}; every row of a call must have the same ${field.column}`,
          ),
        );
      }
    }
    if (errors.length > 0) return { keep: false, errors };

    const key = JSON.stringify([row.externalId, row.criterion, row.source]);
    const score = this.scores.get(key);
    if (score === undefined) {
      this.scores.set(key, { row, raw });
      return { keep: true, errors };
    }
    if (score.row.score === row.score) return { keep: false, errors }; // an exact repeat
    errors.push(
      cellError(
        row.line,
        'score',
        `${JSON.stringify(raw.score)} conflicts with line ${score.row.line} (${JSON.stringify(score.raw.score)}) for call ` +
          `${JSON.stringify(row.externalId)}, criterion ${row.criterion}, source ${row.source}; keep one score per call, criterion and source`,
      ),
    );
    return { keep: false, errors };
  }
}

const columnOrder = (column: string): number => {
  const index = SCORE_CSV_COLUMNS.indexOf(column as ScoreCsvColumn);
  return index === -1 ? SCORE_CSV_COLUMNS.length : index;
};

const fileError = (line: number, problem: string): ScoreCsvError => ({ line, column: null, message: problem });

const cellError = (line: number, column: string, problem: string): ScoreCsvError => ({
  line,
  column,
  message: `${column}: ${problem}`,
});
