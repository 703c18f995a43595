import { describe, expect, it } from 'vitest';
import { scoreConsistency } from '../../../src/domain/statistics/index.ts';
import { createRng } from '../../../src/cli/demo/create-rng.ts';

/** A standard normal draw (Box–Muller) from the seeded generator. */
const normal = (next: () => number): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

describe('scoreConsistency (ICC(1))', () => {
  it('when 300 agents × 30 calls are drawn with between-agent SD 6 and within-agent SD 10, then the ICC recovers 36/136', () => {
    const rng = createRng(20_261_205);
    const groups = Array.from({ length: 300 }, () => {
      const agentMean = 70 + 6 * normal(rng.next);
      return Array.from({ length: 30 }, () => agentMean + 10 * normal(rng.next));
    });
    const result = scoreConsistency(groups);
    if (!result.enough) throw new Error('expected enough data');
    expect(Math.abs(result.icc - 36 / 136)).toBeLessThan(0.04);
    expect(Math.abs(result.withinAgentSd - 10)).toBeLessThan(0.3);
    expect(Math.abs(result.betweenAgentSd - 6)).toBeLessThan(0.7);
    // ±5 points from a within-agent SD of about 10: about 18 calls (t-based; ADR 0031)
    expect(result.callsForMargin).toBeGreaterThanOrEqual(16);
    expect(result.callsForMargin).toBeLessThanOrEqual(20);
  });

  it('when the data are built exactly (balanced, fixed within pattern), then the ICC is the ANOVA formula done by hand', () => {
    // within pattern: −4, 0, +4 (sample variance 16); agent offsets −6, 0, +6, +12 (sample variance 60)
    const offsets = [-6, 0, 6, 12];
    const groups = offsets.map((offset) => [-4, 0, 4].map((e) => 60 + offset + e));
    const n = 3;
    const msb = n * 60;
    const msw = 16;
    const expected = (msb - msw) / (msb + (n - 1) * msw);
    const result = scoreConsistency(groups, { minCallsPerAgent: 3 });
    if (!result.enough) throw new Error('expected enough data');
    expect(result.icc).toBeCloseTo(expected, 12);
    expect(result.withinAgentSd).toBeCloseTo(4, 12);
  });

  it('when agents differ by no more than chance, then the ICC is reported as 0, flagged clipped', () => {
    const groups = [
      [50, 90, 70, 70, 70],
      [70, 70, 50, 90, 70],
      [70, 50, 90, 70, 71],
    ];
    const result = scoreConsistency(groups);
    expect(result).toMatchObject({ enough: true, icc: 0, iccClipped: true });
  });

  it('when fewer than 3 agents have 5 calls, then it says there is too little data', () => {
    const result = scoreConsistency([
      [70, 71, 72, 73, 74],
      [60, 61, 62, 63, 64],
      [80, 81],
    ]);
    expect(result).toEqual({ enough: false, agents: 2, minAgents: 3, minCallsPerAgent: 5, margin: 5 });
  });
});
