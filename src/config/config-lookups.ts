import { matchPeople, type Identity } from '../domain/access/match-people.ts';
import type { CallTypeDef, Criterion } from '../domain/types.ts';
import type { AgentConfig, Config, ProgramConfig, TeamConfig } from './config-schema.ts';

// Small pure lookups over a parsed Config that the rest of the app needs.

/** The rubric criteria as domain Criterion values (the apply step versions and hashes them). */
export const toRubricCriteria = (config: Pick<Config, 'rubric'>): Criterion[] =>
  config.rubric.criteria.map((criterion) => ({
    key: criterion.key,
    name: criterion.name,
    weight: criterion.weight,
    description: criterion.description,
    exemplary: criterion.exemplary,
    deficient: criterion.deficient,
    levels: criterion.levels === undefined ? null : { ...criterion.levels },
    callTypes: criterion.callTypes === undefined ? null : [...criterion.callTypes],
    about: criterion.about ?? null,
  }));

/** The call types as domain CallTypeDef values. */
export const toCallTypeDefs = (config: Pick<Config, 'callTypes'>): CallTypeDef[] =>
  config.callTypes.map((callType) => ({
    key: callType.key,
    name: callType.name,
    description: callType.description ?? null,
  }));

/** An agent of the config file with the team it belongs to. */
export interface AgentMatch {
  agent: AgentConfig;
  team: TeamConfig;
}

/** Every configured agent with its team, in file order. */
export const listAgents = (config: Pick<Config, 'teams'>): AgentMatch[] =>
  config.teams.flatMap((team) => team.agents.map((agent) => ({ agent, team })));

/** What a configured agent is known by, for the one matcher of people (a program names agents by id, not by name). */
const configAgentIdentity = ({ agent }: AgentMatch): Identity => ({
  slackUserId: agent.slack ?? null,
  email: agent.email ?? null,
  externalIds: agent.externalIds,
  names: [],
});

/**
 * Finds the agent a reference names: a Slack user id (also as a `<@U…>` mention), an email
 * (case-insensitive, also as Slack's `<mailto:…>` link) or one of the agent's external ids, through
 * the one matcher of people (src/domain/access). Null when no configured agent, or more than one, matches.
 */
export const findAgentByRef = (config: Pick<Config, 'teams'>, ref: string): AgentMatch | null => {
  const [match, ...others] = matchPeople(listAgents(config), configAgentIdentity, ref);
  return match && others.length === 0 ? match : null;
};

/** The agents a program enrols, directly or through its teams, each once, in file order. */
export const programAgents = (config: Pick<Config, 'teams'>, program: Pick<ProgramConfig, 'agents' | 'teams'>): AgentMatch[] => {
  const enrolled = new Set<AgentConfig>();
  for (const ref of program.agents) {
    const match = findAgentByRef(config, ref);
    if (match !== null) enrolled.add(match.agent);
  }
  for (const team of config.teams) {
    if (program.teams.includes(team.key)) team.agents.forEach((agent) => enrolled.add(agent));
  }
  return listAgents(config).filter(({ agent }) => enrolled.has(agent));
};

/** The readiness threshold (0–100) of one criterion: its override, else the overall threshold. */
export const readinessThreshold = (config: Pick<Config, 'thresholds'>, criterionKey: string): number =>
  config.thresholds.readiness.criteria[criterionKey] ?? config.thresholds.readiness.overall;

/**
 * The time zone a date without `Z` or an offset is read in: the zone of the team of the agent `agentRef`
 * names (Slack id, email or external id) when the config has that agent; else the teams' one zone when
 * they share it (UTC when there are no teams); null when the teams are in several zones and no agent
 * chooses between them (such a date is then refused, asking for a zone).
 */
export const teamTimeZone = (config: Pick<Config, 'teams'>, agentRef?: string | null): string | null => {
  const ref = agentRef?.trim().toLowerCase();
  if (ref) {
    const team = config.teams.find((candidate) =>
      candidate.agents.some(
        (agent) =>
          agent.slack?.toLowerCase() === ref ||
          agent.email?.toLowerCase() === ref ||
          agent.externalIds.some((id) => id.toLowerCase() === ref),
      ),
    );
    if (team) return team.timeZone;
  }
  const zones = new Set(config.teams.map((team) => team.timeZone));
  if (zones.size === 0) return 'UTC';
  return zones.size === 1 ? ([...zones][0] ?? null) : null;
};
