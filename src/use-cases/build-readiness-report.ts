import type { AiScorer, DecisionRecord, EffectiveCall, ScorerUseRecord } from '../domain/stored-records.ts';
import type { DirectoryRepository, DisputeRepository, ReadinessRepository } from './ports.ts';
import type { Config } from '../config/config-schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  adviseAgent,
  assessScorerTrust,
  buildAgentCurrent,
  buildAgentFigures,
  buildAgentReadiness,
  buildTeamTrends,
  findTeamFindings,
  markTeamWide,
  teamConsistency,
  type AgentReadiness,
  type AgentReadinessReport,
  type BuildAgentReadinessInput,
  type ProgramInfo,
  type ExcludedCall,
  type ReadinessThresholds,
  type ScoredCall,
  type ScorerPair,
  type ScorerTrust,
  type ScorerUse,
  type ScorecardDispute,
  type TeamReadinessReport,
  type TeamFindings,
} from '../domain/readiness/index.ts';
import type { CallTypeDef, Criterion } from '../domain/types.ts';
import { effectiveOverall } from '../domain/call-overall.ts';
import type { AgentRecord, ExcludedCallRecord, ProgramRecord, TeamRecord } from '../domain/records.ts';
import { assertCallTypeIn, assertKnownCallType, requireRubric } from './resolve-names.ts';
import { createMomentBook, type MomentBook } from './quoted-moments.ts';
import { resolveAgent } from './resolve-access.ts';
import { findTeam } from './find-team.ts';

export type { AgentReadinessReport, TeamReadinessReport } from '../domain/readiness/index.ts';

export interface ReadinessDeps {
  directory: DirectoryRepository;
  readiness: ReadinessRepository;
  now: () => Date;
  /** Open disputes (issue 19): an approval is refused while one is open on a call of the deciding batches. */
  disputes?: Pick<DisputeRepository, 'openForCalls' | 'list'>;
}

export const UNSPECIFIED_CALL_TYPE = 'unspecified';

export const thresholdsFromConfig = (config: Pick<Config, 'thresholds'>): ReadinessThresholds => config.thresholds;

const toScoredCall = (call: EffectiveCall, criteria: readonly Criterion[], book: MomentBook | null): ScoredCall => {
  // The call's one overall (domain/call-overall), the figure `calls`, `show` and the DMs show for it.
  const overall = effectiveOverall(call.criteria, call.humanCriteria, criteria, { heldForReview: call.reviewReason !== null });
  const { callId, quotedCriteria } = call;
  // One object literal, the getter last (ADR 0050): a getter added to an object built by a spread turns
  // it into a dictionary, and every rule then reads each of the agent's calls several times slower.
  return book
    ? {
        callId,
        externalId: call.externalId,
        callType: call.callType ?? UNSPECIFIED_CALL_TYPE,
        kind: call.kind,
        occurredAt: call.occurredAt,
        frustration: call.frustration,
        criteria: call.criteria,
        overall,
        ...(call.unverified.length > 0 ? { unverified: call.unverified } : {}),
        ...(call.reviewReason ? { needsReview: call.reviewReason } : {}),
        quoted: quotedCriteria,
        // The quotes are read when a report shows them (quoted-moments.ts).
        get moments() {
          return book.moments(callId, quotedCriteria);
        },
      }
    : {
        callId,
        externalId: call.externalId,
        callType: call.callType ?? UNSPECIFIED_CALL_TYPE,
        kind: call.kind,
        occurredAt: call.occurredAt,
        frustration: call.frustration,
        criteria: call.criteria,
        overall,
        ...(call.unverified.length > 0 ? { unverified: call.unverified } : {}),
        ...(call.reviewReason ? { needsReview: call.reviewReason } : {}),
        // No moments are read for teammates and team reports (they quote none): no criterion holds one, so
        // the rules that quote do not rank these calls (ADR 0053).
        quoted: NONE_QUOTED,
      };
};

const NONE_QUOTED: readonly string[] = Object.freeze([]);

const toExcludedCall = (call: ExcludedCallRecord): ExcludedCall => ({
  callId: call.callId,
  externalId: call.externalId,
  callType: call.callType ?? UNSPECIFIED_CALL_TYPE,
  kind: call.kind,
  occurredAt: call.occurredAt,
  reason: call.reason,
});

export interface AgentsData {
  callsByAgent: Map<string, ScoredCall[]>;
  programs: Map<string, ProgramInfo>;
  decisions: DecisionRecord[];
  scorers: ScorerUseRecord[];
}

