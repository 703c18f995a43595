import type { Criterion } from '../types.ts';
import { atLeast } from './averages.ts';
import type { MeanInterval } from '../statistics/index.ts';
import { applicableCriteria, thresholdFor } from './applicable-criteria.ts';
import { messages } from './messages.ts';
import type {
  Approval,
  Batch,
  BatchCheck,
  CriterionCheck,
  IncompletePeriod,
  MarginNote,
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
  thresholds: Pick<ReadinessThresholds, 'readiness' | 'batch' | 'requireMargin'>;
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
    const held = period.leftOut.filter((call) => call.reason === 'needs_review').length;
    return unverified + held > 0 && period.calls + unverified + held >= period.minCalls ? [{ unverified, held }] : [];
  });
  const unverified = lost.reduce((sum, count) => sum + count.unverified, 0);
  const held = lost.reduce((sum, count) => sum + count.held, 0);
  return `${unverified > 0 ? ` ${messages.unverifiedLeftOut(unverified)}` : ''}${held > 0 ? ` ${messages.heldForReview(held)}` : ''}`;
};

const check = (
  criterion: string,
  name: string,
  threshold: number,
  batches: readonly Batch[],
  valueIn: (batch: Batch) => number | null,
  intervalOf: (batch: Batch) => MeanInterval | null,
): CriterionCheck => {
  const checks: BatchCheck[] = batches.map((batch) => {
    const value = valueIn(batch);
    const interval = value === null ? null : intervalOf(batch);
    return {
      batchStart: batch.start,
      batchEnd: batch.end,
      value,
      margin: interval?.margin ?? null,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
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
    // The threshold inside a batch's interval: that batch's verdict on this check could go either way.
    insideMargin: checks.some(
      (entry) => entry.low !== null && entry.high !== null && entry.low < threshold && atLeast(entry.high, threshold),
    ),
    // No interval (one call) cannot show its lower bound clears anything.
    lowerBoundsMet: checks.length > 0 && checks.every((entry) => entry.low !== null && atLeast(entry.low, threshold)),
  };
};

/**
 * The check whose verdict rests most inside its margin: among those whose threshold lies inside a deciding
 * batch's interval (for a ready verdict, any; for not ready, the failing ones), the one nearest its threshold
 * in margins; null when the decision clears every margin.
 */
const marginNoteOf = (checks: readonly CriterionCheck[], ready: boolean): MarginNote | null => {
  const candidates = checks.filter((entry) => entry.insideMargin && (ready || !entry.met));
  let best: { note: MarginNote; distance: number } | null = null;
  for (const entry of candidates) {
    const values = entry.batches.flatMap((batch) => (batch.value === null ? [] : [batch.value]));
    const margins = entry.batches.flatMap((batch) => (batch.margin === null ? [] : [batch.margin]));
    if (values.length !== entry.batches.length || margins.length === 0) continue;
    const distance = Math.min(
      ...entry.batches.map((batch) =>
        batch.margin ? Math.abs((batch.value as number) - entry.threshold) / batch.margin : Number.POSITIVE_INFINITY,
      ),
    );
    if (best === null || distance < best.distance) {
      best = {
        distance,
        note: {
          criterion: entry.criterion,
          name: entry.name,
          threshold: entry.threshold,
          values,
          margin: Math.max(...margins),
          lows: entry.batches.map((batch) => batch.low ?? Number.NaN).filter((low) => Number.isFinite(low)),
        },
      };
    }
  }
  return best?.note ?? null;
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
  const overallMet = check(
    'overall',
    messages.overallName,
    thresholds.readiness.overall,
    decisiveBatches,
    (batch) => batch.overall,
    (batch) => batch.overallInterval,
  );
  const criteriaMet = applicableCriteria(criteria, callType).map((criterion) =>
    check(
      criterion.key,
      criterion.name,
      thresholdFor(thresholds, criterion.key),
      decisiveBatches,
      (batch) => batch.criteria[criterion.key] ?? null,
      (batch) => batch.criteriaIntervals[criterion.key] ?? null,
    ),
  );
  const checks = [overallMet, ...criteriaMet];
  const requireMargin = thresholds.requireMargin === true;
  let marginNote: MarginNote | null = null;

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
    reason =
      messages.reasonPeriodsBelowMinimum(postTrainingCalls, most, thresholds.batch.minCalls, thresholds.batch.periodDays) +
      lostToUnverified;
  } else if (batches.length < required) {
    // The seed: score at least two batches "before making a readiness determination" — a single batch
    // can be skewed by call type or customer mix. So fewer batches than required is no determination
    // yet (insufficient data), whatever that batch scored; not_ready is reserved for a judged verdict.
    thresholdStatus = 'insufficient_data';
    thresholdReasonCode = 'fewer_batches_than_required';
    reason =
      messages.reasonFewerBatches(batches.length, required, thresholds.batch.minCalls, thresholds.batch.periodDays) + lostToUnverified;
  } else if (checks.every((entry) => entry.met)) {
    marginNote = marginNoteOf(checks, true);
    if (requireMargin && !checks.every((entry) => entry.lowerBoundsMet)) {
      // The method's rule is met, but this team asked for the whole 95% interval to clear the threshold.
      thresholdStatus = 'not_ready';
      thresholdReasonCode = 'margin_not_cleared';
      reason = messages.reasonMarginNotCleared(checks.filter((entry) => !entry.lowerBoundsMet));
    } else {
      thresholdStatus = 'ready';
      thresholdReasonCode = 'threshold_met';
      reason = messages.reasonThresholdMet(callType, decisiveBatches) + (marginNote ? ` ${messages.readyInsideMargin(marginNote)}` : '');
    }
  } else {
    thresholdStatus = 'not_ready';
    thresholdReasonCode = 'threshold_not_met';
    marginNote = marginNoteOf(checks, false);
    reason =
      messages.reasonThresholdNotMet(checks.filter((entry) => !entry.met)) +
      (marginNote ? ` ${messages.notReadyInsideMargin(marginNote)}` : '');
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
      marginNote,
      requireMargin,
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
    marginNote,
    requireMargin,
  };
};
