// Means and comparisons shared by the readiness operations. Sums run over calls in a fixed order
// (see sortCalls), so results do not depend on the order the caller passed the calls in.

import type { Criterion } from '../types.ts';
import { meanInterval, type MeanInterval } from '../statistics/index.ts';
import type { CriterionMeans, PeriodFigures, ScoredCall } from './types.ts';

export const DAY_MS = 86_400_000;

/** Tolerance for comparing means with thresholds: 80 − 1e-12 counts as 80. */
const EPSILON = 1e-9;

export const atLeast = (value: number, bound: number): boolean => value >= bound - EPSILON;
export const atMost = (value: number, bound: number): boolean => value <= bound + EPSILON;

export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

const canonicalOrder = (a: ScoredCall, b: ScoredCall): number =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0);

/**
 * Calls in a canonical order: by time, then id. A copy; calls already in that order (as the database
 * returns them, and as every list filtered from a sorted one is) are checked in one pass, not sorted again.
 */
export const sortCalls = <T extends ScoredCall>(calls: readonly T[]): T[] => {
  for (let i = 1; i < calls.length; i += 1) {
    if (canonicalOrder(calls[i - 1] as T, calls[i] as T) > 0) return [...calls].sort(canonicalOrder);
  }
  return calls.slice();
};

// The two means below are the innermost loop of every report (per batch, period, week and rule):
// plain loops, no intermediate arrays.
export const overallMean = (calls: readonly ScoredCall[]): number | null => {
  let sum = 0;
  let count = 0;
  for (const call of calls) {
    if (call.overall === null) continue;
    sum += call.overall;
    count += 1;
  }
  return count === 0 ? null : sum / count;
};

export const criterionMean = (calls: readonly ScoredCall[], key: string): number | null => {
  let sum = 0;
  let count = 0;
  for (const call of calls) {
    const value = call.criteria[key];
    if (value === undefined) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? null : sum / count;
};

/** Mean per rubric criterion (null when no call has it). */
export const criterionMeans = (calls: readonly ScoredCall[], criteria: readonly Pick<Criterion, 'key'>[]): CriterionMeans =>
  Object.fromEntries(criteria.map((criterion) => [criterion.key, criterionMean(calls, criterion.key)]));

/** Mean per rubric criterion, only the criteria some call has. */
export const presentCriterionMeans = (
  calls: readonly ScoredCall[],
  criteria: readonly Pick<Criterion, 'key'>[],
): Record<string, number> => {
  const means: Record<string, number> = {};
  for (const criterion of criteria) {
    const value = criterionMean(calls, criterion.key);
    if (value !== null) means[criterion.key] = value;
  }
  return means;
};

export const periodFigures = (calls: readonly ScoredCall[], criteria: readonly Pick<Criterion, 'key'>[]): PeriodFigures => ({
  calls: calls.length,
  overall: overallMean(calls),
  criteria: criterionMeans(calls, criteria),
});

export const difference = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : a - b;

export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** The 95% intervals of a group of calls' means: overall, and per criterion some call has (ADR 0031). */
export interface GroupIntervals {
  /** Null below two calls with an overall. */
  overallInterval: MeanInterval | null;
  /** Only criteria with at least two calls scored. */
  criteriaIntervals: Record<string, MeanInterval>;
}

export const groupIntervals = (calls: readonly ScoredCall[], criteria: readonly Pick<Criterion, 'key'>[]): GroupIntervals => {
  // One pass over the calls for every criterion (values in call order, as meanInterval sums them).
  const values: number[][] = criteria.map(() => []);
  const overalls: number[] = [];
  for (const call of calls) {
    for (let i = 0; i < criteria.length; i += 1) {
      const value = call.criteria[(criteria[i] as Pick<Criterion, 'key'>).key];
      if (value !== undefined) (values[i] as number[]).push(value);
    }
    if (call.overall !== null) overalls.push(call.overall);
  }
  const criteriaIntervals: Record<string, MeanInterval> = {};
  for (let i = 0; i < criteria.length; i += 1) {
    const interval = meanInterval(values[i] as number[]);
    if (interval !== null) criteriaIntervals[(criteria[i] as Pick<Criterion, 'key'>).key] = interval;
  }
  return { overallInterval: meanInterval(overalls), criteriaIntervals };
};
