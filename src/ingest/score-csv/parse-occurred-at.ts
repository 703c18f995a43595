export type ParsedOccurredAt = { ok: true; date: Date } | { ok: false; problem: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const HINT = 'use YYYY-MM-DD (taken as 00:00 UTC) or YYYY-MM-DDTHH:MM:SSZ (or with an offset such as +01:00)';

/**
 * An ISO 8601 date (`2024-03-01`, taken as 00:00 UTC) or date-time with `Z` or an offset
 * (`2024-03-01T14:30:00Z`, `2024-03-01 14:30+01:00`). A date-time without a time zone is refused rather than
 * guessed. `problem` completes "occurred_at: <problem>".
 */
export const parseOccurredAt = (text: string): ParsedOccurredAt => {
  const value = text.trim();
  if (value === '') return { ok: false, problem: `is empty; ${HINT}` };
  const quoted = JSON.stringify(value);

  const date = DATE.exec(value);
  if (date) {
    const instant = utcInstant(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0);
    return instant === null ? { ok: false, problem: `${quoted} is not a real date; ${HINT}` } : { ok: true, date: instant };
  }

  const dateTime = DATE_TIME.exec(value);
  if (!dateTime) return { ok: false, problem: `${quoted} is not an ISO date; ${HINT}` };
  const [, y, mo, d, h, mi, s, fraction, zone] = dateTime;
  if (zone === undefined) {
    return { ok: false, problem: `${quoted} has no time zone; add Z for UTC or an offset such as +01:00` };
  }
  const milliseconds = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const local = utcInstant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), milliseconds);
  const offset = offsetMinutes(zone);
  if (local === null || offset === null) return { ok: false, problem: `${quoted} is not a real date and time; ${HINT}` };
  return { ok: true, date: new Date(local.getTime() - offset * 60_000) };
};

/** The instant of these UTC fields, or null when any is out of range (2024-02-30, 24:00, …). */
const utcInstant = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): Date | null => {
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900..1999
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date : null;
};

const offsetMinutes = (zone: string): number | null => {
  if (zone.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
};
