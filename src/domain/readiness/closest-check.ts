import { atLeast, isoDate } from './averages.ts';
import type { StatusDecision } from './types.ts';

// How close a readiness decision was (issue 20): of every check (the overall and each criterion) in every
// deciding batch, the one nearest its threshold, measured in its own 95% margins (in points when a batch has
// no interval). The Slack card and the CLI say it beside the status, so a pass by a fraction of a point
// does not read like a clear one, and a clear pass says how clear. Pure.

export interface ClosestCheck {
  /** Criterion key, or 'overall'. */
  criterion: string;
  name: string;
  threshold: number;
  batchStart: Date;
  value: number;
  /** The batch's 95% margin on the check; null with one call. */
  margin: number | null;
  /** value − threshold, in points (negative = short). */
  distance: number;
  /** The threshold lies inside the batch's 95% interval: the verdict on this check could go either way. */
  insideMargin: boolean;
}

/** The deciding check nearest its threshold; null before a decision is made (fewer batches than required). */
export const closestCheck = (decision: Pick<StatusDecision, 'thresholdStatus' | 'overallMet' | 'criteriaMet'>): ClosestCheck | null => {
  if (decision.thresholdStatus === 'insufficient_data') return null;
  let best: { check: ClosestCheck; rank: number } | null = null;
  for (const check of [decision.overallMet, ...decision.criteriaMet]) {
    for (const batch of check.batches) {
      if (batch.value === null) continue;
      const distance = batch.value - check.threshold;
      const insideMargin = batch.low !== null && batch.high !== null && batch.low < check.threshold && atLeast(batch.high, check.threshold);
      // In margins where there is one; a batch without an interval ranks by points, after every one with.
      const rank = batch.margin ? Math.abs(distance) / batch.margin : 1e6 + Math.abs(distance);
      if (best === null || rank < best.rank) {
        best = {
          rank,
          check: {
            criterion: check.criterion,
            name: check.name,
            threshold: check.threshold,
            batchStart: batch.batchStart,
            value: batch.value,
            margin: batch.margin,
            distance,
            insideMargin,
          },
        };
      }
    }
  }
  return best?.check ?? null;
};

/**
 * "Closest: Empathy expression 78 ±6 against 75 (batch from 2026-09-14): inside the margin, it could go either
 * way." / "…: 9 points above the threshold, 3.0 margins clear." `score` formats a figure as the caller does.
 */
export const describeClosestCheck = (closest: ClosestCheck, score: (value: number) => string): string => {
  const figure = `${score(closest.value)}${closest.margin === null ? '' : ` ±${Math.round(closest.margin)}`}`;
  const head = `Closest check: ${closest.name} ${figure} against ${closest.threshold} (batch from ${isoDate(closest.batchStart)})`;
  if (closest.insideMargin) return `${head}: the threshold is inside its 95% margin, so this one could go either way.`;
  const points = Math.abs(closest.distance);
  const side = atLeast(closest.value, closest.threshold) ? 'above' : 'below';
  const pointsText = `${points < 0.95 ? points.toFixed(1) : Math.round(points)} point${Math.round(points * 10) === 10 ? '' : 's'} ${side} the threshold`;
  if (closest.margin === null) return `${head}: ${pointsText} (one call: no margin to measure).`;
  if (closest.margin === 0) return `${head}: ${pointsText} (every call scored the same: no spread).`;
  return `${head}: ${pointsText}, ${(points / closest.margin).toFixed(1)} margins ${side === 'above' ? 'clear' : 'short'}.`;
};
