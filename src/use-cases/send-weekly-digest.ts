import type { EffectiveCall } from '../domain/stored-records.ts';
import type { Config } from '../config/config-schema.ts';
import { AppError } from '../domain/app-error.ts';
import {
  buildDigestFigures,
  digestPeriod,
  digestRunKey,
  planDigestDeliveries,
  type DigestCopy,
  type WeeklyDigest,
} from '../domain/digest/index.ts';
import type { RunDelivery, Sender } from './sending/sender.ts';
import type { ReadinessRepository, Repositories } from './ports.ts';
import { buildTeamReport, thresholdsFromConfig, type ReadinessDeps } from './build-readiness-report.ts';
import { callTypeNamesOf } from './call-type-names.ts';
import type { ChartPublisher } from './chart-publisher.ts';
import type { PublishedChart } from '../domain/charts/index.ts';
import { findTeam } from './find-team.ts';

// The weekly team digest: the ISO week before `now` (in the team's time zone), claimed under
// `<team>:<ISO week>` so that however many instances run the cron, one sends it. The channel copy names
// people only for good news (who became ready); who needs attention goes to each manager by DM.

export interface DigestLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export type DigestResult =
  | { status: 'sent'; key: string; channel: string | null; directMessages: number }
  | { status: 'already_claimed'; key: string }
  | { status: 'failed'; key: string; error: string };

// ---------------------------------------------------------------- loading

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

/**
 * Everything the digest says about a team for the week before `now`: computed from the team report as
 * of the end of the week (and, to see who became ready, as of its start). Reads only; claims nothing.
 */
export const buildWeeklyDigest = async (
  services: ReadinessDeps,
  input: { team: string; config: Pick<Config, 'thresholds'>; now: Date },
): Promise<WeeklyDigest> => {
  const team = await findTeam(services.directory, input.team);
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
  return buildDigestFigures({
    team: {
      key: team.key,
      name: team.name,
      digestChannel: team.digestChannel,
      managers: team.managers.map((m) => ({ slackUserId: m.slackUserId, name: m.name })),
    },
    period,
    atEnd,
    atStart,
    calls: seen,
    criteria,
    callTypeNames: callTypeNamesOf(callTypeDefs),
    thresholds,
  });
};

// ---------------------------------------------------------------- sending

/** The digest's deliveries, in order: the channel copy, then each manager's DM copy, both showing the chart when there is one. */
const digestDeliveries = (digest: WeeklyDigest, chart: PublishedChart | null): RunDelivery[] => {
  const copies: Record<DigestCopy['audience'], DigestCopy> = {
    channel: { audience: 'channel', digest, chart },
    manager: { audience: 'manager', digest, chart },
  };
  return planDigestDeliveries(digest.team, copies).map((delivery) =>
    delivery.kind === 'channel'
      ? {
          target: `channel:${delivery.channel}`,
          to: { kind: 'channel', channel: delivery.channel },
          message: { kind: 'digest', copy: delivery.message },
        }
      : {
          target: `dm:${delivery.userId}`,
          to: { kind: 'dm', userId: delivery.userId },
          message: { kind: 'digest', copy: delivery.message },
        },
  );
};

/**
 * The weekly digest of one team, through the one sender: it claims `<team>:<ISO week>` (only one
 * instance gets it), posts the team copy to the digest channel (none configured → DM copies only), DMs
 * each manager their copy with who needs attention, and marks the run sent. A failed run, or one whose
 * instance died mid-send (its claim older than `notifications.leaseMinutes`), is taken again by the next
 * run, which sends only what Slack has not accepted yet; a crash between Slack's answer and its record
 * can repeat that one message. Never throws for a failed send: the error is recorded on the run and
 * returned, so the scheduler's process lives on.
 */
export const sendWeeklyDigest = async (input: {
  services: Pick<Repositories, 'directory' | 'readiness' | 'now'>;
  config: Pick<Config, 'thresholds'>;
  sender: Sender<unknown>;
  /** Draws and uploads the team's trend chart for the copies to show; none: the digest goes without a chart. */
  charts?: ChartPublisher;
  now: Date;
  team: string;
  logger?: DigestLogger;
}): Promise<DigestResult> => {
  const { services, logger } = input;
  const team = await findTeam(services.directory, input.team);
  if (!team) throw new AppError('team_unknown', `No team "${input.team}" to send a digest for.`);
  const period = digestPeriod(input.now, team.timeZone);
  const key = digestRunKey(team.key, period);
  const result = await input.sender.sendRun(
    { key, teamId: team.id, periodStart: period.start, periodEnd: period.end, at: services.now() },
    async () => {
      const digest = await buildWeeklyDigest(services, { team: team.key, config: input.config, now: input.now });
      // One chart per team and week, in the channel copy and every manager's copy; drawn and uploaded only
      // by the run that holds the claim. A chart that fails (logged by the publisher) leaves the copies without it.
      const chart = input.charts ? await input.charts.publish(digest.trendChart) : null;
      return digestDeliveries(digest, chart);
    },
  );
  if (result.status === 'already_claimed') {
    logger?.info('digest already claimed by another run', { key });
    return { status: 'already_claimed', key };
  }
  const channel = result.delivered.find((delivery) => delivery.to.kind === 'channel')?.to;
  const directMessages = result.delivered.filter((delivery) => delivery.to.kind === 'dm').length;
  if (result.status === 'failed') {
    logger?.error('digest failed', { key, error: result.error });
    if (result.recordError) logger?.error('could not record the digest failure', { key, error: result.recordError });
    return { status: 'failed', key, error: result.error };
  }
  const channelId = channel?.kind === 'channel' ? channel.channel : null;
  logger?.info('digest sent', { key, channel: channelId, directMessages });
  return { status: 'sent', key, channel: channelId, directMessages };
};
