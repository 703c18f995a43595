import { DEFAULT_NOTIFICATION_LEASE_MINUTES, type Config } from '../config/config-schema.ts';
import type { AgentRecord, TeamRecord } from '../db/directory-repository.ts';
import { leasePolicy, type SlackDelivery } from '../db/outbox-repository.ts';
import { AppError } from '../domain/app-error.ts';
import type { Services } from '../services.ts';
import { describeCallScorer } from '../domain/readiness/index.ts';
import {
  candidateManagerKeys,
  MAX_RECOMMENDATIONS_PER_MESSAGE,
  planManagerNotifications,
  type DirectMessage,
  type ManagerRecommendation,
} from '../domain/notifications/index.ts';
import type { DirectMessenger, RenderDirectMessage } from './direct-messenger.ts';
import { buildReadinessReport, buildTeamReport, type ReadinessDeps, type TeamReadinessReport } from './build-readiness-report.ts';
import { loadScoreSummaries } from './notify/load-score-summaries.ts';
import { requireRubric } from './resolve-names.ts';
import { callTypeNamesOf } from './load-viewer.ts';

// The bot's direct messages, each recommendation or summary sent once per state however many instances run:
//   - managers: one DM per manager, agent and run bundling what is due about the agent: readiness for a
//     call type (with its Approve button) first, then every if/then rule that recommends coaching
//     (team-wide gaps excepted: they are a curriculum issue, told in the digest);
//   - agents: a private summary of each newly scored call.
// Story: load teams and agents → build each team's readiness report → plan the manager DMs (pure:
// planManagerNotifications, from the same team decision as the reports and the digest) → claim each
// outbox key (`<dedupeKey>:<recipient>` per recommendation, `score-summary:<callId>`) → send what was
// claimed → mark sent (with Slack's ts) or failed. A failed send, or a claim still pending a lease after
// it was made (its run died mid-send), is re-claimed by one instance on a later run, until it has had
// `maxAttempts`.

export type NotificationKind = 'readiness' | 'coaching' | 'score_summary';

/** Default window for agent summaries: calls that happened in the last 7 days. */
export const DEFAULT_SUMMARY_WINDOW_DAYS = 7;

/** Sends a notification gets by default: the first, and two retries on later runs. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface PlannedNotification<M = unknown> {
  /** `readiness` when the message holds a readiness (with an Approve button), else its only kind. */
  kind: NotificationKind;
  /** Outbox key (of a bundle, the first: readiness first). */
  key: string;
  /** Every outbox key the message carries: one per recommendation of a manager's bundle. */
  keys: string[];
  /** Slack user id. */
  recipient: string;
  recipientName: string;
  /** The agent the message is about. */
  agentKey: string;
  /** As the renderer made it (Slack's text and blocks). */
  message: M;
}

export interface NotificationRun<M = unknown> {
  dryRun: boolean;
  /** In a dry run: every message that would be sent; otherwise every message this run claimed. */
  planned: PlannedNotification<M>[];
  /** Messages sent (a manager's bundle is one). */
  sent: number;
  /** Outbox keys (recommendations, summaries) claimed by another run or instance first, or sent before: not sent again. */
  alreadyClaimed: number;
  /** Outbox keys whose earlier send had failed, taken back by this run for another attempt. */
  retried: number;
  /** Messages whose send failed: `key` is the message's first outbox key, `keys` all of them. */
  failed: { key: string; keys: string[]; recipient: string; error: string }[];
  skipped: {
    /** Summaries not sent because the agent has no Slack id in the config. */
    agentsWithoutSlackId: number;
    /** Manager messages not sent because the manager has no Slack id in the config. */
    managersWithoutSlackId: number;
    /** Recommendations about an agent whose team lists no manager. */
    withoutManager: number;
    /** Coaching recommendations flagged team-wide: they go to the digest, not per agent. */
    teamWide: number;
    /** Recommendations beyond what one message holds (MAX_RECOMMENDATIONS_PER_MESSAGE): left for the next run. */
    deferredToNextRun: number;
  };
  /** Reports that could not be built (the run went on with the others). */
  errors: string[];
}

