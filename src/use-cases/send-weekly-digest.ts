import { tz } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfWeek } from 'date-fns';

import type { Config } from '../config/config-schema.ts';
import { AppError, isAppError } from '../domain/app-error.ts';
import { thresholdFor, type AgentReadiness, type ReadinessStatus, type Recommendation } from '../domain/readiness/index.ts';
import { FRUSTRATION_LEVELS, type Frustration } from '../domain/types.ts';
import type { EffectiveCall, ReadinessRepository } from '../db/readiness-repository.ts';
import type { Services } from '../services.ts';
import { buildDigestMessages, type DigestMessages } from '../slack/blocks/build-digest-blocks.ts';
import type { SlackMessage } from '../slack/blocks/limits.ts';
import { buildTeamReport, thresholdsFromConfig, type ReadinessDeps } from './build-readiness-report.ts';

// The weekly team digest: the ISO week before `now` (in the team's time zone), claimed under
// `<team>:<ISO week>` so that however many instances run the cron, one sends it. The channel copy names
// people only for good news (who became ready); who needs attention goes to each manager by DM.

/** Where the digest goes; the composition root adapts the Slack Web API to this. */
export interface DigestSlack {
  postMessage(channel: string, message: SlackMessage): Promise<void>;
  /** A DM from the bot to this Slack user. */
  postDirectMessage(userId: string, message: SlackMessage): Promise<void>;
}

export interface DigestPeriod {
  /** Monday 00:00 of the reported week in the team's time zone. */
  start: Date;
  /** Exclusive: Monday 00:00 of the week after. */
  end: Date;
  /** e.g. "2026-W39". */
  isoWeek: string;
  timeZone: string;
}

/** Figures of one criterion (or the overall, key 'overall'): team baseline, post-training, latest batches. */
export interface DigestCriterion {
  key: string;
  name: string;
  targeted: boolean;
  baseline: number | null;
  postTraining: number | null;
  delta: number | null;
  /** Team mean of the agents' latest batches, compared with the threshold. */
  latest: number | null;
  threshold: number;
}

export interface DigestGroup {
  /** Call type key or frustration level. */
  group: string;
  label: string;
  calls: number;
  /** Mean of the targeted criteria in the group's post-training live calls. */
  targeted: number | null;
  /** That minus the team baseline of the targeted criteria. */
  delta: number | null;
}

export interface DigestGap {
  criterion: string;
  name: string;
  teamMean: number;
  threshold: number;
  agentsBelow: number;
  agentsWithData: number;
  /** Names of the agents below: for the managers' copy only. */
  namesBelow: string[];
}

export interface DigestRoleplayGap {
  criterion: string;
  name: string;
  roleplay: number;
  roleplayCalls: number;
  live: number;
  liveCalls: number;
  gap: number;
  /** gap ≥ rules.roleplayGap. */
  flagged: boolean;
}

export interface DigestAttention {
  agentName: string;
  /** One line per coaching recommendation: what to do. */
  actions: string[];
}

export interface WeeklyDigest {
  team: { key: string; name: string; digestChannel: string | null; managers: { slackUserId: string | null; name: string | null }[] };
  period: DigestPeriod;
  rubricVersion: number;
  agents: number;
  callsThisWeek: number;
  postTrainingCalls: number;
  targetedCriteria: string[];
  overall: DigestCriterion;
  criteria: DigestCriterion[];
  /** Overall team mean per ISO week, the reported week last (8 weeks). */
  weeklyOverall: { weekStart: Date; calls: number; overall: number | null }[];
  becameReady: { agentName: string; callType: string; callTypeName: string; status: ReadinessStatus }[];
  teamWideGaps: DigestGap[];
  roleplayVsLive: DigestRoleplayGap[];
  /** The seed's questions. `improvedBy` is the rules' improvement bound (points). */
  questions: {
    improvedBy: number;
    minCallsPerGroup: number;
    targeted: DigestCriterion[];
    callTypes: DigestGroup[];
    frustration: DigestGroup[];
    adjacent: DigestCriterion[];
  };
  needsAttention: DigestAttention[];
}

export interface DigestLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export type DigestResult =
  | { status: 'sent'; key: string; channel: string | null; directMessages: number }
  | { status: 'already_claimed'; key: string }
  | { status: 'failed'; key: string; error: string };

// ---------------------------------------------------------------- period