/**
 * Everything the rules need about these agents, in four queries however many agents. `own`: one agent's
 * own report, every criterion scored, with their quotes read through a book (only for the moments the
 * report shows). Otherwise the rubric's criteria only, and no quotes (a team report quotes none).
 */
/** The rows loadAgents composes: the calls (`own`: every criterion and the quotes), decisions and programs. */
const readAgents = (deps: ReadinessDeps, ids: readonly string[], criteria: readonly Criterion[] | null) =>
  // None depends on another: on PostgreSQL each is a round trip, so they run together.
  Promise.all([
    deps.readiness.effectiveCalls(
      ids,
      criteria === null ? {} : { criterionKeys: criteria.map((criterion) => criterion.key), quotes: false },
    ),
    deps.readiness.decisions(ids),
    deps.directory.programsForAgents(ids),
  ]);

const loadAgents = async (
  deps: ReadinessDeps,
  agents: readonly AgentRecord[],
  criteria: readonly Criterion[],
  own: boolean,
  /** Who scored their calls (for the trust line); teammates read only for team findings need not. */
  withScorers = true,
  /** The rows, when the caller started reading them already (readAgents with the same `own`). */
  read?: ReturnType<typeof readAgents>,
): Promise<AgentsData & { book: MomentBook | null }> => {
  const ids = agents.map((agent) => agent.id);
  const [effective, decisions, programs] = await (read ?? readAgents(deps, ids, own ? null : criteria));
  const scorers = withScorers ? scorerUseOf(effective) : [];
  const book = own
    ? createMomentBook(
        effective.filter((call) => call.quotedCriteria.length > 0).map((call) => call.callId),
        (callIds) => deps.readiness.moments(callIds),
      )
    : null;
  const callsByAgent = new Map<string, ScoredCall[]>(ids.map((id) => [id, []]));
  for (const call of effective) callsByAgent.get(call.agentId)?.push(toScoredCall(call, criteria, book));
  return { callsByAgent, programs: programInfoOf(programs), decisions, scorers, book };
};

/** Each agent's program as the rules take it. */
const programInfoOf = (programs: ReadonlyMap<string, ProgramRecord>): Map<string, ProgramInfo> =>
  new Map<string, ProgramInfo>(
    [...programs].map(([agentId, program]) => [
      agentId,
      {
        key: program.key,
        name: program.name,
        startsAt: program.startsAt,
        completesAt: program.completesAt,
        targetedCriteria: program.targetedCriteria,
        baseline: program.baseline,
      },
    ]),
  );

/**
 * Members whose calls one statement of a team report reads (ADR 0055). The statements run at once, each
 * on its own connection: on PostgreSQL the database reads a team's calls on more than one core, and node
 * composes the reports of the members whose calls have come while the others' are still read.
 */
export const MEMBERS_PER_READ = 5;

/**
 * Per agent, the calls of each scorer and model among these calls' current AI evaluations: what
 * `scorerUse` counts, from the calls a report reads anyway (one statement less; ADR 0059).
 */
export const scorerUseOf = (calls: readonly EffectiveCall[]): ScorerUseRecord[] => {
  // Calls read together share their scorers' list (one per distinct set): counted per list, then per scorer.
  const lists = new Map<string, Map<readonly AiScorer[], number>>();
  for (const call of calls) {
    if (call.aiScorers.length === 0) continue;
    let agentLists = lists.get(call.agentId);
    if (!agentLists) {
      agentLists = new Map();
      lists.set(call.agentId, agentLists);
    }
    agentLists.set(call.aiScorers, (agentLists.get(call.aiScorers) ?? 0) + 1);
  }
  const uses: ScorerUseRecord[] = [];
  for (const [agentId, agentLists] of lists) {
    const byScorer = new Map<string, ScorerUseRecord>();
    for (const [list, count] of agentLists)
      for (const { scorer, model } of list) {
        const key = `${scorer}\u0000${model === null ? '\u0001' : model}`;
        const entry = byScorer.get(key);
        if (entry) entry.calls += count;
        else byScorer.set(key, { agentId, scorer, model, calls: count });
      }
    uses.push(...byScorer.values());
  }
  return uses;
};

