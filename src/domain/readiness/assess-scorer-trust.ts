import { buildCalibrationReport, DEFAULT_AGREEMENT_MINIMUMS, type CalibrationPair } from '../calibration/index.ts';
import type { Criterion } from '../types.ts';
import { messages } from './messages.ts';
import type { ReadinessThresholds, ScorerTrust, ScorerUse } from './types.ts';

/** An AI/human pair of one call and criterion, with the scorer of the AI side. */
export type ScorerPair = CalibrationPair & { scorer: string; model: string | null; reviewer?: string | null };

export interface AssessScorerTrustInput {
  /** Who produced the AI scores behind the report, with their number of calls. */
  scorers: readonly ScorerUse[];
  /** This team's calls scored by both the AI and a human reviewer. */
  pairs: readonly ScorerPair[];
  criteria: readonly Pick<Criterion, 'key' | 'name'>[];
  thresholds: Pick<ReadinessThresholds, 'calibration' | 'agreement'>;
}

const sameScorer = (a: { scorer: string; model: string | null }, b: { scorer: string; model: string | null }): boolean =>
  a.scorer === b.scorer && (a.model ?? null) === (b.model ?? null);

/**
 * The calibration report of these pairs, remembered by their content: a team report asks it once per agent,
 * with the same team pairs and mostly the same scorer (ADR 0053). A pure function of its arguments, like the
 * week bounds of build-trends; the last few answers are kept.
 */
const calibrations = new Map<string, ReturnType<typeof buildCalibrationReport>>();
const calibrationOf = (
  pairs: readonly ScorerPair[],
  minimums: Parameters<typeof buildCalibrationReport>[1],
): ReturnType<typeof buildCalibrationReport> => {
  const key = JSON.stringify([pairs, minimums]);
  const known = calibrations.get(key);
  if (known) return known;
  const report = buildCalibrationReport(pairs, minimums);
  if (calibrations.size >= 8) calibrations.delete(calibrations.keys().next().value as string);
  calibrations.set(key, report);
  return report;
};

/**
 * Which scorer produced the scores (the one with most calls first) and how well it agrees with this
 * team's human reviewers: quadratic weighted kappa per rubric criterion over the calls both scored.
 * With `thresholds.calibration.minKappa` / `minCalls` set, the gate is met only when every criterion
 * has at least `minCalls` such calls (`agreement.minPairs` when only minKappa is set) and, with minKappa, a kappa at
 * least that. No pairs at all: "not checked against human reviewers yet", and a set gate is not met.
 */
export const assessScorerTrust = (input: AssessScorerTrustInput): ScorerTrust => {
  const scorers = [...input.scorers].sort(
    (a, b) => b.calls - a.calls || (a.scorer < b.scorer ? -1 : a.scorer > b.scorer ? 1 : (a.model ?? '') < (b.model ?? '') ? -1 : 1),
  );
  const primary = scorers[0] ?? null;
  const pairs = primary === null ? [] : input.pairs.filter((pair) => sameScorer(pair, primary));
  const minimums = input.thresholds.agreement ?? DEFAULT_AGREEMENT_MINIMUMS;
  const report = calibrationOf(pairs, minimums);
  const rows = new Map(report.criteria.map((row) => [row.criterionKey, row]));
  const agreement =
    pairs.length === 0
      ? []
      : input.criteria.map((criterion) => {
          const row = rows.get(criterion.key);
          return {
            criterion: criterion.key,
            name: criterion.name,
            kappa: row?.kappa ?? null,
            kappaLow: row?.kappaLow ?? null,
            kappaHigh: row?.kappaHigh ?? null,
            band: row?.band ?? null,
            calls: row?.count ?? 0,
            minPairs: minimums.minPairs,
            minPairsForBand: minimums.minPairsForBand,
          };
        });

  const minKappa = input.thresholds.calibration?.minKappa ?? null;
  const minCallsSet = input.thresholds.calibration?.minCalls ?? null;
  const required = minKappa !== null || minCallsSet !== null;
  const reviewers = [...new Set(pairs.map((pair) => pair.reviewer?.trim() || null).filter((name): name is string => name !== null))].sort();
  if (!required)
    return { scorers, primary, agreement, reviewers, gate: { required, met: true, minKappa, minCalls: minCallsSet, reason: null } };
  const minCalls = minCallsSet ?? minimums.minPairs;
  const missing =
    agreement.length === 0
      ? [messages.calibrationNotChecked]
      : agreement.flatMap((row) => [
          ...(row.calls < minCalls ? [messages.calibrationFewCalls(row.name, row.calls, minCalls)] : []),
          ...(minKappa !== null && row.calls >= minCalls && (row.kappa === null || row.kappa < minKappa)
            ? [messages.calibrationLowKappa(row.name, row.kappa, minKappa)]
            : []),
        ]);
  return {
    scorers,
    primary,
    agreement,
    reviewers,
    gate: {
      required,
      met: missing.length === 0,
      minKappa,
      minCalls,
      reason: missing.length === 0 ? null : messages.calibrationMissing(missing),
    },
  };
};
