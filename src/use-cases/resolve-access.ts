import { AppError, hasCode } from '../domain/app-error.ts';
import {
  ACCESS_RULES,
  accessTo,
  deciderLabel,
  agentIdentity,
  matchAgents,
  matchManager,
  namedById,
  namesAgent,
  readPersonRef,
  refusalFor,
  scopeOf,
  type AccessAction,
  type AccessRefusal,
  type AccessScope,
  type Person,
} from '../domain/access/index.ts';
import type { AgentRecord, TeamRecord } from '../domain/records.ts';

// The one place that says who a person is and what they may reach, for the CLI, Slack and HTTP alike
// (docs/decisions/0021-identity-and-access.md). Story: who asks (by Slack id, or by the `--by` they
// give) → what they may reach for this action, from who they are alone → only then the target, looked
// up among what they may reach. A caller who may not act learns nothing about the target: a refusal
// reads the same for any target, and a target out of reach is answered like one that does not exist.

/** What the resolver reads about people: declared here, provided by the directory repository. */
export interface PeopleDirectory {
  /** The agent with this Slack member id (only that field), or null. */
  agentBySlackId(slackUserId: string): Promise<AgentRecord | null>;
  /** The teams listing this Slack member id as a manager. */
  teamsManagedBy(slackUserId: string): Promise<TeamRecord[]>;
  listTeams(): Promise<TeamRecord[]>;
  listAgents(filter?: { teamKey?: string; activeOnly?: boolean }): Promise<AgentRecord[]>;
  agentsById(ids: readonly string[]): Promise<AgentRecord[]>;
  /** A superset of the agents a key, Slack member id or lower-case ASCII e-mail address names (one indexed read). */
  agentCandidates(wanted: { key: string; slackUserId?: string; email?: string }): Promise<AgentRecord[]>;
}

const refusalText: Record<AccessRefusal['reason'], string> = {
  unknown_person: 'is neither an agent nor a team manager in the floorready config',
  not_a_manager: "is not a team manager in the floorready config: only a manager of the agent's team may do this",
  self: 'cannot do this for themself: a manager of their team decides',
  others: 'may do this only for themself',
};

/** The refusal as an AppError (every entry point words `access_refused` from its catalogue). */
export const accessRefused = (refusal: AccessRefusal): AppError<'access_refused'> =>
  new AppError('access_refused', `"${refusal.actor}" ${refusalText[refusal.reason]}.`, { params: refusal });

/** Who a Slack member is: the agent with their Slack id, and the teams listing them as a manager. */
export const identifySlackUser = async (directory: PeopleDirectory, userId: string): Promise<Person> => {
  const [agent, managedTeams] = await Promise.all([directory.agentBySlackId(userId), directory.teamsManagedBy(userId)]);
  const manager = managedTeams.flatMap((team) => team.managers).find((entry) => entry.slackUserId === userId) ?? null;
  return { ref: userId, agent: agent?.slackUserId === userId ? agent : null, manager, managedTeams };
};

/**
 * Who the `--by` of a CLI command names (Slack id, mention, "Name (U…)" label, email or configured
 * name, any case): a manager of some teams, an agent, both or neither. `actor_missing` when blank,
 * `actor_ambiguous` when it names two different managers.
 */
export const identifyByRef = async (directory: PeopleDirectory, by: string): Promise<Person> => {
  const read = readPersonRef(by);
  if (read === null) throw new AppError('actor_missing', "Say who does this: a manager of the agent's team, by name, email or Slack id.");
  const [teams, agents] = await Promise.all([directory.listTeams(), directory.listAgents({ activeOnly: false })]);
  const managing = matchManager(teams, read);
  if (managing === null && teams.some((team) => matchManager([team], read) !== null)) {
    throw new AppError(
      'actor_ambiguous',
      `"${read.written}" names more than one manager in the config. Name yourself by Slack id or email.`,
      {
        params: { actorRef: read.written },
      },
    );
  }
  const named = matchAgents(agents, read);
  return {
    ref: read.written,
    agent: named.length === 1 ? (named[0] ?? null) : null,
    manager: managing?.manager ?? null,
    managedTeams: managing?.teams ?? [],
  };
};

/** How the person acting is recorded on a decision (approval, exclusion): one way from every entry point. */
export const recordedDecider = (person: Person): string => (person.manager ? deciderLabel(person.manager) : person.ref);

