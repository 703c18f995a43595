import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScoreCsvError, parseScoreCsv, type ParsedScoreCsv, type ScoreRow } from '../../../src/ingest/score-csv/index.ts';

const OPTIONS = {
  timeZoneOf: () => 'UTC',
  now: () => new Date('2026-12-05T12:00:00Z'),
  criterionKeys: ['empathy', 'active_listening', 'tone_consistency', 'problem_resolution', 'close_follow_through'],
  callTypes: [
    { key: 'basic_inbound', name: 'Basic inbound' },
    { key: 'escalation', name: 'Escalation' },
    { key: 'billing_dispute', name: 'Billing dispute' },
  ],
};
const DATE_HINT =
  "use YYYY-MM-DD or YYYY-MM-DDTHH:MM (read in UTC, the team's time zone), or add Z or an offset such as +01:00, e.g. 2026-09-30, 2026-09-30T14:05 or 2026-09-30T14:05:00Z";
const HEADER = 'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer';
const ROW = 'C-1,U01ANA,basic_inbound,live,2026-03-02,empathy,75,ai,';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/scores/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string): ParsedScoreCsv => parseScoreCsv(fixture(name), OPTIONS);
const parseLines = (...lines: string[]): ParsedScoreCsv => parseScoreCsv(lines.join('\n'), OPTIONS);
const messages = (parsed: ParsedScoreCsv): string[] => parsed.errors.map(formatScoreCsvError);

