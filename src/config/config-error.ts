import { AppError, type PlainErrorCode } from '../domain/app-error.ts';

/**
 * Configuration could not be used. `issues` holds one line per problem (`where: problem`), so the
 * CLI and the start-up log can print them as a list; `userMessage` is the heading plus those lines.
 */
export class ConfigError extends AppError {
  readonly issues: readonly string[];

  constructor(
    code: Extract<PlainErrorCode, `config_${string}`>,
    heading: string,
    issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    const body = issues.map((issue) => `  - ${issue}`).join('\n');
    super(code, issues.length === 0 ? heading : `${heading}\n${body}`, options);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export const isConfigError = (error: unknown): error is ConfigError => error instanceof ConfigError;
