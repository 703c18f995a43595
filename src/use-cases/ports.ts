import type {
  AiScoreMarks,
  AiScoresToSave,
  CallClaim,
  CallRecord,
  CallState,
  CreateDisputeResult,
  NewDispute,
  DecisionRecord,
  DirectorySnapshot,
  EffectiveCall,
  ErasureCounts,
  InsertCallResult,
  MomentRecord,
  NewCall,
  NotificationClaim,
  RecordedDecision,
  RetentionClaim,
  RetentionRunRecord,
  RubricRecord,
  ScoreSource,
  ScorerPairRecord,
  ScorerUseRecord,
  SlackDelivery,
  StoredCallTexts,
  StoredCriterionScore,
  StoredEvaluation,
  StoredMessage,
} from '../domain/stored-records.ts';
import type { DisputeRecord, DisputeState } from '../domain/disputes/index.ts';
import type { KeyOrNameMatch } from '../domain/key-or-name.ts';
import type { ReclaimPolicy } from '../domain/notifications/lease-policy.ts';
import type { AgentRecord, ExcludedCallRecord as ExcludedCall, ExclusionRecord, ProgramRecord, TeamRecord } from '../domain/records.ts';
import type { CallTypeDef, Criterion, ImportedScore, Level, ScoreResult, Turn } from '../domain/types.ts';

/**
 * What the use cases ask of the world: the repositories and the clock. Each use case takes the part it
 * needs (`Pick<Repositories, 'calls' | 'now'>`); the composition root (`services.ts`) builds them from
 * the database and passes them down, so use cases never import it (no cycle between the layers). Each
 * repository's interface is declared below, by the use cases' side: src/db implements it (services.ts
 * assigns each `create*Repository` to its port, so a method that drifts does not compile).
 */
export interface Repositories {
  calls: CallRepository;
  scores: ScoreRepository;
  directory: DirectoryRepository;
  readiness: ReadinessRepository;
  outbox: OutboxRepository;
  disputes: DisputeRepository;
  /** `forget agent` / `forget call`: erasure with its audit row. */
  erasure: ErasureRepository;
  /** `retention`: old calls erased once a day. */
  retention: RetentionRepository;
  /** `redact`: every stored text, read and rewritten. */
  texts: StoredTextRepository;
  /** Whether the database answers (`/healthz`). */
  health: HealthRepository;
  now: () => Date;
}

