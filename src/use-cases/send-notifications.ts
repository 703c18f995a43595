import type { Config } from '../config/config-schema.ts';
import type { AgentRecord, TeamRecord } from '../db/directory-repository.ts';
import { AppError } from '../domain/app-error.ts';
import type { Services } from '../services.ts';
import { buildNotificationBlocks, type ManagerRecommendation } from '../slack/blocks/build-notification-blocks.ts';
import { buildScoreSummaryBlocks } from '../slack/blocks/build-score-summary-blocks.ts';
import type { SlackMessage } from '../slack/blocks/limits.ts';
import type { DirectMessenger } from '../slack/send-slack-message.ts';
import { buildReadinessReport, buildTeamReport, type ReadinessDeps } from './build-readiness-report.ts';
import { loadScoreSummaries } from './notify/load-score-summaries.ts';

// The bot's direct messages, each sent once per state however many instances run:
//   - managers: an agent reached readiness for a call type (with the Approve button), or an if/then
//     rule recommends coaching (team-wide gaps excepted: they are a curriculum issue, told in the digest);
//   - agents: a private summary of each newly scored call.
// Story: load teams and agents → build each team's readiness report → plan the messages → claim each
// outbox key (`<dedupeKey>:<recipient>`, `score-summary:<callId>`) → send → mark sent or failed.

export type NotificationKind = 'readiness' | 'coaching' | 'score_summary';

const COACHING_RULES = new Set(['unchanged_from_baseline', 'improved_then_dropped', 'call_type_variance', 'roleplay_live_gap']);

/** Default window for agent summaries: calls that happened in the last 7 days. */
export const DEFAULT_SUMMARY_WINDOW_DAYS = 7;

export interface PlannedNotification {
  kind: NotificationKind;
  /** Outbox key. */
  key: string;
  /** Slack user id. */
  recipient: string;
  recipientName: string;
  /** The agent the message is about. */
  agentKey: string;
  message: SlackMessage;
}

export interface NotificationRun {
  dryRun: boolean;
  /** In a dry run: every message that would be sent; otherwise every message this run claimed. */
  planned: PlannedNotification[];
  sent: number;
  /** Claimed by another run or instance first (or sent before): not sent again. */
  alreadyClaimed: number;
  failed: { key: string; recipient: string; error: string }[];
  skipped: {
    /** Summaries not sent because the agent has no Slack id in the config. */
    agentsWithoutSlackId: number;
    /** Manager messages not sent because the manager has no Slack id in the config. */
    managersWithoutSlackId: number;
    /** Recommendations about an agent whose team lists no manager. */
    withoutManager: number;
    /** Coaching recommendations flagged team-wide: they go to the digest, not per agent. */
    teamWide: number;
  };
  /** Reports that could not be built (the run went on with the others). */
  errors: string[];
}