describe('parseScoreCsv', () => {
  it('when the file is good, then every row is read with typed, camelCase fields and no errors', () => {
    const { rows, errors } = parseFixture('good.csv');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual<ScoreRow>({
      line: 2,
      externalId: 'C-1001',
      agent: 'U01ANA',
      callType: 'basic_inbound',
      kind: 'live',
      occurredAt: new Date('2026-03-02T00:00:00Z'),
      criterion: 'empathy',
      score: 75,
      level: null,
      scale: null,
      source: 'ai',
      reviewer: null,
    });
    expect(rows[1]).toMatchObject({ line: 3, source: 'human', reviewer: 'Priya QA', score: 50 });
    expect(rows[4]).toMatchObject({
      agent: 'ben@example.com',
      kind: 'roleplay',
      occurredAt: new Date('2026-03-03T14:30:00Z'),
      reviewer: 'legacy-qa-tool',
    });
    expect(rows[5]).toMatchObject({ score: 62.5, reviewer: 'Lee, Sam' });
  });

  it('when the file comes from a spreadsheet (BOM, CRLF, any column order and case, quotes, blank and empty rows), then it reads the same', () => {
    const { rows, errors } = parseFixture('excel-export.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.line, row.source, row.score, row.reviewer])).toEqual([
      [2, 'human', 80, "O'Neil, Dana"],
      [5, 'ai', 60, null],
    ]);
    // Values matched ignoring case are stored with the configured spelling; +01:00 is converted to UTC.
    expect(rows[0]).toMatchObject({ callType: 'escalation', kind: 'live', criterion: 'empathy', externalId: 'C-2001' });
    expect(rows[0]!.occurredAt.toISOString()).toBe('2026-03-04T08:15:00.000Z');
  });

  it('when a quoted value spans lines, then the next row keeps its true line number', () => {
    const { rows } = parseLines(
      HEADER,
      'C-1,U01ANA,basic_inbound,live,2026-03-02,empathy,75,human,"Priya\nQA"',
      'C-2,U01ANA,basic_inbound,live,2026-03-02,empathy,,ai,',
    );
    expect(rows[0]).toMatchObject({ line: 2, reviewer: 'Priya\nQA' });
    expect(
      messages(
        parseLines(
          HEADER,
          'C-1,U01ANA,basic_inbound,live,2026-03-02,empathy,75,human,"Priya\r\nQA"',
          'C-2,U01ANA,basic_inbound,live,2026-03-02,empathy,,ai,',
        ),
      ),
    ).toEqual(['line 4, score: is empty; use a number from 0 to 100']);
  });

  describe('when a value is wrong, then the error names the line, the column and what to do', () => {
    const parsed = parseFixture('bad-values.csv');
    it.each([
      ['score', 'line 2, score: "105" is out of range; use 0 to 100'],
      ['external_id', "line 3, external_id: is empty; give the call's id in the system the scores come from"],
      ['agent', "line 4, agent: is empty; give the agent's Slack user id, email or external id"],
      ['call_type', 'line 5, call_type: "walk_in" is not a configured call type; use one of: basic_inbound, escalation, billing_dispute'],
      ['kind', 'line 6, kind: "live call" is not a call kind; use live or roleplay'],
      ['occurred_at (not ISO)', `line 7, occurred_at: "02/03/2026" is not an ISO date; ${DATE_HINT}`],
      [
        'occurred_at (before 1970)',
        'line 8, occurred_at: "1969-12-31T10:00:00Z" is in the year 1969; a date must be from 1970 to 2027 (check the year, e.g. 2026-09-30)',
      ],
      ['occurred_at (no such day)', `line 9, occurred_at: "2026-02-30" is not a real date (February 2026 has 28 days); ${DATE_HINT}`],
      [
        'criterion',
        'line 10, criterion: "empaty" is not a criterion of the rubric; use one of: empathy, active_listening, tone_consistency, problem_resolution, close_follow_through',
      ],
      ['score (not a number)', 'line 11, score: "high" is not a number; use 0 to 100'],
      ['source', 'line 12, source: "qa" is not a score source; use ai or human'],
      ['reviewer (human score)', 'line 13, reviewer: is empty; a human score needs the reviewer who gave it'],
      ['score (empty)', 'line 14, score: is empty; use a number from 0 to 100'],
      ['score (negative)', 'line 15, score: "-5" is out of range; use 0 to 100'],
    ])('%s', (_name, message) => {
      expect(messages(parsed)).toContain(message);
    });

    it('and only the good row is returned, with one error per bad row', () => {
      expect(parsed.rows.map((row) => row.externalId)).toEqual(['C-15']);
      expect(parsed.errors).toHaveLength(14);
      expect(parsed.errors[0]).toEqual({ line: 2, column: 'score', message: 'score: "105" is out of range; use 0 to 100' });
    });
  });

  it('when one row has several problems, then each is reported, in column order', () => {
    expect(messages(parseLines(HEADER, 'C-1,,walk_in,live,2026-03-02,empathy,105,human,'))).toEqual([
      "line 2, agent: is empty; give the agent's Slack user id, email or external id",
      'line 2, call_type: "walk_in" is not a configured call type; use one of: basic_inbound, escalation, billing_dispute',
      'line 2, score: "105" is out of range; use 0 to 100',
    ]);
  });

  it('when a date-time has an offset, a space instead of T, or fractional seconds, then it is read as that instant', () => {
    const at = (value: string) => parseLines(HEADER, ROW.replace('2026-03-02', value)).rows[0]?.occurredAt.toISOString();
    expect(at('2026-03-02T10:00:00-05:00')).toBe('2026-03-02T15:00:00.000Z');
    expect(at('2026-03-02 10:00Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(at('2026-03-02T10:00:00.250+0100')).toBe('2026-03-02T09:00:00.250Z');
    expect(at('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(at('2026-03-02T24:00:00Z')).toBeUndefined();
  });

  it("when a date-time has no zone, then it is read in the agent's team's time zone, and a bare date starts that day there", () => {
    const zones = { U01ANA: 'America/Chicago' } as Record<string, string>;
    const at = (value: string) =>
      parseScoreCsv([HEADER, ROW.replace('2026-03-02', value)].join('\n'), {
        ...OPTIONS,
        timeZoneOf: (agent) => zones[agent] ?? null,
      }).rows[0]?.occurredAt.toISOString();
    expect(at('2026-03-02T10:00:00')).toBe('2026-03-02T16:00:00.000Z');
    expect(at('2026-07-02 10:00')).toBe('2026-07-02T15:00:00.000Z');
    expect(at('2026-03-02')).toBe('2026-03-02T06:00:00.000Z');
  });

  it('when the same external_id has another agent, call type, kind or time, then each conflict is an error on the later line', () => {
    const parsed = parseFixture('conflicts.csv');
    expect(messages(parsed)).toEqual([
      'line 3, agent: "U09ZED" conflicts with line 2 ("U01ANA") for call "C-1"; every row of a call must have the same agent',
      'line 4, call_type: "escalation" conflicts with line 2 ("basic_inbound") for call "C-1"; every row of a call must have the same call_type',
      'line 4, kind: "roleplay" conflicts with line 2 ("live") for call "C-1"; every row of a call must have the same kind',
      'line 5, occurred_at: "2026-03-05" conflicts with line 2 ("2026-03-02") for call "C-1"; every row of a call must have the same occurred_at',
      'line 7, score: "50" conflicts with line 2 ("75") for call "C-1", criterion empathy, source ai; keep one score per call, criterion and source',
    ]);
    // Line 6 (same instant written another way) is fine; line 8 repeats line 2 exactly and is dropped;
    // line 9 is the human score beside the AI one, not a conflict.
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 6, 9]);
  });

  it('when a header has unknown and missing columns, then both are named and no row is read', () => {
    const parsed = parseFixture('unknown-and-missing-columns.csv');
    expect(parsed.rows).toEqual([]);
    expect(messages(parsed)).toEqual([
      'line 1: unknown columns "call type" (did you mean "call_type"?), "notes"; remove or rename them: the header must name the columns external_id, agent, call_type, kind, occurred_at, criterion, score, source, reviewer',
      'line 1: missing columns "call_type", "source"; add them to the header (is the first line the header?)',
    ]);
  });

  it('when a header names a column twice, then that is an error', () => {
    expect(messages(parseLines(`${HEADER},score`, `${ROW},75`))).toEqual(['line 1: column "score" appears twice; keep one']);
  });

  it('when the reviewer column is left out, then AI rows are read and human rows ask for a reviewer', () => {
    const parsed = parseFixture('no-reviewer-column.csv');
    expect(parsed.rows).toMatchObject([{ line: 2, source: 'ai', reviewer: null }]);
    expect(messages(parsed)).toEqual(['line 3, reviewer: is empty; a human score needs the reviewer who gave it']);
  });

  it('when a row has too few or too many values, then the line says how many and why', () => {
    const parsed = parseFixture('wrong-field-count.csv');
    expect(messages(parsed)).toEqual([
      'line 3: has 8 values but the header has 9 columns; check for a missing comma, or quote a value that contains a comma',
      'line 5: has 10 values but the header has 9 columns; check for a missing comma, or quote a value that contains a comma',
    ]);
    expect(parsed.rows.map((row) => row.agent)).toEqual(['U01ANA', 'Smith, Jo']);
  });

  it('when a quote is never closed, then the error points at the line where it opened and no row is read', () => {
    const parsed = parseFixture('unclosed-quote.csv');
    expect(parsed.rows).toEqual([]);
    expect(messages(parsed)).toEqual([
      'line 3: a quoted value is never closed, so the rest of the file reads as one value; add the closing "',
    ]);
  });

  it('when text follows a closing quote, then the error explains how to quote', () => {
    expect(messages(parseLines(HEADER, 'C-1,"U01"ANA,basic_inbound,live,2026-03-02,empathy,75,ai,'))).toEqual([
      'line 2: a quoted value has text after its closing quote; quote the whole value and double any " inside it ("")',
    ]);
  });

  it('when the file is empty or only a header, then one error says so', () => {
    expect(messages(parseFixture('empty.csv'))).toEqual([
      'line 1: the file is empty; the header must name the columns external_id, agent, call_type, kind, occurred_at, criterion, score, source, reviewer, then one row per score',
    ]);
    expect(messages(parseFixture('header-only.csv'))).toEqual(['line 2: the file has a header but no rows; add one row per score']);
  });

  describe('the scale of the scores', () => {
    const levels = (...scores: number[]) =>
      [HEADER, ...scores.map((score, i) => ROW.replace('C-1,', `C-${i + 1},`).replace(',75,', `,${score},`))].join('\n');

    it('when every score is a whole number from 1 to 5 and no scale is declared, then the file is refused, saying why and how to declare it', () => {
      const parsed = parseScoreCsv(levels(5, 4, 3), OPTIONS);
      expect(messages(parsed)).toEqual([
        'line 2: every score is a whole number from 1 to 5, which reads like a 1-5 scale, but the file does not say which scale it uses ' +
          '(on 0 to 100, a 5 is 5 points out of 100); declare it: `--scale 1-5` (levels 1 to 5 are stored as 0, 25, 50, 75, 100) ' +
          'or `--scale 0-100` if these are points out of 100, or add a "scale" column with 1-5 or 0-100 on each row',
      ]);
    });

    it('when one score is outside 1 to 5 or not whole, then the file is read on 0 to 100 as before', () => {
      expect(parseScoreCsv(levels(5, 4, 30), OPTIONS)).toMatchObject({
        errors: [],
        rows: [{ score: 5, level: null }, { score: 4 }, { score: 30 }],
      });
      expect(parseScoreCsv(levels(5, 4.5), OPTIONS).errors).toEqual([]);
    });

    it('when the 1-5 scale is declared, then each level is stored as the scorers map it (1 → 0 … 5 → 100) with its level', () => {
      const parsed = parseScoreCsv(levels(1, 2, 3, 4, 5), { ...OPTIONS, scale: '1-5' });
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows.map((row) => [row.score, row.level, row.scale])).toEqual([
        [0, 1, '1-5'],
        [25, 2, '1-5'],
        [50, 3, '1-5'],
        [75, 4, '1-5'],
        [100, 5, '1-5'],
      ]);
    });

    it('when 0-100 is declared, then small whole scores are taken as points out of 100', () => {
      const parsed = parseScoreCsv(levels(5, 4), { ...OPTIONS, scale: '0-100' });
      expect(parsed).toMatchObject({ errors: [], rows: [{ score: 5, level: null, scale: '0-100' }, { score: 4 }] });
    });

    it('when a 1-5 score is not a whole level, then the line says what to write', () => {
      expect(messages(parseScoreCsv(levels(4, 3.5, 0, 75), { ...OPTIONS, scale: '1-5' }))).toEqual([
        'line 3, score: "3.5" is not a level of the 1-5 scale; use a whole number from 1 to 5',
        'line 4, score: "0" is not a level of the 1-5 scale; use a whole number from 1 to 5',
        'line 5, score: "75" is not a level of the 1-5 scale; use a whole number from 1 to 5',
      ]);
    });

    it('when a scale column declares the scale per row, then each row is read on its own scale', () => {
      const parsed = parseLines(
        `${HEADER},scale`,
        `${ROW.replace(',75,', ',4,')},1–5`,
        `${ROW.replace('C-1,', 'C-2,').replace(',75,', ',5,')},0-100`,
        `${ROW.replace('C-1,', 'C-3,')},`,
      );
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows.map((row) => [row.externalId, row.score, row.level, row.scale])).toEqual([
        ['C-1', 75, 4, '1-5'],
        ['C-2', 5, null, '0-100'],
        ['C-3', 75, null, null],
      ]);
    });

    it('when a scale cell is unknown or contradicts --scale, then the line says so', () => {
      expect(messages(parseLines(`${HEADER},scale`, `${ROW},percent`))).toEqual([
        'line 2, scale: "percent" is not a score scale; use 0-100 or 1-5, or leave it empty',
      ]);
      expect(
        messages(parseScoreCsv([`${HEADER},scale`, `${ROW.replace(',75,', ',4,')},1-5`].join('\n'), { ...OPTIONS, scale: '0-100' })),
      ).toEqual(['line 2, scale: "1-5" conflicts with --scale 0-100; declare the scale once']);
    });
  });

  it('when the error has no column, then formatScoreCsvError uses "line N:", else "line N, column:"', () => {
    expect(formatScoreCsvError({ line: 3, column: null, message: 'has 8 values' })).toBe('line 3: has 8 values');
    expect(formatScoreCsvError({ line: 7, column: 'score', message: 'score: "105" is out of range; use 0 to 100' })).toBe(
      'line 7, score: "105" is out of range; use 0 to 100',
    );
  });
});
