import type { Criterion } from '../types.ts';
import { DAY_MS, overallMean, presentCriterionMeans, sortCalls } from './averages.ts';
import type { Batch, IncompletePeriod, ProgramInfo, ReadinessThresholds, ScoredCall } from './types.ts';

export interface BuildBatchesInput {
  /** Calls of one agent; only the live calls of `callType` on or after the completion count. */
  calls: readonly ScoredCall[];
  program: Pick<ProgramInfo, 'completesAt'> | null;
  criteria: readonly Pick<Criterion, 'key'>[];
  thresholds: Pick<ReadinessThresholds, 'batch'>;
  callType: string;
  now: Date;
}

export interface BatchesResult {
  batches: Batch[];
  /** Periods with some calls but fewer than a batch needs, plus the period under way at `now` when it is not a batch yet. */
  incompletePeriods: IncompletePeriod[];
  /** Post-training live calls of the call type. */
  postTrainingCalls: number;
}

/**
 * Post-training batches of one agent and call type. Live calls on or after `completesAt` fall into
 * consecutive periods of `batch.periodDays` days (exact 24-hour days from the completion instant):
 * period k = [completesAt + k·periodDays, completesAt + (k+1)·periodDays). A period with at least
 * `batch.minCalls` calls is a batch; two batches are never in the same period.
 */
export const buildBatches = ({ calls, program, criteria, thresholds, callType, now }: BuildBatchesInput): BatchesResult => {
  if (program === null) return { batches: [], incompletePeriods: [], postTrainingCalls: 0 };
  const origin = program.completesAt.getTime();
  const length = thresholds.batch.periodDays * DAY_MS;
  const minCalls = thresholds.batch.minCalls;
  const post = sortCalls(
    calls.filter((call) => call.kind === 'live' && call.callType === callType && call.occurredAt.getTime() >= origin),
  );
  const byPeriod = new Map<number, ScoredCall[]>();
  for (const call of post) {
    const index = Math.floor((call.occurredAt.getTime() - origin) / length);
    const group = byPeriod.get(index);
    if (group) group.push(call);
    else byPeriod.set(index, [call]);
  }
  const nowMs = now.getTime();
  const currentIndex = nowMs >= origin ? Math.floor((nowMs - origin) / length) : null;
  if (currentIndex !== null && !byPeriod.has(currentIndex)) byPeriod.set(currentIndex, []);

  const batches: Batch[] = [];
  const incompletePeriods: IncompletePeriod[] = [];
  for (const index of [...byPeriod.keys()].sort((a, b) => a - b)) {
    const group = byPeriod.get(index) ?? [];
    const start = new Date(origin + index * length);
    const end = new Date(origin + (index + 1) * length);
    const inProgress = end.getTime() > nowMs;
    if (group.length >= minCalls) {
      batches.push({
        index,
        start,
        end,
        calls: group.length,
        overall: overallMean(group),
        criteria: presentCriterionMeans(group, criteria),
        callIds: group.map((call) => call.callId),
        inProgress,
      });
    } else {
      incompletePeriods.push({ index, start, end, calls: group.length, minCalls, inProgress });
    }
  }
  return { batches, incompletePeriods, postTrainingCalls: post.length };
};