/** The calls: ingest (once per external id or content), the scoring queue and its leases, listings. */
export interface CallRepository {
  findDuplicate: (call: Pick<NewCall, 'agentId' | 'externalId' | 'contentHash'>) => Promise<InsertCallResult | null>;
  /**
   * Stores a call once: the same external id, or the same content for the same agent, is a duplicate
   * (but for two different external ids: see sameCallByContent). The insert is tried first and the
   * unique keys decide (one round trip for a new call, the common case); only when one refuses is the
   * stored call looked up and reported.
   */
  insert(call: NewCall): Promise<InsertCallResult>;
  /**
   * Gives a call that so far only had imported scores its transcript, and queues it for AI scoring
   * (beside the imported scores). Null when the call has a transcript by now (another importer won).
   * A null hash: another call with an external id of its own holds the same redacted words.
   */
  attachTranscript(
    callId: string,
    transcript: {
      turns: Turn[];
      contentHash: string | null;
      redactions: Record<string, number>;
      sourceName: string | null;
      callType: string | null;
    },
  ): Promise<CallRecord | null>;
  findById(id: string): Promise<CallRecord | null>;
  /** Calls by external id, in one query per 500 ids; ids with no call are absent from the map. */
  findByExternalIds(externalIds: readonly string[]): Promise<Map<string, CallRecord>>;
  findByExternalId(externalId: string): Promise<CallRecord | null>;
  /**
   * Claims up to `limit` of the oldest claimable calls in one UPDATE (ADR 0046): queued and due, or scoring
   * with an expired lease (a crashed worker). Of any number of workers racing for one call exactly one
   * gets it. Oldest first; empty when nothing is claimable.
   */
  claimBatch(owner: string, now: Date, leaseMs: number, limit: number): Promise<CallClaim[]>;
  /** The oldest claimable call, claimed (claimBatch of one); null when nothing is claimable. */
  claimNext(owner: string, now: Date, leaseMs: number): Promise<CallClaim | null>;
  /** Extends the lease of a call still being scored. False when the lease was lost. */
  renewLease(claim: CallClaim, leaseUntil: Date): Promise<boolean>;
  /** When the next delayed retry is due, if any call waits for one. */
  nextDueAt(): Promise<Date | null>;
  /** Puts a claimed call back in the queue for a later attempt. False when the lease was lost. */
  releaseForRetry(claim: CallClaim, nextAttemptAt: Date, reason: string): Promise<boolean>;
  /** Marks a claimed call failed with a readable reason. False when the lease was lost. */
  markFailed(claim: CallClaim, reason: string): Promise<boolean>;
  /** Failed calls go back to the queue with a fresh attempt budget. Returns how many. */
  requeueFailed(): Promise<number>;
  /** Scored calls since a date go back to the queue (after a rubric change). Returns how many. */
  requeueForRescore(since: Date): Promise<number>;
  countByState(): Promise<Record<CallState, number>>;
  /** Calls posted in a Slack channel (source `slack`) that the queue scored or gave up on, last changed since `since`. */
  postedInSlackSettled(since: Date): Promise<CallRecord[]>;
  list(filter?: { agentId?: string; state?: CallState; limit?: number }): Promise<CallRecord[]>;
}

/** Scores: AI evaluations and human re-scores beside them, never over them. */
export interface ScoreRepository {
  /**
   * Stores the AI scores of a claimed call and marks it scored, in one transaction fenced by the
   * lease: when another worker took the call over meanwhile, nothing is written and false returns.
   * A re-score supersedes the earlier AI evaluation (kept, no longer current); human scores stay.
   */
  saveAiScores(claim: CallClaim, result: ScoreResult, rubricVersionId: string, marks?: AiScoreMarks): Promise<boolean>;
  /**
   * The same for several claimed calls in one transaction (ADR 0046), each fenced by its own lease: true
   * or false per call, in the order given.
   */
  saveAiScoresBatch(items: readonly AiScoresToSave[]): Promise<boolean[]>;
  /**
   * Stores scores that come from elsewhere (another QA system, or a human reviewer). A new score of
   * the same call, criterion and source supersedes the older one; AI and human never overwrite each other.
   */
  saveImportedScores(input: {
    callId: string;
    source: ScoreSource;
    reviewer: string | null;
    rubricVersionId: string | null;
    overall: number | null;
    scores: (ImportedScore & {
      criterionKey: string;
    })[];
  }): Promise<void>;
  /** The current scores of these calls (AI and human side by side), with who or what scored them. */
  currentScores(callIds: readonly string[]): Promise<StoredCriterionScore[]>;
  /** The current AI evaluation of each call, for scorer, model, rubric version and cost. */
  currentAiEvaluations(callIds: readonly string[]): Promise<Map<string, StoredEvaluation>>;
  /** Pairs of current AI and human scores of the same call and criterion, for calibration. */
  calibrationPairs(): Promise<
    {
      callId: string;
      criterionKey: string;
      ai: {
        level: Level | null;
        score: number;
      };
      human: {
        level: Level | null;
        score: number;
      };
    }[]
  >;
}