/** The scorers of these agents' AI scores, summed per scorer and model. */
const scorerUses = (records: readonly ScorerUseRecord[], agentIds: ReadonlySet<string>): ScorerUse[] => {
  const byScorer = new Map<string, ScorerUse>();
  for (const record of records) {
    if (!agentIds.has(record.agentId)) continue;
    const key = `${record.scorer}\u0000${record.model ?? ''}`;
    const entry = byScorer.get(key) ?? { scorer: record.scorer, model: record.model, calls: 0 };
    entry.calls += record.calls;
    byScorer.set(key, entry);
  }
  return [...byScorer.values()];
};

/** Which scorer made these agents' scores, and its agreement with the team's reviewers (the pairs). */
const trustOf = (
  scorers: readonly ScorerUseRecord[],
  agentIds: readonly string[],
  pairs: readonly ScorerPair[],
  criteria: readonly Criterion[],
  thresholds: ReadinessThresholds,
): ScorerTrust => assessScorerTrust({ scorers: scorerUses(scorers, new Set(agentIds)), pairs, criteria, thresholds });

const agentRef = (agent: AgentRecord) => ({ id: agent.id, key: agent.key, displayName: agent.displayName });

const readinessInput = (
  agent: AgentRecord,
  data: AgentsData,
  context: {
    criteria: readonly Criterion[];
    thresholds: ReadinessThresholds;
    now: Date;
    timeZone: string;
    pairs: readonly ScorerPair[];
    /** The agent's excluded calls, listed beside the batches (an agent's own report). */
    excludedCalls?: readonly ExcludedCall[];
    callType?: string;
  },
): BuildAgentReadinessInput => ({
  excludedCalls: context.excludedCalls ?? [],
  trust: trustOf(data.scorers, [agent.id], context.pairs, context.criteria, context.thresholds),
  agent: agentRef(agent),
  program: data.programs.get(agent.id) ?? null,
  calls: data.callsByAgent.get(agent.id) ?? [],
  criteria: context.criteria,
  thresholds: context.thresholds,
  approvals: data.decisions.filter((decision) => decision.agentId === agent.id),
  now: context.now,
  timeZone: context.timeZone,
  ...(context.callType ? { callTypes: [context.callType] } : {}),
});

const reportOf = (...args: Parameters<typeof readinessInput>): AgentReadiness => buildAgentReadiness(readinessInput(...args));

/** Everything one agent's report is computed from: loaded once, composed (pure) as often as needed. */
export interface AgentReportSource {
  agent: AgentRecord;
  criteria: Criterion[];
  rubricVersion: number;
  team: TeamRecord | null;
  teammates: AgentRecord[];
  own: AgentsData;
  /** The quotes of the agent's own calls, read for the moments a composition shows (ADR 0041). */
  moments: MomentBook;
  /** The teammates' calls, for their current figures (team findings; null without teammates). */
  others: AgentsData | null;
  exclusions: ExcludedCallRecord[];
  pairs: ScorerPair[];
  callType?: string;
  thresholds: ReadinessThresholds;
}

/**
 * Loads what one agent's report needs. `agent` is a reference (resolved here) or the record a caller
 * already found; `callTypes`, when the caller has them, spare a second read to check `callType`.
 */
/**
 * The agent's open disputes as the scorecard lists them (newest first), the calls named as the report names
 * them (external id, else id); empty without a dispute repository.
 */
export const loadOpenDisputes = async (
  deps: ReadinessDeps,
  source: Pick<AgentReportSource, 'agent' | 'criteria' | 'own'>,
): Promise<ScorecardDispute[]> => {
  if (!deps.disputes) return [];
  const open = await deps.disputes.list({ agentIds: [source.agent.id], state: 'open' });
  const calls = new Map((source.own.callsByAgent.get(source.agent.id) ?? []).map((call) => [call.callId, call]));
  const names = new Map(source.criteria.map((criterion) => [criterion.key, criterion.name]));
  return open.map((dispute) => ({
    id: dispute.id,
    callRef: calls.get(dispute.callId)?.externalId ?? dispute.callId,
    criterionName: names.get(dispute.criterionKey) ?? dispute.criterionKey,
    raisedAt: dispute.createdAt,
  }));
};

