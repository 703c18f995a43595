// Types of the readiness judgement. Pure data: every field is JSON-serialisable (Dates included;
// the caller serialises them).

import type { MeanInterval } from '../statistics/index.ts';
import type { Criterion, Frustration, Role } from '../types.ts';

// ---------------------------------------------------------------- input

/** A quoted moment of a call backing a criterion score (from the evidence of the effective score). */
export interface CallMoment {
  criterionKey: string;
  turn: number;
  role: Role;
  quote: string;
}

/** One scored call. Exclusions are already removed by the caller. */
export interface ScoredCall {
  callId: string;
  externalId: string | null;
  /** The caller maps a null call type to 'unspecified'. */
  callType: string;
  kind: 'live' | 'roleplay';
  occurredAt: Date;
  frustration: Frustration | null;
  /** Effective 0..100 per applicable criterion (a human score already replaced the AI one). */
  criteria: Record<string, number>;
  /** Weighted overall of those effective scores. */
  overall: number | null;
  /** Evidence quotes, when a transcript exists. */
  moments?: CallMoment[];
  /**
   * The criteria this call has quotes stored on, when the caller knows it without reading them (moments
   * read lazily, ADR 0041): a criterion not listed has no moment, so a rule need not ask (ADR 0050).
   * Absent: only `moments` says.
   */
  quoted?: readonly string[];
  /**
   * Criteria whose effective score is low-confidence (its evidence did not verify, and no human score
   * replaced it). Such a call counts toward nothing: scores that do not verify never decide.
   */
  unverified?: readonly string[];
  /** Set when a speaker addressed the evaluator (ADR 0025): its AI scores are held for a person's review. */
  needsReview?: string;
}

export interface CallRef {
  callId: string;
  externalId: string | null;
}

/** Why a call of the period is not among the calls a batch counts. */
export type LeftOutReason = 'excluded' | 'low_confidence' | 'needs_review' | 'roleplay';

/** A call the caller already knows is excluded (with the manager's reason); it counts toward nothing. */
export interface ExcludedCall {
  callId: string;
  externalId: string | null;
  callType: string;
  kind: 'live' | 'roleplay';
  occurredAt: Date;
  reason: string;
}

/** A call of a post-training period that the batch does not count, and why. */
export interface LeftOutCall {
  callId: string;
  externalId: string | null;
  occurredAt: Date;
  reason: LeftOutReason;
  /** The exclusion's reason, or the criteria whose scores did not verify; null for roleplay. */
  detail: string | null;
}

export interface ProgramInfo {
  key: string;
  name: string;
  startsAt: Date;
  completesAt: Date;
  targetedCriteria: string[];
  /** 'none': the program's agents are new hires with no pre-training calls (default 'pre_training'). */
  baseline?: 'pre_training' | 'none';
}

/** Mirrors the config's `thresholds` block. */
export interface ReadinessThresholds {
  /** Per-criterion override; a criterion without one uses `overall`. */
  readiness: { overall: number; criteria: Record<string, number> };
  baseline: { minCalls: number; maxCalls: number };
  batch: { periodDays: number; minCalls: number; required: number };
  rules: {
    unchangedBand: number;
    improvedBy: number;
    droppedBy: number;
    dropAfterDays: number;
    callTypeSpread: number;
    minCallsPerGroup: number;
    roleplayGap: number;
    teamShareBelow: number;
    /** At least this many agents with post-training batches before a criterion can be a team-wide gap. */
    teamMinAgents: number;
  };
  /** The scorer's agreement with this team's human reviewers required before `ready`; unset = no gate. */
  calibration?: { minKappa?: number | undefined; minCalls?: number | undefined };
  /** Pairs an agreement figure needs: a kappa at all (default 10), a Landis–Koch band (default 20). */
  agreement?: { minPairs: number; minPairsForBand: number };
  /** READY needs each deciding batch's 95% lower bound at or above the threshold (default false). */
  requireMargin?: boolean;
  /**
   * Before an agent has `batch.required` batches, a live call below `overall` (default 40), or at level
   * `level` (default 1) or below on any criterion, is an early warning to the agent's managers.
   */
  earlyWarning?: { overall: number; level: number };
}

/** A manager's recorded deployment decision for one call type. */
export interface Approval {
  callType: string;
  approvedBy: string;
  approvedAt: Date;
  evidence: unknown;
}

