import {
  closestCheck,
  type AgentReadiness,
  type Baseline,
  type Batch,
  type CallTypeReadiness,
  type EarlyWarning,
  type Recommendation,
} from '../domain/readiness/index.ts';
import type { MeanInterval } from '../domain/statistics/index.ts';
import { summarizeExclusions } from '../domain/summarize-exclusions.ts';
import type { ExcludedCallRecord as ExcludedCall } from '../domain/records.ts';
import type { AgentReadinessReport, TeamReadinessReport } from './build-readiness-report.ts';

// The public JSON of the readiness reports (CLI --json, and what integrations read). Dates as ISO strings;
// numbers rounded to two decimals: one decimal showed a batch mean of 74.99 as 75, the threshold it
// missed. The baseline carries its per-criterion means at its top level.

const roundNumber = (value: number): number => Math.round(value * 100) / 100;
/** A figure as the JSON and CSV exports give it: two decimals; null when there is none. */
export const round = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : roundNumber(value);

const roundAll = (values: Record<string, number | null>): Record<string, number | null> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)]));

/** Dates to ISO strings and numbers to two decimals, all the way down (for evidence objects). */
const plain = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isInteger(value) ? value : roundNumber(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};

/** A 95% interval as the JSON gives it (ADR 0031): the mean, the ± margin, the bounds and the calls behind it. */
const intervalJson = (interval: MeanInterval | null) =>
  interval === null
    ? null
    : {
        mean: round(interval.mean),
        margin: round(interval.margin),
        low: round(interval.low),
        high: round(interval.high),
        calls: interval.n,
      };

const intervalsJson = (period: { overallInterval: MeanInterval | null; criteriaIntervals: Record<string, MeanInterval> }) => ({
  overallInterval: intervalJson(period.overallInterval),
  criteriaIntervals: Object.fromEntries(Object.entries(period.criteriaIntervals).map(([key, interval]) => [key, intervalJson(interval)])),
});

const baselineJson = (baseline: Baseline) => ({
  ...roundAll(baseline.criteria),
  kind: baseline.kind,
  calls: baseline.calls,
  overall: round(baseline.overall),
  sufficient: baseline.sufficient,
  minCalls: baseline.minCalls,
  from: baseline.from?.toISOString() ?? null,
  to: baseline.to?.toISOString() ?? null,
  note: baseline.note,
  ...intervalsJson(baseline),
});

/** Which calls stand behind a period's figures: those it counts, and those it left out and why. */
const callsJson = (period: Pick<Batch, 'counted' | 'leftOut'>) => ({
  counted: period.counted.map((call) => ({ id: call.callId, externalId: call.externalId })),
  leftOut: period.leftOut.map((call) => ({
    id: call.callId,
    externalId: call.externalId,
    occurredAt: call.occurredAt.toISOString(),
    reason: call.reason,
    detail: call.detail,
  })),
});

const batchJson = (batch: Batch) => ({
  start: batch.start.toISOString(),
  end: batch.end.toISOString(),
  calls: batch.calls,
  overall: round(batch.overall),
  criteria: roundAll(batch.criteria),
  ...intervalsJson(batch),
  inProgress: batch.inProgress,
  ...callsJson(batch),
});

const callTypeJson = (entry: CallTypeReadiness) => ({
  callType: entry.callType,
  status: entry.status,
  statusReason: entry.statusReason,
  reasonCode: entry.reasonCode,
  approval: entry.approval ? { approvedBy: entry.approval.approvedBy, approvedAt: entry.approval.approvedAt.toISOString() } : null,
  baseline: baselineJson(entry.baseline),
  batches: entry.batches.map(batchJson),
  incompletePeriods: entry.incompletePeriods.map((period) => ({
    start: period.start.toISOString(),
    end: period.end.toISOString(),
    calls: period.calls,
    minCalls: period.minCalls,
    inProgress: period.inProgress,
    ...callsJson(period),
  })),
  postTrainingCalls: entry.postTrainingCalls,
  current: entry.current
    ? {
        batchStart: entry.current.batchStart.toISOString(),
        overall: round(entry.current.overall),
        criteria: roundAll(entry.current.criteria),
        deltaVsBaseline: roundAll(entry.current.deltaVsBaseline),
        overallDeltaVsBaseline: round(entry.current.overallDeltaVsBaseline),
        baselineUsed: entry.current.baselineUsed,
      }
    : null,
  checks: [entry.overallMet, ...entry.criteriaMet].map((check) => ({
    criterion: check.criterion,
    threshold: check.threshold,
    met: check.met,
    gap: round(check.gap),
    insideMargin: check.insideMargin,
    lowerBoundsMet: check.lowerBoundsMet,
    batches: check.batches.map((b) => ({
      start: b.batchStart.toISOString(),
      value: round(b.value),
      margin: round(b.margin),
      low: round(b.low),
      high: round(b.high),
      met: b.met,
    })),
  })),
  requireMargin: entry.requireMargin,
  marginNote: entry.marginNote ? plain(entry.marginNote) : null,
  // How close the decision was: the deciding check nearest its threshold, in its own margins (null before one).
  closestCheck: plain(closestCheck(entry)),
});