export interface SendNotificationsInput {
  services: Services;
  config: Pick<Config, 'thresholds'>;
  /** Where DMs go; not used (and may be omitted) in a dry run. */
  slack?: DirectMessenger | null;
  now: Date;
  /** Plan and return the messages without claiming outbox keys or sending. */
  dryRun?: boolean;
  summaryWindowDays?: number;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Candidate {
  kind: NotificationKind;
  key: string;
  recipient: string;
  recipientName: string;
  agent: AgentRecord;
  build: () => SlackMessage;
}

export const sendNotifications = async (input: SendNotificationsInput): Promise<NotificationRun> => {
  const { services, now } = input;
  const dryRun = input.dryRun === true;
  if (!dryRun && !input.slack) {
    throw new AppError('slack_missing', 'Sending notifications needs Slack: set SLACK_BOT_TOKEN, or use --dry-run to see the messages.');
  }
  const run: NotificationRun = {
    dryRun,
    planned: [],
    sent: 0,
    alreadyClaimed: 0,
    failed: [],
    skipped: { agentsWithoutSlackId: 0, managersWithoutSlackId: 0, withoutManager: 0, teamWide: 0 },
    errors: [],
  };
  const rubric = await services.directory.currentRubric();
  if (!rubric) throw new AppError('rubric_missing', 'No rubric has been applied yet: run `npx floorready config apply` first.');
  const deps: ReadinessDeps = { directory: services.directory, readiness: services.readiness, now: () => now };
  const alreadyClaimed = (keys: readonly string[]) => services.outbox.existingNotificationKeys(keys);

  const [teams, agents, callTypes] = await Promise.all([
    services.directory.listTeams(),
    services.directory.listAgents({ activeOnly: true }),
    services.directory.callTypes(),
  ]);
  const teamsByKey = new Map<string, TeamRecord>(teams.map((team) => [team.key, team]));
  const agentsById = new Map(agents.map((agent) => [agent.id, agent]));
  const callTypeNames = Object.fromEntries(callTypes.map((type) => [type.key, type.name]));
  const candidates: Candidate[] = [];

  // ---------------------------------------------------------------- managers: readiness and coaching
  for (const team of teams) {
    try {
      const report = await buildTeamReport(deps, { team: team.key, thresholds: input.config.thresholds });
      for (const agentReport of report.agents) {
        const agent = agentsById.get(agentReport.agent.id);
        if (!agent) continue;
        const recommendations = agentReport.recommendations.filter(
          (rec): rec is ManagerRecommendation => rec.scope === 'agent' && (rec.rule === 'readiness_reached' || COACHING_RULES.has(rec.rule)),
        );
        const toSend: ManagerRecommendation[] = [];
        for (const rec of recommendations) {
          if (rec.rule !== 'readiness_reached' && rec.teamWide) run.skipped.teamWide += 1;
          else toSend.push(rec);
        }
        if (toSend.length === 0) continue;
        if (team.managers.length === 0) {
          run.skipped.withoutManager += toSend.length;
          continue;
        }
        const keyOf = (rec: ManagerRecommendation, managerId: string) => `${rec.dedupeKey}:${managerId}`;
        const managers = team.managers.filter((manager) => manager.slackUserId !== null) as { slackUserId: string; name: string | null }[];
        run.skipped.managersWithoutSlackId += (team.managers.length - managers.length) * toSend.length;
        const claimed = await alreadyClaimed(toSend.flatMap((rec) => managers.map((manager) => keyOf(rec, manager.slackUserId))));
        const open = toSend.filter((rec) => managers.some((manager) => !claimed.has(keyOf(rec, manager.slackUserId))));
        // The team report carries no quoted moments (too heavy for a whole team): the agent's own report does.
        let detailed = open;
        if (open.some((rec) => rec.rule === 'roleplay_live_gap')) {
          const own = await buildReadinessReport(deps, { agent: agent.key, thresholds: input.config.thresholds });
          detailed = open.map((rec) => (own.report.recommendations.find((candidate) => candidate.dedupeKey === rec.dedupeKey) as ManagerRecommendation | undefined) ?? rec);
        }
        // Readiness first: it is the one with a decision to make.
        detailed.sort((a, b) => Number(b.rule === 'readiness_reached') - Number(a.rule === 'readiness_reached'));
        for (const rec of detailed) {
          for (const manager of managers) {
            const key = keyOf(rec, manager.slackUserId);
            if (claimed.has(key)) {
              run.alreadyClaimed += 1;
              continue;
            }
            candidates.push({
              kind: rec.rule === 'readiness_reached' ? 'readiness' : 'coaching',
              key,
              recipient: manager.slackUserId,
              recipientName: manager.name ?? manager.slackUserId,
              agent,
              build: () => buildNotificationBlocks({ recommendation: rec, agent, criteria: rubric.criteria, callTypeNames }),
            });
          }
        }
      }
    } catch (error) {
      run.errors.push(`team ${team.key}: ${messageOf(error)}`);
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
    });
    for (const summary of summaries) {
      if (!summary.agent.slackUserId) {
        run.skipped.agentsWithoutSlackId += 1;
        continue;
      }
      candidates.push({
        kind: 'score_summary',
        key: summary.key,
        recipient: summary.agent.slackUserId,
        recipientName: summary.agent.displayName,
        agent: summary.agent,
        build: () => buildScoreSummaryBlocks(summary.input),
      });
    }
  } catch (error) {
    run.errors.push(`score summaries: ${messageOf(error)}`);
  }

  // ---------------------------------------------------------------- claim, send, record
  for (const candidate of candidates) {
    let message: SlackMessage;
    try {
      const built = candidate.build();
      message = { text: built.text, blocks: built.blocks };
    } catch (error) {
      run.errors.push(`${candidate.key}: ${messageOf(error)}`);
      continue;
    }
    const planned: PlannedNotification = {
      kind: candidate.kind,
      key: candidate.key,
      recipient: candidate.recipient,
      recipientName: candidate.recipientName,
      agentKey: candidate.agent.key,
      message,
    };
    if (dryRun) {
      run.planned.push(planned);
      continue;
    }
    try {
      const claim = await services.outbox.claimNotification({
        key: candidate.key,
        kind: candidate.kind,
        recipient: candidate.recipient,
        payload: { agent: candidate.agent.key, text: message.text },
        at: now,
      });
      if (!claim.claimed) {
        run.alreadyClaimed += 1;
        continue;
      }
      run.planned.push(planned);
      try {
        await (input.slack as DirectMessenger).postDirectMessage(candidate.recipient, message);
        await services.outbox.markNotificationSent(claim.id, now);
        run.sent += 1;
      } catch (error) {
        const reason = messageOf(error);
        run.failed.push({ key: candidate.key, recipient: candidate.recipient, error: reason });
        await services.outbox.markNotificationFailed(claim.id, reason);
      }
    } catch (error) {
      run.errors.push(`${candidate.key}: ${messageOf(error)}`);
    }
  }
  return run;
};