/** Who is who, as the config says: teams, agents, managers, call types, rubric versions, programs. */
export interface DirectoryRepository {
  /**
   * Makes the database say what the snapshot says, in one transaction. Agents and teams missing from
   * the snapshot are deactivated, never deleted: their calls and decisions stay in the audit trail.
   */
  sync(snapshot: DirectorySnapshot): Promise<{
    agents: number;
    teams: number;
    programs: number;
    callTypes: number;
  }>;
  /** The rubric in force, or a new version when the criteria changed. */
  ensureRubric(
    criteria: Criterion[],
    hash: string,
  ): Promise<{
    rubric: RubricRecord;
    created: boolean;
  }>;
  currentRubric(): Promise<RubricRecord | null>;
  callTypes(): Promise<CallTypeDef[]>;
  /** The agent with this Slack user id, or null: one indexed read, for requests that carry a Slack user. */
  agentBySlackId(slackUserId: string): Promise<AgentRecord | null>;
  agentsById(ids: readonly string[]): Promise<AgentRecord[]>;
  /** A superset of the agents this key, Slack member id or lower-case ASCII e-mail address names (see resolveAgent). */
  agentCandidates(wanted: { key: string; slackUserId?: string; email?: string }): Promise<AgentRecord[]>;
  listAgents(filter?: { teamKey?: string; activeOnly?: boolean }): Promise<AgentRecord[]>;
  /** The team a key or name names, any case; none, with the candidates, when two teams share that name. */
  matchTeam(ref: string): Promise<KeyOrNameMatch<TeamRecord>>;
  /** The teams that list this Slack user id among their managers (empty when they manage none). */
  teamsManagedBy(slackUserId: string): Promise<TeamRecord[]>;
  listTeams(): Promise<TeamRecord[]>;
  /** Each agent's most recent training program (by completion date); agents enrolled in none are absent. */
  programsForAgents(agentIds: readonly string[]): Promise<Map<string, ProgramRecord>>;
}

/** What readiness is computed from: effective calls, exclusions, decisions, scorer use and agreement pairs. */
export interface ReadinessRepository {
  /**
   * The effective scores of every scored, non-excluded call of these agents, one row per call, in one
   * query filtered by agent (never by a list of call ids, which would pass one bind parameter per call
   * and exceed SQLite's limit for a team of a few thousand calls). `criterionKeys` keeps those criteria
   * only (the rubric's); without it, every criterion scored. Evidence quotes are read by `moments`;
   * `quotes: false` (default true) leaves `quotedCriteria` empty, for a report that quotes none.
   */
  effectiveCalls(agentIds: readonly string[], options?: { criterionKeys?: readonly string[]; quotes?: boolean }): Promise<EffectiveCall[]>;
  /**
   * The evidence quotes of these calls' current applicable scores, per call: for each score its quotes
   * in the order stored, the AI score's before a human one's (the order a report quotes them in).
   */
  moments(callIds: readonly string[]): Promise<Map<string, MomentRecord[]>>;
  /** Per agent, the scorers (and models) of the current AI evaluations of their calls that count. */
  scorerUse(agentIds: readonly string[]): Promise<ScorerUseRecord[]>;
  /** Calls of these agents scored by both the AI and a human on the same criterion (calibration). */
  scorerPairs(agentIds: readonly string[]): Promise<ScorerPairRecord[]>;
  /**
   * Excludes a call unless it already is: `created` false returns the exclusion that was there. Two
   * managers excluding one call at once record it once (the call's row is locked first; see lockCall).
   */
  exclude(input: { callId: string; reason: string; by: string; at: Date }): Promise<{
    exclusion: ExclusionRecord;
    created: boolean;
  }>;
  /** Undoes the active exclusion of a call; null when the call is not excluded. The row stays, for audit. */
  undoExclusion(input: { callId: string; by: string; at: Date }): Promise<ExclusionRecord | null>;
  activeExclusion(callId: string): Promise<ExclusionRecord | null>;
  /** The active exclusions of these calls, or of every call of these agents (500 ids a query), oldest call first. */
  activeExclusions(
    filter:
      | {
          callIds: readonly string[];
        }
      | {
          agentIds: readonly string[];
        },
  ): Promise<ExcludedCall[]>;
  exclusionHistory(callId: string): Promise<ExclusionRecord[]>;
  /**
   * Stores a decision unless this agent, call type and approval already has one (the unique key decides
   * between racing clicks, runs and instances): then the one stored first is returned, not recorded again.
   */
  recordDecision(input: Omit<DecisionRecord, 'id'>): Promise<RecordedDecision>;
  decisions(agentIds: readonly string[]): Promise<DecisionRecord[]>;
}

