import type { DirectoryRepository } from '../db/directory-repository.ts';
import { viewerOf, type Viewer } from '../domain/readiness-access.ts';

/** The Slack user asking, as the directory knows them: the agent with their Slack id, and the teams they manage. */
export const loadViewer = async (directory: DirectoryRepository, userId: string): Promise<Viewer> => {
  const [found, managedTeams] = await Promise.all([directory.agentBySlackId(userId), directory.teamsManagedBy(userId)]);
  return viewerOf(userId, found, managedTeams);
};

/** Display names of call types by key. */
export const callTypeNamesOf = (callTypes: readonly { key: string; name: string }[]): Record<string, string> =>
  Object.fromEntries(callTypes.map((type) => [type.key, type.name]));