export interface AgentRef {
  id: string;
  key: string;
  displayName: string;
}

// ---------------------------------------------------------------- figures

/** Mean per criterion key; null when no call had the criterion. */
export type CriterionMeans = Record<string, number | null>;

export interface Baseline {
  /** 'all_types' = every call type of the agent; 'call_type' = one call type. */
  scope: 'all_types' | 'call_type';
  callType: string | null;
  /** Mean per rubric criterion over the calls used; null when none of them has it. */
  criteria: CriterionMeans;
  overall: number | null;
  /** Number of calls used (the most recent `maxCalls` live calls before the program start, at most). */
  calls: number;
  /** calls >= thresholds.baseline.minCalls. An insufficient baseline is reported, never hidden. */
  sufficient: boolean;
  minCalls: number;
  /** Date of the oldest and newest call used; null when none. */
  from: Date | null;
  to: Date | null;
  callIds: string[];
  /** Plain-language note when the baseline is missing or insufficient. */
  note: string | null;
  /** 95% interval of the overall mean (null below two calls). */
  overallInterval: MeanInterval | null;
  /** 95% interval per criterion with at least two calls. */
  criteriaIntervals: Record<string, MeanInterval>;
  /**
   * 'pre_training' (live calls before the start); 'practice' (a new hire's roleplay calls before their first
   * live call, labelled as practice); 'none' (a new hire with no practice: no baseline, and no delta).
   */
  kind: BaselineKind;
}

/** Where a baseline comes from (see Baseline.kind). */
export type BaselineKind = 'pre_training' | 'practice' | 'none';

/** A post-training period of `periodDays` with at least `batch.minCalls` live calls. */
export interface Batch {
  /** Period number k: [completesAt + k·periodDays, completesAt + (k+1)·periodDays). */
  index: number;
  start: Date;
  /** Exclusive end. */
  end: Date;
  calls: number;
  /** Mean of the calls' overalls (calls without one leave the mean); null when none has one. */
  overall: number | null;
  /** Mean per criterion, only criteria some call of the batch has. */
  criteria: Record<string, number>;
  /** 95% interval of the overall mean (null below two calls). */
  overallInterval: MeanInterval | null;
  /** 95% interval per criterion with at least two calls. */
  criteriaIntervals: Record<string, MeanInterval>;
  callIds: string[];
  /** The calls it counts (in callIds' order), with their external ids. */
  counted: CallRef[];
  /** Calls of the period the batch does not count (excluded, low-confidence, roleplay), oldest first. */
  leftOut: LeftOutCall[];
  /** The period has not ended at `now` yet (it already has enough calls to count). */
  inProgress: boolean;
}

/** A post-training period with fewer calls than a batch needs. */
export interface IncompletePeriod {
  index: number;
  start: Date;
  end: Date;
  calls: number;
  minCalls: number;
  inProgress: boolean;
  callIds: string[];
  counted: CallRef[];
  /** Calls of the period left out (excluded, low-confidence, roleplay): why it may not be a batch. */
  leftOut: LeftOutCall[];
}

/** `ready_pending_calibration`: the scores meet the threshold, but the scorer has not yet met the team's calibration gate. */
export type ReadinessStatus = 'insufficient_data' | 'not_ready' | 'ready_pending_calibration' | 'ready' | 'approved';

export type StatusReasonCode =
  | 'approved'
  | 'no_program'
  | 'program_not_complete'
  | 'no_post_training_calls'
  | 'periods_below_minimum'
  | 'fewer_batches_than_required'
  | 'threshold_not_met'
  | 'margin_not_cleared'
  | 'pending_calibration'
  | 'threshold_met';

export interface BatchCheck {
  batchStart: Date;
  batchEnd: Date;
  /** The batch's mean; null when no call of the batch has the criterion (= not met). */
  value: number | null;
  /** Its 95% interval (half-width and bounds); null below two calls. */
  margin: number | null;
  low: number | null;
  high: number | null;
  met: boolean;
  /** Points missing to the threshold: max(0, threshold − value); null when no data. */
  gap: number | null;
}

