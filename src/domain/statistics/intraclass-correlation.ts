import { callsForMargin } from './mean-interval.ts';

// How consistent one call is as a measure of an agent: the share of the variance of per-call scores
// that lies between agents (one-way random-effects intraclass correlation, ICC(1); Shrout & Fleiss 1979,
// McGraw & Wong 1996), and how many calls an agent's mean needs for a ±5-point 95% margin. ADR 0031.

export interface ConsistencyOptions {
  /** Agents with at least `minCallsPerAgent` calls needed before anything is said; default 3. */
  minAgents?: number;
  /** Calls an agent needs to count; default 5. */
  minCallsPerAgent?: number;
  /** The margin "calls for" is computed for, in points; default 5. */
  margin?: number;
}

export type ScoreConsistency =
  | {
      enough: true;
      /** Share of the score variance between agents, 0..1 (a negative ANOVA estimate is reported as 0). */
      icc: number;
      /** The ANOVA estimate was below 0: agents' means differ no more than chance. */
      iccClipped: boolean;
      agents: number;
      calls: number;
      /** Standard deviation of one agent's calls around their own mean (√MSW), in points. */
      withinAgentSd: number;
      /** Standard deviation of the agents' true means (√ of the between-agent variance component), in points. */
      betweenAgentSd: number;
      margin: number;
      /** Calls per agent whose mean has a 95% margin of at most `margin` points; null beyond 10,000. */
      callsForMargin: number | null;
    }
  | {
      enough: false;
      /** Agents that have enough calls, and how many are needed. */
      agents: number;
      minAgents: number;
      minCallsPerAgent: number;
      margin: number;
    };

/**
 * ICC(1) from the one-way ANOVA of per-call scores grouped by agent (unequal group sizes allowed):
 *   MSB = Σ nᵢ(ȳᵢ − ȳ)² / (k − 1),  MSW = Σ Σ (y − ȳᵢ)² / (N − k),  n₀ = (N − Σ nᵢ² / N) / (k − 1),
 *   ICC(1) = (MSB − MSW) / (MSB + (n₀ − 1)·MSW).
 * Agents with fewer than `minCallsPerAgent` calls are left out; fewer than `minAgents` agents left says so.
 */
export const scoreConsistency = (groups: readonly (readonly number[])[], options: ConsistencyOptions = {}): ScoreConsistency => {
  const minAgents = options.minAgents ?? 3;
  const minCallsPerAgent = options.minCallsPerAgent ?? 5;
  const margin = options.margin ?? 5;
  const used = groups.filter((group) => group.length >= minCallsPerAgent);
  if (used.length < Math.max(2, minAgents)) return { enough: false, agents: used.length, minAgents, minCallsPerAgent, margin };
  const k = used.length;
  let total = 0;
  let n = 0;
  let sumOfSquaredSizes = 0;
  const means = used.map((group) => {
    let sum = 0;
    for (const value of group) sum += value;
    total += sum;
    n += group.length;
    sumOfSquaredSizes += group.length ** 2;
    return sum / group.length;
  });
  const grand = total / n;
  let between = 0;
  let within = 0;
  used.forEach((group, index) => {
    const mean = means[index] as number;
    between += group.length * (mean - grand) ** 2;
    for (const value of group) within += (value - mean) ** 2;
  });
  const msb = between / (k - 1);
  const msw = within / (n - k);
  const n0 = (n - sumOfSquaredSizes / n) / (k - 1);
  const denominator = msb + (n0 - 1) * msw;
  // Every call of every agent the same score: no variance to share out; agents' means differ by nothing.
  const raw = denominator === 0 ? 0 : (msb - msw) / denominator;
  const betweenVariance = Math.max(0, (msb - msw) / n0);
  return {
    enough: true,
    icc: Math.max(0, raw),
    iccClipped: raw < 0,
    agents: k,
    calls: n,
    withinAgentSd: Math.sqrt(msw),
    betweenAgentSd: Math.sqrt(betweenVariance),
    margin,
    callsForMargin: callsForMargin(Math.sqrt(msw), margin),
  };
};