export const loadAgentReportSource = async (
  deps: ReadinessDeps,
  input: { agent: string | AgentRecord; callType?: string; thresholds: ReadinessThresholds; callTypes?: readonly CallTypeDef[] },
): Promise<AgentReportSource> => {
  const agent = typeof input.agent === 'string' ? await resolveAgent(deps.directory, input.agent) : input.agent;
  // The agent's own rows depend on nothing else: read while the call type, the rubric, the team and its
  // members are (one round trip less before the report can be composed). Awaited below; a failure of what
  // comes first is told first, and theirs is not left unhandled meanwhile.
  const ownRead = readAgents(deps, [agent.id], null);
  const exclusionsRead = deps.readiness.activeExclusions({ agentIds: [agent.id] });
  ownRead.catch(() => {});
  exclusionsRead.catch(() => {});
  // A call type named by key or name, any case: from here on, its key.
  const callType = input.callType
    ? input.callTypes
      ? assertCallTypeIn(input.callTypes, input.callType)
      : await assertKnownCallType(deps.directory, input.callType)
    : undefined;
  const [rubric, team, members] = await Promise.all([
    requireRubric(deps.directory),
    agent.teamKey ? findTeam(deps.directory, agent.teamKey) : null,
    agent.teamKey ? deps.directory.listAgents({ teamKey: agent.teamKey }) : [],
  ]);
  const teammates = members.filter((member) => member.id !== agent.id);
  const [{ book, ...own }, others, exclusions, pairs] = await Promise.all([
    loadAgents(deps, [agent], rubric.criteria, true, true, ownRead),
    // What team findings need of the teammates: their calls, read as the agent's are (each call's line of
    // scores, ADR 0060), the rubric's criteria only, no quotes and no scorers.
    teammates.length > 0 ? loadAgents(deps, teammates, rubric.criteria, false, false) : null,
    exclusionsRead.then((all) => all.filter((e) => !callType || (e.callType ?? UNSPECIFIED_CALL_TYPE) === callType)),
    // Agreement is measured on this team's calls (the agent's own when they have no team).
    deps.readiness.scorerPairs([agent.id, ...teammates.map((member) => member.id)]),
  ]);
  return {
    agent,
    criteria: rubric.criteria,
    rubricVersion: rubric.version,
    team,
    teammates,
    own,
    moments: book as MomentBook,
    others,
    exclusions,
    pairs,
    thresholds: input.thresholds,
    ...(callType ? { callType } : {}),
  };
};

/**
 * The report of a loaded source as of `now`, with `decisions` recorded since it was loaded counted too.
 * Pure but for the quotes of the moments it shows, which it reads the first time it shows them.
 */
export const composeAgentReport = async (
  source: AgentReportSource,
  now: Date,
  decisions: readonly DecisionRecord[] = [],
): Promise<AgentReadinessReport> => {
  // Everything but the advice reads no quote: built once. Only the advice (recommendations, early
  // warnings, the team-wide marks) runs again when the quotes it showed had to be read (ADR 0047).
  const { figures, exclusions, team, teamFindings } = composeFigures(source, now, decisions);
  return source.moments.settle(() => {
    const report = adviseAgent(figures);
    if (teamFindings) report.recommendations = markTeamWide(report.recommendations, teamFindings, source.criteria);
    return { report, exclusions, team, teamFindings, rubricVersion: source.rubricVersion, generatedAt: now };
  });
};

const composeFigures = (source: AgentReportSource, now: Date, decisions: readonly DecisionRecord[]) => {
  const { agent, team, teammates, others, exclusions, thresholds, criteria } = source;
  const own = decisions.length > 0 ? { ...source.own, decisions: [...source.own.decisions, ...decisions] } : source.own;
  const context = { criteria, thresholds, now, timeZone: team?.timeZone ?? 'UTC', pairs: source.pairs };
  const figures = buildAgentFigures(
    readinessInput(agent, own, {
      ...context,
      excludedCalls: exclusions.map(toExcludedCall),
      ...(source.callType ? { callType: source.callType } : {}),
    }),
  );

  let teamFindings: TeamFindings | null = null;
  if (team && teammates.length > 0) {
    // The agent's own figures across every call type, whatever --type narrowed the report to: the
    // report's own when it is not narrowed (the same batches), computed again when it is.
    const currents = [agent, ...teammates].map((member) => {
      if (member.id === agent.id && !source.callType) return { agent: agentRef(agent), current: figures.readiness.current };
      const data = member.id === agent.id ? own : (others as AgentsData);
      return buildAgentCurrent({
        agent: agentRef(member),
        program: data.programs.get(member.id) ?? null,
        calls: data.callsByAgent.get(member.id) ?? [],
        criteria,
        thresholds,
        now,
      });
    });
    teamFindings = findTeamFindings(currents, criteria, thresholds, { teamKey: team.key });
  }
  return { figures, exclusions, team, teamFindings };
};

