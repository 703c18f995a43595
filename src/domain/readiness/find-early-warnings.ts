import { levelToScore } from '../weighted-overall.ts';
import type { Criterion, Level } from '../types.ts';
import { applicableCriteria } from './applicable-criteria.ts';
import { atMost } from './averages.ts';
import { criterionName } from './rules/rule-context.ts';
import type { CallTypeReadiness, EarlyWarning, ProgramInfo, QuotedMoment, ReadinessThresholds, ScoredCall } from './types.ts';

/** thresholds.earlyWarning when the config leaves it out: below 40 overall, or level 1 on any criterion. */
export const DEFAULT_EARLY_WARNING = { overall: 40, level: 1 } as const;

export interface FindEarlyWarningsInput {
  program: ProgramInfo | null;
  /** The agent's verified calls (scores that do not verify warn about nothing). */
  calls: readonly ScoredCall[];
  criteria: readonly Pick<Criterion, 'key' | 'name' | 'callTypes'>[];
  thresholds: Pick<ReadinessThresholds, 'batch' | 'earlyWarning'>;
  /** The call types' batches: an agent with `batch.required` batches in any call type is past the early weeks. */
  callTypes: readonly Pick<CallTypeReadiness, 'callType' | 'batches'>[];
}

/** The outbox key of one call's early warning (one per call, whichever manager and however often it is read). */
export const earlyWarningKey = (callId: string): string => `early-warning:${encodeURIComponent(callId)}`;

/** A criterion's place in the rubric; one the rubric no longer has comes after all of its own. */
const rubricRank = (criteria: FindEarlyWarningsInput['criteria'], key: string): number => {
  const index = criteria.findIndex((criterion) => criterion.key === key);
  return index === -1 ? criteria.length : index;
};

const momentOf = (call: ScoredCall, criterion: string, score: number): QuotedMoment | null => {
  const moments = (call.moments ?? []).filter((moment) => moment.criterionKey === criterion);
  const moment = moments.find((entry) => entry.role === 'agent') ?? moments[0];
  return moment
    ? {
        callId: call.callId,
        externalId: call.externalId,
        occurredAt: call.occurredAt,
        score,
        turn: moment.turn,
        role: moment.role,
        quote: moment.quote,
      }
    : null;
};

/**
 * Early warnings while calls are few: while none of the agent's call types has `batch.required` batches, each
 * post-training live call whose effective overall is below `earlyWarning.overall`, or with a criterion at `earlyWarning.level`
 * or below, so the managers can coach in the weeks it matters most instead of hearing nothing until the second
 * batch. Oldest first. No program, no warning (there is no "post-training" to speak of).
 */
export const findEarlyWarnings = (input: FindEarlyWarningsInput): EarlyWarning[] => {
  const { program, criteria, thresholds } = input;
  if (program === null) return [];
  const limits = thresholds.earlyWarning ?? DEFAULT_EARLY_WARNING;
  const levelScore = levelToScore(Math.min(5, Math.max(1, Math.round(limits.level))) as Level);
  // Still new: no call type has the batches a readiness verdict needs. An agent judged on one call type is past
  // the early weeks; a weak new call type of theirs is the call-type rule's business, not an alarm per call.
  if (input.callTypes.some((entry) => entry.batches.length >= thresholds.batch.required)) return [];
  const found: EarlyWarning[] = [];
  for (const call of input.calls) {
    if (call.kind !== 'live' || call.occurredAt.getTime() < program.completesAt.getTime()) continue;
    const overallBelow = call.overall !== null && call.overall < limits.overall - 1e-9;
    const low = applicableCriteria(criteria, call.callType)
      .flatMap((criterion) => {
        const score = call.criteria[criterion.key];
        return score !== undefined && atMost(score, levelScore) ? [{ key: criterion.key, score }] : [];
      })
      .sort((a, b) => a.score - b.score);
    if (!overallBelow && low.length === 0) continue;
    const listed = low.map(({ key, score }) => ({
      criterion: key,
      name: criterionName(criteria, key),
      score,
      level: Math.round(score / 25) + 1,
      moment: momentOf(call, key, score),
    }));
    // The moment to quote: the weakest criterion's; with none at the level, the call's weakest criterion's,
    // ties in rubric order (not in the order the database happened to return the scores).
    const weakest =
      listed[0] ??
      Object.entries(call.criteria)
        .sort((a, b) => a[1] - b[1] || rubricRank(criteria, a[0]) - rubricRank(criteria, b[0]) || a[0].localeCompare(b[0]))
        .map(([key, score]) => ({ criterion: key, moment: momentOf(call, key, score) }))[0];
    found.push({
      callId: call.callId,
      externalId: call.externalId,
      callType: call.callType,
      occurredAt: call.occurredAt,
      overall: call.overall,
      overallBelow,
      threshold: { overall: limits.overall, level: limits.level },
      criteria: listed,
      moment: weakest?.moment ? { ...weakest.moment, criterion: weakest.criterion } : null,
      dedupeKey: earlyWarningKey(call.callId),
    });
  }
  return found;
};
