import type { Criterion } from '../types.ts';
import { atLeast, mean } from './averages.ts';
import { thresholdFor } from './applicable-criteria.ts';
import { buildDedupeKey } from './build-dedupe-key.ts';
import { messages } from './messages.ts';
import type { AgentRef, ReadinessThresholds, RecommendationOf, TeamFinding, TeamFindings, TeamFindingsCurrent } from './types.ts';

export interface TeamFindingsOptions {
  /** Part of the dedupe key, so two teams' findings never share one. Default 'team'. */
  teamKey?: string;
}

/**
 * `team_wide_low`, per criterion: each agent's latest post-training figure (their `current`: the latest
 * batch of each call type, pooled) is compared with the criterion's threshold. Team-wide means enough of
 * the team: it fires only when at least `rules.teamMinAgents` agents have post-training batches and more
 * than `rules.teamShareBelow` of them are below. A low team mean alone (one weak agent in a small team)
 * is not a curriculum gap: each agent below is coached individually. This is the one team decision the
 * readiness reports, the DMs and both digest copies are built from.
 */
export const findTeamFindings = (
  agents: readonly { agent: Pick<AgentRef, 'id'>; current: TeamFindingsCurrent | null }[],
  criteria: readonly Pick<Criterion, 'key' | 'name'>[],
  thresholds: ReadinessThresholds,
  options: TeamFindingsOptions = {},
): TeamFindings => {
  const teamKey = options.teamKey ?? 'team';
  const minAgents = thresholds.rules.teamMinAgents;
  const ordered = [...agents].sort((a, b) => (a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0));
  const stampMs = Math.max(-Infinity, ...ordered.flatMap((entry) => entry.current?.batches.map((batch) => batch.start.getTime()) ?? []));
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
    const fired = figures.length >= minAgents && byShare;
    findings.push({
      criterion: criterion.key,
      name: criterion.name,
      threshold,
      teamMean,
      agentsWithData: figures.length,
      agentsBelow: below.length,
      fired,
    });
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
        minAgents,
        agentIdsBelow: below.map((figure) => figure.agentId),
      },
      dedupeKey: buildDedupeKey('team_wide_low', { criterion: criterion.key, subject: teamKey }, stamp),
    });
  }
  return { criteria: findings, recommendations, teamWideCriteria: recommendations.map((entry) => entry.criterion ?? '') };
};