/** The outbox: every message claimed under a unique key before it is sent (ADR 0010). */
export interface OutboxRepository {
  claimNotification(input: { key: string; kind: string; recipient: string; payload: unknown; at: Date }): Promise<NotificationClaim>;
  /** The payloads stored with these keys' rows (what the claim recorded), by key. */
  notificationPayloads(keys: readonly string[]): Promise<Map<string, Record<string, unknown>>>;
  /**
   * Which of these keys need no send now: a row that is sent, pending within its lease (another run is
   * sending it), or out of attempts. A failed row, or a pending one past its lease, with attempts left is
   * not in the set: it is due for another attempt.
   * A read only: it lets a run skip the work for messages already handled, and a dry run show only what
   * would really go out. Claiming (or re-claiming) stays the one guard against double sends.
   */
  settledNotificationKeys(keys: readonly string[], policy: ReclaimPolicy): Promise<Set<string>>;
  /**
   * Takes a notification back for one more attempt: a failed one, or one still pending a lease after its
   * claim (the run that claimed it died before recording the outcome). One conditional UPDATE moves it to
   * `pending`, claimed now, with one attempt more, so of any number of instances retrying the key at once
   * exactly one gets `claimed: true`. Not claimed when the row is sent, recorded as delivered, pending
   * within its lease, or has used `maxAttempts`; the last error stays on the row until the attempt ends.
   */
  reclaimNotification(
    input: {
      key: string;
      at: Date;
    } & ReclaimPolicy,
  ): Promise<NotificationClaim>;
  /**
   * The attempt ended well: every claimed row of one message is sent, with where Slack put it. Slack's ts
   * and the `sent` status go in one update, so no row is ever sent without its ts, nor holds a ts and is
   * sent again.
   */
  markNotificationsSent(ids: readonly string[], at: Date, delivery?: SlackDelivery): Promise<void>;
  /** The attempt failed: every claimed row of one message is failed with the reason (retried while attempts remain). */
  markNotificationsFailed(ids: readonly string[], error: string): Promise<void>;
  /**
   * Claims the digest of one team for one period. A new run is claimed at once; an existing one only when
   * it failed, or its claim is older than the lease and still not sent (the run that held it died), with
   * attempts left, by one conditional update, so however many instances try, one gets it. `delivered`
   * lists what Slack already accepted in earlier attempts: the caller sends only the rest.
   */
  claimDigestRun(
    input: {
      key: string;
      teamId: string;
      periodStart: Date;
      periodEnd: Date;
      at: Date;
    },
    policy: ReclaimPolicy,
  ): Promise<{
    claimed: boolean;
    id: string;
    attempt: number;
    delivered: string[];
  }>;
  /** Records one delivery Slack accepted (`channel:C…` / `dm:U…`), before the next is sent. */
  markDigestDelivered(id: string, target: string): Promise<void>;
  markDigestSent(id: string, at: Date): Promise<void>;
  markDigestFailed(id: string, error: string): Promise<void>;
}

/** Disputes of AI scores and their resolutions. */
export interface DisputeRepository {
  /** A new open dispute; or the open one of this call and criterion (`sameRequest` when a retried submission made it). */
  create(input: NewDispute): Promise<CreateDisputeResult>;
  find(id: string): Promise<DisputeRecord | null>;
  /** Disputes of these agents (all when omitted), newest first, in a state when given. */
  list(input?: { agentIds?: readonly string[]; state?: DisputeState; since?: Date }): Promise<DisputeRecord[]>;
  /** The open disputes of these calls. */
  openForCalls(callIds: readonly string[]): Promise<DisputeRecord[]>;
  /**
   * Ends an open dispute: `kept` with the note, or `changed` with a human score of `level` stored for the
   * call and criterion (reviewer = the manager, scorer = `dispute`, this dispute as its source) in the
   * same transaction. False when the dispute was no longer open (another manager, or the window, came first).
   */
  resolve(input: { id: string; state: 'changed' | 'kept'; by: string; note: string; level: Level | null; at: Date }): Promise<boolean>;
  /** Open disputes raised before `before` become `expired` (the AI score stands); returns how many. */
  expire(before: Date, at: Date): Promise<number>;
}

