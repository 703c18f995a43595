import type { SlackDelivery } from '../../domain/stored-records.ts';
import type { OutboxRepository } from '../ports.ts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import { leasePolicy, type ReclaimPolicy } from '../../domain/notifications/lease-policy.ts';
import { recipientOf, type Destination, type OutgoingMessage } from './outgoing-message.ts';

// The one way the app sends (ADR 0029). Use cases produce messages (OutgoingMessage, plain data) with
// their outbox keys; the sender renders them (the Slack renderer in the app, the same one for a dry
// run) and delivers them through the outbox: claim each key (or take back a failed one, or one whose
// claim is older than the lease), post, record sent (with Slack's channel and ts) or failed. One lease
// policy, from the config's `notifications.leaseMinutes`, for DMs, digests, thread replies and disputes.

/** Sends a message gets by default: the first, and two retries on later runs. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** One outbox key of a message: a recommendation of a manager's bundle, a score summary, a reply… */
export interface OutboxPart {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
}

/** A message to send with the outbox keys it carries. */
export interface Envelope {
  to: Destination;
  parts: readonly OutboxPart[];
  /** The message carrying these parts: all of them, or (of a bundle) those this run claimed. Throws when it cannot be built. */
  build: (parts: readonly OutboxPart[]) => OutgoingMessage;
}

/** Where rendered messages go: Slack's Web API in the app and the CLI. Rejects with the Slack error code as the message. */
export interface MessageTransport<M> {
  /** Posts the message, tagged with the outbox keys it carries (so a later attempt can find it). */
  post(to: Destination, message: M, keys?: readonly string[]): Promise<SlackDelivery | undefined>;
  /**
   * Where Slack already shows a message tagged with one of `keys` (a DM an attempt posted but died before
   * recording), or null. Asked before a message taken back is posted again (ADR 0010); absent = not known.
   */
  findDelivered?(to: Destination, keys: readonly string[]): Promise<SlackDelivery | null>;
}

/** An outbox row this sender holds: new, or taken back for another attempt (`retried`). */
export interface HeldClaim {
  id: string;
  part: OutboxPart;
  retried: boolean;
}

/** What became of one envelope. `keys` are the keys this attempt held (claimed), in order. */
export type SendResult<M> =
  /** The message could not be built: nothing claimed. */
  | { status: 'unbuildable'; error: string }
  /** Every key was sent, being sent, or out of attempts: nothing to do. */
  | { status: 'settled'; alreadyClaimed: number }
  /** Claiming failed (the database); what was claimed is released as failed. */
  | { status: 'claim_failed'; error: string; alreadyClaimed: number; retried: number }
  | {
      status: 'post_failed';
      keys: string[];
      message: M;
      error: string;
      recordError: string | null;
      alreadyClaimed: number;
      retried: number;
    }
  | {
      status: 'sent';
      keys: string[];
      message: M;
      delivery: SlackDelivery | undefined;
      recordError: string | null;
      alreadyClaimed: number;
      retried: number;
    };

/** A run of deliveries under one key (a team's weekly digest): each target delivered once across attempts. */
export interface RunDelivery {
  /** Its name in the run's `delivered` list (`channel:C…`, `dm:U…`). */
  target: string;
  to: Destination;
  message: OutgoingMessage;
}

export type RunResult =
  | { status: 'already_claimed' }
  | { status: 'sent'; delivered: RunDelivery[] }
  /** `recordError`: the failure itself could not be recorded (the run is taken back after its lease). */
  | { status: 'failed'; error: string; delivered: RunDelivery[]; recordError: string | null };

export interface Sender<M> {
  /** The message as the transport takes it (Slack's text and blocks); a dry run shows it. Throws when it cannot be built. */
  render(message: OutgoingMessage): M;
  /** The outbox policy of a claim made at `at`: the config's lease, and the attempts a message gets. */
  policy(at: Date): ReclaimPolicy;
  /** Whether this sender can post (false in a dry run: render only). */
  readonly canPost: boolean;
  /** Claims one key: a new row, or a failed or abandoned one taken back; null when another run holds it or it is done. */
  claim(part: OutboxPart, to: Destination, at: Date): Promise<HeldClaim | null>;
  /** Posts a message whose keys are held and records the outcome on them. */
  deliverClaimed(claims: readonly HeldClaim[], to: Destination, message: OutgoingMessage, at: Date): Promise<SendResult<M>>;
  /** Releases held keys as failed (a later run retries them). */
  release(claims: readonly HeldClaim[], reason: string): Promise<void>;
  /** Builds, claims each key, rebuilds with the keys held when some were not, posts and records. */
  send(envelope: Envelope, at: Date): Promise<SendResult<M>>;
  /**
   * A run of deliveries under one key (the digest of a team and week): claims it (or takes it back when it
   * failed or its lease passed), builds the deliveries, sends those an earlier attempt did not, recording
   * each as Slack accepts it, and marks the run sent or failed.
   */
  sendRun(
    run: { key: string; teamId: string; periodStart: Date; periodEnd: Date; at: Date },
    plan: () => Promise<readonly RunDelivery[]>,
  ): Promise<RunResult>;
}

