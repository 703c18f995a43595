import { FRUSTRATION_LEVELS, type CallKind, type Criterion, type Frustration } from '../types.ts';
import {
  thresholdFor,
  type AgentReadiness,
  type ReadinessStatus,
  type ReadinessThresholds,
  type TeamFindings,
  type Trends,
} from '../readiness/index.ts';
import { atLeast, difference, mean } from '../readiness/averages.ts';
import { buildTrendChart } from '../charts/trend-chart.ts';
import { coachingAction } from './coaching-action.ts';
import type { ScoreConsistency } from '../statistics/index.ts';
import type {
  DigestAttention,
  DigestCriterion,
  DigestEarlyWarnings,
  DigestGap,
  DigestGroup,
  DigestPeriod,
  DigestRoleplayGap,
  WeeklyDigest,
} from './types.ts';

/** A team call as the digest reads it (the readiness repository's effective call fits). */
export interface DigestCall {
  callId: string;
  agentId: string;
  callType: string | null;
  kind: CallKind;
  occurredAt: Date;
  frustration: Frustration | null;
  criteria: Record<string, number>;
  /** Criteria with a low-confidence effective score: such a call leaves every figure. */
  unverified?: readonly string[];
}

export interface BuildDigestFiguresInput {
  team: WeeklyDigest['team'];
  period: DigestPeriod;
  /** The team report as of the end of the week: the one decision the digest shares with reports and DMs. */
  atEnd: {
    agents: readonly AgentReadiness[];
    findings: TeamFindings;
    trends: Trends;
    rubricVersion: number;
    consistency: ScoreConsistency;
  };
  /** The team's agents as of the start of the week (who was ready already). */
  atStart: { agents: readonly AgentReadiness[] };
  /** The team's calls up to the end of the week. */
  calls: readonly DigestCall[];
  criteria: readonly Criterion[];
  callTypeNames: Readonly<Record<string, string>>;
  thresholds: ReadinessThresholds;
}

const READY: ReadonlySet<ReadinessStatus> = new Set(['ready', 'approved']);
const FRUSTRATION_LABELS: Record<Frustration, string> = { none: 'calm customers', mild: 'mildly frustrated', high: 'highly frustrated' };

interface GroupInput {
  group: string;
  label: string;
  calls: readonly DigestCall[];
}

const groupFigures = (input: GroupInput, targeted: readonly string[], baselineTargeted: number | null): DigestGroup => {
  const scores = input.calls.flatMap((call) => targeted.flatMap((key) => (call.criteria[key] === undefined ? [] : [call.criteria[key]])));
  const value = mean(scores);
  return { group: input.group, label: input.label, calls: input.calls.length, targeted: value, delta: difference(value, baselineTargeted) };
};

/**
 * Everything the digest says about a team for its week, from the team report as of the end of the week
 * (and, to see who became ready, as of its start). Pure: the use case loads, this decides.
 */
