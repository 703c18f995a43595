import type { Config } from '../../config/config-schema.ts';
import { readinessThreshold } from '../../config/config-lookups.ts';
import type { AgentRecord, TeamRecord } from '../../domain/records.ts';
import type { ReclaimPolicy } from '../../domain/notifications/lease-policy.ts';
import type { Repositories } from '../ports.ts';
import { describeCallScorer } from '../../domain/readiness/index.ts';
import {
  candidateEarlyWarningKeys,
  planEarlyWarnings,
  candidateManagerKeys,
  MAX_RECOMMENDATIONS_PER_MESSAGE,
  planManagerMessage,
  planManagerNotifications,
  planScoreSummaryMessage,
  type ManagerRecommendation,
  type PlannedDirectMessage,
} from '../../domain/notifications/index.ts';
import { buildReadinessReport, buildTeamReport, type ReadinessDeps, type TeamReadinessReport } from '../build-readiness-report.ts';
import { callTypeNamesOf } from '../call-type-names.ts';
import { requireRubric } from '../resolve-names.ts';
import { loadDisputeMessages } from './load-dispute-messages.ts';
import { loadPostedCallMessages } from './load-posted-call-messages.ts';
import { loadScoreSummaries } from './load-score-summaries.ts';

// The notification run's reading half: load the teams' reports (the same team decision as the reports
// and the digest) and the scored calls, ask the outbox which keys are settled, and let the domain's
// pure planners turn them into DMs. Sends nothing, claims nothing.