/** Whether one criterion (or the overall) met its threshold in each of the most recent batches. */
export interface CriterionCheck {
  /** Criterion key, or 'overall'. */
  criterion: string;
  name: string;
  threshold: number;
  /** The `batch.required` most recent batches (fewer when fewer exist), oldest first. */
  batches: BatchCheck[];
  /** Met in every listed batch (and at least one batch listed). */
  met: boolean;
  /** Largest gap over the listed batches; null when no batch listed or none has data. */
  gap: number | null;
  /** The threshold lies inside the 95% interval of at least one listed batch: the verdict could go either way. */
  insideMargin: boolean;
  /** Every listed batch's 95% lower bound is at or above the threshold (what `requireMargin` asks). */
  lowerBoundsMet: boolean;
}

/** When a decision rests inside the margin of error: the check closest to its threshold, in margins. */
export interface MarginNote {
  /** Criterion key, or 'overall'. */
  criterion: string;
  name: string;
  threshold: number;
  /** The deciding batches' means, oldest first. */
  values: number[];
  /** The largest 95% margin among them. */
  margin: number;
  lows: number[];
}

export interface StatusDecision {
  status: ReadinessStatus;
  reasonCode: StatusReasonCode;
  statusReason: string;
  /** The status the scores alone give, ignoring any approval and the calibration gate. */
  thresholdStatus: Exclude<ReadinessStatus, 'approved' | 'ready_pending_calibration'>;
  thresholdReasonCode: Exclude<StatusReasonCode, 'approved' | 'pending_calibration'>;
  /** The latest approval of this call type, if any. */
  approval: Approval | null;
  /** The batches the decision looked at: the `batch.required` most recent ones, oldest first. */
  decisiveBatches: Batch[];
  overallMet: CriterionCheck;
  /** One per criterion applicable to the call type, in rubric order. */
  criteriaMet: CriterionCheck[];
  /** Set when the decision (ready or not ready) rests inside the 95% margin of a deciding batch; else null. */
  marginNote: MarginNote | null;
  /** thresholds.requireMargin at the time: READY needed every deciding lower bound at or above its threshold. */
  requireMargin: boolean;
}

export interface CurrentFigures {
  /** Start of the batch these figures come from (the latest batch). */
  batchStart: Date;
  overall: number | null;
  criteria: Record<string, number>;
  /** Latest batch mean − baseline mean per applicable criterion; null when either side is missing. */
  deltaVsBaseline: CriterionMeans;
  overallDeltaVsBaseline: number | null;
  /** Which baseline the deltas use: the call type's own when sufficient, else the agent's all-types one when sufficient, else the best available (flagged insufficient). */
  baselineUsed: { scope: 'call_type' | 'all_types'; sufficient: boolean; kind: BaselineKind } | null;
}

export interface CallTypeReadiness extends StatusDecision {
  callType: string;
  baseline: Baseline;
  batches: Batch[];
  incompletePeriods: IncompletePeriod[];
  /** Number of post-training live calls of this call type (in batches or not). */
  postTrainingCalls: number;
  current: CurrentFigures | null;
}

// ---------------------------------------------------------------- trends

export interface PeriodFigures {
  calls: number;
  overall: number | null;
  criteria: CriterionMeans;
}

export interface TrendWeek extends PeriodFigures {
  /** Monday 00:00 of the ISO week in the requested time zone. */
  weekStart: Date;
}

export interface AdjacentCriterion {
  criterion: string;
  name: string;
  baseline: number | null;
  postTraining: number | null;
  /** postTraining − baseline; null when either is missing. */
  delta: number | null;
}

export interface Trends {
  timeZone: string;
  /** The last N ISO weeks up to the week of `now`, oldest first; empty weeks included. */
  weeks: TrendWeek[];
  baseline: CriterionMeans | null;
  /** All post-training live calls. */
  postTraining: PeriodFigures;
  /** Post-training mean − baseline mean per criterion. */
  deltaVsBaseline: CriterionMeans;
  /** Criteria the program did not target: did they improve too? */
  adjacentCriteria: AdjacentCriterion[];
  /** Post-training means per customer frustration level (easy calls versus frustrated customers). */
  frustrationSplit: Record<Frustration, PeriodFigures>;
}

// ---------------------------------------------------------------- recommendations

export type AgentRuleId =
  | 'unchanged_from_baseline'
  | 'improved_then_dropped'
  | 'call_type_variance'
  | 'roleplay_live_gap'
  | 'below_threshold'
  | 'readiness_reached';
export type TeamRuleId = 'team_wide_low';
export type RuleId = AgentRuleId | TeamRuleId;

export interface BaselineRef {
  scope: 'call_type' | 'all_types';
  callType: string | null;
  value: number;
  calls: number;
}

