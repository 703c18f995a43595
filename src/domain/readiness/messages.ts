// Every sentence the readiness module produces, in one place, in plain manager language.

import { isoDate } from './averages.ts';
import type { Batch, BaselineRef, CriterionCheck, GroupMean, MarginNote } from './types.ts';
import { joinWithAnd } from '../join-with-and.ts';

const points = (value: number): string => value.toFixed(1);
/** What a ready status rests on: the batches that met every threshold. */
const metIn = (batches: readonly Batch[]): string =>
  `Met the threshold overall and on every criterion in the last ${batches.length} batches (${batches.map((batch) => isoDate(batch.start)).join(', ')})`;
/** A value beside the threshold it missed: one decimal, but never rounded up to the threshold (74.99 → 74.99). */
const below = (value: number, threshold: number): string =>
  value < threshold - 1e-9 && Number(value.toFixed(1)) >= threshold ? (Math.floor(value * 100) / 100).toFixed(2) : points(value);
/** Points short of a threshold: one decimal, or two below 0.05 so a real shortfall never reads "0.0". */
const shortfall = (gap: number): string => (gap >= 0.05 ? gap.toFixed(1) : Math.max(0.01, Math.ceil(gap * 100 - 1e-6) / 100).toFixed(2));
const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
const list = joinWithAnd;
const baselineLabel = (baseline: BaselineRef): string =>
  baseline.scope === 'call_type'
    ? `their ${baseline.callType} baseline of ${points(baseline.value)} (${baseline.calls} calls)`
    : `their baseline across all call types of ${points(baseline.value)} (${baseline.calls} calls)`;
/** "" for the overall (the example the issue gave: "75.4 and 76.0 against 75"), else the criterion's name. */
const marginSubject = (note: MarginNote): string => (note.criterion === 'overall' ? '' : `${note.name} `);
const frustrationLabel = (level: string): string => `${level === 'none' ? 'calm' : `${level}ly frustrated`} customers`;

