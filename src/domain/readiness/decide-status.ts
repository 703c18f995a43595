import type { Criterion } from '../types.ts';
import { atLeast } from './averages.ts';
import { applicableCriteria, thresholdFor } from './applicable-criteria.ts';
import { messages } from './messages.ts';
import type {
  Approval,
  Batch,
  BatchCheck,
  CriterionCheck,
  IncompletePeriod,
  ProgramInfo,
  ReadinessThresholds,
  ScorerTrust,
  StatusDecision,
} from './types.ts';

export interface DecideStatusInput {
  callType: string;
  program: Pick<ProgramInfo, 'completesAt'> | null;
  batches: readonly Batch[];
  incompletePeriods: readonly IncompletePeriod[];
  postTrainingCalls: number;
  criteria: readonly Pick<Criterion, 'key' | 'name' | 'callTypes'>[];
  thresholds: Pick<ReadinessThresholds, 'readiness' | 'batch'>;
  /** Approvals of the agent (any call type; only this call type's latest counts). */
  approvals: readonly Approval[];
  now: Date;
  /** The calibration gate; when required and not met, `ready` becomes `ready_pending_calibration`. */
  calibration?: Pick<ScorerTrust['gate'], 'required' | 'met' | 'reason'> | null;
}

/**
 * Calls with unverified scores in periods that would have been batches with them: the part of the
 * status reason that says a period stopped being a batch because its scores did not verify.
 */
const unverifiedNote = (periods: readonly IncompletePeriod[]): string => {
  const lost = periods.flatMap((period) => {
    const unverified = period.leftOut.filter((call) => call.reason === 'low_confidence').length;
    return unverified > 0 && period.calls + unverified >= period.minCalls ? [unverified] : [];
  });
  return lost.length === 0 ? '' : ` ${messages.unverifiedLeftOut(lost.reduce((sum, count) => sum + count, 0))}`;
};

const check = (
  criterion: string,
  name: string,
  threshold: number,
  batches: readonly Batch[],
  valueOf: (batch: Batch) => number | null,
): CriterionCheck => {
  const checks: BatchCheck[] = batches.map((batch) => {
    const value = valueOf(batch);
    return {
      batchStart: batch.start,
      batchEnd: batch.end,
      value,
      met: value !== null && atLeast(value, threshold),
      gap: value === null ? null : Math.max(0, threshold - value),
    };
  });
  const gaps = checks.flatMap((entry) => (entry.gap === null ? [] : [entry.gap]));
  return {
    criterion,
    name,
    threshold,
    batches: checks,
    met: checks.length > 0 && checks.every((entry) => entry.met),
    gap: gaps.length === 0 ? null : Math.max(...gaps),
  };
};

/** The latest approval of a call type, or null. */
export const latestApproval = (approvals: readonly Approval[], callType: string): Approval | null =>
  approvals
    .filter((approval) => approval.callType === callType)
    .reduce<Approval | null>(
      (latest, approval) =>
        latest === null ||
        approval.approvedAt.getTime() > latest.approvedAt.getTime() ||
        (approval.approvedAt.getTime() === latest.approvedAt.getTime() && approval.approvedBy > latest.approvedBy)
          ? approval
          : latest,
      null,
    );

/**
 * Readiness of one agent for one call type. `insufficient_data` until there are `batch.required` batches
 * (no program, no post-training calls, no period with enough calls, or fewer batches than required);
 * then `ready` when each of the `required` most recent ones scores at or above the threshold overall AND on every
 * criterion applicable to the call type (a criterion with no data in a batch is not met). An approval
 * overrides the scores (`approved`); `thresholdStatus` keeps what the scores alone say.
 */
export const decideStatus = (input: DecideStatusInput): StatusDecision => {
  const { callType, program, batches, incompletePeriods, postTrainingCalls, criteria, thresholds, approvals, now } = input;
  const lostToUnverified = unverifiedNote(incompletePeriods);
  const required = thresholds.batch.required;
  const decisiveBatches = batches.slice(Math.max(0, batches.length - required));
  const overallMet = check('overall', messages.overallName, thresholds.readiness.overall, decisiveBatches, (batch) => batch.overall);
  const criteriaMet = applicableCriteria(criteria, callType).map((criterion) =>
    check(criterion.key, criterion.name, thresholdFor(thresholds, criterion.key), decisiveBatches, (batch) =>
      batch.criteria[criterion.key] ?? null,
    ),
  );

  let thresholdStatus: StatusDecision['thresholdStatus'];
  let thresholdReasonCode: StatusDecision['thresholdReasonCode'];
  let reason: string;
  if (program === null) {
    thresholdStatus = 'insufficient_data';
    thresholdReasonCode = 'no_program';
    reason = messages.reasonNoProgram;
  } else if (postTrainingCalls === 0) {
    thresholdStatus = 'insufficient_data';
    if (now.getTime() < program.completesAt.getTime()) {
      thresholdReasonCode = 'program_not_complete';
      reason = messages.reasonProgramNotComplete(program.completesAt);
    } else {
      thresholdReasonCode = 'no_post_training_calls';
      reason = messages.reasonNoPostTrainingCalls(callType, program.completesAt) + lostToUnverified;
    }
  } else if (batches.length === 0) {
    thresholdStatus = 'insufficient_data';
    thresholdReasonCode = 'periods_below_minimum';
    const most = Math.max(0, ...incompletePeriods.map((period) => period.calls));
    reason = messages.reasonPeriodsBelowMinimum(postTrainingCalls, most, thresholds.batch.minCalls, thresholds.batch.periodDays) + lostToUnverified;
  } else if (batches.length < required) {
    // The seed: score at least two batches "before making a readiness determination" — a single batch
    // can be skewed by call type or customer mix. So fewer batches than required is no determination
    // yet (insufficient data), whatever that batch scored; not_ready is reserved for a judged verdict.
    thresholdStatus = 'insufficient_data';
    thresholdReasonCode = 'fewer_batches_than_required';
    reason = messages.reasonFewerBatches(batches.length, required, thresholds.batch.minCalls, thresholds.batch.periodDays) + lostToUnverified;
  } else if (overallMet.met && criteriaMet.every((entry) => entry.met)) {
    thresholdStatus = 'ready';
    thresholdReasonCode = 'threshold_met';
    reason = messages.reasonThresholdMet(callType, decisiveBatches);
  } else {
    thresholdStatus = 'not_ready';
    thresholdReasonCode = 'threshold_not_met';
    reason = messages.reasonThresholdNotMet([overallMet, ...criteriaMet].filter((entry) => !entry.met));
  }

  const approval = latestApproval(approvals, callType);
  if (approval !== null) {
    return {
      status: 'approved',
      reasonCode: 'approved',
      statusReason: messages.reasonApproved(approval.approvedBy, approval.approvedAt),
      thresholdStatus,
      thresholdReasonCode,
      approval,
      decisiveBatches,
      overallMet,
      criteriaMet,
    };
  }
  const gate = input.calibration;
  const pending = thresholdStatus === 'ready' && gate?.required === true && !gate.met;
  return {
    status: pending ? 'ready_pending_calibration' : thresholdStatus,
    reasonCode: pending ? 'pending_calibration' : thresholdReasonCode,
    statusReason: pending ? messages.reasonPendingCalibration(decisiveBatches, gate.reason) : reason,
    thresholdStatus,
    thresholdReasonCode,
    approval: null,
    decisiveBatches,
    overallMet,
    criteriaMet,
  };
};
