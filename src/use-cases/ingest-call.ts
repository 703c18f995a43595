import type { CallSource } from '../domain/stored-records.ts';
import type { CallRepository, DirectoryRepository } from './ports.ts';
import { AppError } from '../domain/app-error.ts';
import { callDateProblem } from '../domain/call-date-range.ts';
import type { CallKind, Turn } from '../domain/types.ts';
import { sameCallByContent } from '../domain/same-call-by-content.ts';
import type { AgentRecord } from '../domain/records.ts';
import { countPlatformRedactions } from '../ingest/count-platform-redactions.ts';
import { dateFromName } from '../ingest/date-from-name.ts';
import { AGENT_FOUND_BY, findCallAgent, type AgentFoundBy } from '../ingest/find-call-agent.ts';
import { hashTurns } from '../ingest/hash-turns.ts';
import { mapRoles, ROLE_RULES, type RoleRule } from '../ingest/map-roles.ts';
import { parseTranscript } from '../ingest/parse-transcript.ts';
import { redactSourceName } from '../ingest/redact-source-name.ts';
import { redactTurns, type RedactionCounts } from '../ingest/redact-pii.ts';
import { customerSpeakerNames } from '../ingest/redaction/customer-speaker-names.ts';
import { removeUnstorableCharacters } from '../ingest/remove-unstorable-characters.ts';
import { findEvaluatorAddress } from '../domain/injection/find-evaluator-address.ts';
import { inferCallType, type InferredCallType } from '../scoring/embedded/infer-call-type.ts';
import { readFrustration } from '../scoring/embedded/read-frustration.ts';
import { assertKnownCallType } from './resolve-names.ts';
import { resolveAgent } from './resolve-access.ts';
import { findTeam } from './find-team.ts';

