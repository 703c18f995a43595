/**
 * The years a call can have happened in: from 1970 (no contact centre recorded a transcript before) to
 * the year after the clock's (a call platform's clock a little ahead). Outside them a date is a typo or an
 * attack, and year 0 or 275760 is one no database stores (Prisma P2039 on SQLite and PostgreSQL).
 */
export const MIN_CALL_YEAR = 1970;

/** The latest year a call may be dated, given now. */
export const maxCallYear = (now: Date): number => now.getUTCFullYear() + 1;

/** Why `date` cannot be a call's date, or null when it can. */
export const callDateProblem = (date: Date, now: Date): string | null => {
  if (Number.isNaN(date.getTime())) return 'is not a valid date; use an ISO date such as 2026-09-30 or 2026-09-30T14:05:00Z';
  const year = date.getUTCFullYear();
  if (year < MIN_CALL_YEAR || year > maxCallYear(now)) {
    return `is in the year ${year}; a call's date must be from ${MIN_CALL_YEAR} to ${maxCallYear(now)} (check the year, e.g. 2026-09-30)`;
  }
  return null;
};
