import { criterionName } from './rules/rule-context.ts';
import { messages } from './messages.ts';
import type { Criterion } from '../types.ts';
import type { Recommendation, TeamFindings } from './types.ts';

/**
 * Agent-level recommendations about a criterion that is low team-wide are not individual coaching
 * issues. 'mark' keeps them, flagged `teamWide: true` with a note appended to the message (the dedupe
 * key is unchanged); 'drop' removes them. Recommendations without a criterion pass through.
 */
export const markTeamWide = <R extends Recommendation>(
  recommendations: readonly R[],
  findings: Pick<TeamFindings, 'teamWideCriteria'>,
  criteria: readonly Pick<Criterion, 'key' | 'name'>[],
  mode: 'mark' | 'drop' = 'mark',
): R[] => {
  const teamWide = new Set(findings.teamWideCriteria);
  return recommendations.flatMap((recommendation) => {
    if (recommendation.scope !== 'agent' || recommendation.criterion === undefined || !teamWide.has(recommendation.criterion)) {
      return [recommendation];
    }
    if (mode === 'drop') return [];
    return [
      {
        ...recommendation,
        teamWide: true,
        message: recommendation.message + messages.teamWideSuffix(criterionName(criteria, recommendation.criterion)),
      },
    ];
  });
};