export const buildDigestFigures = (input: BuildDigestFiguresInput): WeeklyDigest => {
  const { team, period, atEnd, atStart, criteria, callTypeNames, thresholds, calls } = input;
  const criterionName = (key: string): string => criteria.find((criterion) => criterion.key === key)?.name ?? key;
  const callTypeName = (key: string): string => callTypeNames[key] ?? key;
  const trends = atEnd.trends;
  const programs = new Map(atEnd.agents.flatMap((report) => (report.program ? [[report.agent.id, report.program] as const] : [])));
  const targetedCriteria = [...new Set(atEnd.agents.flatMap((report) => report.program?.targetedCriteria ?? []))];
  const findingOf = (key: string) => atEnd.findings.criteria.find((finding) => finding.criterion === key);

  const criterionFigures: DigestCriterion[] = criteria.map((criterion) => ({
    key: criterion.key,
    name: criterion.name,
    targeted: targetedCriteria.includes(criterion.key),
    baseline: trends.baseline?.[criterion.key] ?? null,
    postTraining: trends.postTraining.criteria[criterion.key] ?? null,
    delta: trends.deltaVsBaseline[criterion.key] ?? null,
    latest: findingOf(criterion.key)?.teamMean ?? null,
    threshold: thresholdFor(thresholds, criterion.key),
  }));
  const baselineOverall = mean(
    atEnd.agents.flatMap((report) => (report.baseline.calls > 0 && report.baseline.overall !== null ? [report.baseline.overall] : [])),
  );
  const latestOverall = mean(
    atEnd.agents.flatMap((report) =>
      report.current?.overall === null || report.current?.overall === undefined ? [] : [report.current.overall],
    ),
  );
  const overall: DigestCriterion = {
    key: 'overall',
    name: 'Overall',
    targeted: false,
    baseline: baselineOverall,
    postTraining: trends.postTraining.overall,
    delta: difference(trends.postTraining.overall, baselineOverall),
    latest: latestOverall,
    threshold: thresholds.readiness.overall,
  };

  // Calls of the team up to the end of the week, split as the seed's questions ask.
  // Scores that do not verify never decide: those calls leave the digest's figures too.
  const unique = [
    ...new Map(calls.filter((call) => !call.unverified || call.unverified.length === 0).map((call) => [call.callId, call])).values(),
  ];
  const postTraining = unique.filter((call) => {
    const program = programs.get(call.agentId);
    return program !== undefined && call.kind === 'live' && call.occurredAt.getTime() >= program.completesAt.getTime();
  });
  const roleplay = unique.filter((call) => {
    const program = programs.get(call.agentId);
    return program !== undefined && call.kind === 'roleplay' && call.occurredAt.getTime() >= program.startsAt.getTime();
  });
  const baselineTargeted = mean(
    targetedCriteria.flatMap((key) =>
      trends.baseline?.[key] === null || trends.baseline?.[key] === undefined ? [] : [trends.baseline[key]],
    ),
  );
  const callTypeKeys = [...new Set(postTraining.map((call) => call.callType ?? 'unspecified'))].sort();
  const callTypes = callTypeKeys.map((key) =>
    groupFigures(
      { group: key, label: callTypeName(key), calls: postTraining.filter((call) => (call.callType ?? 'unspecified') === key) },
      targetedCriteria,
      baselineTargeted,
    ),
  );
  const frustration = FRUSTRATION_LEVELS.map((level) =>
    groupFigures(
      { group: level, label: FRUSTRATION_LABELS[level], calls: postTraining.filter((call) => call.frustration === level) },
      targetedCriteria,
      baselineTargeted,
    ),
  ).filter((group) => group.calls > 0);

  const roleplayVsLive: DigestRoleplayGap[] = criteria.flatMap((criterion) => {
    const rp = roleplay.flatMap((call) => (call.criteria[criterion.key] === undefined ? [] : [call.criteria[criterion.key] as number]));
    const live = postTraining.flatMap((call) =>
      call.criteria[criterion.key] === undefined ? [] : [call.criteria[criterion.key] as number],
    );
    const rpMean = mean(rp);
    const liveMean = mean(live);
    if (
      rpMean === null ||
      liveMean === null ||
      rp.length < thresholds.rules.minCallsPerGroup ||
      live.length < thresholds.rules.minCallsPerGroup
    )
      return [];
    const gap = rpMean - liveMean;
    return [
      {
        criterion: criterion.key,
        name: criterion.name,
        roleplay: rpMean,
        roleplayCalls: rp.length,
        live: liveMean,
        liveCalls: live.length,
        gap,
        flagged: atLeast(gap, thresholds.rules.roleplayGap),
      },
    ];
  });

  const readyAtStart = new Set(
    atStart.agents.flatMap((report) =>
      report.callTypes.filter((entry) => READY.has(entry.status)).map((entry) => `${report.agent.id}|${entry.callType}`),
    ),
  );
  const becameReady = atEnd.agents.flatMap((report) =>
    report.callTypes
      .filter((entry) => READY.has(entry.status) && !readyAtStart.has(`${report.agent.id}|${entry.callType}`))
      .map((entry) => ({
        agentName: report.agent.displayName,
        callType: entry.callType,
        callTypeName: callTypeName(entry.callType),
        status: entry.status,
      })),
  );

  const nameOf = new Map(atEnd.agents.map((report) => [report.agent.id, report.agent.displayName]));
  const teamWideGaps: DigestGap[] = atEnd.findings.recommendations.map((recommendation) => ({
    criterion: recommendation.criterion ?? '',
    name: criterionName(recommendation.criterion ?? ''),
    teamMean: recommendation.evidence.teamMean,
    threshold: recommendation.evidence.threshold,
    agentsBelow: recommendation.evidence.agentsBelow,
    agentsWithData: recommendation.evidence.agentsWithData,
    namesBelow: recommendation.evidence.agentIdsBelow.map((id) => nameOf.get(id) ?? id),
  }));

  const needsAttention: DigestAttention[] = atEnd.agents.flatMap((report: AgentReadiness) => {
    const actions = report.recommendations
      .filter((recommendation) => !recommendation.teamWide)
      .flatMap((recommendation) => coachingAction(recommendation, criterionName) ?? []);
    return actions.length === 0 ? [] : [{ agentName: report.agent.displayName, actions: [...new Set(actions)] }];
  });

  const weekStartMs = period.start.getTime();
  // The same early warnings `readiness`, `team`, the card and the managers' DMs name, counted per agent.
  const inWeek = (at: Date): boolean => at.getTime() >= weekStartMs && at.getTime() < period.end.getTime();
  const warned = atEnd.agents
    .filter((report) => report.earlyWarnings.length > 0)
    .map((report) => ({
      agentName: report.agent.displayName,
      agentKey: report.agent.key,
      calls: report.earlyWarnings.length,
      thisWeek: report.earlyWarnings.filter((warning) => inWeek(warning.occurredAt)).length,
    }))
    .sort((a, b) => b.calls - a.calls || (a.agentName < b.agentName ? -1 : 1));
  const earlyWarnings: DigestEarlyWarnings = {
    calls: warned.reduce((sum, agent) => sum + agent.calls, 0),
    thisWeek: warned.reduce((sum, agent) => sum + agent.thisWeek, 0),
    agents: warned,
  };

  return {
    team,
    period,
    rubricVersion: atEnd.rubricVersion,
    agents: atEnd.agents.length,
    callsThisWeek: unique.filter((call) => call.kind === 'live' && call.occurredAt.getTime() >= weekStartMs).length,
    postTrainingCalls: postTraining.length,
    targetedCriteria: targetedCriteria.map(criterionName),
    overall,
    criteria: criterionFigures,
    weeklyOverall: trends.weeks.map((week) => ({ weekStart: week.weekStart, calls: week.calls, overall: week.overall })),
    trendChart: buildTrendChart({
      subject: { kind: 'team', key: team.key, name: team.name },
      trends,
      criteria,
      thresholds,
      programs: atEnd.agents.map((report) => report.program),
    }),
    becameReady,
    teamWideGaps,
    roleplayVsLive,
    questions: {
      improvedBy: thresholds.rules.improvedBy,
      minCallsPerGroup: thresholds.rules.minCallsPerGroup,
      targeted: criterionFigures.filter((criterion) => criterion.targeted),
      callTypes,
      frustration,
      adjacent: criterionFigures.filter((criterion) => !criterion.targeted),
    },
    needsAttention,
    earlyWarnings,
    consistency: atEnd.consistency,
  };
};
