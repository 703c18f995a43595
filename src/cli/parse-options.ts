import { AppError } from '../domain/app-error.ts';

/**
 * An ISO date or date-time from a CLI option. A bare date is midnight UTC, except where it names a day
 * that is then read in a team's time zone (`digest --at`): there it is noon UTC, the same calendar day
 * from UTC−11 to UTC+11, so the team's week does not move back a day west of Greenwich.
 */
export const parseDateOption = (value: string, option: string, bareDate: 'midnight' | 'noon' = 'midnight'): Date => {
  const trimmed = value.trim();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T${bareDate === 'noon' ? '12' : '00'}:00:00Z` : trimmed);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
    throw new AppError('option_invalid', `--${option} must be an ISO date or instant, e.g. 2026-09-30 or 2026-09-30T14:05:00Z; got "${value}".`);
  }
  return date;
};

/** A whole number from a CLI option within bounds. */
export const parseIntOption = (value: string, option: string, min: number, max: number): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new AppError('option_invalid', `--${option} "${value}" must be a whole number from ${min} to ${max}.`);
  }
  return number;
};
