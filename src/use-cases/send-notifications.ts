import { DEFAULT_DISPUTE_WINDOW_DAYS, type Config } from '../config/config-schema.ts';
import { AppError } from '../domain/app-error.ts';
import type { Repositories } from './ports.ts';
import { messageKind, type NotificationKind, type PlannedDirectMessage } from '../domain/notifications/index.ts';
import { DEFAULT_SUMMARY_WINDOW_DAYS, loadNotificationPlan } from './notify/load-notification-plan.ts';
import type { Destination } from './sending/outgoing-message.ts';
import { DEFAULT_MAX_ATTEMPTS, type Sender } from './sending/sender.ts';

// The bot's direct messages, each recommendation or summary sent once per state however many instances run:
//   - managers: one DM per manager, agent and run bundling what is due about the agent: readiness for a
//     call type (with its Approve button) first, then every if/then rule that recommends coaching
//     (team-wide gaps excepted: they are a curriculum issue, told in the digest);
//   - agents: a private summary of each newly scored call.
// Two halves: planning (loadNotificationPlan reads, the domain's planners decide: pure) and delivery
// (the one sender claims each outbox key, `<dedupeKey>:<recipient>` per recommendation,
// `score-summary:<callId>`, posts what was claimed and records it sent, with Slack's ts, or failed). A
// failed send, or a claim still pending a lease after it was made (its run died mid-send), is
// re-claimed by one instance on a later run, until it has had the sender's attempts.

export { DEFAULT_MAX_ATTEMPTS, DEFAULT_SUMMARY_WINDOW_DAYS, type NotificationKind };

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
  /** As the sender rendered it (Slack's text and blocks). */
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
  services: Pick<Repositories, 'calls' | 'scores' | 'directory' | 'readiness' | 'outbox' | 'disputes'>;
  /** `disputes.windowDays`: an open dispute older than that expires before the run plans (default 14). */
  config: Pick<Config, 'thresholds'> & Partial<Pick<Config, 'disputes'>>;
  /** The one sender: renders each message, and (unless a dry run) claims, posts and records it. */
  sender: Sender<M>;
  now: Date;
  /** Plan and return the rendered messages without claiming outbox keys or sending. */
  dryRun?: boolean;
  summaryWindowDays?: number;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const plannedOf = <M>(message: PlannedDirectMessage, keys: readonly string[], rendered: M): PlannedNotification<M> => {
  const parts = message.parts.filter((part) => keys.includes(part.key));
  return {
    kind: messageKind(parts),
    key: keys[0] as string,
    keys: [...keys],
    recipient: message.recipient,
    recipientName: message.recipientName,
    agentKey: message.agentKey,
    message: rendered,
  };
};

/** A DM to the recipient, or the thread the message belongs in (for all, or for the recipient only). */
const destinationOf = (message: PlannedDirectMessage): Destination => {
  const { thread } = message;
  if (!thread) return { kind: 'dm', userId: message.recipient };
  return thread.ephemeral
    ? { kind: 'ephemeral', channel: thread.channel, userId: message.recipient, threadTs: thread.threadTs }
    : { kind: 'channel', channel: thread.channel, threadTs: thread.threadTs };
};

export const sendNotifications = async <M>(input: SendNotificationsInput<M>): Promise<NotificationRun<M>> => {
  const { services, now, sender } = input;
  const dryRun = input.dryRun === true;
  if (!dryRun && !sender.canPost) {
    throw new AppError('slack_missing', 'Sending notifications needs Slack: set SLACK_BOT_TOKEN, or use --dry-run to see the messages.');
  }
  if (!dryRun) {
    const windowDays = input.config.disputes?.windowDays ?? DEFAULT_DISPUTE_WINDOW_DAYS;
    await services.disputes.expire(new Date(now.getTime() - windowDays * 86_400_000), now);
  }
  const plan = await loadNotificationPlan(services, {
    config: input.config,
    now,
    policy: sender.policy(now),
    ...(input.summaryWindowDays === undefined ? {} : { summaryWindowDays: input.summaryWindowDays }),
  });
  const run: NotificationRun<M> = {
    dryRun,
    planned: [],
    sent: 0,
    alreadyClaimed: plan.alreadySettled,
    retried: 0,
    failed: [],
    skipped: plan.skipped,
    errors: plan.errors,
  };

  for (const message of plan.messages) {
    const keys = message.parts.map((part) => part.key);
    const label = keys.join(', ');
    if (dryRun) {
      try {
        run.planned.push(plannedOf(message, keys, sender.render(message.build(message.parts))));
      } catch (error) {
        run.errors.push(`${label}: ${messageOf(error)}`);
      }
      continue;
    }
    const result = await sender.send({ to: destinationOf(message), parts: message.parts, build: message.build }, now);
    switch (result.status) {
      case 'unbuildable':
        run.errors.push(`${label}: ${result.error}`);
        break;
      case 'settled':
        run.alreadyClaimed += result.alreadyClaimed;
        break;
      case 'claim_failed':
        run.alreadyClaimed += result.alreadyClaimed;
        run.retried += result.retried;
        run.errors.push(`${label}: ${result.error}`);
        break;
      case 'post_failed': {
        run.alreadyClaimed += result.alreadyClaimed;
        run.retried += result.retried;
        const planned = plannedOf(message, result.keys, result.message);
        run.planned.push(planned);
        run.failed.push({ key: planned.key, keys: planned.keys, recipient: message.recipient, error: result.error });
        if (result.recordError) run.errors.push(`${planned.keys.join(', ')}: ${result.recordError}`);
        break;
      }
      case 'sent': {
        run.alreadyClaimed += result.alreadyClaimed;
        run.retried += result.retried;
        const planned = plannedOf(message, result.keys, result.message);
        run.planned.push(planned);
        run.sent += 1;
        if (result.recordError) run.errors.push(`${planned.keys.join(', ')}: sent, but not recorded as sent: ${result.recordError}`);
        break;
      }
    }
  }
  return run;
};
