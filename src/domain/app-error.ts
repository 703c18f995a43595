import type { ErrorCode, ErrorParams, PlainErrorCode } from './error-codes.ts';

export type { ErrorCode, ErrorParams, PlainErrorCode } from './error-codes.ts';

interface AppErrorOptions {
  cause?: unknown;
  logMessage?: string;
}

/** The options of an AppError of code C: `params` required exactly when the code has parameters. */
export type AppErrorOptionsFor<C extends ErrorCode> = C extends PlainErrorCode
  ? [options?: AppErrorOptions]
  : [options: AppErrorOptions & { params: ErrorParams[C] }];

/**
 * The one error type the app raises on purpose. `code` (one of the closed set in error-codes.ts) says
 * what went wrong and `params` what the wording needs: each entry point (CLI, Slack, HTTP) words a code
 * for its audience from its own catalogue. `message` is for logs; `userMessage` is the plain-text
 * wording, fit to show a user in the CLI, and what an entry point shows when its catalogue says so.
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly userMessage: string;
  readonly params: ErrorParams[C];

  constructor(code: C, userMessage: string, ...[options]: AppErrorOptionsFor<C>) {
    super(options?.logMessage ?? userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.params = (options && 'params' in options ? options.params : {}) as ErrorParams[C];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Whether an error is an AppError of this code, its parameters typed. */
export const hasCode = <C extends ErrorCode>(error: unknown, code: C): error is AppError<C> => isAppError(error) && error.code === code;
