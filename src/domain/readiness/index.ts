// The readiness judgement: pure functions from scored calls, a program, the rubric and thresholds to
// baselines, batches, a status per call type, trends and the if/then recommendations.

export type * from './types.ts';
export type { AgentReadinessReport, Home, HomeTeam, HomeTeamAgent, Scorecard, ScorecardDispute, TeamReadinessReport } from './reports.ts';
export { applicableCriteria, appliesToCallType, thresholdFor } from './applicable-criteria.ts';
export { describeCallScorer, describeScorerTrust, scorerLabel } from './describe-scorer-trust.ts';
export { assessScorerTrust, type AssessScorerTrustInput, type ScorerPair } from './assess-scorer-trust.ts';
export { assertValidInput, INVALID_PROGRAM, INVALID_THRESHOLDS } from './assert-valid-input.ts';
export {
  adviseAgent,
  agentCurrent,
  buildAgentCurrent,
  buildAgentFigures,
  buildAgentReadiness,
  splitVerified,
  type AgentFigures,
} from './build-agent-readiness.ts';
export { buildBaseline, type BuildBaselineInput } from './build-baseline.ts';
export { buildBatches, type BatchesResult, type BuildBatchesInput, type LeftOutCandidate } from './build-batches.ts';
export { buildDedupeKey } from './build-dedupe-key.ts';
export {
  buildTeamTrends,
  buildTrends,
  DEFAULT_TREND_WEEKS,
  type BuildTeamTrendsInput,
  type BuildTrendsInput,
  type TeamTrendsMember,
} from './build-trends.ts';
export { decideStatus, latestApproval, type DecideStatusInput } from './decide-status.ts';
export { findRecommendations, type RuleContext } from './find-recommendations.ts';
export { findTeamFindings, type TeamFindingsOptions } from './find-team-findings.ts';
export { markTeamWide } from './mark-team-wide.ts';
export { messages as readinessMessages } from './messages.ts';
export { findBelowThreshold } from './rules/find-below-threshold.ts';
export { findCallTypeVariance } from './rules/find-call-type-variance.ts';
export { findImprovedThenDropped } from './rules/find-improved-then-dropped.ts';
export { findReadinessReached } from './rules/find-readiness-reached.ts';
export { findRoleplayLiveGap, quoteLowestMoments } from './rules/find-roleplay-live-gap.ts';
export { findUnchangedFromBaseline } from './rules/find-unchanged-from-baseline.ts';
export { criterionName } from './rules/rule-context.ts';
export { DEFAULT_EARLY_WARNING, earlyWarningKey, findEarlyWarnings, type FindEarlyWarningsInput } from './find-early-warnings.ts';
export { describeConsistency, teamConsistency } from './team-consistency.ts';
export { closestCheck, describeClosestCheck, type ClosestCheck } from './closest-check.ts';
export { DAY_MS } from './averages.ts';
