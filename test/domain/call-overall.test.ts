import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { callOverall, describeOverallSource, effectiveOverall, type OverallScore } from '../../src/domain/call-overall.ts';
import { pickScoreSummary } from '../../src/domain/notifications/pick-score-summary.ts';
import type { Criterion } from '../../src/domain/types.ts';

const criterion = (key: string, weight: number): Criterion => ({
  key,
  name: key,
  weight,
  description: '',
  exemplary: `exemplary ${key}`,
  deficient: '',
});
const CRITERIA = [criterion('a', 60), criterion('b', 40)];
const row = (criterionKey: string, source: 'ai' | 'human', score: number | null, applicable = true): OverallScore => ({
  criterionKey,
  source,
  score,
  applicable,
});
const summaryRow = (criterionKey: string, source: 'ai' | 'human', score: number) => ({
  ...row(criterionKey, source, score),
  rationale: null,
  evidence: [],
});

describe('callOverall', () => {
  it('when a reviewer scored one criterion, then the effective overall uses it and the AI’s own is kept beside it', () => {
    const overall = callOverall([row('a', 'ai', 50), row('b', 'ai', 100), row('a', 'human', 100)], CRITERIA);
    expect(overall).toEqual({ effective: 100, ai: 70, humanReviewed: true, differs: true });
    expect(describeOverallSource(overall, String)).toBe("with a reviewer's scores in place of the AI's; AI alone 70");
  });

  it('when a criterion is not applicable or has no score, then it leaves the weighted mean', () => {
    expect(callOverall([row('a', 'ai', 50), row('b', 'ai', 100, false)], CRITERIA).effective).toBe(50);
    expect(callOverall([row('a', 'ai', null), row('b', 'ai', 25)], CRITERIA).effective).toBe(25);
    expect(callOverall([], CRITERIA)).toEqual({ effective: null, ai: null, humanReviewed: false, differs: false });
  });

  it('when the call is held for review, then the AI’s scores count for nothing and only a reviewer’s make the overall', () => {
    const held = { heldForReview: true };
    expect(callOverall([row('a', 'ai', 100), row('b', 'ai', 100)], CRITERIA, held)).toEqual({
      effective: null,
      ai: null,
      humanReviewed: false,
      differs: false,
    });
    expect(describeOverallSource({ effective: null, ai: null, humanReviewed: false, differs: false }, String, held)).toBe(
      'none yet: held for human review',
    );
    expect(callOverall([row('a', 'ai', 100), row('b', 'human', 25)], CRITERIA, held).effective).toBe(25);
  });
});

describe('effectiveOverall', () => {
  it('when the scores come as one effective score per criterion (ADR 0053), then it is the effective overall callOverall gives', () => {
    const five = [criterion('a', 30), criterion('b', 25), criterion('c', 20), criterion('d', 15), criterion('e', 10)];
    const score = fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score), { minLength: 5, maxLength: 5 }), fc.boolean(), (pairs, heldForReview) => {
        // What a report reads: the AI's score of each criterion, a reviewer's in its place where there is one.
        const rows: OverallScore[] = [];
        const effective: Record<string, number> = {};
        const humanKeys: string[] = [];
        pairs.forEach(([ai, human], index) => {
          const key = (five[index] as Criterion).key;
          if (ai !== undefined) rows.push(row(key, 'ai', ai));
          if (human !== undefined) rows.push(row(key, 'human', human));
          if (human !== undefined) humanKeys.push(key);
          const value = human ?? ai;
          if (value !== undefined) effective[key] = value;
        });
        expect(effectiveOverall(effective, humanKeys, five, { heldForReview })).toBe(callOverall(rows, five, { heldForReview }).effective);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pickScoreSummary', () => {
  const threshold = () => 75;

  it('when every criterion is at or above its threshold, then there is no focus and the summary says all are met', () => {
    const picked = pickScoreSummary([summaryRow('a', 'ai', 100), summaryRow('b', 'ai', 75)], CRITERIA, [], { threshold });
    expect(picked.focus).toBeNull();
    expect(picked.allMet).toBe(true);
    expect(picked.overall).toBe(90);
  });

  it('when one criterion is below its threshold, then it is the focus, and its overall is the one callOverall gives', () => {
    const scores = [summaryRow('a', 'ai', 100), summaryRow('b', 'ai', 50), summaryRow('b', 'human', 25)];
    const picked = pickScoreSummary(scores, CRITERIA, [], { threshold });
    expect(picked.focus?.key).toBe('b');
    expect(picked.focus?.score).toBe(25);
    expect(picked.allMet).toBe(false);
    const overall = callOverall(scores, CRITERIA);
    expect([picked.overall, picked.aiOverall, picked.differs]).toEqual([overall.effective, overall.ai, overall.differs]);
  });

  it('when a criterion has its own higher threshold, then a score between the two thresholds is still a focus', () => {
    const picked = pickScoreSummary([summaryRow('a', 'ai', 100), summaryRow('b', 'ai', 75)], CRITERIA, [], {
      threshold: (key) => (key === 'b' ? 80 : 75),
    });
    expect(picked.focus?.key).toBe('b');
  });
});