/** What the caller may reach for `action`; throws the refusal (the same for any target) when nothing. */
const requireScope = (person: Person, action: AccessAction): AccessScope => {
  const scope = scopeOf(person, action);
  if ('refused' in scope) throw accessRefused(scope.refused);
  return scope;
};

const teamNames = (scope: AccessScope): string[] => scope.teams.map((team) => team.name);

/** What the caller may reach for `action`, or null when nothing (see scopeOf). */
export const reachFor = (person: Person, action: AccessAction): AccessScope | null => {
  const scope = scopeOf(person, action);
  return 'refused' in scope ? null : scope;
};

/** The agents of the scope's teams (never the caller when the action is not theirs to take on themself). */
export const agentsInReach = async (directory: PeopleDirectory, scope: AccessScope): Promise<AgentRecord[]> =>
  (await Promise.all(scope.teams.map((team) => directory.listAgents({ teamKey: team.key, activeOnly: false }))))
    .flat()
    .filter((agent) => agent.id !== scope.never);

/** One agent out of the matches, or `agent_unknown` / `agent_ambiguous` saying only what the caller may see. */
const oneOf = (matches: readonly AgentRecord[], ref: string, scope: readonly string[] | null): AgentRecord => {
  const [first] = matches;
  if (first && matches.length === 1) return first;
  if (matches.length > 1) {
    throw new AppError(
      'agent_ambiguous',
      `"${ref}" names ${matches.length} agents: ${matches.map((agent) => `${agent.displayName} (${agent.email ?? agent.slackUserId ?? agent.key})`).join(', ')}. ` +
        'Name one by Slack user id, email or external id.',
      { params: { agentRef: ref, candidates: matches } },
    );
  }
  throw new AppError(
    'agent_unknown',
    scope === null
      ? `No agent "${ref}" is configured. Use the agent's Slack user id, email, external id or name as written in the config file, ` +
          'or add the agent to a team there and run `npx floorready config apply`.'
      : `No agent "${ref}" is configured in a team you manage (${scope.join(', ')}). Use the agent's Slack user id, email, external id or name ` +
          'as written in the config file, or ask your floorready admin to add the agent to your team and run `npx floorready config apply`.',
    { params: { agentRef: ref, scope } },
  );
};

/**
 * The agent `ref` names for `action` by `person`, and as whom the person acts: the agent themself or a
 * manager of their team. Refused (access_refused) before any agent is read when the person may reach
 * none; looked up only among the agents they may reach, so one out of reach reads as unknown.
 */
export const authoriseOnAgent = async (
  directory: PeopleDirectory,
  person: Person,
  action: AccessAction,
  ref: string,
): Promise<{ agent: AgentRecord; as: 'agent' | 'manager' }> => {
  if (person.agent && namesAgent(person.agent, ref)) {
    if (ACCESS_RULES[action].self) return { agent: person.agent, as: 'agent' };
    throw accessRefused(refusalFor(person, action, 'self'));
  }
  const scope = requireScope(person, action);
  if (scope.teams.length === 0) throw accessRefused(refusalFor(person, action, 'others'));
  const agent = oneOf(matchAgents(await agentsInReach(directory, scope), ref), ref, teamNames(scope));
  return { agent, as: 'manager' };
};

/** A target as the resolver needs it: whose it is (a call, or a dispute of one of the agent's calls). */
export interface CallOwner {
  agentId: string;
}

/**
 * The target `ref` names for `action` by `person` (found by `find`, which reads that target only), with
 * its agent and as whom the person acts. A target whose agent is out of the person's reach is answered
 * `unknown()`, the same code and words as a target that does not exist (or was forgotten); a caller who
 * may reach nobody is refused first, except that an agent naming their own call hears why they may not
 * (that is about themself).
 */
