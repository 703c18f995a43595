import type { AgentRecord, DirectoryRepository, TeamRecord } from '../../db/directory-repository.ts';
import { AppError } from '../../domain/app-error.ts';

// Who may act on a call's scores, in the shape of ADR 0021 (one rule per action, decided from who the
// caller is before anything about the call is read): see why a call scored (its agent, or a manager of
// the agent's team), dispute a score (its agent only), resolve a dispute (a manager of the team, never
// the agent). A call outside the caller's scope is answered like one they cannot see, naming no one.

export type CallAction = 'see_why' | 'dispute' | 'resolve_dispute';

const RULES: Readonly<Record<CallAction, { self: boolean; manager: boolean }>> = {
  see_why: { self: true, manager: true },
  dispute: { self: true, manager: false },
  resolve_dispute: { self: false, manager: true },
};

/** The person asking: who they are by Slack id (or, from the CLI, the manager named by --by). */
export interface Actor {
  ref: string;
  agent: AgentRecord | null;
  managedTeams: TeamRecord[];
}

export interface CallScope {
  action: CallAction;
  self: AgentRecord | null;
  teams: TeamRecord[];
  /** The caller's own agent id when the action is never theirs on themself. */
  never: string | null;
}

/** The person behind a Slack id: the agent with it, and the teams listing it as a manager. */
export const loadActor = async (directory: DirectoryRepository, slackUserId: string): Promise<Actor> => {
  const [found, managedTeams] = await Promise.all([directory.agentBySlackId(slackUserId), directory.teamsManagedBy(slackUserId)]);
  return { ref: slackUserId, agent: found && found.slackUserId === slackUserId ? found : null, managedTeams };
};

/** What the actor may reach for `action`, or the refusal (the same for any call). */
export const scopeFor = (actor: Actor, action: CallAction): CallScope => {
  const rule = RULES[action];
  if (actor.agent === null && actor.managedTeams.length === 0) {
    throw new AppError('access_unknown_person', 'You are not set up in floorready: ask a manager to add your Slack id to the config.');
  }
  const self = rule.self ? actor.agent : null;
  const teams = rule.manager ? actor.managedTeams : [];
  if (self === null && teams.length === 0) {
    throw new AppError(
      'access_not_allowed',
      action === 'dispute'
        ? 'Only the agent whose call it is can dispute its scores.'
        : 'Only a manager of the agent’s team can resolve a dispute.',
    );
  }
  return { action, self, teams, never: rule.self ? null : (actor.agent?.id ?? null) };
};

/** Whether a call of this agent is within the scope. */
export const inScope = (scope: CallScope, agent: Pick<AgentRecord, 'id' | 'teamKey'>): boolean => {
  if (scope.never === agent.id) return false;
  if (scope.self?.id === agent.id) return true;
  return agent.teamKey !== null && scope.teams.some((team) => team.key === agent.teamKey);
};

/** The refusal for a call that does not exist, or is outside the scope: names no agent, shows no figure. */
export const callUnavailable = (scope: CallScope, exists: boolean): AppError =>
  exists
    ? new AppError(
        'call_not_yours',
        scope.action === 'dispute'
          ? 'You can dispute only the scores of your own calls.'
          : scope.action === 'resolve_dispute'
            ? 'This dispute is about a call outside the teams you manage.'
            : 'You can see why only for your own calls or those of the teams you manage.',
      )
    : new AppError('call_gone', 'This call no longer exists in floorready (it may have been forgotten or re-imported).');