export interface BatchRef {
  start: Date;
  end: Date;
  calls: number;
  value: number;
}

export interface QuotedMoment {
  callId: string;
  externalId: string | null;
  occurredAt: Date;
  /** The call's score on the criterion. */
  score: number;
  turn: number;
  role: Role;
  quote: string;
}

export interface GroupMean {
  group: string;
  calls: number;
  overall: number;
}

export interface EvidenceByRule {
  unchanged_from_baseline: {
    baseline: BaselineRef;
    latestBatch: BatchRef;
    delta: number;
    band: number;
  };
  improved_then_dropped: {
    baseline: BaselineRef;
    improvedBatch: BatchRef;
    droppedBatch: BatchRef;
    improvement: number;
    drop: number;
    daysBetween: number;
  };
  call_type_variance: {
    callTypes: GroupMean[];
    spread: number;
    best: GroupMean;
    weakCallTypes: GroupMean[];
    frustrationLevels: GroupMean[];
    weakFrustrationLevels: GroupMean[];
  };
  roleplay_live_gap: {
    roleplay: { calls: number; mean: number; since: Date };
    live: { calls: number; mean: number; since: Date };
    gap: number;
    moments: QuotedMoment[];
  };
  below_threshold: {
    /** The criterion's threshold (the overall's when `overall` is set). */
    threshold: number;
    /** The decisive batches' means on the criterion, oldest first. */
    batches: { start: Date; end: Date; calls: number; value: number | null }[];
    /** Largest shortfall over those batches. */
    gap: number;
    baseline: BaselineRef | null;
    /** Latest batch − baseline; null without a sufficient baseline. */
    deltaVsBaseline: number | null;
    /** The latest batch is below the agent's own baseline. */
    regression: boolean;
    /** Only the overall missed the threshold: this is the weakest criterion behind it. */
    overall: { threshold: number; value: number | null } | null;
    /** The lowest-scoring turns on the criterion in the decisive batches. */
    moments: QuotedMoment[];
  };
  readiness_reached: {
    threshold: { overall: number; criteria: Record<string, number> };
    batches: { start: Date; end: Date; calls: number; overall: number | null; criteria: Record<string, number>; callIds: string[] }[];
  };
  team_wide_low: {
    threshold: number;
    teamMean: number;
    agentsWithData: number;
    agentsBelow: number;
    shareBelow: number;
    /** The team mean is below the threshold (shown, but not enough on its own). */
    byMean: boolean;
    /** More than `rules.teamShareBelow` of the agents with batches are below: what fires the rule. */
    byShare: boolean;
    /** `rules.teamMinAgents` at the time. */
    minAgents: number;
    /** Ids of the agents below: for the managers' own copy, never for the team channel. */
    agentIdsBelow: string[];
  };
}

interface RecommendationBase {
  scope: 'agent' | 'team';
  agentId?: string;
  callType?: string;
  criterion?: string;
  message: string;
  /** Stable for the same state, so the same state never notifies twice; a new batch changes it. */
  dedupeKey: string;
  /** Set by markTeamWide: the criterion is low team-wide, so this is not an individual coaching issue. */
  teamWide?: boolean;
}

export type Recommendation = {
  [R in RuleId]: RecommendationBase & { rule: R; evidence: EvidenceByRule[R] };
}[RuleId];

export type RecommendationOf<R extends RuleId> = Extract<Recommendation, { rule: R }>;

// ---------------------------------------------------------------- agent report

/** The agent's latest post-training figures: the calls of the latest batch of each call type, pooled. */
export interface AgentCurrent {
  calls: number;
  overall: number | null;
  criteria: CriterionMeans;
  batches: { callType: string; start: Date }[];
}

/** What team findings read of an agent's current figures. */
export type TeamFindingsCurrent = Pick<AgentCurrent, 'criteria' | 'batches'>;

export interface AgentReadiness {
  agent: AgentRef;
  program: ProgramInfo | null;
  /** All call types. */
  baseline: Baseline;
  callTypes: CallTypeReadiness[];
  current: AgentCurrent | null;
  trends: Trends;
  recommendations: Recommendation[];
  /** Which scorer produced the scores and how far to trust it; null when the caller did not say. */
  trust: ScorerTrust | null;
  /** The agent's program declares `baseline: none`: a new hire. */
  newHire: boolean;
  /** If/then rules not run for this agent, and why (a new hire's rules that need a baseline). */
  skippedRules: { rule: AgentRuleId; reason: string }[];
  /** Live calls below thresholds.earlyWarning while no call type of the agent has `batch.required` batches. */
  earlyWarnings: EarlyWarning[];
}