/** The ISO week before the week of `now`, in `timeZone` (Monday to Monday). */
export const digestPeriod = (now: Date, timeZone: string): DigestPeriod => {
  const zone = tz(timeZone);
  const end = startOfWeek(now, { in: zone, weekStartsOn: 1 });
  const start = addWeeks(end, -1, { in: zone });
  const week = getISOWeek(start, { in: zone });
  return {
    start: new Date(start.getTime()),
    end: new Date(end.getTime()),
    isoWeek: `${getISOWeekYear(start, { in: zone })}-W${String(week).padStart(2, '0')}`,
    timeZone,
  };
};

/** The outbox key of a team's digest for a period: one send per team and ISO week. */
export const digestRunKey = (teamKey: string, period: DigestPeriod): string => `${teamKey}:${period.isoWeek}`;

// ---------------------------------------------------------------- building

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
const minus = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : a - b;

/**
 * The readiness deps seen as of `cutoff`: only calls and approvals before it, and `now` just before it,
 * so a report describes the period and not what happened since. The calls read are kept in `seen`.
 */
const asOf = (deps: ReadinessDeps, cutoff: Date, seen?: EffectiveCall[]): ReadinessDeps => {
  const readiness: ReadinessRepository = {
    ...deps.readiness,
    effectiveCalls: async (...args: Parameters<ReadinessRepository['effectiveCalls']>) => {
      const calls = (await deps.readiness.effectiveCalls(...args)).filter((call) => call.occurredAt.getTime() < cutoff.getTime());
      seen?.push(...calls);
      return calls;
    },
    decisions: async (...args: Parameters<ReadinessRepository['decisions']>) =>
      (await deps.readiness.decisions(...args)).filter((decision) => decision.approvedAt.getTime() < cutoff.getTime()),
  };
  return { directory: deps.directory, readiness, now: () => new Date(cutoff.getTime() - 1) };
};

const READY: ReadonlySet<ReadinessStatus> = new Set(['ready', 'approved']);
const FRUSTRATION_LABELS: Record<Frustration, string> = { none: 'calm customers', mild: 'mildly frustrated', high: 'highly frustrated' };

/** The one-line coaching action of a recommendation (the full message is in /readiness). */
const actionOf = (recommendation: Recommendation, criterionName: (key: string) => string): string | null => {
  const on = recommendation.callType ? ` on ${recommendation.callType}` : '';
  switch (recommendation.rule) {
    case 'unchanged_from_baseline':
      return `${criterionName(recommendation.criterion ?? '')}${on} unchanged from baseline (${recommendation.evidence.delta >= 0 ? '+' : '−'}${Math.abs(recommendation.evidence.delta).toFixed(1)}): practise with harder, emotionally escalating scenarios.`;
    case 'improved_then_dropped':
      return `${criterionName(recommendation.criterion ?? '')}${on} improved then dropped ${recommendation.evidence.drop.toFixed(1)} points: add a reinforcement coaching session.`;
    case 'call_type_variance':
      return `Scores drop on ${recommendation.evidence.weakCallTypes.map((group) => group.group).join(', ')} (spread ${recommendation.evidence.spread.toFixed(1)}): check the training covered those calls.`;
    case 'roleplay_live_gap':
      return `${criterionName(recommendation.criterion ?? '')} ${recommendation.evidence.gap.toFixed(1)} points lower live than in roleplay: harder practice or brief live coaching on the quoted moments.`;
    default:
      return null;
  }
};

interface GroupInput {
  group: string;
  label: string;
  calls: readonly EffectiveCall[];
}

const groupFigures = (input: GroupInput, targeted: readonly string[], baselineTargeted: number | null): DigestGroup => {
  const scores = input.calls.flatMap((call) => targeted.flatMap((key) => (call.criteria[key] === undefined ? [] : [call.criteria[key]])));
  const value = mean(scores);
  return { group: input.group, label: input.label, calls: input.calls.length, targeted: value, delta: minus(value, baselineTargeted) };
};

/**
 * Everything the digest says about a team for the week before `now`: computed from the team report as
 * of the end of the week (and, to see who became ready, as of its start). Reads only; claims nothing.
 */
