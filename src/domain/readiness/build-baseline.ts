import type { Criterion } from '../types.ts';
import { criterionMeans, groupIntervals, overallMean, sortCalls } from './averages.ts';
import { messages } from './messages.ts';
import type { Baseline, ProgramInfo, ReadinessThresholds, ScoredCall } from './types.ts';

export interface BuildBaselineInput {
  calls: readonly ScoredCall[];
  program: ProgramInfo | null;
  criteria: readonly Pick<Criterion, 'key'>[];
  thresholds: Pick<ReadinessThresholds, 'baseline'>;
  /** One call type, or omitted/null for all of the agent's call types. */
  callType?: string | null;
}

/**
 * The pre-training baseline: the most recent `baseline.maxCalls` LIVE calls (roleplay is practice)
 * that occurred before the program start, of one call type or of all. Fewer than `baseline.minCalls`
 * is an insufficient baseline: still returned, flagged and explained.
 */
export const buildBaseline = ({ calls, program, criteria, thresholds, callType = null }: BuildBaselineInput): Baseline => {
  const { minCalls, maxCalls } = thresholds.baseline;
  const scope = callType === null ? 'all_types' : 'call_type';
  if (program === null) {
    return {
      scope,
      callType,
      criteria: criterionMeans([], criteria),
      overall: null,
      calls: 0,
      sufficient: false,
      minCalls,
      from: null,
      to: null,
      callIds: [],
      note: messages.baselineNoProgram,
      overallInterval: null,
      criteriaIntervals: {},
      kind: 'none',
    };
  }
  if (program.baseline === 'none') return newHireBaseline({ calls, program, criteria, thresholds, callType });
  const start = program.startsAt.getTime();
  const eligible = sortCalls(
    calls.filter((call) => call.kind === 'live' && call.occurredAt.getTime() < start && (callType === null || call.callType === callType)),
  );
  const used = eligible.slice(Math.max(0, eligible.length - maxCalls));
  const sufficient = used.length >= minCalls;
  return {
    scope,
    callType,
    criteria: criterionMeans(used, criteria),
    overall: overallMean(used),
    calls: used.length,
    sufficient,
    minCalls,
    from: used[0]?.occurredAt ?? null,
    to: used.at(-1)?.occurredAt ?? null,
    callIds: used.map((call) => call.callId),
    note: sufficient ? null : messages.baselineInsufficient(used.length, minCalls, program.startsAt),
    ...groupIntervals(used, criteria),
    kind: 'pre_training',
  };
};

/**
 * A new hire (`baseline: none`) has no pre-training calls to compare with. Their roleplay calls before their
 * first live call, if any, are a practice baseline (the most recent `maxCalls`; labelled as practice);
 * without any, there is no baseline at all, and every figure that needs one says so instead of a delta.
 */
const newHireBaseline = ({
  calls,
  program,
  criteria,
  thresholds,
  callType = null,
}: BuildBaselineInput & { program: ProgramInfo }): Baseline => {
  const { minCalls, maxCalls } = thresholds.baseline;
  const scope = callType === null ? 'all_types' : 'call_type';
  const firstLive = calls.reduce(
    (first, call) => (call.kind === 'live' ? Math.min(first, call.occurredAt.getTime()) : first),
    Number.POSITIVE_INFINITY,
  );
  const practice = sortCalls(
    calls.filter(
      (call) => call.kind === 'roleplay' && call.occurredAt.getTime() < firstLive && (callType === null || call.callType === callType),
    ),
  );
  const used = practice.slice(Math.max(0, practice.length - maxCalls));
  return {
    scope,
    callType,
    criteria: criterionMeans(used, criteria),
    overall: overallMean(used),
    calls: used.length,
    sufficient: used.length >= minCalls,
    minCalls,
    from: used[0]?.occurredAt ?? null,
    to: used.at(-1)?.occurredAt ?? null,
    callIds: used.map((call) => call.callId),
    note: used.length === 0 ? messages.baselineNewHire(program.name) : messages.baselinePractice(used.length, minCalls),
    ...groupIntervals(used, criteria),
    kind: used.length === 0 ? 'none' : 'practice',
  };
};
