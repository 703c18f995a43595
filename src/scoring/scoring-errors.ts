import { AppError, isAppError, type ErrorCode } from '../domain/app-error.ts';

/** Error codes a scorer throws (as `AppError.code`). */
export const SCORING_ERROR = {
  /** Rate limit, 5xx, timeout or connection failure after the SDK's own retries: retry later. */
  unavailable: 'llm_unavailable',
  /** Not JSON, wrong shape, truncated, unknown or missing criteria: retry once or twice. */
  badOutput: 'llm_bad_output',
  /** The model refused (or a content filter stopped it): not retryable. */
  refused: 'llm_refused',
  /** 400/401/403/404/422: a configuration problem, not retryable. */
  rejected: 'llm_rejected',
  /** The caller's AbortSignal fired: nothing is wrong with the call, score it again later. */
  cancelled: 'scoring_cancelled',
  /** The call has nothing to score (no turns). */
  emptyTranscript: 'transcript_empty',
} as const satisfies Record<string, ErrorCode>;

const RETRYABLE: ReadonlySet<ErrorCode> = new Set([SCORING_ERROR.unavailable, SCORING_ERROR.badOutput, SCORING_ERROR.cancelled]);

/**
 * Whether scoring the call again may succeed: true for `llm_unavailable`, `llm_bad_output` (upstream
 * should cap these at one or two more attempts) and `scoring_cancelled`; false for everything else.
 */
export const isRetryable = (error: unknown): boolean => isAppError(error) && RETRYABLE.has(error.code);

export { AppError };