export const buildWeeklyDigest = async (
  services: ReadinessDeps,
  input: { team: string; config: Pick<Config, 'thresholds'>; now: Date },
): Promise<WeeklyDigest> => {
  const team = await services.directory.findTeam(input.team);
  if (!team) {
    const known = (await services.directory.listTeams()).map((t) => t.key).join(', ') || '(none configured)';
    throw new AppError('team_unknown', `No team "${input.team}". Configured teams: ${known}.`);
  }
  const thresholds = thresholdsFromConfig(input.config);
  const period = digestPeriod(input.now, team.timeZone);
  const seen: EffectiveCall[] = [];
  const [atEnd, atStart, callTypeDefs] = await Promise.all([
    buildTeamReport(asOf(services, period.end, seen), { team: team.key, thresholds }),
    buildTeamReport(asOf(services, period.start), { team: team.key, thresholds }),
    services.directory.callTypes(),
  ]);
  const criteria = (await services.directory.currentRubric())?.criteria ?? [];
  const criterionName = (key: string): string => criteria.find((criterion) => criterion.key === key)?.name ?? key;
  const callTypeName = (key: string): string => callTypeDefs.find((def) => def.key === key)?.name ?? key;
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
  const baselineOverall = mean(atEnd.agents.flatMap((report) => (report.baseline.calls > 0 && report.baseline.overall !== null ? [report.baseline.overall] : [])));
  const latestOverall = mean(atEnd.agents.flatMap((report) => (report.current?.overall === null || report.current?.overall === undefined ? [] : [report.current.overall])));
  const overall: DigestCriterion = {
    key: 'overall',
    name: 'Overall',
    targeted: false,
    baseline: baselineOverall,
    postTraining: trends.postTraining.overall,
    delta: minus(trends.postTraining.overall, baselineOverall),
    latest: latestOverall,
    threshold: thresholds.readiness.overall,
  };

  // Calls of the team up to the end of the week, split as the seed's questions ask.
  const unique = [...new Map(seen.map((call) => [call.callId, call])).values()];
  const postTraining = unique.filter((call) => {
    const program = programs.get(call.agentId);
    return program !== undefined && call.kind === 'live' && call.occurredAt.getTime() >= program.completesAt.getTime();
  });
  const roleplay = unique.filter((call) => {
    const program = programs.get(call.agentId);
    return program !== undefined && call.kind === 'roleplay' && call.occurredAt.getTime() >= program.startsAt.getTime();
  });
  const baselineTargeted = mean(targetedCriteria.flatMap((key) => (trends.baseline?.[key] === null || trends.baseline?.[key] === undefined ? [] : [trends.baseline[key]])));
  const callTypeKeys = [...new Set(postTraining.map((call) => call.callType ?? 'unspecified'))].sort();
  const callTypes = callTypeKeys.map((key) =>
    groupFigures({ group: key, label: callTypeName(key), calls: postTraining.filter((call) => (call.callType ?? 'unspecified') === key) }, targetedCriteria, baselineTargeted),
  );
  const frustration = FRUSTRATION_LEVELS.map((level) =>
    groupFigures({ group: level, label: FRUSTRATION_LABELS[level], calls: postTraining.filter((call) => call.frustration === level) }, targetedCriteria, baselineTargeted),
  ).filter((group) => group.calls > 0);

  const roleplayVsLive: DigestRoleplayGap[] = criteria.flatMap((criterion) => {
    const rp = roleplay.flatMap((call) => (call.criteria[criterion.key] === undefined ? [] : [call.criteria[criterion.key] as number]));
    const live = postTraining.flatMap((call) => (call.criteria[criterion.key] === undefined ? [] : [call.criteria[criterion.key] as number]));
    const rpMean = mean(rp);
    const liveMean = mean(live);
    if (rpMean === null || liveMean === null || rp.length < thresholds.rules.minCallsPerGroup || live.length < thresholds.rules.minCallsPerGroup) return [];
    const gap = rpMean - liveMean;
    return [{ criterion: criterion.key, name: criterion.name, roleplay: rpMean, roleplayCalls: rp.length, live: liveMean, liveCalls: live.length, gap, flagged: gap >= thresholds.rules.roleplayGap - 1e-9 }];
  });

  const readyAtStart = new Set(
    atStart.agents.flatMap((report) => report.callTypes.filter((entry) => READY.has(entry.status)).map((entry) => `${report.agent.id}|${entry.callType}`)),
  );
  const becameReady = atEnd.agents.flatMap((report) =>
    report.callTypes
      .filter((entry) => READY.has(entry.status) && !readyAtStart.has(`${report.agent.id}|${entry.callType}`))
      .map((entry) => ({ agentName: report.agent.displayName, callType: entry.callType, callTypeName: callTypeName(entry.callType), status: entry.status })),
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
      .flatMap((recommendation) => actionOf(recommendation, criterionName) ?? []);
    return actions.length === 0 ? [] : [{ agentName: report.agent.displayName, actions: [...new Set(actions)] }];
  });

  const weekStartMs = period.start.getTime();
  return {
    team: { key: team.key, name: team.name, digestChannel: team.digestChannel, managers: team.managers.map((m) => ({ slackUserId: m.slackUserId, name: m.name })) },
    period,
    rubricVersion: atEnd.rubricVersion,
    agents: atEnd.agents.length,
    callsThisWeek: unique.filter((call) => call.kind === 'live' && call.occurredAt.getTime() >= weekStartMs).length,
    postTrainingCalls: postTraining.length,
    targetedCriteria: targetedCriteria.map(criterionName),
    overall,
    criteria: criterionFigures,
    weeklyOverall: trends.weeks.map((week) => ({ weekStart: week.weekStart, calls: week.calls, overall: week.overall })),
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
  };
};

