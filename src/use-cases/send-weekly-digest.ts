import { DEFAULT_NOTIFICATION_LEASE_MINUTES, type Config } from '../config/config-schema.ts';
import { AppError, isAppError } from '../domain/app-error.ts';
import { buildDigestFigures, digestPeriod, digestRunKey, planDigestDeliveries, type DigestCopy, type WeeklyDigest } from '../domain/digest/index.ts';
import type { EffectiveCall, ReadinessRepository } from '../db/readiness-repository.ts';
import { leasePolicy } from '../db/outbox-repository.ts';
import type { Services } from '../services.ts';
import { buildTeamReport, thresholdsFromConfig, type ReadinessDeps } from './build-readiness-report.ts';
import { DEFAULT_MAX_ATTEMPTS } from './send-notifications.ts';
import { callTypeNamesOf } from './load-viewer.ts';

// The weekly team digest: the ISO week before `now` (in the team's time zone), claimed under
// `<team>:<ISO week>` so that however many instances run the cron, one sends it. The channel copy names
// people only for good news (who became ready); who needs attention goes to each manager by DM.

/** Where the digest goes; the composition root adapts the Slack Web API to this, and it renders each copy. */
export interface DigestSlack {
  postMessage(channel: string, copy: DigestCopy): Promise<void>;
  /** A DM from the bot to this Slack user. */
  postDirectMessage(userId: string, copy: DigestCopy): Promise<void>;
}

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
  return buildDigestFigures({
    team: { key: team.key, name: team.name, digestChannel: team.digestChannel, managers: team.managers.map((m) => ({ slackUserId: m.slackUserId, name: m.name })) },
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

const describeError = (error: unknown): string =>
  isAppError(error) ? error.userMessage : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** What a delivery is called in the run's `delivered` list. */
const deliveryTarget = (delivery: { kind: 'channel'; channel: string } | { kind: 'direct'; userId: string }): string =>
  delivery.kind === 'channel' ? `channel:${delivery.channel}` : `dm:${delivery.userId}`;

/**
 * Delivers the plan in order, everything it can, skipping what an earlier attempt already delivered and
 * recording each delivery as Slack accepts it; returns one line per failed delivery.
 */
const deliver = async (
  slack: DigestSlack,
  digest: WeeklyDigest,
  done: { before: readonly string[]; record: (target: string) => Promise<void> },
): Promise<{ errors: string[]; channel: string | null; directMessages: number }> => {
  const errors: string[] = [];
  let channel: string | null = null;
  let directMessages = 0;
  const copies: Record<DigestCopy['audience'], DigestCopy> = { channel: { audience: 'channel', digest }, manager: { audience: 'manager', digest } };
  for (const delivery of planDigestDeliveries(digest.team, copies)) {
    const target = deliveryTarget(delivery);
    if (done.before.includes(target)) continue;
    try {
      if (delivery.kind === 'channel') {
        await slack.postMessage(delivery.channel, delivery.message);
        channel = delivery.channel;
      } else {
        await slack.postDirectMessage(delivery.userId, delivery.message);
        directMessages += 1;
      }
    } catch (error) {
      errors.push(`${delivery.kind === 'channel' ? `channel ${delivery.channel}` : `DM ${delivery.userId}`}: ${describeError(error)}`);
      continue;
    }
    await done.record(target);
  }
  return { errors, channel, directMessages };
};

/**
 * The weekly digest of one team: claims `<team>:<ISO week>` (only one instance gets it), posts the
 * team copy to the digest channel (none configured → DM copies only), DMs each manager their copy with
 * who needs attention, and marks the run sent. A failed run, or one whose instance died mid-send (its
 * claim older than `notifications.leaseMinutes`), is taken again by the next run, which sends only what
 * Slack has not accepted yet; a crash between Slack's answer and its record can repeat that one message. Never throws for a failed send: the error is recorded on
 * the run and returned, so the scheduler's process lives on.
 */
export const sendWeeklyDigest = async (input: {
  services: Services;
  config: Pick<Config, 'thresholds'> & Partial<Pick<Config, 'notifications'>>;
  slack: DigestSlack;
  now: Date;
  team: string;
  logger?: DigestLogger;
  /** Attempts a digest gets before it is left failed (default DEFAULT_MAX_ATTEMPTS, as notifications). */
  maxAttempts?: number;
}): Promise<DigestResult> => {
  const { services, logger } = input;
  const team = await services.directory.findTeam(input.team);
  if (!team) throw new AppError('team_unknown', `No team "${input.team}" to send a digest for.`);
  const period = digestPeriod(input.now, team.timeZone);
  const key = digestRunKey(team.key, period);
  const at = services.now();
  const leaseMinutes = input.config.notifications?.leaseMinutes ?? DEFAULT_NOTIFICATION_LEASE_MINUTES;
  const claim = await services.outbox.claimDigestRun(
    { key, teamId: team.id, periodStart: period.start, periodEnd: period.end, at },
    leasePolicy(at, leaseMinutes, input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
  );
  if (!claim.claimed) {
    logger?.info('digest already claimed by another run', { key });
    return { status: 'already_claimed', key };
  }
  try {
    const digest = await buildWeeklyDigest(services, { team: team.key, config: input.config, now: input.now });
    const sent = await deliver(input.slack, digest, { before: claim.delivered, record: (target) => services.outbox.markDigestDelivered(claim.id, target) });
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