const authoriseOnTarget = async <T extends CallOwner>(
  directory: PeopleDirectory,
  person: Person,
  action: AccessAction,
  ref: string,
  find: (ref: string) => Promise<T | null>,
  unknown: (scope: AccessScope) => AppError,
): Promise<{ target: T; agent: AgentRecord; as: 'agent' | 'manager' }> => {
  const scope = scopeOf(person, action);
  if ('refused' in scope) {
    const own = person.agent ? await find(ref) : null;
    if (own && own.agentId === person.agent?.id && !ACCESS_RULES[action].self) throw accessRefused(refusalFor(person, action, 'self'));
    throw accessRefused(scope.refused);
  }
  const target = await find(ref);
  if (!target) throw unknown(scope);
  if (person.agent && target.agentId === person.agent.id) {
    if (!ACCESS_RULES[action].self) throw accessRefused(refusalFor(person, action, 'self'));
    return { target, agent: person.agent, as: 'agent' };
  }
  const [agent] = await directory.agentsById([target.agentId]);
  const as = agent ? accessTo(scope, agent) : null;
  if (!agent || as === null) throw unknown(scope);
  return { target, agent, as };
};

/**
 * The call `ref` names for `action` (`see_why`, `dispute`, `exclude` …) by `person`: `call_unknown` for a
 * call out of reach, exactly as for one that does not exist (see authoriseOnTarget).
 */
export const authoriseOnCall = async <C extends CallOwner>(
  directory: PeopleDirectory,
  person: Person,
  action: AccessAction,
  ref: string,
  find: (ref: string) => Promise<C | null>,
): Promise<{ call: C; agent: AgentRecord; as: 'agent' | 'manager' }> => {
  const unknown = (scope: AccessScope) =>
    new AppError(
      'call_unknown',
      `No call with id or external id "${ref}"${scope.teams.length > 0 ? ' among the calls you may see' : ''}. List calls and their ids with \`npx floorready calls\`.`,
      { params: { callRef: ref, scope: teamNames(scope) } },
    );
  const { target, agent, as } = await authoriseOnTarget(directory, person, action, ref, find, unknown);
  return { call: target, agent, as };
};

/**
 * The dispute `ref` names, for a manager resolving it: `dispute_unknown` for a dispute of an agent out of
 * their reach, exactly as for one that does not exist (see authoriseOnTarget).
 */
export const authoriseOnDispute = async <D extends CallOwner>(
  directory: PeopleDirectory,
  person: Person,
  ref: string,
  find: (ref: string) => Promise<D | null>,
): Promise<{ dispute: D; agent: AgentRecord }> => {
  const unknown = (scope: AccessScope) =>
    new AppError(
      'dispute_unknown',
      `No dispute "${ref}" among the disputes of the teams you manage (${teamNames(scope).join(', ')}). List them with \`npx floorready disputes\`.`,
      { params: { disputeRef: ref, scope: teamNames(scope) } },
    );
  const { target, agent } = await authoriseOnTarget(directory, person, 'resolve_dispute', ref, find, unknown);
  return { dispute: target, agent };
};

/**
 * The agent `ref` names, for the operator (CLI read commands, imports, the signed integration endpoint):
 * no person to check, every agent in reach. `agent_unknown` or `agent_ambiguous` otherwise.
 */
export const resolveAgent = async (
  directory: Pick<PeopleDirectory, 'listAgents' | 'agentCandidates'>,
  ref: string,
): Promise<AgentRecord> => {
  // A key, Slack id or e-mail address (most references) is the first tier of the matcher: when an agent
  // answers to it, the agents read by it are the ones that tier finds among all, so the thousands of
  // others are not read (issue 23). Names, external ids and unknown references read every agent.
  const read = readPersonRef(ref);
  if (read !== null && (read.kind !== 'email' || ASCII.test(read.email))) {
    const candidates = await directory.agentCandidates({
      key: read.written,
      ...(read.kind === 'slack' ? { slackUserId: read.userId } : {}),
      ...(read.kind === 'email' ? { email: read.email } : {}),
    });
    const named = candidates.filter((agent) => namedById(agentIdentity(agent), read));
    if (named.length > 0) return oneOf(named, ref.trim(), null);
  }
  return oneOf(matchAgents(await directory.listAgents({ activeOnly: false }), ref), ref.trim(), null);
};

const ASCII = /^[\x20-\x7e]*$/;

/** As resolveAgent, with null for no agent (`agent_ambiguous` still thrown). */
export const findAgent = async (
  directory: Pick<PeopleDirectory, 'listAgents' | 'agentCandidates'>,
  ref: string,
): Promise<AgentRecord | null> =>
  resolveAgent(directory, ref).catch((error: unknown) => (hasCode(error, 'agent_unknown') ? null : Promise.reject(error)));
