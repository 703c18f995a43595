import type { Config } from '../config/config-schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  buildAgentReadiness,
  buildTeamTrends,
  findTeamFindings,
  markTeamWide,
  type AgentReadiness,
  type ReadinessThresholds,
  type ScoredCall,
  type TeamFindings,
  type Trends,
} from '../domain/readiness/index.ts';
import type { Criterion } from '../domain/types.ts';
import { weightedOverall } from '../domain/weighted-overall.ts';
import type { AgentRecord, DirectoryRepository, TeamRecord } from '../db/directory-repository.ts';
import type { EffectiveCall, ReadinessRepository } from '../db/readiness-repository.ts';
import { assertKnownCallType, resolveAgent } from './ingest-call.ts';

export interface ReadinessDeps {
  directory: DirectoryRepository;
  readiness: ReadinessRepository;
  now: () => Date;
}

export const UNSPECIFIED_CALL_TYPE = 'unspecified';

export const thresholdsFromConfig = (config: Pick<Config, 'thresholds'>): ReadinessThresholds => config.thresholds;

const toScoredCall = (call: EffectiveCall, criteria: readonly Criterion[], withMoments: boolean): ScoredCall => ({
  callId: call.callId,
  externalId: call.externalId,
  callType: call.callType ?? UNSPECIFIED_CALL_TYPE,
  kind: call.kind,
  occurredAt: call.occurredAt,
  frustration: call.frustration,
  criteria: call.criteria,
  overall: weightedOverall(call.criteria, criteria),
  ...(withMoments ? { moments: call.moments } : {}),
});

const requireRubric = async (directory: DirectoryRepository) => {
  const rubric = await directory.currentRubric();
  if (!rubric) throw new AppError('rubric_missing', 'No rubric has been applied yet: run `npx floorready config apply` first.');
  return rubric;
};

/** Readiness of several agents from one pass over their calls (two queries however many agents). */
const reportsFor = async (
  deps: ReadinessDeps,
  agents: readonly AgentRecord[],
  criteria: readonly Criterion[],
  thresholds: ReadinessThresholds,
  options: { callType?: string; timeZone: string; withMoments: boolean },
): Promise<{ reports: AgentReadiness[]; callsByAgent: Map<string, ScoredCall[]> }> => {
  const ids = agents.map((agent) => agent.id);
  // Every lookup at once: on PostgreSQL each is a round trip, and none depends on another.
  const [effective, decisions, programs] = await Promise.all([
    deps.readiness.effectiveCalls(ids, { withMoments: options.withMoments }),
    deps.readiness.decisions(ids),
    Promise.all(agents.map((agent) => deps.directory.programForAgent(agent.id))),
  ]);
  const callsByAgent = new Map<string, ScoredCall[]>(ids.map((id) => [id, []]));
  for (const call of effective) callsByAgent.get(call.agentId)?.push(toScoredCall(call, criteria, options.withMoments));
  const now = deps.now();
  const reports = agents.map((agent, index) => {
      const program = programs[index] ?? null;
      return buildAgentReadiness({
        agent: { id: agent.id, key: agent.key, displayName: agent.displayName },
        program: program && {
          key: program.key,
          name: program.name,
          startsAt: program.startsAt,
          completesAt: program.completesAt,
          targetedCriteria: program.targetedCriteria,
        },
        calls: callsByAgent.get(agent.id) ?? [],
        criteria,
        thresholds,
        approvals: decisions.filter((decision) => decision.agentId === agent.id),
        now,
        timeZone: options.timeZone,
        ...(options.callType ? { callTypes: [options.callType] } : {}),
      });
    });
  return { reports, callsByAgent };
};

export interface AgentReadinessReport {
  report: AgentReadiness;
  team: TeamRecord | null;
  teamFindings: TeamFindings | null;
  rubricVersion: number;
  generatedAt: Date;
}

/**
 * The readiness report of one agent: per call type status, baseline, batches and current figures,
 * trends, and the if/then recommendations. A criterion that is low across the agent's whole team is
 * flagged as a team-wide gap on the agent's recommendations (a curriculum issue, not this agent's).
 */
