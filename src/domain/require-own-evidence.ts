import type { CriterionResult, Evidence } from './types.ts';

const keyOf = (evidence: Evidence): string => `${evidence.turn}\u0000${evidence.quote.toLowerCase()}`;

/**
 * Evidence must support the criterion it is quoted for (ADR 0025): one quote cited for several criteria
 * is evidence for none of them. A greeting quoted for all five criteria backs no level; a criterion left
 * with no quote of its own is low-confidence, so it decides nothing until a person scores it. A criterion
 * that also cites quotes of its own keeps those and its confidence.
 *
 * Applied to a model's answer (after `verifyEvidence`), whose quotes an instruction in the transcript can
 * dictate; the embedded scorer picks its evidence per criterion itself.
 */
export const requireOwnEvidence = (criteria: readonly CriterionResult[]): CriterionResult[] => {
  const citedBy = new Map<string, number>();
  for (const criterion of criteria) {
    for (const key of new Set(criterion.evidence.map(keyOf))) citedBy.set(key, (citedBy.get(key) ?? 0) + 1);
  }
  return criteria.map((criterion) => {
    const own = criterion.evidence.filter((evidence) => citedBy.get(keyOf(evidence)) === 1);
    if (own.length === criterion.evidence.length) return criterion;
    const scored = criterion.applicable && criterion.level !== null;
    return { ...criterion, evidence: own, confidence: scored && own.length === 0 ? 'low' : criterion.confidence };
  });
};