/** A very low live call while an agent is still new (before `batch.required` batches): what the managers should look at. */
export interface EarlyWarning {
  callId: string;
  externalId: string | null;
  callType: string;
  occurredAt: Date;
  /** The call's effective overall (human scores in place of AI ones); null when it has none. */
  overall: number | null;
  /** The overall was below `earlyWarning.overall`. */
  overallBelow: boolean;
  threshold: { overall: number; level: number };
  /** Criteria at level `earlyWarning.level` or below (score ≤ that level's 0–100 value), lowest first. */
  criteria: { criterion: string; name: string; score: number; level: number; moment: QuotedMoment | null }[];
  /** The quoted moment for the weakest criterion (or the overall's weakest), when the call has a transcript. */
  moment: (QuotedMoment & { criterion: string }) | null;
  /** Outbox key: once per call. */
  dedupeKey: string;
}

// ---------------------------------------------------------------- scorer trust

/** One scorer's share of the AI scores behind a report. */
export interface ScorerUse {
  /** 'llm', 'embedded', 'import' (scores imported from another system) … */
  scorer: string;
  model: string | null;
  /** Calls whose current AI scores it produced. */
  calls: number;
}

/** AI-versus-human agreement on one criterion, over this team's calls both scored. */
export interface CriterionAgreement {
  criterion: string;
  name: string;
  /** Quadratic weighted kappa on the 1–5 levels; null when undefined (fewer than 2 pairs, no variation). */
  kappa: number | null;
  /** Its 95% interval; null with the kappa. */
  kappaLow: number | null;
  kappaHigh: number | null;
  /** Landis–Koch band; null below `minPairsForBand` pairs or without a kappa. */
  band: string | null;
  /** Calls with both an AI score (of this scorer) and a human score on the criterion. */
  calls: number;
  /** Pairs needed before a kappa is stated, and before a band is given. */
  minPairs: number;
  minPairsForBand: number;
}

export interface ScorerTrust {
  /** Scorers of the AI scores, most calls first. */
  scorers: ScorerUse[];
  /** The scorer the agreement is about: the first of `scorers`; null when no AI score exists. */
  primary: ScorerUse | null;
  /** Per rubric criterion; empty when no call has both scores yet ("not checked against humans"). */
  agreement: CriterionAgreement[];
  /**
   * Who gave the human scores behind `agreement`, as they were imported (distinct, sorted), so a
   * scorecard says whose judgement the scorer was compared with ("Made-up demo reviewer" in the demo).
   */
  reviewers: string[];
  /** The calibration gate (thresholds.calibration). */
  gate: {
    required: boolean;
    met: boolean;
    minKappa: number | null;
    minCalls: number | null;
    /** What is missing, in plain words; null when met or not required. */
    reason: string | null;
  };
}

export interface BuildAgentReadinessInput {
  agent: AgentRef;
  program: ProgramInfo | null;
  calls: readonly ScoredCall[];
  criteria: readonly Criterion[];
  thresholds: ReadinessThresholds;
  approvals: readonly Approval[];
  now: Date;
  /** Call types to report, in this order; default: every call type of the calls and approvals, sorted. */
  callTypes?: readonly string[];
  /** Time zone of the weekly trend (IANA name); default 'UTC'. */
  timeZone?: string;
  /** Number of weeks of the trend; default 8. */
  trendWeeks?: number;
  /** Excluded calls, listed with the batches they would have been in; they count toward nothing. */
  excludedCalls?: readonly ExcludedCall[];
  /** The scorer's trust; its gate turns `ready` into `ready_pending_calibration` until met. */
  trust?: ScorerTrust | null;
}

export interface TeamFinding {
  criterion: string;
  name: string;
  threshold: number;
  teamMean: number | null;
  agentsWithData: number;
  agentsBelow: number;
  fired: boolean;
}

export interface TeamFindings {
  criteria: TeamFinding[];
  recommendations: RecommendationOf<'team_wide_low'>[];
  /** Criteria keys that are low team-wide (for markTeamWide). */
  teamWideCriteria: string[];
}
