import type { CriterionResult } from '../types.ts';

/**
 * The scores of a call held for human review (ADR 0025): each scored criterion low-confidence, so no
 * batch, baseline or rule counts the call until a person's score of that criterion replaces it. The levels
 * stay stored, for the reviewer to see what the model said.
 */
export const holdForReview = (criteria: readonly CriterionResult[]): CriterionResult[] =>
  criteria.map((criterion) => (criterion.applicable && criterion.level !== null ? { ...criterion, confidence: 'low' } : criterion));
