import { isAppError, type AppError } from '../domain/app-error.ts';
import { INGEST_ERROR_CODES } from '../ingest/ingest-errors.ts';
import { describeAgentFoundBy, describeRoleRule, ingestCall, type IngestCallDeps } from '../use-cases/ingest-call.ts';
import { httpWording } from './http-messages.ts';
import type { IntegrationCall } from './integration-call-schema.ts';

/** What the endpoint answers: an HTTP status and a JSON body. */
export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

export const errorAnswer = (status: number, error: string, message: string, extra: Record<string, unknown> = {}): HttpAnswer => ({
  status,
  body: { error, message, ...extra },
});

/** Codes of input the request itself got wrong, outside the limits (400), not a transcript that cannot be read (422). */
const BAD_REQUEST_CODES: readonly string[] = [INGEST_ERROR_CODES.tooDeep, 'call_date_out_of_range', 'call_date_invalid'];

/** 413 for a transcript over `ingest.maxBytes`, 400 for JSON too deep or a date out of range, 409 for an external id of another agent's call, 422 for the rest. */
const statusOf = (error: AppError): number => {
  if (error.code === INGEST_ERROR_CODES.tooLarge) return 413;
  if (BAD_REQUEST_CODES.includes(error.code)) return 400;
  if (error.code === 'external_id_taken') return 409;
  return 422;
};

export const appErrorAnswer = (error: AppError): HttpAnswer => errorAnswer(statusOf(error), error.code, httpWording(error));

/**
 * Ingests one validated call through the ingestion use case: 202 `{callId, status: 'queued', format,
 * roles}` when stored (the format read and how the agent was told apart), 200 `{callId, status: 'duplicate'}` when the external id (or the same conversation for the
 * agent) is already stored, an error answer with the use case's message otherwise. Anything that is
 * not an AppError is rethrown (the server answers 500).
 */
export const handleIntegrationCall = async (deps: IngestCallDeps, call: IntegrationCall): Promise<HttpAnswer> => {
  try {
    const result = await ingestCall(deps, {
      // A platform export sent as a JSON object is read exactly as the same export in a file would be.
      content: typeof call.transcript === 'string' ? call.transcript : JSON.stringify(call.transcript ?? call.turns),
      agent: call.agent ?? null,
      callType: call.callType ?? null,
      kind: call.kind ?? 'live',
      ...(call.occurredAt === undefined ? {} : { occurredAt: call.occurredAt }),
      externalId: call.externalId,
      ...(call.agentSpeaker === undefined ? {} : { agentSpeaker: call.agentSpeaker }),
      source: 'http',
      sourceName: null,
    });
    return result.status === 'imported'
      ? {
          status: 202,
          body: {
            callId: result.callId,
            status: 'queued',
            format: result.format,
            roles: describeRoleRule(result.roleRule),
            // Sent without "agent": who the call was found to be of, and by what.
            ...(result.agentFoundBy ? { agent: result.agent.key, agentFoundBy: describeAgentFoundBy(result.agentFoundBy) } : {}),
          },
        }
      : { status: 200, body: { callId: result.callId, status: 'duplicate' } };
  } catch (error) {
    if (isAppError(error)) return appErrorAnswer(error);
    throw error;
  }
};