export interface SenderOptions<M> {
  outbox: OutboxRepository;
  render: (message: OutgoingMessage) => M;
  /** Null for a sender that only renders (dry runs): sending through it throws `slack_missing`. */
  transport: MessageTransport<M> | null;
  /** `notifications.leaseMinutes`. */
  leaseMinutes: number;
  maxAttempts?: number;
  /** The clock for recording sends (default: the claim's instant). */
  now?: () => Date;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const describeError = (error: unknown): string =>
  isAppError(error) ? error.userMessage : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export const createSender = <M>(options: SenderOptions<M>): Sender<M> => {
  const { outbox, transport } = options;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const policy = (at: Date): ReclaimPolicy => leasePolicy(at, options.leaseMinutes, maxAttempts);
  const clock = (at: Date): Date => options.now?.() ?? at;
  const requireTransport = (): MessageTransport<M> => {
    if (!transport) throw new AppError('slack_missing', 'Sending needs Slack: set SLACK_BOT_TOKEN, or use --dry-run to see the messages.');
    return transport;
  };

  const claim = async (part: OutboxPart, to: Destination, at: Date): Promise<HeldClaim | null> => {
    const first = await outbox.claimNotification({ key: part.key, kind: part.kind, recipient: recipientOf(to), payload: part.payload, at });
    if (first.claimed) return { id: first.id, part, retried: false };
    if (first.status === 'sent') return null;
    const again = await outbox.reclaimNotification({ key: part.key, at, ...policy(at) });
    return again.claimed ? { id: again.id, part, retried: true } : null;
  };

  const release = async (claims: readonly HeldClaim[], reason: string): Promise<void> => {
    if (claims.length > 0)
      await outbox.markNotificationsFailed(
        claims.map((held) => held.id),
        reason,
      );
  };

  const deliverClaimed = async (
    claims: readonly HeldClaim[],
    to: Destination,
    outgoing: OutgoingMessage,
    at: Date,
  ): Promise<SendResult<M>> => {
    const retried = claims.filter((held) => held.retried).length;
    const keys = claims.map((held) => held.part.key);
    const ids = claims.map((held) => held.id);
    const post = requireTransport();
    let message: M;
    try {
      message = options.render(outgoing);
    } catch (error) {
      await release(claims, messageOf(error)).catch(() => {});
      return { status: 'unbuildable', error: messageOf(error) };
    }
    let delivery: SlackDelivery | undefined;
    try {
      // Taken back: an earlier attempt may have posted and died before recording it. If Slack shows it, record it, do not post again.
      const found = retried > 0 && post.findDelivered ? await post.findDelivered(to, keys).catch(() => null) : null;
      if (found) {
        let recordError: string | null = null;
        await outbox.markNotificationsSent(ids, clock(at), found).catch((record: unknown) => {
          recordError = messageOf(record);
        });
        return { status: 'sent', keys, message, delivery: found, recordError, alreadyClaimed: 0, retried };
      }
      delivery = await post.post(to, message, keys);
    } catch (error) {
      const reason = messageOf(error);
      let recordError: string | null = null;
      await outbox.markNotificationsFailed(ids, reason).catch((record: unknown) => {
        recordError = messageOf(record);
      });
      return { status: 'post_failed', keys, message, error: reason, recordError, alreadyClaimed: 0, retried };
    }
    let recordError: string | null = null;
    // Delivered but not recorded: the rows stay pending, and a run after the lease sends them again (ADR 0010).
    await outbox.markNotificationsSent(ids, clock(at), delivery).catch((record: unknown) => {
      recordError = messageOf(record);
    });
    return { status: 'sent', keys, message, delivery, recordError, alreadyClaimed: 0, retried };
  };

  return {
    render: options.render,
    policy,
    canPost: transport !== null,
    claim,
    deliverClaimed,
    release,

    async send(envelope, at) {
      requireTransport();
      try {
        // Built before anything is claimed: a message that cannot be built claims nothing.
        options.render(envelope.build(envelope.parts));
      } catch (error) {
        return { status: 'unbuildable', error: messageOf(error) };
      }
      // Each part is claimed on its own: of a bundle, only what no other run has claimed goes out.
      const held: HeldClaim[] = [];
      let alreadyClaimed = 0;
      try {
        for (const part of envelope.parts) {
          const claimed = await claim(part, envelope.to, at);
          if (claimed) held.push(claimed);
          else alreadyClaimed += 1;
        }
      } catch (error) {
        await release(held, messageOf(error)).catch(() => {});
        return { status: 'claim_failed', error: messageOf(error), alreadyClaimed, retried: held.filter((h) => h.retried).length };
      }
      if (held.length === 0) return { status: 'settled', alreadyClaimed };
      const result = await deliverClaimed(held, envelope.to, envelope.build(held.map((h) => h.part)), at);
      return result.status === 'sent' || result.status === 'post_failed' ? { ...result, alreadyClaimed } : result;
    },

    async sendRun(run, plan) {
      const post = requireTransport();
      const claimed = await outbox.claimDigestRun(run, policy(run.at));
      if (!claimed.claimed) return { status: 'already_claimed' };
      const delivered: RunDelivery[] = [];
      try {
        const deliveries = await plan();
        const errors: string[] = [];
        for (const delivery of deliveries) {
          if (claimed.delivered.includes(delivery.target)) continue;
          try {
            await post.post(delivery.to, options.render(delivery.message));
          } catch (error) {
            errors.push(
              `${delivery.to.kind === 'dm' ? `DM ${delivery.to.userId}` : `channel ${recipientOf(delivery.to)}`}: ${describeError(error)}`,
            );
            continue;
          }
          await outbox.markDigestDelivered(claimed.id, delivery.target);
          delivered.push(delivery);
        }
        if (errors.length > 0) throw new Error(`not delivered: ${errors.join('; ')}`);
        await outbox.markDigestSent(claimed.id, clock(run.at));
        return { status: 'sent', delivered };
      } catch (error) {
        const reason = describeError(error);
        let recordError: string | null = null;
        await outbox.markDigestFailed(claimed.id, reason).catch((record: unknown) => {
          recordError = describeError(record);
        });
        return { status: 'failed', error: reason, delivered, recordError };
      }
    },
  };
};
