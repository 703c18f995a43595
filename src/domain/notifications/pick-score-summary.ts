import type { Criterion, Evidence } from '../types.ts';
import { weightedOverall } from '../weighted-overall.ts';

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
  overall: number | null;
  strongest: SummaryCriterion | null;
  focus: SummaryFocus | null;
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
 * report), then the strongest (highest; ties: heavier weight, then rubric order) and the focus
 * (lowest of the others; ties: a criterion the agent's training targeted, then heavier weight, then
 * rubric order).
 */
export const pickScoreSummary = (
  scores: readonly SummaryScore[],
  criteria: readonly Criterion[],
  targetedCriteria: readonly string[] = [],
): PickedSummary => {
  const effective: Effective[] = [];
  let humanReviewed = false;
  criteria.forEach((criterion, index) => {
    const usable = scores.filter((row) => row.criterionKey === criterion.key && row.applicable && row.score !== null);
    const ai = usable.find((row) => row.source === 'ai');
    const human = usable.find((row) => row.source === 'human');
    const chosen = human ?? ai;
    if (!chosen || chosen.score === null) return;
    if (human) humanReviewed = true;
    const evidence = chosen.evidence.length > 0 ? chosen.evidence : (ai?.evidence ?? []);
    effective.push({ criterion, index, score: chosen.score, evidence, rationale: chosen.rationale ?? ai?.rationale ?? null });
  });

  const overall = weightedOverall(Object.fromEntries(effective.map((entry) => [entry.criterion.key, entry.score])), criteria);
  if (effective.length === 0) return { overall, strongest: null, focus: null, humanReviewed };

  const byStrength = [...effective].sort((a, b) => b.score - a.score || b.criterion.weight - a.criterion.weight || a.index - b.index);
  const strongest = byStrength[0] as Effective;
  const targeted = new Set(targetedCriteria);
  const candidates = effective
    .filter((entry) => entry !== strongest)
    .sort(
      (a, b) =>
        a.score - b.score ||
        Number(targeted.has(b.criterion.key)) - Number(targeted.has(a.criterion.key)) ||
        b.criterion.weight - a.criterion.weight ||
        a.index - b.index,
    );
  const focus = candidates[0] ?? null;
  const quote = focus ? (focus.evidence.find((item) => item.role === 'agent') ?? focus.evidence[0] ?? null) : null;
  return {
    overall,
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
    humanReviewed,
  };
};