export const messages = {
  overallName: 'Overall',

  // ------------------------------------------------------------ errors
  invalidThresholds: (field: string, rule: string) =>
    `The readiness threshold "${field}" ${rule}. Fix it in the thresholds block of the config file.`,
  invalidProgramDates: (program: string) => `Training program "${program}" completes before it starts. Fix its dates in the config file.`,

  // ------------------------------------------------------------ baseline
  baselineNoProgram: 'No baseline: the agent is not enrolled in a training program, so there is no start date to measure before.',
  baselineInsufficient: (calls: number, minCalls: number, startsAt: Date) =>
    calls === 0
      ? `No baseline: no scored live calls before the training started on ${isoDate(startsAt)} (at least ${minCalls} are needed).`
      : `Insufficient baseline: only ${calls} scored live call${calls === 1 ? '' : 's'} before the training started on ${isoDate(startsAt)}; at least ${minCalls} are needed for a reliable comparison.`,

  /** What every figure that needs a baseline says for a new hire, instead of a delta. */
  noBaselineNewHire: 'no baseline: new hire',
  baselineNewHire: (program: string) =>
    `No baseline: new hire (program "${program}" has baseline: none, and no roleplay practice before the first live call), so no change since training is shown.`,
  baselinePractice: (calls: number, minCalls: number) =>
    `Practice baseline: ${calls} roleplay call${calls === 1 ? '' : 's'} before the first live call (new hire, no pre-training calls)${calls < minCalls ? `; fewer than the ${minCalls} a reliable comparison needs` : ''}. Practice is not live work: read changes against it as a guide.`,
  ruleSkippedNewHire: 'new hire (baseline: none): no pre-training baseline to compare with',

  // ------------------------------------------------------------ status reasons
  reasonApproved: (by: string, at: Date) => `Approved for independent handling by ${by} on ${isoDate(at)}.`,
  reasonNoProgram: 'Not enrolled in a training program, so there is nothing to measure readiness against.',
  reasonProgramNotComplete: (completesAt: Date) =>
    `Training is still under way: it completes on ${isoDate(completesAt)}; post-training calls are counted from then.`,
  reasonNoPostTrainingCalls: (callType: string, completesAt: Date) =>
    `No scored live ${callType} calls since training completed on ${isoDate(completesAt)}.`,
  reasonPeriodsBelowMinimum: (calls: number, most: number, minCalls: number, periodDays: number) =>
    `${calls} scored live call${calls === 1 ? '' : 's'} since training, but no ${periodDays}-day period has reached ${minCalls} calls yet (best so far: ${most}), so there is no scoring batch.`,
  reasonFewerBatches: (batches: number, required: number, minCalls: number, periodDays: number) =>
    `${batches} of ${required} scoring batches so far; readiness needs ${required} batches of at least ${minCalls} calls, in separate ${periodDays}-day periods.`,
  reasonThresholdMet: (callType: string, batches: readonly Batch[]) => `${metIn(batches)}: ready for independent handling of ${callType}.`,
  heldForReview: (calls: number) =>
    `${calls} call${calls === 1 ? ' needs' : 's need'} human review: a speaker addressed the evaluator ("SYSTEM: …", "note to the evaluator"), so ${calls === 1 ? 'its' : 'their'} AI scores decide nothing and without ${calls === 1 ? 'it' : 'them'} the period is not a batch. A reviewer's score of ${calls === 1 ? 'the call' : 'those calls'} (import-scores) brings ${calls === 1 ? 'it' : 'them'} back; \`floorready calls\` lists ${calls === 1 ? 'it' : 'them'} as NEEDS HUMAN REVIEW.`,
  unverifiedLeftOut: (calls: number) =>
    `${calls} call${calls === 1 ? ' was' : 's were'} left out because ${calls === 1 ? 'its' : 'their'} evidence did not verify (low-confidence scores never decide): without ${calls === 1 ? 'it' : 'them'} the period is not a batch. A reviewer's score of those criteria (import-scores), or a re-score, brings them back.`,
  reasonPendingCalibration: (batches: readonly Batch[], missing: string | null) =>
    `Ready, pending calibration: the scores meet the threshold, but the scorer has not yet shown enough agreement with this team's reviewers${missing ? ` (${missing})` : ''}. ${metIn(batches)}.`,
  calibrationNotChecked: 'not checked against human reviewers yet',
  calibrationMissing: (parts: readonly string[]) => parts.join('; '),
  calibrationFewCalls: (criterion: string, calls: number, minCalls: number) => `${criterion}: ${calls} of ${minCalls} reviewed calls`,
  calibrationLowKappa: (criterion: string, kappa: number | null, minKappa: number) =>
    kappa === null
      ? `${criterion}: no κ (the AI and the reviewers gave every call the same level), ${minKappa.toFixed(2)} needed`
      : `${criterion}: κ ${kappa.toFixed(2)} below ${minKappa.toFixed(2)}`,
  readyInsideMargin: (note: MarginNote) =>
    `Ready: ${marginSubject(note)}${list(note.values.map(points))} against ${note.threshold}, inside the ±${points(note.margin)} margin; one more batch would confirm it.`,
  notReadyInsideMargin: (note: MarginNote) =>
    `Not ready: ${marginSubject(note)}${list(note.values.map(points))} against ${note.threshold}, inside the ±${points(note.margin)} margin; one more batch would settle it.`,
  reasonMarginNotCleared: (checks: readonly CriterionCheck[]) =>
    `The scores meet the threshold in the last batches, but this team requires each batch's 95% lower bound to reach it too (thresholds.requireMargin): ${checks
      .map(
        (check) =>
          `${check.name} ${list(check.batches.map((batch) => (batch.value === null ? 'no score' : `${points(batch.value)} (lower bound ${batch.low === null ? 'unknown: one call' : points(batch.low)})`)))} against ${points(check.threshold)}`,
      )
      .join('; ')}. Not ready until the margin clears it.`,
  reasonThresholdNotMet: (missing: readonly CriterionCheck[]) =>
    `Below the threshold in the last batches on: ${missing
      .map((check) =>
        check.gap === null
          ? `${check.name} (no scores, needs ${points(check.threshold)})`
          : `${check.name} (${check.gap > 0 ? `${shortfall(check.gap)} points short of` : 'not in every batch at'} ${points(check.threshold)})`,
      )
      .join('; ')}.`,

  // ------------------------------------------------------------ recommendations
  unchangedFromBaseline: (p: { agent: string; criterion: string; callType: string; value: number; baseline: BaselineRef; band: number }) =>
    `${p.agent}'s ${p.criterion} on ${p.callType} calls is ${points(p.value)} in the latest batch, within ${points(p.band)} points of ${baselineLabel(p.baseline)}: the training has not moved it. Review whether the roleplay scenarios included emotional escalation, and add harder scenarios before the next training cycle.`,
  improvedThenDropped: (p: {
    agent: string;
    criterion: string;
    callType: string;
    baseline: BaselineRef;
    improvedValue: number;
    improvedStart: Date;
    droppedValue: number;
    droppedStart: Date;
  }) =>
    `${p.agent}'s ${p.criterion} on ${p.callType} calls rose to ${points(p.improvedValue)} in the batch from ${isoDate(p.improvedStart)} (${signed(p.improvedValue - p.baseline.value)} on ${baselineLabel(p.baseline)}), then fell to ${points(p.droppedValue)} in the batch from ${isoDate(p.droppedStart)}. Add a reinforcement coaching session: behaviour change needs repetition beyond the initial training.`,
  callTypeVariance: (p: {
    agent: string;
    spread: number;
    best: GroupMean;
    weakCallTypes: readonly GroupMean[];
    weakFrustrationLevels: readonly GroupMean[];
    bestLevel: GroupMean | null;
  }) =>
    `${p.agent}'s overall scores vary by ${points(p.spread)} points across call types: ${list(p.weakCallTypes.map((group) => `${group.group} ${points(group.overall)}`))} against ${p.best.group} ${points(p.best.overall)}.` +
    (p.weakFrustrationLevels.length > 0 && p.bestLevel
      ? ` Scores also drop with ${list(p.weakFrustrationLevels.map((group) => `${frustrationLabel(group.group)} (${points(group.overall)})`))}, against ${points(p.bestLevel.overall)} with ${frustrationLabel(p.bestLevel.group)}.`
      : '') +
    ' Check whether the training covered these scenarios.',
  roleplayLiveGap: (p: { agent: string; criterion: string; roleplay: number; live: number; gap: number; quoted: number }) =>
    `${p.agent} scores ${points(p.roleplay)} on ${p.criterion} in roleplay but ${points(p.live)} on live calls (${points(p.gap)} points lower). The scenarios may not be realistic enough, or the behaviour is not yet automatic: give harder practice, or brief live coaching anchored in ${p.quoted > 0 ? 'the quoted call moments where the score drops' : 'the lowest-scoring calls'}.`,
  belowThreshold: (p: {
    agent: string;
    criterion: string;
    callType: string;
    value: number;
    threshold: number;
    gap: number;
    baseline: BaselineRef | null;
    regression: boolean;
    overall: { threshold: number; value: number | null } | null;
    quoted: number;
  }) =>
    (p.overall
      ? `${p.agent}'s overall on ${p.callType} calls is below ${points(p.overall.threshold)}${p.overall.value === null ? '' : ` (${below(p.overall.value, p.overall.threshold)})`}; the weakest criterion behind it is ${p.criterion} at ${points(p.value)}.`
      : `${p.agent}'s ${p.criterion} on ${p.callType} calls is ${below(p.value, p.threshold)} in the latest batch, ${shortfall(p.gap)} points short of ${points(p.threshold)}.`) +
    (p.regression && p.baseline
      ? ` This is a regression: ${points(p.baseline.value - p.value)} points below ${baselineLabel(p.baseline)}.`
      : p.baseline
        ? ` (${signed(p.value - p.baseline.value)} on ${baselineLabel(p.baseline)}.)`
        : '') +
    ` Coach ${p.agent} on it individually, anchored in ${p.quoted > 0 ? 'the quoted call moments where the score is lowest' : 'the lowest-scoring calls'}, and check again after the next batch.`,
  readinessReached: (p: { agent: string; callType: string; batches: readonly Batch[] }) =>
    `${p.agent} met the readiness threshold on ${p.callType} in the last ${p.batches.length} batches (${p.batches.map((batch) => isoDate(batch.start)).join(', ')}): ready for independent handling of ${p.callType}. Approve to record the deployment decision.`,
  teamWideLow: (p: { criterion: string; teamMean: number; threshold: number; below: number; withData: number }) =>
    `Team-wide low ${p.criterion}: the team average is ${below(p.teamMean, p.threshold)} against a threshold of ${points(p.threshold)}, and ${p.below} of ${p.withData} agents are below it. This looks like a curriculum content gap, not an individual coaching issue: tell enablement and the team channel.`,
  teamWideSuffix: (criterion: string) =>
    ` Note: ${criterion} is low across the team (see the team finding), so treat it as a curriculum gap rather than coaching this agent alone.`,
};