// ---------------------------------------------------------------- sending

const describeError = (error: unknown): string =>
  isAppError(error) ? error.userMessage : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Sends everything it can; returns one line per failed delivery. */
const deliver = async (slack: DigestSlack, digest: WeeklyDigest, messages: DigestMessages): Promise<{ errors: string[]; channel: string | null; directMessages: number }> => {
  const errors: string[] = [];
  let channel: string | null = null;
  let directMessages = 0;
  if (digest.team.digestChannel) {
    try {
      await slack.postMessage(digest.team.digestChannel, messages.channel);
      channel = digest.team.digestChannel;
    } catch (error) {
      errors.push(`channel ${digest.team.digestChannel}: ${describeError(error)}`);
    }
  }
  for (const manager of digest.team.managers) {
    if (!manager.slackUserId) continue;
    try {
      await slack.postDirectMessage(manager.slackUserId, messages.manager);
      directMessages += 1;
    } catch (error) {
      errors.push(`DM ${manager.slackUserId}: ${describeError(error)}`);
    }
  }
  return { errors, channel, directMessages };
};

/**
 * The weekly digest of one team: claims `<team>:<ISO week>` (only one instance gets it), posts the
 * team copy to the digest channel (none configured → DM copies only), DMs each manager their copy with
 * who needs attention, and marks the run sent. Never throws for a failed send: the error is recorded on
 * the run and returned, so the scheduler's process lives on.
 */
export const sendWeeklyDigest = async (input: {
  services: Services;
  config: Pick<Config, 'thresholds'>;
  slack: DigestSlack;
  now: Date;
  team: string;
  logger?: DigestLogger;
}): Promise<DigestResult> => {
  const { services, logger } = input;
  const team = await services.directory.findTeam(input.team);
  if (!team) throw new AppError('team_unknown', `No team "${input.team}" to send a digest for.`);
  const period = digestPeriod(input.now, team.timeZone);
  const key = digestRunKey(team.key, period);
  const claim = await services.outbox.claimDigestRun({ key, teamId: team.id, periodStart: period.start, periodEnd: period.end, at: services.now() });
  if (!claim.claimed) {
    logger?.info('digest already claimed by another run', { key });
    return { status: 'already_claimed', key };
  }
  try {
    const digest = await buildWeeklyDigest(services, { team: team.key, config: input.config, now: input.now });
    const sent = await deliver(input.slack, digest, buildDigestMessages(digest));
    if (sent.errors.length > 0) throw new Error(`not delivered: ${sent.errors.join('; ')}`);
    await services.outbox.markDigestSent(claim.id, services.now());
    logger?.info('digest sent', { key, channel: sent.channel, directMessages: sent.directMessages });
    return { status: 'sent', key, channel: sent.channel, directMessages: sent.directMessages };
  } catch (error) {
    const message = describeError(error);
    logger?.error('digest failed', { key, error: message });
    await services.outbox
      .markDigestFailed(claim.id, message)
      .catch((updateError: unknown) => logger?.error('could not record the digest failure', { key, error: describeError(updateError) }));
    return { status: 'failed', key, error: message };
  }
};