export interface SendNotificationsInput<M> {
  services: Services;
  /** `notifications.leaseMinutes`: how long a claim holds (default DEFAULT_NOTIFICATION_LEASE_MINUTES). */
  config: Pick<Config, 'thresholds'> & Partial<Pick<Config, 'notifications'>>;
  /** How a planned DM is rendered (the Slack sender's builders); a dry run returns what it made. */
  render: RenderDirectMessage<M>;
  /** Where DMs go; not used (and may be omitted) in a dry run. */
  slack?: DirectMessenger<M> | null;
  now: Date;
  /** Plan and return the messages without claiming outbox keys or sending. */
  dryRun?: boolean;
  summaryWindowDays?: number;
  /** Sends a notification gets before its failure is final (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** One outbox key of a message: a recommendation of a manager's bundle, or a score summary. */
interface Part {
  kind: NotificationKind;
  key: string;
  payload: Record<string, unknown>;
}

interface Candidate {
  recipient: string;
  recipientName: string;
  agent: AgentRecord;
  parts: Part[];
  /** The message carrying these parts (all of them, or those this run claimed), as domain data. */
  build: (parts: readonly Part[]) => DirectMessage;
}

const messageKind = (parts: readonly Part[]): NotificationKind =>
  parts.some((part) => part.kind === 'readiness') ? 'readiness' : (parts[0] as Part).kind;

export const sendNotifications = async <M>(input: SendNotificationsInput<M>): Promise<NotificationRun<M>> => {
  const { services, now } = input;
  const dryRun = input.dryRun === true;
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!dryRun && !input.slack) {
    throw new AppError('slack_missing', 'Sending notifications needs Slack: set SLACK_BOT_TOKEN, or use --dry-run to see the messages.');
  }
  const run: NotificationRun<M> = {
    dryRun,
    planned: [],
    sent: 0,
    alreadyClaimed: 0,
    retried: 0,
    failed: [],
    skipped: { agentsWithoutSlackId: 0, managersWithoutSlackId: 0, withoutManager: 0, teamWide: 0, deferredToNextRun: 0 },
    errors: [],
  };
  const rubric = await requireRubric(services.directory);
  const deps: ReadinessDeps = { directory: services.directory, readiness: services.readiness, now: () => now };
  const leaseMinutes = input.config.notifications?.leaseMinutes ?? DEFAULT_NOTIFICATION_LEASE_MINUTES;
  const policy = leasePolicy(now, leaseMinutes, maxAttempts);
  /** Keys with nothing to send now: sent, being sent within its lease, or with no attempt left. */
  const alreadyClaimed = (keys: readonly string[]) => services.outbox.settledNotificationKeys(keys, policy);

  const [teams, agents, callTypes] = await Promise.all([
    services.directory.listTeams(),
    services.directory.listAgents({ activeOnly: true }),
    services.directory.callTypes(),
  ]);
  const teamsByKey = new Map<string, TeamRecord>(teams.map((team) => [team.key, team]));
  const agentsById = new Map(agents.map((agent) => [agent.id, agent]));
  const callTypeNames = callTypeNamesOf(callTypes);
  const candidates: Candidate[] = [];

