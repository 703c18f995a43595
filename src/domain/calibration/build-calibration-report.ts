import type { Level } from '../types.ts';
import { scoreToLevel } from '../weighted-overall.ts';
import { exactAgreement } from './exact-agreement.ts';
import { type LandisKochBand, landisKochBand } from './landis-koch-band.ts';
import { meanAbsoluteDifference } from './mean-absolute-difference.ts';
import { type KappaUndefinedReason, kappaUndefinedReason, quadraticWeightedKappaInterval } from './quadratic-weighted-kappa.ts';
import { withinOneAgreement } from './within-one-agreement.ts';

/** One rater's judgement of one criterion of one call. A null level is derived from the 0..100 score. */
export interface CalibrationRating {
  level: Level | null;
  score: number;
}

/** The AI and a human scoring the same criterion of the same call. */
export interface CalibrationPair {
  criterionKey: string;
  callId: string;
  ai: CalibrationRating;
  human: CalibrationRating;
}

export interface CalibrationRow {
  /** The criterion, or 'all' for the row pooling every pair. */
  criterionKey: string;
  /** Number of AI/human pairs. */
  count: number;
  /** Quadratic weighted kappa on the 1..5 levels; null when undefined (see `kappaUndefined`). */
  kappa: number | null;
  /** Why kappa is null ('fewer than 2 pairs' or 'no variation'), else null. */
  kappaUndefined: KappaUndefinedReason | null;
  /** Its 95% interval (Fleiss, Cohen & Everitt 1969); null when kappa is null. */
  kappaLow: number | null;
  kappaHigh: number | null;
  /** Landis–Koch words for kappa; null when kappa is null or there are fewer than `minPairsForBand` pairs. */
  band: LandisKochBand | null;
  /** Pairs needed before a kappa is shown at all (below: "not enough reviewed calls"). */
  minPairs: number;
  /** Pairs needed before a Landis–Koch band is given. */
  minPairsForBand: number;
  /** 0..1; null when count is 0. */
  exactAgreement: number | null;
  /** 0..1; null when count is 0. */
  withinOneAgreement: number | null;
  /** Mean |AI − human| on the 0..100 scores, in points; null when count is 0. */
  meanAbsoluteDifference: number | null;
}

export interface CalibrationReport {
  /** One row per criterion, in the order each criterion first appears in the pairs. */
  criteria: CalibrationRow[];
  /** Every pair pooled, whatever the criterion. */
  all: CalibrationRow;
}

export const ALL_CRITERIA_KEY = 'all';

/** How many AI/human pairs an agreement figure needs: a kappa at all, and a Landis–Koch band. */
export interface AgreementMinimums {
  /** Default 10: below it, "not enough reviewed calls (n of the 10 needed)". */
  minPairs: number;
  /** Default 20: below it the kappa is shown with its interval, but no band. */
  minPairsForBand: number;
}

export const DEFAULT_AGREEMENT_MINIMUMS: AgreementMinimums = { minPairs: 10, minPairsForBand: 20 };

/**
 * AI-versus-human agreement per criterion and overall. Each pair counts once (two human reviewers of the
 * same call and criterion are two pairs). Levels: the given level, else `scoreToLevel(score)`.
 */
export const buildCalibrationReport = (
  pairs: readonly CalibrationPair[],
  minimums: AgreementMinimums = DEFAULT_AGREEMENT_MINIMUMS,
): CalibrationReport => {
  const byCriterion = new Map<string, CalibrationPair[]>();
  for (const pair of pairs) {
    const group = byCriterion.get(pair.criterionKey);
    if (group) group.push(pair);
    else byCriterion.set(pair.criterionKey, [pair]);
  }
  return {
    criteria: [...byCriterion].map(([criterionKey, group]) => buildRow(criterionKey, group, minimums)),
    all: buildRow(ALL_CRITERIA_KEY, pairs, minimums),
  };
};

const levelOf = (rating: CalibrationRating): Level => rating.level ?? scoreToLevel(rating.score);

const buildRow = (criterionKey: string, pairs: readonly CalibrationPair[], minimums: AgreementMinimums): CalibrationRow => {
  const levels = pairs.map((pair): [Level, Level] => [levelOf(pair.ai), levelOf(pair.human)]);
  const scores = pairs.map((pair): [number, number] => [pair.ai.score, pair.human.score]);
  const interval = quadraticWeightedKappaInterval(levels);
  return {
    criterionKey,
    count: pairs.length,
    kappa: interval?.kappa ?? null,
    kappaUndefined: kappaUndefinedReason(levels),
    kappaLow: interval?.low ?? null,
    kappaHigh: interval?.high ?? null,
    band: interval === null || pairs.length < minimums.minPairsForBand ? null : landisKochBand(interval.kappa),
    minPairs: minimums.minPairs,
    minPairsForBand: minimums.minPairsForBand,
    exactAgreement: exactAgreement(levels),
    withinOneAgreement: withinOneAgreement(levels),
    meanAbsoluteDifference: meanAbsoluteDifference(scores),
  };
};
