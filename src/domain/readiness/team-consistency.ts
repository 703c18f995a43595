import { scoreConsistency, type ScoreConsistency } from '../statistics/index.ts';
import { splitVerified } from './build-agent-readiness.ts';
import type { ProgramInfo, ScoredCall } from './types.ts';

/**
 * How consistent a single call is as a measure of an agent, from the team's own scores (ADR 0031): the ICC(1)
 * of the overall scores of each agent's verified live calls since their training completed (all their live
 * calls when they have no program), grouped by agent, and the calls per agent a ±5-point margin takes.
 */
export const teamConsistency = (members: readonly { calls: readonly ScoredCall[]; program: ProgramInfo | null }[]): ScoreConsistency =>
  scoreConsistency(
    members.map(({ calls, program }) =>
      splitVerified(calls).verified.flatMap((call) =>
        call.kind === 'live' && call.overall !== null && (program === null || call.occurredAt.getTime() >= program.completesAt.getTime())
          ? [call.overall]
          : [],
      ),
    ),
  );

/** The consistency figure in words for the team report and the digest; never a bare number without its basis. */
export const describeConsistency = (consistency: ScoreConsistency): string => {
  if (!consistency.enough) {
    return (
      `Too little data to say how consistent a single call is: ${consistency.agents} agent${consistency.agents === 1 ? ' has' : 's have'} ` +
      `${consistency.minCallsPerAgent} or more live calls since training; ${consistency.minAgents} are needed.`
    );
  }
  const share = Math.round(consistency.icc * 100);
  const basis = `from ${consistency.calls} live calls of ${consistency.agents} agents since training`;
  const between = consistency.iccClipped
    ? `agents' averages differ no more than chance would make them (ICC 0, ${basis})`
    : `${share}% of the variation in call scores lies between agents, the rest within each agent's own calls (ICC ${consistency.icc.toFixed(2)}, ${basis})`;
  const calls =
    consistency.callsForMargin === null
      ? `one agent's calls vary too much for ±${consistency.margin} points at any practical number of calls`
      : `an agent's average needs about ${consistency.callsForMargin} calls to be within ±${consistency.margin} points (95%)`;
  return `One call is a rough measure: ${between}; ${calls}.`;
};
