import type { Criterion } from '../types.ts';
import { criterionMeans, overallMean, sortCalls } from './averages.ts';
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
    };
  }
  const start = program.startsAt.getTime();
  const eligible = sortCalls(
    calls.filter(
      (call) => call.kind === 'live' && call.occurredAt.getTime() < start && (callType === null || call.callType === callType),
    ),
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
  };
};
