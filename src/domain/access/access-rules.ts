import type { AgentRecord, TeamRecord } from '../records.ts';
import type { Manager } from './match-people.ts';

// Who may do what, one rule per action (pure). A person acts on an agent (their scorecard, their
// readiness) or on a call (whose agent decides). The rules:
//   - see a scorecard, see why a call scored: the agent themself, or a manager of the agent's team;
//   - approve readiness, exclude a call, resolve a dispute: a manager of the agent's team, never the agent;
//   - dispute a score: only the call's agent;
//   - post an agent's call transcript in an ingestion channel: a manager of the agent's team.
// What a caller may act on is decided from who they are, before anything about the target is read:
// `scopeOf` gives the agents they may reach (themself, the teams they manage) or a refusal that reads the
// same for any target. A target outside the scope is then answered like one that does not exist.

export type AccessAction = 'see_scorecard' | 'approve' | 'exclude' | 'see_why' | 'dispute' | 'resolve_dispute' | 'post_call';

/** As whom a person sees an agent's scorecard: their own (no coaching, no Approve) or as a manager of the agent's team. */
export type ScorecardAudience = 'manager' | 'agent';

/** Whether the agent themself may do it, and whether a manager of their team may. */
export const ACCESS_RULES: Readonly<Record<AccessAction, { self: boolean; manager: boolean }>> = {
  see_scorecard: { self: true, manager: true },
  see_why: { self: true, manager: true },
  dispute: { self: true, manager: false },
  approve: { self: false, manager: true },
  exclude: { self: false, manager: true },
  resolve_dispute: { self: false, manager: true },
  post_call: { self: false, manager: true },
};

/** Who is asking, as the config (applied to the database) knows them. */
export interface Person {
  /** What they were identified by: their Slack member id, or the `--by` of a CLI command as typed. */
  ref: string;
  /** The agent this person is, if any. */
  agent: AgentRecord | null;
  /** Their entry as a manager (name, Slack id, email), when they manage a team. */
  manager: Manager | null;
  /** The teams listing them as a manager (empty when they manage none). */
  managedTeams: TeamRecord[];
}

/**
 * Why a caller may not act. Each reads the same whatever the target: it depends only on who asks.
 *  - `unknown_person`: neither an agent nor a manager in the config;
 *  - `not_a_manager`: the action is a manager's, and they manage no team;
 *  - `self`: the action is on themself and the agent may not do it (approve their own readiness);
 *  - `others`: the action is the agent's own only, and the target is someone else's (or they are no agent).
 */
export type AccessRefusalReason = 'unknown_person' | 'not_a_manager' | 'self' | 'others';

export interface AccessRefusal {
  action: AccessAction;
  reason: AccessRefusalReason;
  /** Who asked, as they named themselves (their own input, safe to echo). */
  actor: string;
  /** Their own configured name, if the config has one (about themself, safe to show them). */
  actorName: string | null;
}

/** The agents a caller may reach for an action: possibly themself, and the agents of these teams. */
export interface AccessScope {
  self: AgentRecord | null;
  teams: TeamRecord[];
  /** The caller's own agent id when the action is never theirs to take on themself (a manager who is also an agent). */
  never: string | null;
}

const isKnown = (person: Person): boolean => person.agent !== null || person.managedTeams.length > 0;

/** What the caller may reach for `action`, or the refusal: from who they are only, never from a target. */
export const scopeOf = (person: Person, action: AccessAction): AccessScope | { refused: AccessRefusal } => {
  const rule = ACCESS_RULES[action];
  const refuse = (reason: AccessRefusalReason) => ({ refused: refusalFor(person, action, reason) });
  if (!isKnown(person)) return refuse('unknown_person');
  const self = rule.self ? person.agent : null;
  const teams = rule.manager ? person.managedTeams : [];
  if (self === null && teams.length === 0) return refuse(rule.manager ? 'not_a_manager' : 'others');
  return { self, teams, never: rule.self ? null : (person.agent?.id ?? null) };
};

/** The refusal of `action` to `person`, for `reason`. */
export const refusalFor = (person: Person, action: AccessAction, reason: AccessRefusalReason): AccessRefusal => ({
  action,
  reason,
  actor: person.ref,
  actorName: person.agent?.displayName ?? person.manager?.name ?? null,
});

/**
 * Whether an agent (already read, in the caller's scope or not) is in the scope, and as whom the caller
 * sees them: their own (`agent`) or as a manager of their team (`manager`). Null when out of scope.
 */
export const accessTo = (scope: AccessScope, agent: Pick<AgentRecord, 'id' | 'teamKey'>): 'agent' | 'manager' | null => {
  if (scope.never === agent.id) return null;
  if (scope.self?.id === agent.id) return 'agent';
  if (agent.teamKey !== null && scope.teams.some((team) => team.key === agent.teamKey)) return 'manager';
  return null;
};

/** Whether the caller may act on this agent (see accessTo), with self-actions refused by the rule. */
export const mayAct = (person: Person, action: AccessAction, agent: Pick<AgentRecord, 'id' | 'teamKey'>): boolean => {
  const scope = scopeOf(person, action);
  return !('refused' in scope) && accessTo(scope, agent) !== null;
};
