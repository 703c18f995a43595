import { AppError } from '../domain/app-error.ts';
import { callDateProblem } from '../domain/call-date-range.ts';
import type { CallKind } from '../domain/types.ts';
import { sameCallByContent, type CallRepository, type CallSource } from '../db/call-repository.ts';
import type { AgentRecord, DirectoryRepository } from '../db/directory-repository.ts';
import { countPlatformRedactions } from '../ingest/count-platform-redactions.ts';
import { hashTurns } from '../ingest/hash-turns.ts';
import { mapRoles, ROLE_RULES, type RoleRule } from '../ingest/map-roles.ts';
import { parseTranscript } from '../ingest/parse-transcript.ts';
import { redactSourceName } from '../ingest/redact-source-name.ts';
import { redactTurns, type RedactionCounts } from '../ingest/redact-pii.ts';
import { customerSpeakerNames } from '../ingest/redaction/customer-speaker-names.ts';
import { removeUnstorableCharacters } from '../ingest/remove-unstorable-characters.ts';
import { assertKnownCallType } from './resolve-names.ts';
import { resolveAgent } from './resolve-access.ts';

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
      /** Placeholders the platform had already put in place of PII (`[PII]`, `[NAME]` …), kept as they are. */
      platformRedactions: number;
      /** How the agent was told apart from the customer. */
      roleRule: RoleRule;
    }
  | { status: 'duplicate'; callId: string; agent: AgentRecord; matchedBy: 'external_id' | 'content' };

export interface IngestCallDeps {
  directory: DirectoryRepository;
  calls: CallRepository;
  now: () => Date;
  maxBytes: number;
}


/** The sentence an import prints about how roles were found ("agent told apart by …"). */
export const describeRoleRule = (rule: RoleRule): string => `agent told apart by ${ROLE_RULES[rule]}`;

const externalIdTaken = (externalId: string): AppError =>
  new AppError(
    'external_id_taken',
    `External id "${externalId}" already belongs to a call of another agent; an external id names one call of one agent.`,
  );

/** Every free-text field a caller gives, fit to store (no NUL, no lone surrogate); file names redacted of PII. */
const storableInput = (input: IngestCallInput): IngestCallInput => {
  const clean = (value: string | null | undefined): string | null | undefined => (typeof value === 'string' ? removeUnstorableCharacters(value) : value);
  const sourceName = input.sourceName ?? input.fileName ?? null;
  return {
    ...input,
    agent: removeUnstorableCharacters(input.agent),
    callType: clean(input.callType),
    externalId: clean(input.externalId)?.trim() || null,
    ...(input.agentSpeaker === undefined ? {} : { agentSpeaker: removeUnstorableCharacters(input.agentSpeaker) }),
    sourceName: sourceName === null ? null : redactSourceName(sourceName),
  };
};

/**
 * Parses, maps roles, redacts PII and stores one call transcript, queued for scoring. Idempotent: the
 * same external id, or the same content for the same agent, is reported as a duplicate and stored once.
 * Every check runs before anything is written, so a bad file leaves nothing behind.
 */
export const ingestCall = async (deps: IngestCallDeps, given: IngestCallInput): Promise<IngestCallResult> => {
  const input = storableInput(given);
  const occurredAt = input.occurredAt ?? deps.now();
  const dateProblem = callDateProblem(occurredAt, deps.now());
  if (dateProblem !== null) {
    throw new AppError(Number.isNaN(occurredAt.getTime()) ? 'call_date_invalid' : 'call_date_out_of_range', `The call date ${dateProblem}.`);
  }
  const agent = await resolveAgent(deps.directory, input.agent);
  const callType = input.callType ? await assertKnownCallType(deps.directory, input.callType) : null;

  // A call known by its external id is a duplicate, unless it only has imported scores so far: then
  // this transcript completes it (and the AI scores it beside those scores).
  const known = input.externalId ? await deps.calls.findByExternalId(input.externalId) : null;
  if (known && input.externalId && known.agentId !== agent.id) throw externalIdTaken(input.externalId);
  if (known && known.turns !== null) return { status: 'duplicate', callId: known.id, agent, matchedBy: 'external_id' };

  const parsed = parseTranscript(input.content, { fileName: input.fileName, maxBytes: deps.maxBytes });
  const agentNames = [agent.displayName, ...agent.names];
  const mapped = mapRoles(parsed.turns, { agentNames, agentSpeaker: input.agentSpeaker });
  // The customer's name as their speaker label (or the export's list of participants) gives it is
  // redacted wherever it is said; never the agent's own name.
  const isAgentName = (name: string): boolean => agentNames.some((known) => known.toLowerCase() === name.toLowerCase());
  const names = customerSpeakerNames([
    ...mapped.turns.map((turn, index) => ({ role: turn.role, speaker: parsed.turns[index]?.speaker ?? null })),
    ...parsed.participantNames.filter((name) => !isAgentName(name)).map((speaker) => ({ role: 'customer' as const, speaker })),
  ]);
  // The agent's own names stay readable wherever they are said ("this is Ana", "thanks, Ana").
  const { turns, counts } = redactTurns(mapped.turns, { names, keepNames: agentNames });
  const platformRedactions = countPlatformRedactions(mapped.turns);
  const redactions = { ...counts, ...(platformRedactions > 0 ? { platform: platformRedactions } : {}) };
  const imported = { format: parsed.format, turns: turns.length, redactions: counts, platformRedactions, roleRule: mapped.rule };


  // Over the redacted turns: no hash of raw customer data is stored (src/ingest/hash-turns.ts).
  const contentHash = hashTurns(turns);
  if (known) {
    const sameContent = await deps.calls.findDuplicate({ agentId: agent.id, contentHash });
    if (sameContent && sameCallByContent(known.externalId, sameContent.call)) return { status: 'duplicate', callId: sameContent.call.id, agent, matchedBy: 'content' };
    const attached = await deps.calls.attachTranscript(known.id, {
      turns,
      contentHash: sameContent ? null : contentHash,
      redactions,
      sourceName: input.sourceName ?? null,
      callType,
    });
    if (!attached) return { status: 'duplicate', callId: known.id, agent, matchedBy: 'external_id' };
    return { status: 'imported', callId: known.id, agent, ...imported };
  }

  const result = await deps.calls.insert({
    agentId: agent.id,
    kind: input.kind ?? 'live',
    callType,
    occurredAt,
    turns,
    source: input.source,
    sourceName: input.sourceName ?? null,
    externalId: input.externalId ?? null,
    contentHash,
    redactions,
    state: 'queued',
  });
  if (result.status === 'duplicate') {
    // Another writer stored this external id first (a race the look-up above could not see): for
    // another agent that is a conflict, never this agent's duplicate.
    if (result.matchedBy === 'external_id' && input.externalId && result.call.agentId !== agent.id) throw externalIdTaken(input.externalId);
    return { status: 'duplicate', callId: result.call.id, agent, matchedBy: result.matchedBy };
  }
  return { status: 'imported', callId: result.call.id, agent, ...imported };
};