/** A very low live call while the agent is still new (ADR 0032). */
export const earlyWarningJson = (warning: EarlyWarning) => ({
  callId: warning.callId,
  externalId: warning.externalId,
  callType: warning.callType,
  occurredAt: warning.occurredAt.toISOString(),
  overall: round(warning.overall),
  overallBelow: warning.overallBelow,
  threshold: warning.threshold,
  criteria: warning.criteria.map((entry) => plain(entry)),
  moment: warning.moment ? plain(warning.moment) : null,
});

export const recommendationJson = (recommendation: Recommendation) => ({
  rule: recommendation.rule,
  scope: recommendation.scope,
  ...(recommendation.agentId ? { agentId: recommendation.agentId } : {}),
  ...(recommendation.callType ? { callType: recommendation.callType } : {}),
  ...(recommendation.criterion ? { criterion: recommendation.criterion } : {}),
  ...(recommendation.teamWide ? { teamWide: true } : {}),
  message: recommendation.message,
  evidence: plain(recommendation.evidence),
  dedupeKey: recommendation.dedupeKey,
});

export const agentReadinessJson = (report: AgentReadiness) => ({
  agent: { id: report.agent.id, key: report.agent.key, name: report.agent.displayName },
  program: report.program
    ? {
        key: report.program.key,
        name: report.program.name,
        startsAt: report.program.startsAt.toISOString(),
        completesAt: report.program.completesAt.toISOString(),
        targetedCriteria: report.program.targetedCriteria,
        baseline: report.program.baseline ?? 'pre_training',
      }
    : null,
  newHire: report.newHire,
  baseline: baselineJson(report.baseline),
  callTypes: report.callTypes.map(callTypeJson),
  current: report.current ? plain(report.current) : null,
  trends: plain(report.trends),
  recommendations: report.recommendations.map(recommendationJson),
  /** Rules not run for this agent and why: a new hire's rules that need a baseline. */
  skippedRules: report.skippedRules,
  earlyWarnings: report.earlyWarnings.map(earlyWarningJson),
  scorer: report.trust ? plain(report.trust) : null,
});

/** How many of the agent's calls are excluded and why, then each one: who excluded it, when and why. */
const exclusionsJson = (exclusions: readonly ExcludedCall[]) => ({
  ...summarizeExclusions(exclusions),
  list: exclusions.map((e) => ({
    callId: e.callId,
    externalId: e.externalId,
    callType: e.callType,
    kind: e.kind,
    occurredAt: e.occurredAt.toISOString(),
    reason: e.reason,
    by: e.by,
    at: e.createdAt.toISOString(),
  })),
});

export const readinessReportJson = (result: AgentReadinessReport) => ({
  ...agentReadinessJson(result.report),
  exclusions: exclusionsJson(result.exclusions),
  team: result.team ? { key: result.team.key, name: result.team.name } : null,
  rubricVersion: result.rubricVersion,
  generatedAt: result.generatedAt.toISOString(),
});

export const teamReportJson = (result: TeamReadinessReport) => ({
  team: { key: result.team.key, name: result.team.name, timeZone: result.team.timeZone },
  agents: result.agents.map(agentReadinessJson),
  findings: plain(result.findings.criteria),
  recommendations: result.findings.recommendations.map(recommendationJson),
  scorer: plain(result.trust),
  consistency: plain(result.consistency),
  trends: plain(result.trends),
  rubricVersion: result.rubricVersion,
  generatedAt: result.generatedAt.toISOString(),
});
