/**
 * The one reader of dates and times typed by people or sent by call platforms (ADR 0024): CLI options
 * (`--at`, `--since`, `digest --at`), import sidecars, the score CSV, Slack messages and the HTTP
 * endpoint all go through `instantSchema`, so they accept and refuse the same texts with the same words.
 *
 * - `YYYY-MM-DD` is the start of that day (or its noon, where a day is meant: `digest --at`) in the
 *   team's time zone.
 * - `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space for the T) with `Z` or an offset (`+01:00`, `-0500`) is that
 *   instant; without one it is read in the team's time zone, and the hint says which zone that is.
 * - A date that does not exist (`2026-02-30`, `24:00`) is refused, never rolled over to another day.
 * - Years outside 1970 to next year are refused: no call of ours happened before then or after.
 */
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

import { maxCallYear, MIN_CALL_YEAR } from '../call-date-range.ts';

export interface InstantOptions {
  /**
   * IANA zone a text without `Z` or an offset is read in (the team's). `null` when it is not known (teams
   * in several zones and no agent to choose by): such a text is refused, asking for a zone.
   */
  timeZone: string | null;
  /** What a bare date means: the start of the day (default) or its noon (a day, read safely in any zone). */
  bareDate?: 'start' | 'noon';
  /** The clock that says which year "next year" is; default the system clock. */
  now?: () => Date;
}

export type ParsedInstant = { ok: true; date: Date } | { ok: false; problem: string };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How to write a date, naming the zone a zone-less one is read in. */
export const instantHint = (timeZone: string | null): string =>
  timeZone === null
    ? 'use YYYY-MM-DDTHH:MM with Z or an offset, e.g. 2026-09-30T14:05:00Z or 2026-09-30T14:05+01:00'
    : `use YYYY-MM-DD or YYYY-MM-DDTHH:MM (read in ${timeZone}, the team's time zone), or add Z or an offset ` +
      'such as +01:00, e.g. 2026-09-30, 2026-09-30T14:05 or 2026-09-30T14:05:00Z';

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const offsetMinutes = (zone: string): number | null => {
  if (zone.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
};

/** Reads one text; `problem` completes a sentence such as `--at: <problem>` or `occurredAt: <problem>`. */
const parseInstant = (text: string, options: InstantOptions): ParsedInstant => {
  const value = text.trim();
  const zone = options.timeZone;
  const hint = instantHint(zone);
  if (value === '') return { ok: false, problem: `is empty; ${hint}` };
  const quoted = JSON.stringify(value);
  const match = SHAPE.exec(value);
  if (!match) return { ok: false, problem: `${quoted} is not an ISO date; ${hint}` };
  const [, y, mo, d, h, mi, s, fraction, offsetText] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);

  const maxYear = maxCallYear((options.now ?? (() => new Date()))());
  if (year < MIN_CALL_YEAR || year > maxYear) {
    return {
      ok: false,
      problem: `${quoted} is in the year ${year}; a date must be from ${MIN_CALL_YEAR} to ${maxYear} (check the year, e.g. 2026-09-30)`,
    };
  }
  if (month < 1 || month > 12) return { ok: false, problem: `${quoted} is not a real date (there is no month ${month}); ${hint}` };
  if (day < 1 || day > daysIn(year, month)) {
    return {
      ok: false,
      problem: `${quoted} is not a real date (${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days); ${hint}`,
    };
  }
  const isDateOnly = h === undefined;
  const hour = isDateOnly ? (options.bareDate === 'noon' ? 12 : 0) : Number(h);
  const minute = isDateOnly ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, problem: `${quoted} is not a real time of day; ${hint}` };
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);

  if (offsetText !== undefined) {
    const offset = offsetMinutes(offsetText);
    if (offset === null) return { ok: false, problem: `${quoted} has an offset that does not exist (at most ±14:00); ${hint}` };
    return { ok: true, date: new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000) };
  }
  if (zone === null) {
    return {
      ok: false,
      problem: `${quoted} has no time zone, and the teams are in several; add Z for UTC or an offset such as +01:00`,
    };
  }
  return { ok: true, date: new Date(new TZDate(year, month - 1, day, hour, minute, second, ms, zone).getTime()) };
};

/** The zod schema of a date text: trims, reads it with `parseInstant`, and gives a Date or one issue with the problem. */
export const instantSchema = (options: InstantOptions) =>
  z.string({ error: `expected a date as a string; ${instantHint(options.timeZone)}` }).transform((value, ctx) => {
    const parsed = parseInstant(value, options);
    if (parsed.ok) return parsed.date;
    ctx.addIssue({ code: 'custom', message: parsed.problem, input: value });
    return z.NEVER;
  });

/**
 * `parseInstant`, throwing nothing but returning the date, for callers that word the problem themselves: the
 * reading `instantSchema` gives a string, without building a zod schema per value (a score CSV reads one per row).
 */
export const readInstant = (text: string, options: InstantOptions): ParsedInstant => parseInstant(text, options);
