import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { CALL_KINDS, type CallKind } from '../../domain/types.ts';
import { parseOccurredAt } from './parse-occurred-at.ts';

// Grouping lives in its own file; re-exported here because callers import the CSV API from this module.
export { groupScoreRowsByCall, type ImportedScore, type ScoreCall } from './group-score-rows-by-call.ts';

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
] as const;
export type ScoreCsvColumn = (typeof SCORE_CSV_COLUMNS)[number];

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
  /** 0..100. */
  score: number;
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
  callTypeKeys: readonly string[];
}

export interface ParsedScoreCsv {
  rows: ScoreRow[];
  errors: ScoreCsvError[];
}

const HEADER_HINT = `the header must name the columns ${SCORE_CSV_COLUMNS.join(', ')}`;

const listOf = (keys: readonly string[]): string => (keys.length === 0 ? '(none configured)' : keys.join(', '));

/** A key of `keys`, matched exactly or else ignoring case (the configured spelling is kept). */
const keyIn = (keys: readonly string[], what: string) =>
  z.string().transform((value, ctx) => {
    const found = keys.includes(value) ? value : keys.find((key) => key.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    ctx.addIssue({
      code: 'custom',
      message:
        value === ''
          ? `is empty; use one of: ${listOf(keys)}`
          : `${JSON.stringify(value)} is not ${what}; use one of: ${listOf(keys)}`,
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
  else {
    const score = Number(value);
    if (score >= 0 && score <= 100) return score;
    ctx.addIssue({ code: 'custom', message: `${quoted} is out of range; use 0 to 100` });
  }
  return z.NEVER;
});

const occurredAtField = z.string().transform((value, ctx) => {
  const parsed = parseOccurredAt(value);
  if (parsed.ok) return parsed.date;
  ctx.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
});

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
      call_type: keyIn(options.callTypeKeys, 'a configured call type'),
      kind: oneOf(CALL_KINDS, 'a call kind'),
      occurred_at: occurredAtField,
      criterion: keyIn(options.criterionKeys, 'a criterion of the rubric'),
      score: scoreField,
      source: oneOf(SCORE_SOURCES, 'a score source'),
      reviewer: z.string().transform((value) => (value === '' ? null : value)),
    })
    .superRefine((row, ctx) => {
      if (row.source === 'human' && row.reviewer === null) {
        ctx.addIssue({ code: 'custom', path: ['reviewer'], message: 'is empty; a human score needs the reviewer who gave it' });
      }
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
    const row: ScoreRow = {
      line,
      externalId: result.data.external_id,
      agent: result.data.agent,
      callType: result.data.call_type,
      kind: result.data.kind,
      occurredAt: result.data.occurred_at,
      criterion: result.data.criterion,
      score: result.data.score,
      source: result.data.source,
      reviewer: result.data.reviewer,
    };
    const verdict = conflicts.check(row, raw);
    errors.push(...verdict.errors);
    if (verdict.keep) rows.push(row);
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
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
      fileError(1, `unknown column${unknown.length > 1 ? 's' : ''} ${described.join(', ')}; remove or rename ${unknown.length > 1 ? 'them' : 'it'}: ${HEADER_HINT}`),
    );
  }
  const missing = SCORE_CSV_COLUMNS.filter((column) => column !== 'reviewer' && !columns.has(column));
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