/**
 * The readiness report of one agent: per call type status, baseline, batches and current figures,
 * trends, and the if/then recommendations. A criterion that is low across the agent's whole team is
 * flagged as a team-wide gap on the agent's recommendations (a curriculum issue, not this agent's);
 * for that, only the teammates' current figures are computed, not their whole reports.
 */
export const buildReadinessReport = async (
  deps: ReadinessDeps,
  input: { agent: string | AgentRecord; callType?: string; thresholds: ReadinessThresholds; callTypes?: readonly CallTypeDef[] },
): Promise<AgentReadinessReport> => composeAgentReport(await loadAgentReportSource(deps, input), deps.now());

/** Every agent of a team with their readiness, the team-wide findings and the team's weekly trend. */
export const buildTeamReport = async (
  deps: ReadinessDeps,
  input: {
    team: string;
    thresholds: ReadinessThresholds;
    trendWeeks?: number;
    /** Members whose calls one statement reads (default MEMBERS_PER_READ; the same report whatever the size). */
    membersPerRead?: number;
  },
): Promise<TeamReadinessReport> => {
  // Most references are the team's key: its members are read beside the team (one round trip less), and
  // again by the key found when the reference was a name or written otherwise.
  const named = input.team.trim();
  const [team, current, byRef] = await Promise.all([
    findTeam(deps.directory, input.team),
    deps.directory.currentRubric(),
    deps.directory.listAgents({ teamKey: named }),
  ]);
  if (!team) {
    const known = (await deps.directory.listTeams()).map((t) => t.key).join(', ') || '(none configured)';
    throw new AppError('team_unknown', `No team "${input.team}". Configured teams: ${known}.`);
  }
  // An unknown team is told first, as before; then a missing rubric (requireRubric's error).
  const rubric = current ?? (await requireRubric(deps.directory));
  const members = team.key === named ? byRef : await deps.directory.listAgents({ teamKey: team.key });
  const ids = members.map((member) => member.id);
  const criterionKeys = rubric.criteria.map((criterion) => criterion.key);
  const perRead = Math.max(1, input.membersPerRead ?? MEMBERS_PER_READ);
  const slices = Array.from({ length: Math.ceil(members.length / perRead) }, (_, i) => members.slice(i * perRead, (i + 1) * perRead));
  const callReads = slices.map((slice) =>
    deps.readiness.effectiveCalls(
      slice.map((member) => member.id),
      { criterionKeys, quotes: false },
    ),
  );
  // Awaited in order below, stopping at the first failure: the later ones are not left unhandled.
  for (const read of callReads) read.catch(() => {});
  const [decisions, programs, pairs] = await Promise.all([
    deps.readiness.decisions(ids),
    deps.directory.programsForAgents(ids),
    deps.readiness.scorerPairs(ids),
  ]);
  // The scorers are counted from each slice's calls as it comes (scorerUseOf).
  const data: AgentsData = { callsByAgent: new Map(), programs: programInfoOf(programs), decisions, scorers: [] };
  const now = deps.now();
  const context = { criteria: rubric.criteria, thresholds: input.thresholds, now, timeZone: team.timeZone, pairs };
  const reports: AgentReadiness[] = [];
  for (const [index, slice] of slices.entries()) {
    for (const member of slice) data.callsByAgent.set(member.id, []);
    const calls = await (callReads[index] as Promise<EffectiveCall[]>);
    for (const call of calls) data.callsByAgent.get(call.agentId)?.push(toScoredCall(call, rubric.criteria, null));
    data.scorers.push(...scorerUseOf(calls));
    for (const member of slice) reports.push(reportOf(member, data, context));
  }
  const findings = findTeamFindings(reports, rubric.criteria, input.thresholds, { teamKey: team.key });
  for (const report of reports) report.recommendations = markTeamWide(report.recommendations, findings, rubric.criteria);
  const trends = buildTeamTrends({
    members: reports.map((report) => ({
      calls: data.callsByAgent.get(report.agent.id) ?? [],
      program: report.program,
      baseline: report.baseline,
    })),
    criteria: rubric.criteria,
    now,
    timeZone: team.timeZone,
    ...(input.trendWeeks ? { weeks: input.trendWeeks } : {}),
  });
  const trust = trustOf(data.scorers, ids, pairs, rubric.criteria, input.thresholds);
  const consistency = teamConsistency(
    reports.map((report) => ({ calls: data.callsByAgent.get(report.agent.id) ?? [], program: report.program })),
  );
  return { team, agents: reports, trust, findings, trends, consistency, rubricVersion: rubric.version, generatedAt: now };
};