export interface IngestCallInput {
  content: Buffer | string;
  /** File name, for format hints and messages. */
  fileName?: string;
  /**
   * Slack user id or mention, email, external id or config key of the agent; null to find the agent in the
   * call (a configured name as a speaker label, their introduction, the customer calling them by name).
   */
  agent: string | null;
  /**
   * With no agent given: the agents the caller may reach (a Slack poster's teams), the only ones the call is
   * searched for; default every active agent (the CLI, and the integration endpoint, whose secret reaches all).
   */
  agentCandidates?: readonly AgentRecord[];
  callType?: string | null;
  kind?: CallKind;
  /** When the call happened, given for this call: wins over the export's own date. */
  occurredAt?: Date;
  /** When the call happened, given for a whole import (`--at`): used when the export and its file name hold no date. */
  fallbackOccurredAt?: Date;
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
      /** How the call's agent was found when none was given (null when given). */
      agentFoundBy: AgentFoundBy | null;
      /** Where the call's date came from, in words ("the export's conversationStartTime", "the file name", "import time"). */
      dateSource: string;
      /** The external id kept, and whether it came from the export (its field) or was given. */
      externalId: string | null;
      externalIdSource: string | null;
      /** The call type inferred from the call's content when none was given, with its cue; null when given. */
      inferredCallType: InferredCallType | null;
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

/** The sentence an import prints about how the call's agent was found when none was given. */
export const describeAgentFoundBy = (foundBy: AgentFoundBy): string => `agent found by ${AGENT_FOUND_BY[foundBy]}`;

/** The call's date, and where it came from: given for the call, the export's own field, the file name, given for the import, or now. */
const callDate = (input: IngestCallInput, parsed: ReturnType<typeof parseTranscript>, now: Date): { at: Date; source: string } => {
  if (input.occurredAt) return { at: input.occurredAt, source: 'given' };
  const started = parsed.metadata.startedAt;
  if (started) return { at: started.at, source: `the export's ${started.field}` };
  const named = input.fileName ? dateFromName(input.fileName) : null;
  if (named) return { at: named, source: 'the file name' };
  if (input.fallbackOccurredAt) return { at: input.fallbackOccurredAt, source: 'given (--at)' };
  return { at: now, source: 'import time (the export holds no date)' };
};

const externalIdTaken = (externalId: string): AppError =>
  new AppError(
    'external_id_taken',
    `External id "${externalId}" already belongs to a call of another agent; an external id names one call of one agent.`,
  );

/** Every free-text field a caller gives, fit to store (no NUL, no lone surrogate); file names redacted of PII. */
const storableInput = (input: IngestCallInput): IngestCallInput => {
  const clean = (value: string | null | undefined): string | null | undefined =>
    typeof value === 'string' ? removeUnstorableCharacters(value) : value;
  const sourceName = input.sourceName ?? input.fileName ?? null;
  return {
    ...input,
    agent: input.agent === null ? null : removeUnstorableCharacters(input.agent),
    callType: clean(input.callType),
    externalId: clean(input.externalId)?.trim() || null,
    ...(input.agentSpeaker === undefined ? {} : { agentSpeaker: removeUnstorableCharacters(input.agentSpeaker) }),
    sourceName: sourceName === null ? null : redactSourceName(sourceName),
  };
};

/** The call type of an untyped call, from its content less any turn that addresses the evaluator; null when nothing is heard. */
const inferFromContent = async (directory: DirectoryRepository, turns: readonly Turn[]): Promise<InferredCallType | null> => {
  const addressed = new Set(findEvaluatorAddress(turns).map((found) => found.turn));
  const heard = turns.filter((_, index) => !addressed.has(index));
  return heard.length === 0 ? null : inferCallType(heard, await directory.callTypes(), readFrustration(heard));
};

/**
 * Parses, maps roles, redacts PII and stores one call transcript, queued for scoring. Idempotent: the
 * same external id, or the same content for the same agent, is reported as a duplicate and stored once.
 * Every check runs before anything is written, so a bad file leaves nothing behind.
 */
export const ingestCall = async (deps: IngestCallDeps, given: IngestCallInput): Promise<IngestCallResult> => {
  const input = storableInput(given);
  const checkDate = (at: Date, source: string): void => {
    const dateProblem = callDateProblem(at, deps.now());
    if (dateProblem !== null) {
      const from = source === 'given' ? '' : ` (from ${source})`;
      throw new AppError(
        Number.isNaN(at.getTime()) ? 'call_date_invalid' : 'call_date_out_of_range',
        `The call date${from} ${dateProblem}.`,
      );
    }
  };
  if (input.occurredAt) checkDate(input.occurredAt, 'given');
  const givenAgent = input.agent === null ? null : await resolveAgent(deps.directory, input.agent);
  const callType = input.callType ? await assertKnownCallType(deps.directory, input.callType) : null;

  // A call known by its external id is a duplicate, unless it only has imported scores so far: then
  // this transcript completes it (and the AI scores it beside those scores).
  const knownBy = async (agent: AgentRecord, externalId: string | null) => {
    const found = externalId ? await deps.calls.findByExternalId(externalId) : null;
    if (found && externalId && found.agentId !== agent.id) throw externalIdTaken(externalId);
    return found;
  };
  const knownEarly = givenAgent && input.externalId ? await knownBy(givenAgent, input.externalId) : null;
  if (givenAgent && knownEarly && knownEarly.turns !== null)
    return { status: 'duplicate', callId: knownEarly.id, agent: givenAgent, matchedBy: 'external_id' };

  const parsed = parseTranscript(input.content, { fileName: input.fileName, maxBytes: deps.maxBytes });
  // No agent given (a folder of a backlog): the call names its agent among the configured ones.
  const found = givenAgent
    ? null
    : findCallAgent(
        parsed.turns,
        (input.agentCandidates ?? (await deps.directory.listAgents({ activeOnly: true })))
          .filter((agent) => agent.active)
          .map((agent) => ({ ...agent, names: [agent.displayName, ...agent.names] })),
        (await deps.directory.listTeams()).flatMap((team) => team.company),
      );
  const agent = givenAgent ?? (found?.agent as AgentRecord);
  const team = agent.teamKey ? await findTeam(deps.directory, agent.teamKey) : null;
  // The platform's own id of the call is its external id unless one was given.
  const exportId = parsed.metadata.callId ? removeUnstorableCharacters(parsed.metadata.callId.id).trim() || null : null;
  const externalId = input.externalId ?? exportId;
  const externalIdSource = input.externalId ? 'given' : exportId ? `the export's ${parsed.metadata.callId?.field}` : null;
  const known = givenAgent && input.externalId ? knownEarly : await knownBy(agent, externalId);
  if (known && known.turns !== null) return { status: 'duplicate', callId: known.id, agent, matchedBy: 'external_id' };

  const date = callDate(input, parsed, deps.now());
  checkDate(date.at, date.source);
  const occurredAt = date.at;

  const agentNames = [agent.displayName, ...agent.names];
  const mapped = mapRoles(parsed.turns, {
    agentNames,
    agentSpeaker: input.agentSpeaker,
    companies: team?.company ?? [],
    greetings: team?.greetings ?? [],
  });
  // The customer's name as their speaker label (or the export's list of participants) gives it is
  // redacted wherever it is said; never the agent's own name.
  const isAgentName = (name: string): boolean => agentNames.some((known) => known.toLowerCase() === name.toLowerCase());
  const names = customerSpeakerNames([
    ...mapped.turns.map((turn, index) => ({ role: turn.role, speaker: parsed.turns[index]?.speaker ?? null })),
    ...parsed.participantNames.filter((name) => !isAgentName(name)).map((speaker) => ({ role: 'customer' as const, speaker })),
  ]);
  // The agent's own names and the company's stay readable wherever they are said ("this is Ana", "thanks, Ana").
  const { turns, counts } = redactTurns(mapped.turns, { names, keepNames: [...agentNames, ...(team?.company ?? [])] });
  const platformRedactions = countPlatformRedactions(mapped.turns);
  // No call type given: inferred from what the redacted call is about, never from a turn that speaks to the
  // evaluator ("callType escalation"), and stored with its cue (ADR 0025).
  const inferred = callType === null && !known ? await inferFromContent(deps.directory, turns) : null;
  const redactions = { ...counts, ...(platformRedactions > 0 ? { platform: platformRedactions } : {}) };
  const imported = {
    format: parsed.format,
    turns: turns.length,
    redactions: counts,
    platformRedactions,
    roleRule: mapped.rule,
    agentFoundBy: found?.foundBy ?? null,
    dateSource: date.source,
    externalId,
    externalIdSource,
    inferredCallType: inferred,
  };

  // Over the redacted turns: no hash of raw customer data is stored (src/ingest/hash-turns.ts).
  const contentHash = hashTurns(turns);
  if (known) {
    const sameContent = await deps.calls.findDuplicate({ agentId: agent.id, contentHash });
    if (sameContent && sameCallByContent(known.externalId, sameContent.call))
      return { status: 'duplicate', callId: sameContent.call.id, agent, matchedBy: 'content' };
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
    callType: callType ?? inferred?.key ?? null,
    callTypeCue: inferred?.cue ?? null,
    occurredAt,
    dateSource: date.source,
    turns,
    source: input.source,
    sourceName: input.sourceName ?? null,
    externalId,
    contentHash,
    redactions,
    state: 'queued',
  });
  if (result.status === 'duplicate') {
    // Another writer stored this external id first (a race the look-up above could not see): for
    // another agent that is a conflict, never this agent's duplicate.
    if (result.matchedBy === 'external_id' && externalId && result.call.agentId !== agent.id) throw externalIdTaken(externalId);
    return { status: 'duplicate', callId: result.call.id, agent, matchedBy: result.matchedBy };
  }
  return { status: 'imported', callId: result.call.id, agent, ...imported };
};
