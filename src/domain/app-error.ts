/**
 * The one error type the app raises on purpose. `message` is for logs; `userMessage` says what is
 * wrong and how to fix it, fit to show a user in the CLI or Slack.
 */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;

  constructor(code: string, userMessage: string, options?: { cause?: unknown; logMessage?: string }) {
    super(options?.logMessage ?? userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
