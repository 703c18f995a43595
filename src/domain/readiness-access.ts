import { AppError } from './app-error.ts';
import type { AgentRecord, TeamRecord } from './records.ts';

// Who may see and approve what, from the config as applied to the database (pure):
//   - an agent sees their own scorecard, never anyone else's;
//   - a manager (a Slack user id listed under a team's managers) sees, and approves, the agents of their teams;
//   - nobody approves their own readiness.
// A caller who manages no team learns nothing about whether another person is an agent.
// A refusal is an AppError with a code and the parameters each entry point words it from.

/** Managers get the recommendations and the Approve buttons; an agent gets their own scores only. */
export type ScorecardAudience = 'manager' | 'agent';

/** The Slack user asking, as the directory knows them. */
export interface Viewer {
  userId: string;
  /** The agent with this Slack user id, if any. */
  agent: AgentRecord | null;
  /** The teams listing this Slack user id as a manager. */
  managedTeams: TeamRecord[];
}

/** The viewer from what the directory found for their Slack id: findAgent also matches emails and keys, so only a Slack id match makes them the agent. */
export const viewerOf = (userId: string, found: AgentRecord | null, managedTeams: TeamRecord[]): Viewer => ({
  userId,
  agent: found && found.slackUserId === userId ? found : null,
  managedTeams,
});

const manages = (viewer: Viewer, agent: AgentRecord): boolean =>
  agent.teamKey !== null && viewer.managedTeams.some((team) => team.key === agent.teamKey);

export interface ScorecardAccess {
  agent: AgentRecord;
  audience: ScorecardAudience;
}

/** Why a scorecard is refused, with what its wording needs. */
export type ScorecardRefusal =
  | { code: 'agent_missing'; params: { managedTeams: TeamRecord[] } }
  | { code: 'viewer_unknown'; params: { userId: string } }
  | { code: 'scorecard_forbidden'; params: { reason: 'own_only'; userId: string } | { reason: 'not_set_up'; userId: string } | { reason: 'not_your_team'; agent: AgentRecord; managedTeams: TeamRecord[] } }
  | { code: 'agent_unknown'; params: { agentRef: string } };

/**
 * Whose scorecard the viewer gets for `agentRef` (null = their own) and as whom, or why not. `target` is
 * the agent `agentRef` names (null when none, or when `agentRef` is null or the viewer's own id).
 */
export const decideScorecardAccess = (viewer: Viewer, agentRef: string | null, target: AgentRecord | null): ScorecardAccess | { refused: ScorecardRefusal } => {
  const isManager = viewer.managedTeams.length > 0;
  if (agentRef === null || agentRef === viewer.userId) {
    if (viewer.agent) return { agent: viewer.agent, audience: 'agent' };
    if (isManager) return { refused: { code: 'agent_missing', params: { managedTeams: viewer.managedTeams } } };
    return { refused: { code: 'viewer_unknown', params: { userId: viewer.userId } } };
  }
  if (target && viewer.agent && target.id === viewer.agent.id) return { agent: target, audience: 'agent' };
  if (!isManager) {
    return { refused: { code: 'scorecard_forbidden', params: viewer.agent ? { reason: 'own_only', userId: viewer.userId } : { reason: 'not_set_up', userId: viewer.userId } } };
  }
  if (!target) return { refused: { code: 'agent_unknown', params: { agentRef } } };
  if (!manages(viewer, target)) return { refused: { code: 'scorecard_forbidden', params: { reason: 'not_your_team', agent: target, managedTeams: viewer.managedTeams } } };
  return { agent: target, audience: 'manager' };
};

/** Throws (an AppError with the refusal's code and parameters) unless the viewer manages the agent's team and is not the agent. */
export const assertCanApprove = (viewer: Viewer, agent: AgentRecord): void => {
  if (viewer.agent?.id === agent.id) {
    throw new AppError('approval_forbidden', 'Nobody can approve their own readiness.', { params: { reason: 'own_readiness' } });
  }
  if (!manages(viewer, agent)) {
    throw new AppError('approval_forbidden', `Only a manager of ${agent.displayName}'s team can approve their readiness.`, {
      params: { reason: 'not_manager', agent, managedTeams: viewer.managedTeams },
    });
  }
};

/** How an approver is stored from Slack: "Maya Chen (U0MAYA0001)" — readable in the CLI, and the Slack id kept. */
export const approverLabel = (slackUserId: string, name: string | null): string => (name ? `${name} (${slackUserId})` : slackUserId);