  // ---------------------------------------------------------------- managers: plan (pure) from the team reports
  const teamReports: { team: TeamRecord; report: TeamReadinessReport }[] = [];
  for (const team of teams) {
    try {
      teamReports.push({ team, report: await buildTeamReport(deps, { team: team.key, thresholds: input.config.thresholds }) });
    } catch (error) {
      run.errors.push(`team ${team.key}: ${messageOf(error)}`);
    }
  }
  const planTeams = teamReports.map(({ team, report }) => ({ managers: team.managers, agents: report.agents.filter((agent) => agentsById.has(agent.agent.id)) }));
  const managerPlan = planManagerNotifications({
    teams: planTeams,
    settled: await alreadyClaimed(candidateManagerKeys(planTeams)),
    maxPerMessage: MAX_RECOMMENDATIONS_PER_MESSAGE,
  });
  run.alreadyClaimed += managerPlan.alreadySettled;
  Object.assign(run.skipped, managerPlan.skipped);
  const trustByAgent = new Map(teamReports.flatMap(({ report }) => report.agents.map((agent) => [agent.agent.id, agent.trust] as const)));
  // The team report carries no quoted moments (too heavy for a whole team): the agent's own report does.
  const detailedReports = new Map<string, Promise<Map<string, ManagerRecommendation>>>();
  const detailed = (agent: AgentRecord): Promise<Map<string, ManagerRecommendation>> => {
    const cached = detailedReports.get(agent.id);
    if (cached) return cached;
    const loaded = buildReadinessReport(deps, { agent: agent.key, thresholds: input.config.thresholds }).then(
      (own) => new Map(own.report.recommendations.map((rec) => [rec.dedupeKey, rec as ManagerRecommendation])),
    );
    detailedReports.set(agent.id, loaded);
    return loaded;
  };
  for (const bundle of managerPlan.bundles) {
    const agent = agentsById.get(bundle.agentId) as AgentRecord;
    try {
      let recommendations = bundle.recommendations;
      if (recommendations.some((rec) => rec.rule === 'roleplay_live_gap' || rec.rule === 'below_threshold')) {
        const own = await detailed(agent);
        recommendations = recommendations.map((rec) => own.get(rec.dedupeKey) ?? rec);
      }
      const byKey = new Map(recommendations.map((rec, index) => [bundle.keys[index] as string, rec]));
      candidates.push({
        recipient: bundle.recipient,
        recipientName: bundle.recipientName,
        agent,
        parts: recommendations.map((rec, index) => ({
          kind: rec.rule === 'readiness_reached' ? 'readiness' : 'coaching',
          key: bundle.keys[index] as string,
          payload: { agent: agent.key, rule: rec.rule, callType: rec.callType ?? null, criterion: rec.criterion ?? null, text: rec.message },
        })),
        build: (parts) => ({
          kind: 'manager',
          notification: {
            recommendations: parts.flatMap((part) => byKey.get(part.key) ?? []),
            agent,
            criteria: rubric.criteria,
            callTypeNames,
            trust: trustByAgent.get(agent.id) ?? null,
          },
        }),
      });
    } catch (error) {
      run.errors.push(`${bundle.keys.join(', ')}: ${messageOf(error)}`);
    }
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
      alreadyClaimed,
      scorerNote: (agentId, use) => describeCallScorer(use, trustByAgent.get(agentId) ?? null),
    });
    for (const summary of summaries) {
      if (!summary.agent.slackUserId) {
        run.skipped.agentsWithoutSlackId += 1;
        continue;
      }
      candidates.push({
        recipient: summary.agent.slackUserId,
        recipientName: summary.agent.displayName,
        agent: summary.agent,
        parts: [{ kind: 'score_summary', key: summary.key, payload: { agent: summary.agent.key, call: summary.input.call.externalId ?? summary.input.call.id } }],
        build: () => ({ kind: 'score_summary', summary: summary.input }),
      });
    }
  } catch (error) {
    run.errors.push(`score summaries: ${messageOf(error)}`);
  }

  // ---------------------------------------------------------------- claim, send, record
  const plan = (candidate: Candidate, parts: readonly Part[], message: M): PlannedNotification<M> => ({
    kind: messageKind(parts),
    key: (parts[0] as Part).key,
    keys: parts.map((part) => part.key),
    recipient: candidate.recipient,
    recipientName: candidate.recipientName,
    agentKey: candidate.agent.key,
    message,
  });
  const build = (candidate: Candidate, parts: readonly Part[]): M => input.render(candidate.build(parts));
  /** A new outbox row, or a failed or abandoned one taken back for another attempt; null when another run has it or it is done. */
  const claim = async (candidate: Candidate, part: Part): Promise<string | null> => {
    const first = await services.outbox.claimNotification({ key: part.key, kind: part.kind, recipient: candidate.recipient, payload: part.payload, at: now });
    if (first.claimed) return first.id;
    if (first.status === 'sent') return null;
    const again = await services.outbox.reclaimNotification({ key: part.key, at: now, ...policy });
    if (!again.claimed) return null;
    run.retried += 1;
    return again.id;
  };

  for (const candidate of candidates) {
    const label = candidate.parts.map((part) => part.key).join(', ');
    let message: M;
    try {
      // Built before anything is claimed: a message that cannot be built claims nothing.
      message = build(candidate, candidate.parts);
    } catch (error) {
      run.errors.push(`${label}: ${messageOf(error)}`);
      continue;
    }
    if (dryRun) {
      run.planned.push(plan(candidate, candidate.parts, message));
      continue;
    }
    // Each part is claimed on its own: of a bundle, only what no other run has claimed goes out.
    const claimed: { part: Part; id: string }[] = [];
    try {
      for (const part of candidate.parts) {
        const id = await claim(candidate, part);
        if (id === null) run.alreadyClaimed += 1;
        else claimed.push({ part, id });
      }
      if (claimed.length === 0) continue;
      const parts = claimed.map((entry) => entry.part);
      if (parts.length < candidate.parts.length) message = build(candidate, parts);
    } catch (error) {
      run.errors.push(`${label}: ${messageOf(error)}`);
      // What this run claimed is released as failed, so a later run can try again.
      if (claimed.length > 0) await services.outbox.markNotificationsFailed(claimed.map((entry) => entry.id), messageOf(error)).catch(() => {});
      continue;
    }
    const planned = plan(candidate, claimed.map((entry) => entry.part), message);
    const ids = claimed.map((entry) => entry.id);
    run.planned.push(planned);
    let delivery: SlackDelivery | undefined;
    try {
      delivery = await (input.slack as DirectMessenger<M>).postDirectMessage(candidate.recipient, message);
    } catch (error) {
      const reason = messageOf(error);
      run.failed.push({ key: planned.key, keys: planned.keys, recipient: candidate.recipient, error: reason });
      try {
        await services.outbox.markNotificationsFailed(ids, reason);
      } catch (recordError) {
        run.errors.push(`${planned.keys.join(', ')}: ${messageOf(recordError)}`);
      }
      continue;
    }
    run.sent += 1;
    try {
      await services.outbox.markNotificationsSent(ids, now, delivery);
    } catch (error) {
      // Delivered but not recorded: the rows stay pending, and a run after the lease sends them again (ADR 0010).
      run.errors.push(`${planned.keys.join(', ')}: sent, but not recorded as sent: ${messageOf(error)}`);
    }
  }
  return run;
};
