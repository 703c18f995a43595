import type { Criterion } from '../types.ts';
import { atLeast, mean } from './averages.ts';
import { thresholdFor } from './applicable-criteria.ts';
import { buildDedupeKey } from './build-dedupe-key.ts';
import { messages } from './messages.ts';
import type { AgentReadiness, ReadinessThresholds, RecommendationOf, TeamFinding, TeamFindings } from './types.ts';

export interface TeamFindingsOptions {
  /** Part of the dedupe key, so two teams' findings never share one. Default 'team'. */
  teamKey?: string;
  /** Fewer agents with data than this is no team-wide finding (one agent is not a team). Default 2. */
  minAgentsWithData?: number;
}

/**
 * `team_wide_low`, per criterion: each agent's latest post-training figure (their `current`: the latest
 * batch of each call type, pooled) is compared with the criterion's threshold. It fires when the team
 * mean of those figures is below the threshold, or when the share of agents with data below it is
 * above `rules.teamShareBelow`.
 */
export const findTeamFindings = (
  agents: readonly Pick<AgentReadiness, 'agent' | 'current'>[],
  criteria: readonly Pick<Criterion, 'key' | 'name'>[],
  thresholds: ReadinessThresholds,
  options: TeamFindingsOptions = {},
): TeamFindings => {
  const teamKey = options.teamKey ?? 'team';
  const minAgents = options.minAgentsWithData ?? 2;
  const ordered = [...agents].sort((a, b) => (a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0));
  const stampMs = Math.max(
    -Infinity,
    ...ordered.flatMap((entry) => entry.current?.batches.map((batch) => batch.start.getTime()) ?? []),
  );
  const stamp = Number.isFinite(stampMs) ? new Date(stampMs).toISOString() : 'none';
  const findings: TeamFinding[] = [];
  const recommendations: RecommendationOf<'team_wide_low'>[] = [];
  for (const criterion of criteria) {
    const threshold = thresholdFor(thresholds, criterion.key);
    const figures = ordered.flatMap((entry) => {
      const value = entry.current?.criteria[criterion.key];
      return value === null || value === undefined ? [] : [{ agentId: entry.agent.id, value }];
    });
    const teamMean = mean(figures.map((figure) => figure.value));
    const below = figures.filter((figure) => !atLeast(figure.value, threshold));
    const shareBelow = figures.length === 0 ? 0 : below.length / figures.length;
    const byMean = teamMean !== null && !atLeast(teamMean, threshold);
    const byShare = shareBelow > thresholds.rules.teamShareBelow;
    const fired = figures.length >= minAgents && (byMean || byShare);
    findings.push({ criterion: criterion.key, name: criterion.name, threshold, teamMean, agentsWithData: figures.length, agentsBelow: below.length, fired });
    if (!fired || teamMean === null) continue;
    recommendations.push({
      rule: 'team_wide_low',
      scope: 'team',
      criterion: criterion.key,
      message: messages.teamWideLow({ criterion: criterion.name, teamMean, threshold, below: below.length, withData: figures.length }),
      evidence: {
        threshold,
        teamMean,
        agentsWithData: figures.length,
        agentsBelow: below.length,
        shareBelow,
        byMean,
        byShare,
        agentIdsBelow: below.map((figure) => figure.agentId),
      },
      dedupeKey: buildDedupeKey('team_wide_low', { criterion: criterion.key, subject: teamKey }, stamp),
    });
  }
  return { criteria: findings, recommendations, teamWideCriteria: recommendations.map((entry) => entry.criterion ?? '') };
};
