import { callOverall } from '../call-overall.ts';
import type { Criterion, Evidence } from '../types.ts';

// What an agent's private score summary says about one call: the overall, the strongest criterion,
// and one focus criterion with a quoted moment and the rubric's exemplary anchor. Pure.

/** One stored score of a call as the summary reads it (the score repository's rows fit it). */
export interface SummaryScore {
  criterionKey: string;
  source: 'ai' | 'human';
  score: number | null;
  applicable: boolean;
  rationale: string | null;
  evidence: Evidence[];
}

export interface SummaryCriterion {
  key: string;
  name: string;
  score: number;
}

export interface SummaryFocus extends SummaryCriterion {
  /** The rubric's exemplary anchor: what good looks like. */
  exemplary: string;
  /** A quoted moment of the call for this criterion (the agent's own words first), if the scorer gave one. */
  quote: Evidence | null;
  rationale: string | null;
}

export interface PickedSummary {
  /** The call's one overall (domain/call-overall), as `calls`, `show` and the reports show it. */
  overall: number | null;
  /** The AI's own overall, shown beside it where a reviewer changed it (`differs`). */
  aiOverall: number | null;
  differs: boolean;
  strongest: SummaryCriterion | null;
  /** The weakest criterion below its threshold; null when none is (or none has a score). */
  focus: SummaryFocus | null;
  /** Every scored criterion is at or above its readiness threshold: nothing to improve on this call. */
  allMet: boolean;
  /** True when a human re-score replaced an AI score of this call. */
  humanReviewed: boolean;
}

interface Effective {
  criterion: Criterion;
  index: number;
  score: number;
  evidence: Evidence[];
  rationale: string | null;
}

/**
 * The effective score of each rubric criterion (a human re-score replaces the AI one, as in every
 * report), then the strongest (highest; ties: heavier weight, then rubric order) and the focus: the
 * lowest of the others below its readiness threshold (ties: a criterion the agent's training targeted,
 * then heavier weight, then rubric order); none when every criterion meets its threshold (`allMet`).
 */
export const pickScoreSummary = (
  scores: readonly SummaryScore[],
  criteria: readonly Criterion[],
  targetedCriteria: readonly string[] = [],
  options: {
    /** A criterion's readiness threshold: a focus is only ever a criterion below it. */
    threshold: (criterionKey: string) => number;
    /** The call is held for human review: the AI's scores count for nothing (ADR 0025). */
    heldForReview?: boolean;
  },
): PickedSummary => {
  const held = options.heldForReview === true;
  const overall = callOverall(scores, criteria, { heldForReview: held });
  const effective: Effective[] = [];
  criteria.forEach((criterion, index) => {
    const usable = scores.filter((row) => row.criterionKey === criterion.key && row.applicable && row.score !== null);
    const ai = held ? undefined : usable.findLast((row) => row.source === 'ai');
    const human = usable.findLast((row) => row.source === 'human');
    const chosen = human ?? ai;
    if (!chosen || chosen.score === null) return;
    const evidence = chosen.evidence.length > 0 ? chosen.evidence : (ai?.evidence ?? []);
    effective.push({ criterion, index, score: chosen.score, evidence, rationale: chosen.rationale ?? ai?.rationale ?? null });
  });

  const figures = { overall: overall.effective, aiOverall: overall.ai, differs: overall.differs, humanReviewed: overall.humanReviewed };
  if (effective.length === 0) return { ...figures, strongest: null, focus: null, allMet: false };

  const byStrength = [...effective].sort((a, b) => b.score - a.score || b.criterion.weight - a.criterion.weight || a.index - b.index);
  const strongest = byStrength[0] as Effective;
  const targeted = new Set(targetedCriteria);
  // Never a focus at or above the threshold (the readiness rules' tolerance): with nothing below, say so.
  const below = effective.filter((entry) => entry.score < options.threshold(entry.criterion.key) - 1e-9);
  const candidates = (below.length === 1 && below[0] === strongest ? below : below.filter((entry) => entry !== strongest)).sort(
    (a, b) =>
      a.score - b.score ||
      Number(targeted.has(b.criterion.key)) - Number(targeted.has(a.criterion.key)) ||
      b.criterion.weight - a.criterion.weight ||
      a.index - b.index,
  );
  const focus = candidates[0] ?? null;
  const quote = focus ? (focus.evidence.find((item) => item.role === 'agent') ?? focus.evidence[0] ?? null) : null;
  return {
    ...figures,
    allMet: below.length === 0,
    strongest: { key: strongest.criterion.key, name: strongest.criterion.name, score: strongest.score },
    focus: focus
      ? {
          key: focus.criterion.key,
          name: focus.criterion.name,
          score: focus.score,
          exemplary: focus.criterion.exemplary,
          quote,
          rationale: focus.rationale,
        }
      : null,
  };
};