/** `forget agent` / `forget call`: erasure with an audit row. */
export interface ErasureRepository {
  erase(input: {
    kind: 'agent' | 'call' | 'retention';
    callIds: readonly string[];
    agentId: string | null;
    mentions: readonly string[];
    by: string;
    at: Date;
  }): Promise<ErasureCounts>;
  /** The audit rows, newest first: kind, who, when and counts. */
  audit(): Promise<
    {
      kind: string;
      by: string;
      createdAt: Date;
      calls: number;
      scores: number;
      messages: number;
      disputes: number;
      decisions: number;
    }[]
  >;
}

/** Retention: old calls erased once a day, claimed per UTC day. */
export interface RetentionRepository {
  /**
   * Claims the run of `key` (a UTC day). A new row is claimed at once (the unique key lets one insert win);
   * an existing one only when it failed, or its claim is older than `staleBefore` and it is not done (the
   * instance that held it died), by one conditional update, so of any number of instances one gets it.
   */
  claim(input: { key: string; cutoff: Date; at: Date; staleBefore: Date }): Promise<RetentionClaim>;
  finish(key: string, at: Date): Promise<void>;
  fail(key: string, error: string, at: Date): Promise<void>;
  /** The most recent runs, newest first. */
  recent(limit?: number): Promise<RetentionRunRecord[]>;
  /** What a run with this cutoff would erase, without erasing anything. */
  countOlderThan(cutoff: Date): Promise<Pick<ErasureCounts, 'calls' | 'scores' | 'disputes'>>;
  /**
   * Erases every call dated before `cutoff`, in batches, each one transaction: the calls go (their
   * transcripts, evaluations, scores with their evidence quotes, exclusions and disputes by cascade), the
   * outbox rows that mention them keep their key and status (so nothing is sent again) but lose their
   * payload, and the run's counters and its one audit row (`Erasure`, kind `retention`, counts only) grow in
   * the same transaction. Readiness decisions are kept: their evidence holds figures, never a transcript.
   * On SQLite the file is compacted at the end so the erased text is gone from its bytes.
   */
  eraseOlderThan(input: { key: string; cutoff: Date; at: Date }): Promise<ErasureCounts>;
}

/** Every stored text, read and rewritten by `redact`. */
export interface StoredTextRepository {
  /** Calls with their scores and exclusion notes, in pages of 100 after the given id (ordered by id). */
  callsAfter(cursor: string | null): Promise<StoredCallTexts[]>;
  /**
   * Writes a call's redacted texts and content hash back, in one transaction. When another call of the
   * same agent already holds that hash (two stored calls that differ only in what is now redacted),
   * this one's hash is cleared: the other one answers the duplicate check for both.
   */
  saveCallTexts(call: StoredCallTexts): Promise<void>;
  /** Outgoing messages in pages of 100 after the given id. */
  messagesAfter(cursor: string | null): Promise<StoredMessage[]>;
  saveMessagePayload(id: string, payload: unknown): Promise<void>;
  /**
   * Makes replaced text unrecoverable from the database file: SQLite keeps old row versions in free
   * pages until VACUUM rewrites the file (PostgreSQL's VACUUM reclaims dead rows the same way).
   */
  compact(): Promise<void>;
}

/** Whether the database answers (`/healthz`). */
export interface HealthRepository {
  /** Resolves when the database answers one trivial query; rejects with the driver's error otherwise. */
  ping(): Promise<void>;
}
