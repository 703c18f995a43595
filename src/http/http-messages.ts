import type { AppError } from '../domain/app-error.ts';
import { AGENT_SPEAKER_CODES, formatBytes } from '../ingest/ingest-errors.ts';

// Every sentence the call-platform endpoint answers with, in one place: what is wrong, and what to send instead.

export const httpMessages = {
  bodyTooLarge: (size: number, maxBytes: number) =>
    `The request body is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (ingest.maxBytes in the config). ` +
    'Send one call per request, or raise ingest.maxBytes.',
  unsupportedMediaType: 'Send the call as JSON, with the header content-type: application/json (UTF-8).',
  bodyIncomplete: 'The request body ended early; send it again.',
  invalidJson: (detail: string) => `The body is not valid JSON (${detail}). Send one JSON object describing the call.`,
  validationFailed: (issues: readonly string[]) => `The call is not valid: ${issues.join('; ')}`,
  endpointOff: (callsPath: string) => `The call-platform endpoint is off: set FLOORREADY_INTEGRATION_SECRET to accept calls at ${callsPath}.`,
  usePost: (path: string) => `Use POST ${path}.`,
  useGet: (path: string) => `Use GET ${path}.`,
  internalError: 'Something went wrong on our side; the call may not have been stored. Send the same request again later: a repeat never stores a call twice.',
  notFound: (callsPath: string, healthPath: string) => `No such endpoint. Call platforms POST to ${callsPath}; health checks GET ${healthPath}.`,
  agentSpeakerHint: ' Over HTTP, send the agent\'s speaker label as "agentSpeaker".',
};

/** A core error worded for a call platform: its message, with the HTTP field that names the agent's speaker where that is the fix. */
export const httpWording = (error: AppError): string =>
  error.userMessage + (AGENT_SPEAKER_CODES.includes(error.code) ? httpMessages.agentSpeakerHint : '');