export interface NotificationPlan {
  messages: PlannedDirectMessage[];
  /** Keys already sent, being sent within their lease, or out of attempts: not planned again. */
  alreadySettled: number;
  skipped: {
    agentsWithoutSlackId: number;
    managersWithoutSlackId: number;
    withoutManager: number;
    teamWide: number;
    deferredToNextRun: number;
  };
  /** Reports or messages that could not be loaded (the plan goes on with the others). */
  errors: string[];
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Default window for agent summaries: calls that happened in the last 7 days. */
export const DEFAULT_SUMMARY_WINDOW_DAYS = 7;

export const loadNotificationPlan = async (
  services: Pick<Repositories, 'calls' | 'scores' | 'directory' | 'readiness' | 'outbox' | 'disputes'>,
  input: { config: Pick<Config, 'thresholds'>; now: Date; policy: ReclaimPolicy; summaryWindowDays?: number },
): Promise<NotificationPlan> => {
  const { now } = input;
  const plan: NotificationPlan = {
    messages: [],
    alreadySettled: 0,
    skipped: { agentsWithoutSlackId: 0, managersWithoutSlackId: 0, withoutManager: 0, teamWide: 0, deferredToNextRun: 0 },
    errors: [],
  };
  const rubric = await requireRubric(services.directory);
  const deps: ReadinessDeps = { directory: services.directory, readiness: services.readiness, now: () => now };
  /** Keys with nothing to send now: sent, being sent within its lease, or with no attempt left. */
  const alreadyClaimed = (keys: readonly string[]) => services.outbox.settledNotificationKeys(keys, input.policy);

  const [teams, agents, callTypes] = await Promise.all([
    services.directory.listTeams(),
    services.directory.listAgents({ activeOnly: true }),
    services.directory.callTypes(),
  ]);
  const teamsByKey = new Map<string, TeamRecord>(teams.map((team) => [team.key, team]));
  const agentsById = new Map(agents.map((agent) => [agent.id, agent]));
  const callTypeNames = callTypeNamesOf(callTypes);

  // ---------------------------------------------------------------- managers: from the team reports
  const teamReports: { team: TeamRecord; report: TeamReadinessReport }[] = [];
  for (const team of teams) {
    try {
      teamReports.push({ team, report: await buildTeamReport(deps, { team: team.key, thresholds: input.config.thresholds }) });
    } catch (error) {
      plan.errors.push(`team ${team.key}: ${messageOf(error)}`);
    }
  }
  const planTeams = teamReports.map(({ team, report }) => ({
    managers: team.managers,
    agents: report.agents.filter((agent) => agentsById.has(agent.agent.id)),
  }));
  const managerPlan = planManagerNotifications({
    teams: planTeams,
    settled: await alreadyClaimed(candidateManagerKeys(planTeams)),
    maxPerMessage: MAX_RECOMMENDATIONS_PER_MESSAGE,
  });
  plan.alreadySettled += managerPlan.alreadySettled;
  Object.assign(plan.skipped, managerPlan.skipped);
  const trustByAgent = new Map(teamReports.flatMap(({ report }) => report.agents.map((agent) => [agent.agent.id, agent.trust] as const)));
  // The team report carries no quoted moments (too heavy for a whole team): the agent's own report does.
  const ownReports = new Map<string, ReturnType<typeof buildReadinessReport>>();
  const ownReport = (agent: AgentRecord): ReturnType<typeof buildReadinessReport> => {
    const cached = ownReports.get(agent.id);
    if (cached) return cached;
    const loaded = buildReadinessReport(deps, { agent: agent.key, thresholds: input.config.thresholds });
    ownReports.set(agent.id, loaded);
    return loaded;
  };
  const detailed = async (agent: AgentRecord): Promise<Map<string, ManagerRecommendation>> =>
    new Map((await ownReport(agent)).report.recommendations.map((rec) => [rec.dedupeKey, rec as ManagerRecommendation]));
  for (const bundle of managerPlan.bundles) {
    const agent = agentsById.get(bundle.agentId) as AgentRecord;
    try {
      let recommendations = bundle.recommendations;
      if (recommendations.some((rec) => rec.rule === 'roleplay_live_gap' || rec.rule === 'below_threshold')) {
        const own = await detailed(agent);
        recommendations = recommendations.map((rec) => own.get(rec.dedupeKey) ?? rec);
      }
      plan.messages.push(
        planManagerMessage({
          bundle,
          recommendations,
          agent,
          criteria: rubric.criteria,
          callTypeNames,
          trust: trustByAgent.get(agent.id) ?? null,
        }),
      );
    } catch (error) {
      plan.errors.push(`${bundle.keys.join(', ')}: ${messageOf(error)}`);
    }
  }

  // ---------------------------------------------------------------- managers: early warnings (ADR 0032)
  try {
    const warningTeams = teamReports.map(({ team, report }) => ({
      managers: team.managers,
      agents: report.agents.flatMap((agent) => {
        const record = agentsById.get(agent.agent.id);
        return record ? [{ ...agent, agent: record }] : [];
      }),
    }));
    const warningPlan = planEarlyWarnings({
      teams: warningTeams,
      settled: await alreadyClaimed(candidateEarlyWarningKeys(warningTeams)),
      callTypeNames,
      requiredBatches: input.config.thresholds.batch.required,
    });
    plan.alreadySettled += warningPlan.alreadySettled;
    plan.skipped.managersWithoutSlackId += warningPlan.skipped.managersWithoutSlackId;
    plan.skipped.withoutManager += warningPlan.skipped.withoutManager;
    // The team report carries no quoted moments: the planned warnings take them from the agent's own report.
    for (const message of warningPlan.messages) {
      const agent = agents.find((entry) => entry.key === message.agentKey) as AgentRecord;
      const own = await ownReport(agent);
      const moments = new Map(own.report.earlyWarnings.map((warning) => [warning.dedupeKey, warning]));
      const build = message.build;
      plan.messages.push({
        ...message,
        build: (parts) => {
          const built = build(parts);
          if (built.kind !== 'early_warning') return built;
          const detailedWarning = moments.get(built.warning.warning.dedupeKey);
          return detailedWarning ? { ...built, warning: { ...built.warning, warning: detailedWarning } } : built;
        },
      });
    }
  } catch (error) {
    plan.errors.push(`early warnings: ${messageOf(error)}`);
  }

  // ---------------------------------------------------------------- agents: score summaries
  try {
    const windowDays = input.summaryWindowDays ?? DEFAULT_SUMMARY_WINDOW_DAYS;
    const programs = await services.directory.programsForAgents(agents.map((agent) => agent.id));
    const summaries = await loadScoreSummaries(services, {
      agents,
      rubric,
      teams: teamsByKey,
      programs,
      callTypeNames,
      since: new Date(now.getTime() - windowDays * 86_400_000),
      threshold: (criterionKey) => readinessThreshold(input.config, criterionKey),
      alreadyClaimed,
      scorerNote: (agentId, use) => describeCallScorer(use, trustByAgent.get(agentId) ?? null),
    });
    for (const summary of summaries) {
      const message = planScoreSummaryMessage({ key: summary.key, agent: summary.agent, summary: summary.input });
      if (message) plan.messages.push(message);
      else plan.skipped.agentsWithoutSlackId += 1;
    }
  } catch (error) {
    plan.errors.push(`score summaries: ${messageOf(error)}`);
  }

  // ---------------------------------------------------------------- the threads of transcripts posted in a channel
  try {
    const windowDays = input.summaryWindowDays ?? DEFAULT_SUMMARY_WINDOW_DAYS;
    const posted = await loadPostedCallMessages(services, {
      since: new Date(now.getTime() - windowDays * 86_400_000),
      rubric,
      callTypeNames,
      settled: alreadyClaimed,
      scorerNote: (agentId, use) => describeCallScorer(use, trustByAgent.get(agentId) ?? null),
    });
    plan.messages.push(...posted.messages);
    plan.alreadySettled += posted.alreadySettled;
  } catch (error) {
    plan.errors.push(`posted calls: ${messageOf(error)}`);
  }

  // ---------------------------------------------------------------- disputes: to managers while open, the outcome to the agent
  try {
    const disputes = await loadDisputeMessages(services, { now, settled: alreadyClaimed });
    plan.messages.push(...disputes.messages);
    plan.alreadySettled += disputes.alreadySettled;
    plan.skipped.managersWithoutSlackId += disputes.managersWithoutSlackId;
    plan.skipped.agentsWithoutSlackId += disputes.agentsWithoutSlackId;
  } catch (error) {
    plan.errors.push(`disputes: ${messageOf(error)}`);
  }
  return plan;
};
