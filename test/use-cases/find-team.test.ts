import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDirectoryRepository } from '../../src/db/directory-repository.ts';
import { hasCode } from '../../src/domain/app-error.ts';
import { findTeam } from '../../src/use-cases/find-team.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

const team = (key: string, name: string) => ({
  key,
  name,
  digestChannel: null,
  timeZone: 'UTC',
  company: [],
  greetings: [],
  managers: [],
  agents: [],
});

describeEachDatabase('finding a team by key or name', (database) => {
  let db: TestDatabase;
  let directory: ReturnType<typeof createDirectoryRepository>;
  beforeEach(async () => {
    db = await database.open();
    directory = createDirectoryRepository(db.prisma);
    await directory.sync({
      callTypes: [],
      teams: [team('support-east', 'Support'), team('support-west', 'Support'), team('billing', 'Billing')],
      programs: [],
    });
  });
  afterEach(async () => {
    await db.close();
  });

  it('when two teams share the name asked for, then the repository reports both as candidates and throws nothing', async () => {
    const match = await directory.matchTeam('support');
    expect(match.found).toBeNull();
    expect('candidates' in match ? match.candidates.map((candidate) => candidate.key).sort() : []).toEqual([
      'support-east',
      'support-west',
    ]);
  });

  it('when two teams share the name asked for, then findTeam refuses with team_ambiguous, naming both in its words and its params', async () => {
    const error = await findTeam(directory, 'Support').catch((caught: unknown) => caught);
    expect(hasCode(error, 'team_ambiguous')).toBe(true);
    if (!hasCode(error, 'team_ambiguous')) return;
    expect(error.userMessage).toBe('"Support" names 2 teams: Support (support-east), Support (support-west). Name one by its key.');
    expect(error.params.teamRef).toBe('Support');
    expect(error.params.candidates.map((candidate) => candidate.key).sort()).toEqual(['support-east', 'support-west']);
  });

  it('when a key or a unique name is asked for, then that team; when nothing matches, then null', async () => {
    expect((await findTeam(directory, 'support-west'))?.key).toBe('support-west');
    expect((await findTeam(directory, 'BILLING'))?.key).toBe('billing');
    expect(await findTeam(directory, 'nobody')).toBeNull();
  });
});
