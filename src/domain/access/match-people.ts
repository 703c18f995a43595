import type { AgentRecord, TeamRecord } from '../records.ts';
import { readPersonRef, type PersonRef } from './person-ref.ts';

// The one matcher of people: which agents, which managers a reference names. Used by the access
// resolver over the directory's records and by the config check over the config file. Pure.

/** What a person is known by: every field a reference may name them with. */
export interface Identity {
  slackUserId: string | null;
  email: string | null;
  /** The config key (agents only). */
  key?: string | null;
  externalIds?: readonly string[];
  /** The display name first, then aliases. */
  names: readonly string[];
}

/** A configured manager, as a team lists them. */
export type Manager = TeamRecord['managers'][number];

/** A name as people type it: any case, spaces, hyphens and underscores alike ("Ana Ruiz" = "ana_ruiz"). */
export const normaliseName = (text: string): string =>
  text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

const sameEmail = (email: string | null, wanted: string): boolean => email !== null && email.toLowerCase() === wanted;

/** The first tier of matchPeople: `read` is this person's key, Slack member id or e-mail address. */
export const namedById = (who: Identity, read: PersonRef): boolean => {
  if (who.key === read.written) return true;
  if (read.kind === 'slack') return who.slackUserId === read.userId;
  if (read.kind === 'email') return sameEmail(who.email, read.email);
  return false;
};

/**
 * The items `ref` names, in tiers: by Slack id, email or key first; else by external id; else by
 * configured name (any case). The first tier with a match wins, so a name never outranks an id; more
 * than one item means the reference is ambiguous and the caller must ask for an id.
 */
export const matchPeople = <T>(items: readonly T[], identityOf: (item: T) => Identity, ref: string | PersonRef): T[] => {
  const read = typeof ref === 'string' ? readPersonRef(ref) : ref;
  if (read === null) return [];
  const written = read.written;
  const byId = items.filter((item) => namedById(identityOf(item), read));
  if (byId.length > 0) return byId;
  const byExternalId = items.filter((item) => identityOf(item).externalIds?.includes(written) ?? false);
  if (byExternalId.length > 0) return byExternalId;
  const wanted = normaliseName(read.kind === 'text' ? read.text : written);
  if (wanted === '') return [];
  return items.filter((item) => identityOf(item).names.some((name) => normaliseName(name) === wanted));
};

export const agentIdentity = (agent: AgentRecord): Identity => ({
  slackUserId: agent.slackUserId,
  email: agent.email,
  key: agent.key,
  externalIds: agent.externalIds,
  names: [agent.displayName, ...agent.names],
});

export const managerIdentity = (manager: Manager): Identity => ({
  slackUserId: manager.slackUserId,
  email: manager.email,
  names: manager.name ? [manager.name] : [],
});

/** The agents `ref` names (see matchPeople). */
export const matchAgents = (agents: readonly AgentRecord[], ref: string | PersonRef): AgentRecord[] =>
  matchPeople(agents, agentIdentity, ref);

/** Whether `ref` names this agent. */
export const namesAgent = (agent: AgentRecord, ref: string | PersonRef): boolean => matchAgents([agent], ref).length === 1;

/** Whether two manager entries (of one or two teams) are the same person: same Slack id, email or, lacking both, name. */
export const sameManager = (a: Manager, b: Manager): boolean =>
  (a.slackUserId !== null && a.slackUserId === b.slackUserId) ||
  (a.email !== null && b.email !== null && a.email.toLowerCase() === b.email.toLowerCase()) ||
  (a.slackUserId === null && a.email === null && a.name !== null && b.name !== null && normaliseName(a.name) === normaliseName(b.name));

/**
 * The manager `ref` names and the teams listing them: by Slack id, else email, else name (any case).
 * Null when `ref` names no manager or names two different people.
 */
export const matchManager = (teams: readonly TeamRecord[], ref: string | PersonRef): { manager: Manager; teams: TeamRecord[] } | null => {
  const entries = teams.flatMap((team) => team.managers.map((manager) => ({ manager, team })));
  const found = matchPeople(entries, (entry) => managerIdentity(entry.manager), ref);
  const first = found[0];
  if (!first || found.some((entry) => !sameManager(entry.manager, first.manager))) return null;
  const listing = teams.filter((team) => team.managers.some((manager) => sameManager(manager, first.manager)));
  return { manager: first.manager, teams: listing };
};

/** Names and first names an agent is called by when typed as `@maria` in Slack (not picked from the list). */
const typedNamesOf = (agent: AgentRecord): string[] =>
  [agent.displayName, ...agent.names]
    .flatMap((name) => [name, name.split(/\s+/)[0] ?? ''])
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);

/** The agents a typed `@name` (name, first name, alias or key; dots and underscores as spaces) names. */
export const matchTypedName = (agents: readonly AgentRecord[], typed: string): AgentRecord[] => {
  const wanted = typed.trim().toLowerCase().replace(/[._]+/g, ' ');
  return agents.filter((agent) => typedNamesOf(agent).includes(wanted) || agent.key.toLowerCase() === wanted);
};
