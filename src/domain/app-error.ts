/**
 * The one error type the app raises on purpose. `code` says what went wrong and `params` what the
 * wording needs: each entry point (CLI, Slack, HTTP) may word a code for its audience from its own
 * catalogue. `message` is for logs; `userMessage` is the plain-text wording, fit to show a user in the
 * CLI, and what an entry point without its own wording for the code shows.
 */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(code: string, userMessage: string, options?: { cause?: unknown; logMessage?: string; params?: Record<string, unknown> }) {
    super(options?.logMessage ?? userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.params = options?.params ?? {};
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
