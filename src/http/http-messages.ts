import { PLAIN, PLAIN_EVERYWHERE, type PlainEverywhereCode } from '../domain/plain-error-codes.ts';
import type { AppError, ErrorCode } from '../domain/app-error.ts';
import { formatBytes } from '../ingest/ingest-errors.ts';

// Every sentence the call-platform endpoint answers with, in one place: what is wrong, and what to send instead.

export const httpMessages = {
  bodyTooLarge: (size: number, maxBytes: number) =>
    `The request body is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (ingest.maxBytes in the config). ` +
    'Send one call per request, or raise ingest.maxBytes.',
  unsupportedMediaType: 'Send the call as JSON, with the header content-type: application/json (UTF-8).',
  bodyIncomplete: 'The request body ended early; send it again.',
  invalidJson: (detail: string) => `The body is not valid JSON (${detail}). Send one JSON object describing the call.`,
  validationFailed: (issues: readonly string[]) => `The call is not valid: ${issues.join('; ')}`,
  endpointOff: (callsPath: string) =>
    `The call-platform endpoint is off: set FLOORREADY_INTEGRATION_SECRET to accept calls at ${callsPath}.`,
  usePost: (path: string) => `Use POST ${path}.`,
  useGet: (path: string) => `Use GET ${path}.`,
  internalError:
    'Something went wrong on our side; the call may not have been stored. Send the same request again later: a repeat never stores a call twice.',
  notFound: (callsPath: string, healthPath: string) =>
    `No such endpoint. Call platforms POST to ${callsPath}; health checks GET ${healthPath}.`,
  agentSpeakerHint: ' Over HTTP, send the agent\'s speaker label as "agentSpeaker".',
};

type HttpWording<C extends ErrorCode> = ((error: AppError<C>) => string) | typeof PLAIN;

/** The codes this entry point words its own way, or plain where the others do not. */
const HTTP_OWN_WORDING: { [C in Exclude<ErrorCode, PlainEverywhereCode>]: HttpWording<C> } = {
  transcript_agent_unknown: (error) => error.userMessage + httpMessages.agentSpeakerHint,
  transcript_agent_speaker_missing: (error) => error.userMessage + httpMessages.agentSpeakerHint,
  access_refused: PLAIN,
  agent_unknown: PLAIN,
  agent_ambiguous: PLAIN,
  agent_missing: PLAIN,
  agent_not_given: (error) =>
    `${error.userMessage} Send the agent as "agent" (their Slack user id, email or external id)${error.params.several ? '' : ', or add the name the agent uses to their aliases in the config'}.`,
  actor_missing: PLAIN,
  approver_missing: PLAIN,
  call_unknown: PLAIN,
  dispute_unknown: PLAIN,
};

/**
 * How the call-platform endpoint words every error code: its userMessage (`plain`), or with the HTTP
 * field that fixes it. A `Record`-style object over the closed union: a new code does not compile until
 * it is here or in PLAIN_EVERYWHERE (the codes every entry point words plainly, listed once).
 */
export const HTTP_WORDING: { [C in ErrorCode]: HttpWording<C> } = { ...PLAIN_EVERYWHERE, ...HTTP_OWN_WORDING };

/** A core error worded for a call platform: HTTP_WORDING's entry for its code. */
export const httpWording = <C extends ErrorCode>(error: AppError<C>): string => {
  const wording: HttpWording<C> = HTTP_WORDING[error.code];
  return wording === PLAIN ? error.userMessage : wording(error);
};
