import type { AgentReadiness, EarlyWarning } from '../readiness/index.ts';
import type { PlannedDirectMessage, PlanAgent } from './plan-direct-messages.ts';

// Early warnings as DMs (ADR 0032): each very low live call of an agent who is still new goes to each of the
// agent's managers, once per call (the outbox key is the call's and the manager's, so a restart, a second
// instance or a later run never sends it again), never to a channel. Pure: the use case loads the reports
// and what the outbox already settled, this decides.

/** The outbox key of one call's early warning to one manager. */
export const earlyWarningNotificationKey = (warning: Pick<EarlyWarning, 'dedupeKey'>, managerId: string): string =>
  `${warning.dedupeKey}:${managerId}`;

export interface EarlyWarningTeam {
  managers: readonly { slackUserId: string | null; name: string | null }[];
  agents: readonly (Pick<AgentReadiness, 'earlyWarnings' | 'newHire' | 'callTypes'> & { agent: PlanAgent })[];
}

/** Every key the plan may want, so the use case can ask the outbox about them all at once. */
export const candidateEarlyWarningKeys = (teams: readonly EarlyWarningTeam[]): string[] =>
  teams.flatMap((team) =>
    team.agents.flatMap((agent) =>
      agent.earlyWarnings.flatMap((warning) =>
        team.managers.flatMap((manager) => (manager.slackUserId ? [earlyWarningNotificationKey(warning, manager.slackUserId)] : [])),
      ),
    ),
  );

export interface EarlyWarningPlan {
  /** One DM per manager and call not yet settled. */
  messages: PlannedDirectMessage[];
  alreadySettled: number;
  skipped: { managersWithoutSlackId: number; withoutManager: number };
}

export const planEarlyWarnings = (input: {
  teams: readonly EarlyWarningTeam[];
  settled: ReadonlySet<string>;
  callTypeNames: Readonly<Record<string, string>>;
  requiredBatches: number;
}): EarlyWarningPlan => {
  const plan: EarlyWarningPlan = { messages: [], alreadySettled: 0, skipped: { managersWithoutSlackId: 0, withoutManager: 0 } };
  for (const team of input.teams) {
    const managers = team.managers.filter(
      (manager): manager is { slackUserId: string; name: string | null } => manager.slackUserId !== null,
    );
    for (const agent of team.agents) {
      if (agent.earlyWarnings.length === 0) continue;
      if (team.managers.length === 0) {
        plan.skipped.withoutManager += agent.earlyWarnings.length;
        continue;
      }
      plan.skipped.managersWithoutSlackId += (team.managers.length - managers.length) * agent.earlyWarnings.length;
      const batches = Math.max(0, ...agent.callTypes.map((entry) => entry.batches.length));
      for (const warning of agent.earlyWarnings) {
        for (const manager of managers) {
          const key = earlyWarningNotificationKey(warning, manager.slackUserId);
          if (input.settled.has(key)) {
            plan.alreadySettled += 1;
            continue;
          }
          const call = warning.externalId ?? warning.callId;
          plan.messages.push({
            recipient: manager.slackUserId,
            recipientName: manager.name ?? manager.slackUserId,
            agentKey: agent.agent.key,
            parts: [{ kind: 'early_warning', key, payload: { agent: agent.agent.key, call, overall: warning.overall } }],
            build: () => ({
              kind: 'early_warning',
              warning: {
                agent: { key: agent.agent.key, displayName: agent.agent.displayName, slackUserId: agent.agent.slackUserId },
                warning,
                callTypeName: input.callTypeNames[warning.callType] ?? warning.callType,
                newHire: agent.newHire,
                batches: { have: batches, required: input.requiredBatches },
              },
            }),
          });
        }
      }
    }
  }
  return plan;
};
