import { AppError } from '../domain/app-error.ts';
import { readInstant, type InstantOptions } from '../domain/dates/instant.ts';

/**
 * A date or date-time from a CLI option, read by the one date parser (src/domain/dates/instant.ts): a
 * zone-less value is read in `timeZone` (the team's), an impossible date is refused, never rolled over.
 * A bare date is the start of that day, or its noon where it names a day (`digest --at`).
 */
export const parseDateOption = (value: string, option: string, options: Omit<InstantOptions, 'now'> & { now?: () => Date }): Date => {
  const parsed = readInstant(value, options);
  if (parsed.ok) return parsed.date;
  throw new AppError('option_invalid', `--${option}: ${parsed.problem}.`);
};

/** A whole number from a CLI option within bounds. */
export const parseIntOption = (value: string, option: string, min: number, max: number): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new AppError('option_invalid', `--${option} "${value}" must be a whole number from ${min} to ${max}.`);
  }
  return number;
};
