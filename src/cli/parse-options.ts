import { AppError } from '../domain/app-error.ts';

/** An ISO date or date-time from a CLI option; a bare date is midnight UTC. */
export const parseDateOption = (value: string, option: string): Date => {
  const trimmed = value.trim();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
    throw new AppError('option_invalid', `--${option} "${value}" is not an ISO date; use e.g. 2026-09-30 or 2026-09-30T14:05:00Z.`);
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
