/**
 * ADR 0053: a team report asks the scorer's trust once per agent with the same team pairs, so the
 * calibration behind it is remembered by the pairs' content. An answer must never be one remembered for
 * other pairs: the same list changed in place, or another list, gets its own.
 */
import { describe, expect, it } from 'vitest';

import { assessScorerTrust, type ScorerPair } from '../../../src/domain/readiness/index.ts';
import type { Level } from '../../../src/domain/types.ts';
import { CRITERIA, thresholds } from './factory.ts';

const pair = (callId: string, ai: Level, human: Level): ScorerPair => ({
  callId,
  criterionKey: 'empathy',
  scorer: 'embedded',
  model: null,
  reviewer: 'qa@example.com',
  ai: { level: ai, score: (ai - 1) * 25 },
  human: { level: human, score: (human - 1) * 25 },
});

describe('assessScorerTrust', () => {
  it('when asked again for the same pairs, a list changed in place or other pairs, then each answer is its own pairs’', () => {
    const limits = thresholds({ agreement: { minPairs: 2, minPairsForBand: 4 } });
    const scorers = [{ scorer: 'embedded', model: null, calls: 12 }];
    const agreeing = Array.from({ length: 12 }, (_, i) => pair(`c${i}`, ((i % 5) + 1) as Level, ((i % 5) + 1) as Level));
    const kappaOf = (pairs: ScorerPair[]) =>
      assessScorerTrust({ scorers, pairs, criteria: CRITERIA, thresholds: limits }).agreement.find((row) => row.criterion === 'empathy');
    const first = kappaOf(agreeing);
    expect(first?.kappa).toBe(1);
    expect(kappaOf([...agreeing.map((entry) => ({ ...entry }))])).toEqual(first);
    // The same list, changed in place: the reviewer now disagrees on half the calls.
    for (const [i, entry] of agreeing.entries()) if (i % 2 === 0) agreeing[i] = { ...entry, human: { level: 1, score: 0 } };
    const changed = kappaOf(agreeing);
    expect(changed?.kappa).toBeLessThan(1);
    expect(changed?.calls).toBe(12);
    // Other pairs (fewer) and the first ones again.
    expect(kappaOf(agreeing.slice(0, 3))?.calls).toBe(3);
    expect(kappaOf(agreeing.slice(0, 3))?.kappa).not.toBe(changed?.kappa);
  });
});
