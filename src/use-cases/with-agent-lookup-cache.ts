import type { AgentRecord, DirectoryRepository } from '../db/directory-repository.ts';

/**
 * The directory with `findAgent` remembered per reference, for one bulk run (a CLI folder import names
 * the same agent for every file, and resolving one costs several queries). Only for a run's lifetime:
 * a config applied meanwhile is seen by the next run.
 */
export const withAgentLookupCache = (directory: DirectoryRepository): DirectoryRepository => {
  const found = new Map<string, Promise<AgentRecord | null>>();
  return {
    ...directory,
    findAgent: (ref) => {
      let lookup = found.get(ref);
      if (lookup === undefined) {
        lookup = directory.findAgent(ref);
        found.set(ref, lookup);
      }
      return lookup;
    },
  };
};
