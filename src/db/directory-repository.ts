import type { CallTypeDef, Criterion } from '../domain/types.ts';
import type { PrismaClient } from '../generated/sqlite/client.ts';
import { resolveByKeyOrName, type KeyOrNameMatch } from '../domain/key-or-name.ts';
import type { AgentRecord, ProgramRecord, TeamRecord } from '../domain/records.ts';
import type { DirectorySnapshot, RubricRecord } from '../domain/stored-records.ts';

const agentInclude = { identifiers: true, team: { select: { key: true } } } as const;

type AgentRow = Awaited<ReturnType<PrismaClient['agent']['findFirstOrThrow']>> & {
  identifiers: { kind: string; value: string }[];
  team: { key: string } | null;
};

const toAgent = (row: AgentRow): AgentRecord => ({
  id: row.id,
  key: row.key,
  displayName: row.displayName,
  slackUserId: row.slackUserId,
  email: row.email,
  teamId: row.teamId,
  teamKey: row.team?.key ?? null,
  active: row.active,
  externalIds: row.identifiers.filter((i) => i.kind === 'external').map((i) => i.value),
  names: row.identifiers.filter((i) => i.kind === 'name').map((i) => i.value),
});

/** A JSON list of strings as stored; anything else is no list. */
const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

type TeamRow = Awaited<ReturnType<PrismaClient['team']['findFirstOrThrow']>> & {
  managers: { slackUserId: string | null; email: string | null; name: string | null }[];
};

const toTeam = (row: TeamRow): TeamRecord => ({
  id: row.id,
  key: row.key,
  name: row.name,
  digestChannel: row.digestChannel,
  timeZone: row.timeZone,
  company: stringList(row.company),
  greetings: stringList(row.greetings),
  managers: row.managers.map(({ slackUserId, email, name }) => ({ slackUserId, email, name })),
});

type CriterionRow = Awaited<ReturnType<PrismaClient['rubricCriterion']['findFirstOrThrow']>>;

const toCriterion = (row: CriterionRow): Criterion => ({
  key: row.key,
  name: row.name,
  weight: row.weight,
  description: row.description,
  exemplary: row.exemplary,
  deficient: row.deficient,
  levels: (row.levels as Criterion['levels']) ?? null,
  callTypes: (row.callTypes as string[] | null) ?? null,
  about: (row.about as Criterion['about']) ?? null,
});

/** Every team with its managers, by key. */
const allTeams = async (prisma: PrismaClient): Promise<TeamRecord[]> =>
  (await prisma.team.findMany({ include: { managers: true }, orderBy: { key: 'asc' } })).map(toTeam);

