import type { DisputeRecord } from './disputes/index.ts';
import type { TeamRecord } from './records.ts';
import type { CallKind, CallTypeDef, Evidence, Frustration, Level, Role, Rubric, ScoreResult, Turn } from './types.ts';

// The records the repositories read and write, as the use cases see them: plain domain data, no Prisma
// type. src/db maps its rows to these; use-cases/ports.ts declares the repositories over them (ADR 0044).

/** A claimed call: the lease owner and attempt number fence every later write. */
export interface CallClaim {
  call: CallRecord;
  owner: string;
  attempt: number;
}

export interface CallRecord {
  id: string;
  agentId: string;
  kind: CallKind;
  callType: string | null;
  /** The call type was inferred from the call's content, not given (ADR 0025). */
  callTypeInferred: boolean;
  /** Why a person must review the call before its AI scores count (a turn addressed the evaluator); null when none. */
  reviewReason: string | null;
  /** Why the scorer inferred the call type, null when it was given. */
  callTypeCue: string | null;
  occurredAt: Date;
  /** Where occurredAt came from ("given", "the export's conversationStartTime", "the file name" …); null for calls stored before it was kept. */
  dateSource: string | null;
  turns: Turn[] | null;
  source: string;
  sourceName: string | null;
  externalId: string | null;
  contentHash: string | null;
  redactions: Record<string, number> | null;
  frustration: Frustration | null;
  summary: string | null;
  state: CallState;
  attempts: number;
  nextAttemptAt: Date | null;
  failureReason: string | null;
  createdAt: Date;
}

export type CallState = 'queued' | 'scoring' | 'scored' | 'failed' | 'imported';

export type InsertCallResult =
  | { status: 'created'; call: CallRecord }
  | { status: 'duplicate'; call: CallRecord; matchedBy: 'external_id' | 'content' };

export interface NewCall {
  agentId: string;
  kind: CallKind;
  callType: string | null;
  /** Why the call type was inferred from the call's content ("inferred from 'refund'"); absent or null when it was given. */
  callTypeCue?: string | null;
  occurredAt: Date;
  /** Where occurredAt came from ("given", an export's field, "file name", "import time"). */
  dateSource?: string | null;
  turns: Turn[] | null;
  source: CallSource;
  sourceName?: string | null;
  externalId?: string | null;
  contentHash?: string | null;
  redactions?: Record<string, number> | null;
  /** `queued` waits for the scorer; `imported` has scores from elsewhere and no transcript to score. */
  state: Extract<CallState, 'queued' | 'imported'>;
}

export type CallSource = 'cli' | 'slack' | 'http' | 'score-import' | 'demo';

/** Who is who, as the admin config file says: synced into the database by `config apply`. */
export interface DirectorySnapshot {
  callTypes: CallTypeDef[];
  /** A team as `TeamRecord` holds it (before it has an id), with its agents. */
  teams: (Omit<TeamRecord, 'id'> & {
    agents: {
      key: string;
      displayName: string;
      slackUserId: string | null;
      email: string | null;
      externalIds: string[];
      /** Names the agent is heard by in transcripts (display name, first name, aliases). */
      names: string[];
    }[];
  })[];
  programs: {
    key: string;
    name: string;
    targetedCriteria: string[];
    startsAt: Date;
    completesAt: Date;
    baseline: 'pre_training' | 'none';
    agentKeys: string[];
  }[];
}

export interface RubricRecord extends Rubric {
  id: string;
  hash: string;
}

/** A dispute as the agent raises it: the criterion, the level they think fair, why, and the AI's figures it disputes. */
export interface NewDispute {
  callId: string;
  criterionKey: string;
  agentId: string;
  raisedBy: string;
  proposedLevel: Level | null;
  reason: string;
  aiLevel: Level | null;
  aiScore: number | null;
  /** What a retried submission carries (Slack's view id): the same one makes no second dispute. */
  requestId: string | null;
  at: Date;
}

export type CreateDisputeResult =
  | { created: true; dispute: DisputeRecord }
  | { created: false; existing: DisputeRecord; sameRequest: boolean };

/** What one erasure removed: counts only (the audit row keeps these and nothing personal). */
export interface ErasureCounts {
  calls: number;
  scores: number;
  messages: number;
  disputes: number;
  decisions: number;
}

export interface NotificationClaim {
  claimed: boolean;
  id: string;
  status: string;
}

/** Where Slack put a delivered message (chat.postMessage's channel and ts); null when the sender did not say. */
export interface SlackDelivery {
  channel: string | null;
  ts: string | null;
}

