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
 * week bounds of build-trends: the last few answers are kept with a copy of what they were computed from
 * (the fields the report reads), and one is reused only when every pair and minimum is the same.
 */
type Minimums = Parameters<typeof buildCalibrationReport>[1];
type PairFields = readonly [string, string, number | null, number, number | null, number];
const fieldsOf = (pair: ScorerPair): PairFields => [
  pair.callId,
  pair.criterionKey,
  pair.ai.level,
  pair.ai.score,
  pair.human.level,
  pair.human.score,
];
const calibrations: { pairs: PairFields[]; minimums: Minimums; report: ReturnType<typeof buildCalibrationReport> }[] = [];
const sameInput = (known: (typeof calibrations)[number], pairs: readonly ScorerPair[], minimums: Minimums): boolean =>
  known.pairs.length === pairs.length &&
  known.minimums?.minPairs === minimums?.minPairs &&
  known.minimums?.minPairsForBand === minimums?.minPairsForBand &&
  pairs.every((pair, index) => {
    const fields = known.pairs[index] as PairFields;
    return (
      fields[0] === pair.callId &&
      fields[1] === pair.criterionKey &&
      fields[2] === pair.ai.level &&
      fields[3] === pair.ai.score &&
      fields[4] === pair.human.level &&
      fields[5] === pair.human.score
    );
  });
const calibrationOf = (pairs: readonly ScorerPair[], minimums: Minimums): ReturnType<typeof buildCalibrationReport> => {
  const known = calibrations.find((entry) => sameInput(entry, pairs, minimums));
  if (known) return known.report;
  const report = buildCalibrationReport(pairs, minimums);
  if (calibrations.length >= 8) calibrations.shift();
  calibrations.push({ pairs: pairs.map(fieldsOf), minimums: minimums && { ...minimums }, report });
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
