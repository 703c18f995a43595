import { createHash } from 'node:crypto';
import { AppError } from '../domain/app-error.ts';
import type { CallKind, Turn } from '../domain/types.ts';
import type { CallRepository, CallSource } from '../db/call-repository.ts';
import type { AgentRecord, DirectoryRepository } from '../db/directory-repository.ts';
import { mapRoles } from '../ingest/map-roles.ts';
import { parseTranscript } from '../ingest/parse-transcript.ts';
import { redactTurns, type RedactionCounts } from '../ingest/redact-pii.ts';

export interface IngestCallInput {
  content: Buffer | string;
  /** File name, for format hints and messages. */
  fileName?: string;
  /** Slack user id or mention, email, external id or config key of the agent. */
  agent: string;
  callType?: string | null;
  kind?: CallKind;
  occurredAt?: Date;
  externalId?: string | null;
  /** The transcript's speaker label of the agent, when names and role labels do not tell. */
  agentSpeaker?: string;
  source: CallSource;
  sourceName?: string | null;
}

export type IngestCallResult =
  | {
      status: 'imported';
      callId: string;
      agent: AgentRecord;
      format: string;
      turns: number;
      redactions: RedactionCounts;
    }
  | { status: 'duplicate'; callId: string; agent: AgentRecord; matchedBy: 'external_id' | 'content' };

export interface IngestCallDeps {
  directory: DirectoryRepository;
  calls: CallRepository;
  now: () => Date;
  maxBytes: number;
}

/** sha256 over the redacted turns: the same conversation imported twice hashes the same. */
export const hashTurns = (turns: readonly Turn[]): string =>
  createHash('sha256')
    .update(JSON.stringify(turns.map((turn) => [turn.role, turn.text.replace(/\s+/g, ' ').trim().toLowerCase()])))
    .digest('hex');

export const resolveAgent = async (directory: DirectoryRepository, ref: string): Promise<AgentRecord> => {
  const agent = await directory.findAgent(ref);
  if (!agent) {
    throw new AppError(
      'agent_unknown',
      `No agent "${ref}" is configured. Use the agent's Slack user id, email or external id as written in the config file, ` +
        'or add the agent to a team there and run `npx floorready config apply`.',
    );
  }
  return agent;
};

export const assertKnownCallType = async (directory: DirectoryRepository, callType: string): Promise<void> => {
  const known = await directory.callTypes();
  if (!known.some((type) => type.key === callType)) {
    const list = known.map((type) => type.key).join(', ') || '(none configured)';
    throw new AppError('call_type_unknown', `Unknown call type "${callType}". Configured call types: ${list}.`);
  }
};

/**
 * Parses, maps roles, redacts PII and stores one call transcript, queued for scoring. Idempotent: the
 * same external id, or the same content for the same agent, is reported as a duplicate and stored once.
 * Every check runs before anything is written, so a bad file leaves nothing behind.
 */
export const ingestCall = async (deps: IngestCallDeps, input: IngestCallInput): Promise<IngestCallResult> => {
  const agent = await resolveAgent(deps.directory, input.agent);
  if (input.callType) await assertKnownCallType(deps.directory, input.callType);

  // A call known by its external id is a duplicate, unless it only has imported scores so far: then
  // this transcript completes it (and the AI scores it beside those scores).
  const known = input.externalId ? await deps.calls.findByExternalId(input.externalId) : null;
  if (known && known.agentId !== agent.id) {
    throw new AppError(
      'external_id_taken',
      `External id "${input.externalId}" already belongs to a call of another agent; an external id names one call of one agent.`,
    );
  }
  if (known && known.turns !== null) return { status: 'duplicate', callId: known.id, agent, matchedBy: 'external_id' };

  const parsed = parseTranscript(input.content, { fileName: input.fileName, maxBytes: deps.maxBytes });
  const agentNames = [agent.displayName, ...agent.names];
  const mapped = mapRoles(parsed.turns, { agentNames, agentSpeaker: input.agentSpeaker });
  const { turns, counts } = redactTurns(mapped);

  const occurredAt = input.occurredAt ?? deps.now();
  if (Number.isNaN(occurredAt.getTime())) {
    throw new AppError('call_date_invalid', 'The call date is not a valid date. Use an ISO date such as 2026-09-30 or 2026-09-30T14:05:00Z.');
  }

  const contentHash = hashTurns(turns);
  if (known) {
    const sameContent = await deps.calls.findDuplicate({ agentId: agent.id, contentHash });
    if (sameContent) return { status: 'duplicate', callId: sameContent.call.id, agent, matchedBy: 'content' };
    const attached = await deps.calls.attachTranscript(known.id, {
      turns,
      contentHash,
      redactions: { ...counts },
      sourceName: input.sourceName ?? input.fileName ?? null,
      callType: input.callType ?? null,
    });
    if (!attached) return { status: 'duplicate', callId: known.id, agent, matchedBy: 'external_id' };
    return { status: 'imported', callId: known.id, agent, format: parsed.format, turns: turns.length, redactions: counts };
  }

  const result = await deps.calls.insert({
    agentId: agent.id,
    kind: input.kind ?? 'live',
    callType: input.callType ?? null,
    occurredAt,
    turns,
    source: input.source,
    sourceName: input.sourceName ?? input.fileName ?? null,
    externalId: input.externalId ?? null,
    contentHash,
    redactions: { ...counts },
    state: 'queued',
  });
  if (result.status === 'duplicate') {
    return { status: 'duplicate', callId: result.call.id, agent, matchedBy: result.matchedBy };
  }
  return { status: 'imported', callId: result.call.id, agent, format: parsed.format, turns: turns.length, redactions: counts };
};
