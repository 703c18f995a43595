import { SlackAnswerError } from './slack-answer-error.ts';
import type { AgentRecord, DirectoryRepository, TeamRecord } from '../db/directory-repository.ts';
import type { ScorecardAudience } from './blocks/build-scorecard-blocks.ts';
import { slackMessages } from './slack-messages.ts';

// Who may see and approve what, from the config as applied to the database:
//   - an agent sees their own scorecard, never anyone else's;
//   - a manager (a Slack user id listed under a team's managers) sees, and approves, the agents of their teams;
//   - nobody approves their own readiness.
// A caller who manages no team learns nothing about whether another person is an agent.

/** The Slack user asking, as the directory knows them. */
export interface Viewer {
  userId: string;
  /** The agent with this Slack user id, if any. */
  agent: AgentRecord | null;
  /** The teams listing this Slack user id as a manager. */
  managedTeams: TeamRecord[];
}

export const loadViewer = async (directory: DirectoryRepository, userId: string): Promise<Viewer> => {
  const [agent, managedTeams] = await Promise.all([directory.findAgent(userId), directory.teamsManagedBy(userId)]);
  // findAgent also matches emails and keys: only a Slack id match makes this person the agent.
  return { userId, agent: agent && agent.slackUserId === userId ? agent : null, managedTeams };
};

const manages = (viewer: Viewer, agent: AgentRecord): boolean =>
  agent.teamKey !== null && viewer.managedTeams.some((team) => team.key === agent.teamKey);

export interface ScorecardAccess {
  agent: AgentRecord;
  audience: ScorecardAudience;
}

/** Whose scorecard the viewer gets for `agentRef` (null = their own), as whom; AppError with the answer otherwise. */
export const decideScorecardAccess = async (
  directory: DirectoryRepository,
  viewer: Viewer,
  agentRef: string | null,
): Promise<ScorecardAccess> => {
  const isManager = viewer.managedTeams.length > 0;
  if (agentRef === null || agentRef === viewer.userId) {
    if (viewer.agent) return { agent: viewer.agent, audience: 'agent' };
    if (isManager) {
      const teams = await Promise.all(
        viewer.managedTeams.map(async (team) => ({ team, agents: await directory.listAgents({ teamKey: team.key }) })),
      );
      throw new SlackAnswerError('agent_missing', slackMessages.managerNeedsAgent(teams));
    }
    throw new SlackAnswerError('viewer_unknown', slackMessages.notSetUp(viewer.userId));
  }

  const target = await directory.findAgent(agentRef);
  if (target && viewer.agent && target.id === viewer.agent.id) return { agent: target, audience: 'agent' };
  if (!isManager) {
    throw new SlackAnswerError('scorecard_forbidden', viewer.agent ? slackMessages.agentAskedForOther : slackMessages.notSetUp(viewer.userId));
  }
  if (!target) throw new SlackAnswerError('agent_unknown', slackMessages.unknownAgent(agentRef));
  if (!manages(viewer, target)) throw new SlackAnswerError('scorecard_forbidden', slackMessages.notYourTeam(target, viewer.managedTeams));
  return { agent: target, audience: 'manager' };
};

/** Throws unless the viewer manages the agent's team and is not the agent. */
export const assertCanApprove = (viewer: Viewer, agent: AgentRecord): void => {
  if (viewer.agent?.id === agent.id) throw new SlackAnswerError('approval_forbidden', slackMessages.noSelfApproval);
  if (!manages(viewer, agent)) throw new SlackAnswerError('approval_forbidden', slackMessages.approvalNotManager(agent, viewer.managedTeams));
};
