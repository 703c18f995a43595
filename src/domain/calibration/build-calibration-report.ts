import type { Level } from '../types.ts';
import { scoreToLevel } from '../weighted-overall.ts';
import { exactAgreement } from './exact-agreement.ts';
import { type LandisKochBand, landisKochBand } from './landis-koch-band.ts';
import { meanAbsoluteDifference } from './mean-absolute-difference.ts';
import { type KappaUndefinedReason, kappaUndefinedReason, quadraticWeightedKappa } from './quadratic-weighted-kappa.ts';
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
  /** Landis–Koch words for kappa; null when kappa is null. */
  band: LandisKochBand | null;
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

/**
 * AI-versus-human agreement per criterion and overall. Each pair counts once (two human reviewers of the
 * same call and criterion are two pairs). Levels: the given level, else `scoreToLevel(score)`.
 */
export const buildCalibrationReport = (pairs: readonly CalibrationPair[]): CalibrationReport => {
  const byCriterion = new Map<string, CalibrationPair[]>();
  for (const pair of pairs) {
    const group = byCriterion.get(pair.criterionKey);
    if (group) group.push(pair);
    else byCriterion.set(pair.criterionKey, [pair]);
  }
  return {
    criteria: [...byCriterion].map(([criterionKey, group]) => buildRow(criterionKey, group)),
    all: buildRow(ALL_CRITERIA_KEY, pairs),
  };
};

const levelOf = (rating: CalibrationRating): Level => rating.level ?? scoreToLevel(rating.score);

const buildRow = (criterionKey: string, pairs: readonly CalibrationPair[]): CalibrationRow => {
  const levels = pairs.map((pair): [Level, Level] => [levelOf(pair.ai), levelOf(pair.human)]);
  const scores = pairs.map((pair): [number, number] => [pair.ai.score, pair.human.score]);
  const kappa = quadraticWeightedKappa(levels);
  return {
    criterionKey,
    count: pairs.length,
    kappa,
    kappaUndefined: kappaUndefinedReason(levels),
    band: kappa === null ? null : landisKochBand(kappa),
    exactAgreement: exactAgreement(levels),
    withinOneAgreement: withinOneAgreement(levels),
    meanAbsoluteDifference: meanAbsoluteDifference(scores),
  };
};