export const createDirectoryRepository = (prisma: PrismaClient) => ({
  /**
   * Makes the database say what the snapshot says, in one transaction. Agents and teams missing from
   * the snapshot are deactivated, never deleted: their calls and decisions stay in the audit trail.
   */
  async sync(snapshot: DirectorySnapshot): Promise<{ agents: number; teams: number; programs: number; callTypes: number }> {
    return prisma.$transaction(async (tx) => {
      for (const callType of snapshot.callTypes) {
        await tx.callType.upsert({
          where: { key: callType.key },
          create: { key: callType.key, name: callType.name, description: callType.description ?? null },
          update: { name: callType.name, description: callType.description ?? null },
        });
      }

      const agentIds = new Map<string, string>();
      for (const team of snapshot.teams) {
        const { id: teamId } = await tx.team.upsert({
          where: { key: team.key },
          create: {
            key: team.key,
            name: team.name,
            digestChannel: team.digestChannel,
            timeZone: team.timeZone,
            company: team.company,
            greetings: team.greetings,
          },
          update: {
            name: team.name,
            digestChannel: team.digestChannel,
            timeZone: team.timeZone,
            company: team.company,
            greetings: team.greetings,
          },
        });
        await tx.teamManager.deleteMany({ where: { teamId } });
        if (team.managers.length > 0) {
          await tx.teamManager.createMany({ data: team.managers.map((manager) => ({ teamId, ...manager })) });
        }
        for (const agent of team.agents) {
          // Identity may move between slack id and email over time; the config key is the anchor.
          await tx.agent.updateMany({
            where: {
              key: { not: agent.key },
              OR: [...(agent.slackUserId ? [{ slackUserId: agent.slackUserId }] : []), ...(agent.email ? [{ email: agent.email }] : [])],
            },
            data: { slackUserId: null, email: null, active: false },
          });
          const { id } = await tx.agent.upsert({
            where: { key: agent.key },
            create: {
              key: agent.key,
              displayName: agent.displayName,
              slackUserId: agent.slackUserId,
              email: agent.email,
              teamId,
            },
            update: {
              displayName: agent.displayName,
              slackUserId: agent.slackUserId,
              email: agent.email,
              teamId,
              active: true,
            },
          });
          agentIds.set(agent.key, id);
          await tx.agentIdentifier.deleteMany({ where: { agentId: id } });
          const identifiers = [
            ...agent.externalIds.map((value) => ({ agentId: id, kind: 'external', value })),
            ...[...new Set(agent.names.map((name) => name.toLowerCase()))].map((value) => ({ agentId: id, kind: 'name', value })),
          ];
          if (identifiers.length > 0) await tx.agentIdentifier.createMany({ data: identifiers });
        }
      }
      await tx.agent.updateMany({ where: { key: { notIn: [...agentIds.keys()] } }, data: { active: false } });

      for (const program of snapshot.programs) {
        const { id: programId } = await tx.trainingProgram.upsert({
          where: { key: program.key },
          create: {
            key: program.key,
            name: program.name,
            targetedCriteria: program.targetedCriteria,
            startsAt: program.startsAt,
            completesAt: program.completesAt,
            baseline: program.baseline,
          },
          update: {
            name: program.name,
            targetedCriteria: program.targetedCriteria,
            startsAt: program.startsAt,
            completesAt: program.completesAt,
            baseline: program.baseline,
          },
        });
        await tx.programEnrollment.deleteMany({ where: { programId } });
        const enrolled = program.agentKeys.flatMap((key) => {
          const agentId = agentIds.get(key);
          return agentId ? [{ programId, agentId }] : [];
        });
        if (enrolled.length > 0) await tx.programEnrollment.createMany({ data: enrolled });
      }

      return {
        agents: agentIds.size,
        teams: snapshot.teams.length,
        programs: snapshot.programs.length,
        callTypes: snapshot.callTypes.length,
      };
    });
  },

  /** The rubric in force, or a new version when the criteria changed. */
  async ensureRubric(criteria: Criterion[], hash: string): Promise<{ rubric: RubricRecord; created: boolean }> {
    return prisma.$transaction(async (tx) => {
      const latest = await tx.rubricVersion.findFirst({
        orderBy: { version: 'desc' },
        include: { criteria: { orderBy: { position: 'asc' } } },
      });
      if (latest && latest.hash === hash) {
        return { rubric: { id: latest.id, version: latest.version, hash, criteria: latest.criteria.map(toCriterion) }, created: false };
      }
      const created = await tx.rubricVersion.create({
        data: {
          version: (latest?.version ?? 0) + 1,
          hash,
          criteria: {
            create: criteria.map((criterion, position) => ({
              position,
              key: criterion.key,
              name: criterion.name,
              weight: criterion.weight,
              description: criterion.description,
              exemplary: criterion.exemplary,
              deficient: criterion.deficient,
              levels: criterion.levels ?? undefined,
              callTypes: criterion.callTypes && criterion.callTypes.length > 0 ? criterion.callTypes : undefined,
              about: criterion.about && criterion.about !== 'agent' ? criterion.about : null,
            })),
          },
        },
        include: { criteria: { orderBy: { position: 'asc' } } },
      });
      return { rubric: { id: created.id, version: created.version, hash, criteria: created.criteria.map(toCriterion) }, created: true };
    });
  },

  async currentRubric(): Promise<RubricRecord | null> {
    const latest = await prisma.rubricVersion.findFirst({
      orderBy: { version: 'desc' },
      include: { criteria: { orderBy: { position: 'asc' } } },
    });
    return latest ? { id: latest.id, version: latest.version, hash: latest.hash, criteria: latest.criteria.map(toCriterion) } : null;
  },

  async callTypes(): Promise<CallTypeDef[]> {
    const rows = await prisma.callType.findMany({ orderBy: { key: 'asc' } });
    return rows.map((row) => ({ key: row.key, name: row.name, description: row.description }));
  },

  /** The agent with this Slack user id, or null: one indexed read, for requests that carry a Slack user. */
  async agentBySlackId(slackUserId: string): Promise<AgentRecord | null> {
    const row = await prisma.agent.findFirst({ where: { slackUserId }, include: agentInclude });
    return row ? toAgent(row) : null;
  },

  /**
   * The agents whose key is `key`, whose Slack member id is `slackUserId` or whose e-mail address is
   * `email` (lower case, ASCII: compared with the stored one in lower case), displayName order: a superset
   * of the agents a key, Slack id or address names, read without listing every agent (issue 23).
   */
  async agentCandidates(wanted: { key: string; slackUserId?: string; email?: string }): Promise<AgentRecord[]> {
    // Without an address (a key or Slack id, most references): one read of the agents by key or Slack id,
    // not their ids first (one round trip less before a report can start reading; ADR 0053).
    if (wanted.email === undefined) {
      const rows = await prisma.agent.findMany({
        where: { OR: [{ key: wanted.key }, ...(wanted.slackUserId === undefined ? [] : [{ slackUserId: wanted.slackUserId }])] },
        include: agentInclude,
        orderBy: { displayName: 'asc' },
      });
      return rows.map(toAgent);
    }
    // The Kelvin sign is the one non-ASCII letter whose lower case is ASCII ('k'); SQL LOWER may leave it.
    const ids = await prisma.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Agent"
      WHERE "key" = ${wanted.key}
         OR "slackUserId" = ${wanted.slackUserId ?? null}
         OR ("email" IS NOT NULL AND LOWER(REPLACE("email", ${'\u212a'}, 'k')) = ${wanted.email ?? null})`;
    if (ids.length === 0) return [];
    const rows = await prisma.agent.findMany({
      where: { id: { in: ids.map((row) => row.id) } },
      include: agentInclude,
      orderBy: { displayName: 'asc' },
    });
    return rows.map(toAgent);
  },

  async agentsById(ids: readonly string[]): Promise<AgentRecord[]> {
    const rows = await prisma.agent.findMany({ where: { id: { in: [...ids] } }, include: agentInclude });
    return rows.map(toAgent);
  },

  async listAgents(filter: { teamKey?: string; activeOnly?: boolean } = {}): Promise<AgentRecord[]> {
    const rows = await prisma.agent.findMany({
      where: {
        ...(filter.teamKey ? { team: { key: filter.teamKey } } : {}),
        ...(filter.activeOnly === false ? {} : { active: true }),
      },
      include: agentInclude,
      orderBy: { displayName: 'asc' },
    });
    return rows.map(toAgent);
  },

  /** The team a key or name names, any case; none, with the candidates, when two teams share that name. */
  async matchTeam(ref: string): Promise<KeyOrNameMatch<TeamRecord>> {
    // Most callers pass a stored key: one indexed read; a name or a differently written key reads them all.
    const exact = await prisma.team.findUnique({ where: { key: ref.trim() }, include: { managers: true } });
    if (exact) return { found: toTeam(exact) };
    return resolveByKeyOrName(await allTeams(prisma), ref);
  },

  /** The teams that list this Slack user id among their managers (empty when they manage none). */
  async teamsManagedBy(slackUserId: string): Promise<TeamRecord[]> {
    const rows = await prisma.team.findMany({
      where: { managers: { some: { slackUserId } } },
      include: { managers: true },
      orderBy: { key: 'asc' },
    });
    return rows.map(toTeam);
  },

  async listTeams(): Promise<TeamRecord[]> {
    return allTeams(prisma);
  },

  /** Each agent's most recent training program (by completion date); agents enrolled in none are absent. */
  async programsForAgents(agentIds: readonly string[]): Promise<Map<string, ProgramRecord>> {
    const enrollments = await prisma.programEnrollment.findMany({
      where: { agentId: { in: [...agentIds] } },
      include: { program: true },
      orderBy: [{ program: { completesAt: 'desc' } }, { program: { key: 'asc' } }],
    });
    const programs = new Map<string, ProgramRecord>();
    for (const { agentId, program } of enrollments) {
      if (programs.has(agentId)) continue;
      programs.set(agentId, {
        id: program.id,
        key: program.key,
        name: program.name,
        targetedCriteria: program.targetedCriteria as string[],
        startsAt: program.startsAt,
        completesAt: program.completesAt,
        baseline: program.baseline === 'none' ? 'none' : 'pre_training',
      });
    }
    return programs;
  },
});
