import type { DirectoryRepository } from './ports.ts';

/**
 * The directory with its agent list (and its teams and call types) remembered, for one bulk run (a CLI folder import names
 * an agent for every file, and resolving one reads the agents). Only for a run's lifetime: a config
 * applied meanwhile is seen by the next run.
 */
export const withAgentLookupCache = (directory: DirectoryRepository): DirectoryRepository => {
  const listed = new Map<string, ReturnType<DirectoryRepository['listAgents']>>();
  const teams = new Map<string, ReturnType<DirectoryRepository['matchTeam']>>();
  let callTypes: ReturnType<DirectoryRepository['callTypes']> | undefined;
  return {
    ...directory,
    // The call types (an untyped call's type is inferred from them, and a given one checked): read once per run.
    callTypes: () => {
      callTypes ??= directory.callTypes();
      return callTypes;
    },
    // The agent's team (its company and greetings tell the agent apart in the call): read once per team.
    matchTeam: (ref) => {
      let lookup = teams.get(ref);
      if (lookup === undefined) {
        lookup = directory.matchTeam(ref);
        teams.set(ref, lookup);
      }
      return lookup;
    },
    listAgents: (filter = {}) => {
      const key = JSON.stringify([filter.teamKey ?? null, filter.activeOnly ?? true]);
      let lookup = listed.get(key);
      if (lookup === undefined) {
        lookup = directory.listAgents(filter);
        listed.set(key, lookup);
      }
      return lookup;
    },
  };
};
