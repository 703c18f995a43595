import type { Criterion } from '../types.ts';
import { DAY_MS, groupIntervals, overallMean, presentCriterionMeans, sortCalls } from './averages.ts';
import type { Batch, IncompletePeriod, LeftOutCall, ProgramInfo, ReadinessThresholds, ScoredCall } from './types.ts';

/** A call that counts toward nothing (excluded, or with unverified scores), with what places it in a period. */
export type LeftOutCandidate = LeftOutCall & { callType: string; kind: 'live' | 'roleplay' };

export interface BuildBatchesInput {
  /** Calls of one agent; only the live calls of `callType` on or after the completion count. */
  calls: readonly ScoredCall[];
  program: Pick<ProgramInfo, 'completesAt'> | null;
  criteria: readonly Pick<Criterion, 'key'>[];
  thresholds: Pick<ReadinessThresholds, 'batch'>;
  callType: string;
  now: Date;
  /** Calls that count toward nothing; each is listed in the period it falls in. */
  leftOut?: readonly LeftOutCandidate[];
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
export const buildBatches = ({ calls, program, criteria, thresholds, callType, now, leftOut = [] }: BuildBatchesInput): BatchesResult => {
  if (program === null) return { batches: [], incompletePeriods: [], postTrainingCalls: 0 };
  const origin = program.completesAt.getTime();
  const length = thresholds.batch.periodDays * DAY_MS;
  const minCalls = thresholds.batch.minCalls;
  const post = sortCalls(calls.filter((call) => call.kind === 'live' && call.callType === callType && call.occurredAt.getTime() >= origin));
  const byPeriod = new Map<number, ScoredCall[]>();
  for (const call of post) {
    const index = Math.floor((call.occurredAt.getTime() - origin) / length);
    const group = byPeriod.get(index);
    if (group) group.push(call);
    else byPeriod.set(index, [call]);
  }
  // Left out of every period they fall in: excluded and unverified calls (their period is listed even if
  // nothing else is in it, so the report can say why it is not a batch), then roleplay (only listed).
  const periodOf = (at: Date): number => Math.floor((at.getTime() - origin) / length);
  const leftOutByPeriod = new Map<number, LeftOutCall[]>();
  const addLeftOut = (index: number, call: LeftOutCall): void => {
    const group = leftOutByPeriod.get(index);
    if (group) group.push(call);
    else leftOutByPeriod.set(index, [call]);
  };
  for (const candidate of leftOut) {
    if (candidate.callType !== callType || candidate.occurredAt.getTime() < origin) continue;
    const { callType: _callType, kind, ...call } = candidate;
    const index = periodOf(call.occurredAt);
    addLeftOut(index, call);
    // A live call left out makes its period show (and say why it is not a batch); a roleplay is only listed.
    if (kind === 'live' && !byPeriod.has(index)) byPeriod.set(index, []);
  }
  for (const call of calls) {
    if (call.kind !== 'roleplay' || call.callType !== callType || call.occurredAt.getTime() < origin) continue;
    addLeftOut(periodOf(call.occurredAt), {
      callId: call.callId,
      externalId: call.externalId,
      occurredAt: call.occurredAt,
      reason: 'roleplay',
      detail: null,
    });
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
    const left = (leftOutByPeriod.get(index) ?? []).sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0),
    );
    if (group.length >= minCalls) {
      batches.push({
        index,
        start,
        end,
        calls: group.length,
        overall: overallMean(group),
        criteria: presentCriterionMeans(group, criteria),
        ...groupIntervals(group, criteria),
        callIds: group.map((call) => call.callId),
        counted: group.map((call) => ({ callId: call.callId, externalId: call.externalId })),
        leftOut: left,
        inProgress,
      });
    } else {
      incompletePeriods.push({
        index,
        start,
        end,
        calls: group.length,
        minCalls,
        inProgress,
        callIds: group.map((call) => call.callId),
        counted: group.map((call) => ({ callId: call.callId, externalId: call.externalId })),
        leftOut: left,
      });
    }
  }
  return { batches, incompletePeriods, postTrainingCalls: post.length };
};
