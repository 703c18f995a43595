import type { DirectorySnapshot, RubricRecord } from '../domain/stored-records.ts';
import type { DirectoryRepository } from './ports.ts';
import { createHash } from 'node:crypto';
import type { Config } from '../config/config-schema.ts';
import { programAgents, toCallTypeDefs, toRubricCriteria } from '../config/config-lookups.ts';
import type { Criterion } from '../domain/types.ts';

/** The key an agent is stored under: the email when there is one, else the Slack user id. */
export const agentKey = (agent: { email?: string | undefined; slack?: string | undefined }): string =>
  (agent.email?.toLowerCase() ?? agent.slack) as string;

/** A stable hash of what scoring depends on: criteria, weights, anchors, levels and call types. */
export const hashRubric = (criteria: readonly Criterion[]): string =>
  createHash('sha256')
    .update(
      JSON.stringify(
        // `about` joins the tuple only when it is not the default, so rubrics without it keep their hash.
        criteria.map((c) => [
          c.key,
          c.name,
          c.weight,
          c.description,
          c.exemplary,
          c.deficient,
          c.levels ?? null,
          c.callTypes ?? null,
          ...(c.about && c.about !== 'agent' ? [c.about] : []),
        ]),
      ),
    )
    .digest('hex');

export const toDirectorySnapshot = (config: Config): DirectorySnapshot => ({
  callTypes: toCallTypeDefs(config),
  teams: config.teams.map((team) => ({
    key: team.key,
    name: team.name,
    digestChannel: team.digestChannel ?? null,
    timeZone: team.timeZone,
    company: team.company === undefined ? [] : [team.company].flat(),
    greetings: team.greetings,
    managers: team.managers.map((manager) => ({
      slackUserId: manager.slack ?? null,
      email: manager.email?.toLowerCase() ?? null,
      name: manager.name,
    })),
    agents: team.agents.map((agent) => ({
      key: agentKey(agent),
      displayName: agent.name,
      slackUserId: agent.slack ?? null,
      email: agent.email?.toLowerCase() ?? null,
      externalIds: agent.externalIds,
      names: [agent.name, ...agent.aliases],
    })),
  })),
  programs: config.programs.map((program) => ({
    key: program.key,
    name: program.name,
    targetedCriteria: program.targetedCriteria,
    startsAt: new Date(program.startsAt),
    completesAt: new Date(program.completesAt),
    baseline: program.baseline,
    agentKeys: programAgents(config, program).map(({ agent }) => agentKey(agent)),
  })),
});

export interface ApplyConfigResult {
  rubric: RubricRecord;
  rubricCreated: boolean;
  agents: number;
  teams: number;
  programs: number;
  callTypes: number;
}

/** Syncs a validated config into the database; a changed rubric becomes a new rubric version. */
export const applyConfig = async (deps: { directory: DirectoryRepository }, config: Config): Promise<ApplyConfigResult> => {
  const criteria = toRubricCriteria(config);
  const counts = await deps.directory.sync(toDirectorySnapshot(config));
  const { rubric, created } = await deps.directory.ensureRubric(criteria, hashRubric(criteria));
  return { rubric, rubricCreated: created, ...counts };
};
