import type { Criterion } from '../../types.ts';
import type { AgentRef, Baseline, BaselineRef, CallTypeReadiness, ProgramInfo, ReadinessThresholds, ScoredCall } from '../types.ts';

/** What every agent-level rule gets: one agent's calls and the figures already built from them. */
export interface RuleContext {
  agent: AgentRef;
  program: ProgramInfo;
  /** The agent's calls in canonical order (see sortCalls). */
  calls: readonly ScoredCall[];
  criteria: readonly Criterion[];
  thresholds: ReadinessThresholds;
  allTypesBaseline: Baseline;
  callTypes: readonly CallTypeReadiness[];
}

/**
 * The baseline a rule compares with, for one criterion: the call type's own baseline when sufficient,
 * else the agent's all-types baseline when sufficient, else none (the rule does not fire; the report
 * shows the insufficient baseline). A practice baseline (a new hire's roleplay) never stands in for one.
 */
export const chooseBaseline = (own: Baseline, allTypes: Baseline, criterionKey: string): BaselineRef | null => {
  for (const baseline of [own, allTypes]) {
    const value = baseline.criteria[criterionKey];
    if (baseline.kind === 'pre_training' && baseline.sufficient && value !== null && value !== undefined) {
      return { scope: baseline.scope, callType: baseline.callType, value, calls: baseline.calls };
    }
  }
  return null;
};

export const criterionName = (criteria: readonly Pick<Criterion, 'key' | 'name'>[], key: string): string =>
  criteria.find((criterion) => criterion.key === key)?.name ?? key;

/** Post-training live calls of the agent (all call types), in canonical order. */
export const postTrainingLiveCalls = (context: Pick<RuleContext, 'calls' | 'program'>): ScoredCall[] =>
  context.calls.filter((call) => call.kind === 'live' && call.occurredAt.getTime() >= context.program.completesAt.getTime());

/**
 * Start of the post-training period holding the latest of these calls: the state stamp of rules that
 * look at all post-training calls, so they notify at most once per period while the state holds.
 */
export const latestPeriodStart = (context: Pick<RuleContext, 'program' | 'thresholds'>, calls: readonly ScoredCall[]): Date | null => {
  const last = calls.reduce<number | null>((max, call) => Math.max(max ?? -Infinity, call.occurredAt.getTime()), null);
  if (last === null) return null;
  const origin = context.program.completesAt.getTime();
  const length = context.thresholds.batch.periodDays * 86_400_000;
  return new Date(origin + Math.floor((last - origin) / length) * length);
};
