import type { AgentReadiness, Recommendation } from '../readiness/index.ts';

// Which manager DMs are due: pure, from the team reports and what the outbox already settled. The use
// case loads the reports and the settled keys, calls this, then claims, sends and records (deliver).

/** The recommendations that go to managers one agent at a time (team-wide gaps go to the digest). */
export type ManagerRecommendation = Exclude<Recommendation, { rule: 'team_wide_low' }>;

/** The rules that reach a manager's DM: readiness (with its Approve button) and every coaching rule. */
export const MANAGER_RULES: ReadonlySet<ManagerRecommendation['rule']> = new Set([
  'readiness_reached',
  'unchanged_from_baseline',
  'improved_then_dropped',
  'call_type_variance',
  'roleplay_live_gap',
  'below_threshold',
]);

/** The outbox key of one recommendation for one manager. */
export const managerNotificationKey = (recommendation: Pick<Recommendation, 'dedupeKey'>, managerId: string): string =>
  `${recommendation.dedupeKey}:${managerId}`;

export interface PlanTeam {
  managers: readonly { slackUserId: string | null; name: string | null }[];
  agents: readonly Pick<AgentReadiness, 'agent' | 'recommendations'>[];
}

/** One DM: everything due about one agent for one manager, readiness first. */
export interface ManagerBundle {
  recipient: string;
  recipientName: string;
  agentId: string;
  recommendations: ManagerRecommendation[];
  /** The outbox key of each recommendation, in the same order. */
  keys: string[];
}

export interface ManagerPlan {
  bundles: ManagerBundle[];
  /** Keys already sent, being sent, or failed for good: not planned again. */
  alreadySettled: number;
  skipped: { managersWithoutSlackId: number; withoutManager: number; teamWide: number; deferredToNextRun: number };
}

const isManagerRecommendation = (recommendation: Recommendation): recommendation is ManagerRecommendation =>
  recommendation.scope === 'agent' && MANAGER_RULES.has(recommendation.rule as ManagerRecommendation['rule']);

/** Every key the plan may want, so the use case can ask the outbox about them all at once. */
export const candidateManagerKeys = (teams: readonly PlanTeam[]): string[] =>
  teams.flatMap((team) =>
    team.agents.flatMap((agent) =>
      agent.recommendations
        .filter(isManagerRecommendation)
        .flatMap((recommendation) =>
          team.managers.flatMap((manager) => (manager.slackUserId ? [managerNotificationKey(recommendation, manager.slackUserId)] : [])),
        ),
    ),
  );

/**
 * The manager DMs due now. A coaching recommendation flagged team-wide is not sent (the team decision
 * made it a curriculum gap: the digest tells it); readiness always is. One bundle per manager and agent,
 * readiness first, at most `maxPerMessage` recommendations (the rest waits for the next run).
 */
export const planManagerNotifications = (input: {
  teams: readonly PlanTeam[];
  settled: ReadonlySet<string>;
  maxPerMessage: number;
}): ManagerPlan => {
  const plan: ManagerPlan = {
    bundles: [],
    alreadySettled: 0,
    skipped: { managersWithoutSlackId: 0, withoutManager: 0, teamWide: 0, deferredToNextRun: 0 },
  };
  for (const team of input.teams) {
    for (const agent of team.agents) {
      const toSend: ManagerRecommendation[] = [];
      for (const recommendation of agent.recommendations.filter(isManagerRecommendation)) {
        if (recommendation.rule !== 'readiness_reached' && recommendation.teamWide) plan.skipped.teamWide += 1;
        else toSend.push(recommendation);
      }
      if (toSend.length === 0) continue;
      if (team.managers.length === 0) {
        plan.skipped.withoutManager += toSend.length;
        continue;
      }
      const managers = team.managers.filter(
        (manager): manager is { slackUserId: string; name: string | null } => manager.slackUserId !== null,
      );
      plan.skipped.managersWithoutSlackId += team.managers.length - managers.length;
      plan.alreadySettled += toSend
        .flatMap((rec) => managers.map((manager) => managerNotificationKey(rec, manager.slackUserId)))
        .filter((key) => input.settled.has(key)).length;
      // Readiness first: it is the one with a decision to make (and the last to be left for the next run).
      const ordered = [...toSend].sort((a, b) => Number(b.rule === 'readiness_reached') - Number(a.rule === 'readiness_reached'));
      for (const manager of managers) {
        const due = ordered.filter((rec) => !input.settled.has(managerNotificationKey(rec, manager.slackUserId)));
        if (due.length === 0) continue;
        const bundled = due.slice(0, input.maxPerMessage);
        plan.skipped.deferredToNextRun += due.length - bundled.length;
        plan.bundles.push({
          recipient: manager.slackUserId,
          recipientName: manager.name ?? manager.slackUserId,
          agentId: agent.agent.id,
          recommendations: bundled,
          keys: bundled.map((rec) => managerNotificationKey(rec, manager.slackUserId)),
        });
      }
    }
  }
  return plan;
};