export interface DecisionRecord {
  id: string;
  agentId: string;
  callType: string;
  approvedBy: string;
  approvedAt: Date;
  evidence: unknown;
}

/** A scored call as the readiness rules see it: exclusions gone, a human score in place of the AI one. */
export interface EffectiveCall {
  callId: string;
  agentId: string;
  externalId: string | null;
  callType: string | null;
  kind: CallKind;
  occurredAt: Date;
  frustration: Frustration | null;
  /** Why a person must review the call (a speaker addressed the evaluator, ADR 0025); null when none. */
  reviewReason: string | null;
  /** Effective 0..100 per applicable criterion. */
  criteria: Record<string, number>;
  /** Which criteria carry a human score. */
  humanCriteria: string[];
  /** Criteria whose effective score is a low-confidence AI score (its evidence did not verify). */
  unverified: string[];
  /**
   * Criteria with evidence quotes stored on one of their current scores (AI or human): the only criteria
   * whose moments `moments()` can return for this call. The quotes themselves are not read here.
   */
  quotedCriteria: string[];
  /**
   * The scorer (and model) of each of the call's current AI evaluations, usually one: what `scorerUse`
   * counts, read with the call (ADR 0059). Calls with the same scorers share one frozen list.
   */
  aiScorers: readonly AiScorer[];
}

/** Who made an AI evaluation: the scorer and its model (null when the scorer has none). */
export interface AiScorer {
  readonly scorer: string;
  readonly model: string | null;
}

/** A quoted moment of a call's evidence, for one criterion. */
export interface MomentRecord {
  criterionKey: string;
  turn: number;
  role: Role;
  quote: string;
}

/** What recording a decision did: stored it, or found the one stored before (a second click or run). */
export interface RecordedDecision {
  recorded: boolean;
  decision: DecisionRecord;
}

/** A call and criterion scored both by the AI (with its scorer) and by a human reviewer. */
export interface ScorerPairRecord {
  callId: string;
  criterionKey: string;
  scorer: string;
  model: string | null;
  /** Who gave the human score, as imported (`reviewer` column); null when unnamed. */
  reviewer: string | null;
  ai: { level: Level | null; score: number };
  human: { level: Level | null; score: number };
}

/** Current AI evaluations per agent and scorer: who produced the scores behind a report. */
export interface ScorerUseRecord {
  agentId: string;
  scorer: string;
  model: string | null;
  calls: number;
}

/** The claim on a day's run: `claimed` for exactly one of any number of instances asking at once. */
export interface RetentionClaim {
  claimed: boolean;
  run: RetentionRunRecord;
}

/** A day's retention run as stored: who may run it is decided by the claim, never by a read. */
export interface RetentionRunRecord {
  key: string;
  status: string;
  cutoff: Date;
  deleted: number;
  error: string | null;
  claimedAt: Date;
  finishedAt: Date | null;
}

/** What the scoring use case found beside the scores: why a person must review the call, whether its call type was inferred. */
export interface AiScoreMarks {
  reviewReason: string | null;
  callTypeInferred: boolean;
  /** The inference's cue ("inferred from 'refund'"), null when the type was given. */
  callTypeCue: string | null;
}

/** One claimed call's AI scores to store, with the rubric version they were given under. */
export interface AiScoresToSave {
  claim: CallClaim;
  result: ScoreResult;
  rubricVersionId: string;
  marks?: AiScoreMarks;
}

export type ScoreSource = 'ai' | 'human';

export interface StoredCriterionScore {
  callId: string;
  criterionKey: string;
  source: ScoreSource;
  level: Level | null;
  score: number | null;
  applicable: boolean;
  confidence: 'high' | 'low';
  rationale: string | null;
  evidence: Evidence[];
  reviewer: string | null;
  scorer: string;
  model: string | null;
}

export interface StoredEvaluation {
  id: string;
  callId: string;
  source: ScoreSource;
  scorer: string;
  model: string | null;
  reviewer: string | null;
  rubricVersion: number | null;
  promptVersion: string | null;
  overall: number | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  createdAt: Date;
}

/** One call and every text stored with it: what a re-redaction reads and writes back. */
export interface StoredCallTexts {
  id: string;
  agentId: string;
  /** The duplicate check's hash of the stored (redacted) turns; null when the call has none. */
  contentHash: string | null;
  turns: Turn[] | null;
  sourceName: string | null;
  summary: string | null;
  failureReason: string | null;
  redactions: Record<string, number> | null;
  scores: { id: string; rationale: string | null; evidence: Evidence[] }[];
  exclusions: { id: string; reason: string }[];
}

/** An outgoing message and its payload (which may quote a call). */
export interface StoredMessage {
  id: string;
  payload: unknown;
}
