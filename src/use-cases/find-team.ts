import type { DirectoryRepository } from './ports.ts';
import { AppError } from '../domain/app-error.ts';
import type { TeamRecord } from '../domain/records.ts';

/**
 * The team a key or name names (any case), or null when none does. A name two teams share is refused
 * with `team_ambiguous`, naming both: the repository only reports the candidates.
 */
export const findTeam = async (directory: Pick<DirectoryRepository, 'matchTeam'>, ref: string): Promise<TeamRecord | null> => {
  const match = await directory.matchTeam(ref);
  if (match.found === null && match.candidates.length > 1) {
    const { candidates } = match;
    throw new AppError(
      'team_ambiguous',
      `"${ref}" names ${candidates.length} teams: ${candidates.map((team) => `${team.name} (${team.key})`).join(', ')}. Name one by its key.`,
      { params: { teamRef: ref, candidates } },
    );
  }
  return match.found;
};
