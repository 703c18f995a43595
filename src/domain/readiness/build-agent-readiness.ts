import { applicableCriteria } from './applicable-criteria.ts';
import { assertValidInput } from './assert-valid-input.ts';
import { criterionMeans, difference, overallMean, sortCalls } from './averages.ts';
import { buildBaseline } from './build-baseline.ts';
import { buildBatches, type LeftOutCandidate } from './build-batches.ts';
import { buildTrends, DEFAULT_TREND_WEEKS } from './build-trends.ts';
import { decideStatus } from './decide-status.ts';
import { findEarlyWarnings } from './find-early-warnings.ts';
import { findRecommendations } from './find-recommendations.ts';
import { messages } from './messages.ts';
import type {
  AgentCurrent,
  AgentReadiness,
  Baseline,
  BuildAgentReadinessInput,
  CallTypeReadiness,
  CurrentFigures,
  ExcludedCall,
  ScoredCall,
} from './types.ts';

/**
 * The calls that count (every effective score verified) and those that count toward nothing: calls with
 * a low-confidence score no human replaced, and excluded calls. Scores that do not verify never decide.
 */
export const splitVerified = (
  calls: readonly ScoredCall[],
  excluded: readonly ExcludedCall[] = [],
): { verified: ScoredCall[]; leftOut: LeftOutCandidate[] } => {
  const verified: ScoredCall[] = [];
  const leftOut: LeftOutCandidate[] = excluded.map((call) => ({
    callId: call.callId,
    externalId: call.externalId,
    occurredAt: call.occurredAt,
    callType: call.callType,
    kind: call.kind,
    reason: 'excluded',
    detail: call.reason,
  }));
  for (const call of calls) {
    if (call.unverified && call.unverified.length > 0) {
      leftOut.push({
        callId: call.callId,
        externalId: call.externalId,
        occurredAt: call.occurredAt,
        callType: call.callType,
        kind: call.kind,
        reason: call.needsReview ? 'needs_review' : 'low_confidence',
        detail: call.needsReview ?? call.unverified.join(', '),
      });
    } else {
      verified.push(call);
    }
  }
  return { verified: sortCalls(verified), leftOut };
};

const current = (
  batches: CallTypeReadiness['batches'],
  own: Baseline,
  allTypes: Baseline,
  criteria: BuildAgentReadinessInput['criteria'],
  callType: string,
): CurrentFigures | null => {
  const latest = batches.at(-1);
  if (!latest) return null;
  const chosen = own.sufficient ? own : allTypes.sufficient ? allTypes : own.calls > 0 ? own : allTypes.calls > 0 ? allTypes : null;
  // A new hire with no practice either: no baseline, so no delta anywhere.
  return {
    batchStart: latest.start,
    overall: latest.overall,
    criteria: latest.criteria,
    deltaVsBaseline: Object.fromEntries(
      applicableCriteria(criteria, callType).map((criterion) => [
        criterion.key,
        difference(latest.criteria[criterion.key], chosen?.criteria[criterion.key]),
      ]),
    ),
    overallDeltaVsBaseline: difference(latest.overall, chosen?.overall),
    baselineUsed: chosen === null ? null : { scope: chosen.scope, sufficient: chosen.sufficient, kind: chosen.kind },
  };
};

/** The agent's latest post-training figures: the latest batch of each call type, pooled. */
export const agentCurrent = (
  callTypes: readonly Pick<CallTypeReadiness, 'callType' | 'batches'>[],
  callsById: ReadonlyMap<string, ScoredCall>,
  criteria: BuildAgentReadinessInput['criteria'],
): AgentCurrent | null => {
  const latest = callTypes.flatMap((entry) => {
    const batch = entry.batches.at(-1);
    return batch ? [{ callType: entry.callType, batch }] : [];
  });
  if (latest.length === 0) return null;
  const pooled = sortCalls(latest.flatMap(({ batch }) => batch.callIds.flatMap((id) => callsById.get(id) ?? [])));
  return {
    calls: pooled.length,
    overall: overallMean(pooled),
    criteria: criterionMeans(pooled, criteria),
    batches: latest.map(({ callType, batch }) => ({ callType, start: batch.start })),
  };
};

/**
 * One agent's figures: everything in the report but what quotes call moments (recommendations and early
 * warnings, see `adviseAgent`). Pure, and reads no call's moments, so a composition that reads quotes
 * lazily (ADR 0041) builds it once however many times it settles the advice (ADR 0047).
 */
export interface AgentFigures {
  readiness: Omit<AgentReadiness, 'recommendations' | 'earlyWarnings'>;
  /** What the rules read: the verified calls in canonical order, and the input they were built from. */
  verified: ScoredCall[];
  input: BuildAgentReadinessInput;
}