export const buildReadinessReport = async (
  deps: ReadinessDeps,
  input: { agent: string; callType?: string; thresholds: ReadinessThresholds },
): Promise<AgentReadinessReport> => {
  const agent = await resolveAgent(deps.directory, input.agent);
  // The lookups run together; their errors are still reported in this order (call type, then rubric).
  const [callTypeCheck, rubricLookup, team, members] = await Promise.allSettled([
    input.callType ? assertKnownCallType(deps.directory, input.callType) : Promise.resolve(),
    requireRubric(deps.directory),
    agent.teamKey ? deps.directory.findTeam(agent.teamKey) : Promise.resolve(null),
    agent.teamKey ? deps.directory.listAgents({ teamKey: agent.teamKey }) : Promise.resolve([]),
  ]);
  const settled = <T>(result: PromiseSettledResult<T>): T => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  };
  settled(callTypeCheck);
  const rubric = settled(rubricLookup);
  const agentTeam = settled(team);
  // findTeam also matches a team's name: list by the key it found when that differs from the agent's.
  const teamMembers = agentTeam && agentTeam.key !== agent.teamKey ? await deps.directory.listAgents({ teamKey: agentTeam.key }) : settled(members);
  const teammates = agentTeam ? teamMembers.filter((a) => a.id !== agent.id) : [];
  const timeZone = agentTeam?.timeZone ?? 'UTC';

  // The agent (with evidence quotes) and the teammates (without) are loaded at the same time.
  const [own, others] = await Promise.all([
    reportsFor(deps, [agent], rubric.criteria, input.thresholds, {
      timeZone,
      withMoments: true,
      ...(input.callType ? { callType: input.callType } : {}),
    }),
    agentTeam && teammates.length > 0
      ? reportsFor(deps, teammates, rubric.criteria, input.thresholds, { timeZone, withMoments: false })
      : Promise.resolve(null),
  ]);
  const report = own.reports[0] as AgentReadiness;

  let teamFindings: TeamFindings | null = null;
  if (agentTeam && others) {
    teamFindings = findTeamFindings([report, ...others.reports], rubric.criteria, input.thresholds, { teamKey: agentTeam.key });
    report.recommendations = markTeamWide(report.recommendations, teamFindings, rubric.criteria);
  }
  return { report, team: agentTeam, teamFindings, rubricVersion: rubric.version, generatedAt: deps.now() };
};

export interface TeamReadinessReport {
  team: TeamRecord;
  agents: AgentReadiness[];
  findings: TeamFindings;
  trends: Trends;
  rubricVersion: number;
  generatedAt: Date;
}

/** Every agent of a team with their readiness, the team-wide findings and the team's weekly trend. */
export const buildTeamReport = async (
  deps: ReadinessDeps,
  input: { team: string; thresholds: ReadinessThresholds; trendWeeks?: number },
): Promise<TeamReadinessReport> => {
  const team = await deps.directory.findTeam(input.team);
  if (!team) {
    const known = (await deps.directory.listTeams()).map((t) => t.key).join(', ') || '(none configured)';
    throw new AppError('team_unknown', `No team "${input.team}". Configured teams: ${known}.`);
  }
  const rubric = await requireRubric(deps.directory);
  const members = await deps.directory.listAgents({ teamKey: team.key });
  const { reports, callsByAgent } = await reportsFor(deps, members, rubric.criteria, input.thresholds, {
    timeZone: team.timeZone,
    withMoments: false,
  });
  const findings = findTeamFindings(reports, rubric.criteria, input.thresholds, { teamKey: team.key });
  for (const report of reports) report.recommendations = markTeamWide(report.recommendations, findings, rubric.criteria);
  const trends = buildTeamTrends({
    members: reports.map((report) => ({
      calls: callsByAgent.get(report.agent.id) ?? [],
      program: report.program,
      baseline: report.baseline,
    })),
    criteria: rubric.criteria,
    now: deps.now(),
    timeZone: team.timeZone,
    ...(input.trendWeeks ? { weeks: input.trendWeeks } : {}),
  });
  return { team, agents: reports, findings, trends, rubricVersion: rubric.version, generatedAt: deps.now() };
};
