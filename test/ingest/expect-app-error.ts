import { expect } from 'vitest';
import { type AppError, isAppError } from '../../src/domain/app-error.ts';

/** Runs `fn`, expects it to throw an AppError with `code`, and returns the error for further checks. */
export const expectAppError = (fn: () => unknown, code: string): AppError => {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isAppError(thrown), `expected an AppError ${code}, got ${String(thrown)}`).toBe(true);
  const error = thrown as AppError;
  expect(error.code).toBe(code);
  return error;
};