export const buildAgentFigures = (input: BuildAgentReadinessInput): AgentFigures => {
  const { agent, program, criteria, thresholds, approvals, now } = input;
  assertValidInput(thresholds, program);
  const { verified: calls, leftOut } = splitVerified(input.calls, input.excludedCalls);
  const trust = input.trust ?? null;
  const callTypeKeys =
    input.callTypes !== undefined
      ? [...new Set(input.callTypes)]
      : [...new Set([...input.calls.map((call) => call.callType), ...approvals.map((approval) => approval.callType)])].sort();
  const allTypesBaseline = buildBaseline({ calls, program, criteria, thresholds });

  const callTypes: CallTypeReadiness[] = callTypeKeys.map((callType) => {
    const baseline = buildBaseline({ calls, program, criteria, thresholds, callType });
    const { batches, incompletePeriods, postTrainingCalls } = buildBatches({
      calls,
      program,
      criteria,
      thresholds,
      callType,
      now,
      leftOut,
    });
    const decision = decideStatus({
      callType,
      program,
      batches,
      incompletePeriods,
      postTrainingCalls,
      criteria,
      thresholds,
      approvals,
      now,
      calibration: trust?.gate ?? null,
    });
    return {
      callType,
      ...decision,
      baseline,
      batches,
      incompletePeriods,
      postTrainingCalls,
      current: current(batches, baseline, allTypesBaseline, criteria, callType),
    };
  });

  const trends = buildTrends({
    calls,
    criteria,
    program,
    baseline: allTypesBaseline,
    now,
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
    weeks: input.trendWeeks ?? DEFAULT_TREND_WEEKS,
  });

  const newHire = program?.baseline === 'none';
  const skippedRules = newHire
    ? (['unchanged_from_baseline', 'improved_then_dropped'] as const).map((rule) => ({ rule, reason: messages.ruleSkippedNewHire }))
    : [];
  return {
    readiness: {
      agent,
      program,
      baseline: allTypesBaseline,
      callTypes,
      current: agentCurrent(callTypes, new Map(calls.map((call) => [call.callId, call])), criteria),
      trends,
      trust,
      newHire,
      skippedRules,
    },
    verified: calls,
    input,
  };
};

/**
 * The agent-level if/then recommendations and early warnings over built figures: the part of a report
 * that quotes call moments. Returns a new report each time; the figures are not changed.
 */
export const adviseAgent = ({ readiness, verified: calls, input }: AgentFigures): AgentReadiness => {
  const { agent, program, callTypes, baseline: allTypesBaseline, skippedRules } = readiness;
  const { criteria, thresholds } = input;
  const recommendations =
    program === null
      ? []
      : findRecommendations({ agent, program, calls, criteria, thresholds, allTypesBaseline, callTypes }).filter(
          (recommendation) => !skippedRules.some((skipped) => skipped.rule === recommendation.rule),
        );
  const earlyWarnings = findEarlyWarnings({ program, calls, criteria, thresholds, callTypes });
  // The report's keys in the order they always had (JSON output prints them in this order).
  return {
    agent,
    program,
    baseline: allTypesBaseline,
    callTypes,
    current: readiness.current,
    trends: readiness.trends,
    recommendations,
    trust: readiness.trust,
    newHire: readiness.newHire,
    skippedRules,
    earlyWarnings,
  };
};

/**
 * The whole readiness report of one agent: baselines, batches and status per call type, the agent's
 * current figures, trends, and the agent-level if/then recommendations. Pure: `now` and every figure
 * come in as arguments. Team-wide findings come from findTeamFindings over several of these reports.
 */
export const buildAgentReadiness = (input: BuildAgentReadinessInput): AgentReadiness => adviseAgent(buildAgentFigures(input));

/**
 * Only the agent's current figures (what team findings compare), without baselines, statuses, trends or
 * recommendations: the cheap path for the teammates of an agent whose own report is being built.
 */
export const buildAgentCurrent = (
  input: Pick<BuildAgentReadinessInput, 'agent' | 'program' | 'calls' | 'criteria' | 'thresholds' | 'now'>,
): Pick<AgentReadiness, 'agent' | 'current'> => {
  const { agent, program, criteria, thresholds, now } = input;
  assertValidInput(thresholds, program);
  const calls = splitVerified(input.calls).verified;
  const callTypes = [...new Set(calls.map((call) => call.callType))].sort().map((callType) => ({
    callType,
    batches: buildBatches({ calls, program, criteria, thresholds, callType, now }).batches,
  }));
  return { agent, current: agentCurrent(callTypes, new Map(calls.map((call) => [call.callId, call])), criteria) };
};
