import type { ReclaimPolicy } from '../domain/notifications/lease-policy.ts';
import type { PrismaClient } from '../generated/sqlite/client.ts';
import type { NotificationClaim, SlackDelivery } from '../domain/stored-records.ts';

/**
 * The outbox: every message the app sends (a readiness alert, a coaching notice, a weekly digest) is
 * first claimed under a unique key. Of any number of instances racing for one key, exactly one gets
 * `claimed: true` and sends; the others see the row and skip. The key is the dedupe key of the state
 * being announced (a recommendation's dedupeKey, or team + ISO week for a digest). A notification whose
 * send failed, or whose claim is older than the lease and still not sent (the run that held it died), can
 * be taken back (`reclaimNotification`) by exactly one instance for another attempt, until it has had
 * `maxAttempts`. A sent row keeps Slack's channel and ts, written in the same update that marks it sent.
 */

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';

/** Rows another attempt may take: failed, or pending past the lease and never recorded as delivered; attempts left. */
const reclaimable = (policy: ReclaimPolicy) => ({
  attempts: { lt: policy.maxAttempts },
  slackTs: null,
  OR: [{ status: 'failed' }, { status: 'pending', claimedAt: { lt: policy.staleBefore } }],
});

/** The `delivered` column as a list (JSON text on SQLite, JSON on PostgreSQL). */
const deliveredOf = (value: unknown): string[] => {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
};

export const createOutboxRepository = (prisma: PrismaClient) => ({
  async claimNotification(input: { key: string; kind: string; recipient: string; payload: unknown; at: Date }): Promise<NotificationClaim> {
    try {
      const row = await prisma.notification.create({
        data: {
          key: input.key,
          kind: input.kind,
          recipient: input.recipient,
          payload: input.payload as object,
          createdAt: input.at,
          claimedAt: input.at,
        },
      });
      return { claimed: true, id: row.id, status: row.status };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await prisma.notification.findUniqueOrThrow({ where: { key: input.key } });
      return { claimed: false, id: existing.id, status: existing.status };
    }
  },

  /**
   * Which of these keys need no send now: a row that is sent, pending within its lease (another run is
   * sending it), or out of attempts. A failed row, or a pending one past its lease, with attempts left is
   * not in the set: it is due for another attempt.
   * A read only: it lets a run skip the work for messages already handled, and a dry run show only what
   * would really go out. Claiming (or re-claiming) stays the one guard against double sends.
   */
  /** The payloads stored with these keys' rows (what the claim recorded), by key. */
  async notificationPayloads(keys: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const rows = await prisma.notification.findMany({ where: { key: { in: [...new Set(keys)] } }, select: { key: true, payload: true } });
    return new Map(rows.map((row) => [row.key, (row.payload ?? {}) as Record<string, unknown>]));
  },

  async settledNotificationKeys(keys: readonly string[], policy: ReclaimPolicy): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += 500) {
      const chunk = unique.slice(start, start + 500);
      const [rows, due] = await Promise.all([
        prisma.notification.findMany({ where: { key: { in: chunk } }, select: { key: true } }),
        prisma.notification.findMany({ where: { key: { in: chunk }, ...reclaimable(policy) }, select: { key: true } }),
      ]);
      const open = new Set(due.map((row) => row.key));
      for (const row of rows) if (!open.has(row.key)) found.add(row.key);
    }
    return found;
  },

  /**
   * Takes a notification back for one more attempt: a failed one, or one still pending a lease after its
   * claim (the run that claimed it died before recording the outcome). One conditional UPDATE moves it to
   * `pending`, claimed now, with one attempt more, so of any number of instances retrying the key at once
   * exactly one gets `claimed: true`. Not claimed when the row is sent, recorded as delivered, pending
   * within its lease, or has used `maxAttempts`; the last error stays on the row until the attempt ends.
   */
  async reclaimNotification(input: { key: string; at: Date } & ReclaimPolicy): Promise<NotificationClaim> {
    const { count } = await prisma.notification.updateMany({
      where: { key: input.key, ...reclaimable(input) },
      data: { status: 'pending', attempts: { increment: 1 }, claimedAt: input.at },
    });
    const row = await prisma.notification.findUniqueOrThrow({ where: { key: input.key }, select: { id: true, status: true } });
    return { claimed: count === 1, id: row.id, status: row.status };
  },

  /**
   * The attempt ended well: every claimed row of one message is sent, with where Slack put it. Slack's ts
   * and the `sent` status go in one update, so no row is ever sent without its ts, nor holds a ts and is
   * sent again.
   */
  async markNotificationsSent(ids: readonly string[], at: Date, delivery: SlackDelivery = { channel: null, ts: null }): Promise<void> {
    await prisma.notification.updateMany({
      where: { id: { in: [...ids] } },
      data: { status: 'sent', sentAt: at, error: null, slackChannel: delivery.channel, slackTs: delivery.ts },
    });
  },

  /** The attempt failed: every claimed row of one message is failed with the reason (retried while attempts remain). */
  async markNotificationsFailed(ids: readonly string[], error: string): Promise<void> {
    await prisma.notification.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'failed', error: error.slice(0, 2000) } });
  },

  /**
   * Claims the digest of one team for one period. A new run is claimed at once; an existing one only when
   * it failed, or its claim is older than the lease and still not sent (the run that held it died), with
   * attempts left, by one conditional update, so however many instances try, one gets it. `delivered`
   * lists what Slack already accepted in earlier attempts: the caller sends only the rest.
   */
  async claimDigestRun(
    input: { key: string; teamId: string; periodStart: Date; periodEnd: Date; at: Date },
    policy: ReclaimPolicy,
  ): Promise<{ claimed: boolean; id: string; attempt: number; delivered: string[] }> {
    try {
      const row = await prisma.digestRun.create({
        data: {
          key: input.key,
          teamId: input.teamId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          createdAt: input.at,
          claimedAt: input.at,
        },
      });
      return { claimed: true, id: row.id, attempt: 1, delivered: [] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const taken = await prisma.digestRun.updateMany({
      where: {
        key: input.key,
        attempts: { lt: policy.maxAttempts },
        OR: [{ status: 'failed' }, { status: 'claimed', claimedAt: { lt: policy.staleBefore } }],
      },
      data: { status: 'claimed', claimedAt: input.at, attempts: { increment: 1 } },
    });
    const row = await prisma.digestRun.findUniqueOrThrow({ where: { key: input.key } });
    return { claimed: taken.count === 1, id: row.id, attempt: row.attempts, delivered: deliveredOf(row.delivered) };
  },

  /** Records one delivery Slack accepted (`channel:C…` / `dm:U…`), before the next is sent. */
  async markDigestDelivered(id: string, target: string): Promise<void> {
    const row = await prisma.digestRun.findUniqueOrThrow({ where: { id }, select: { delivered: true } });
    const delivered = deliveredOf(row.delivered);
    if (!delivered.includes(target)) await prisma.digestRun.update({ where: { id }, data: { delivered: [...delivered, target] } });
  },

  async markDigestSent(id: string, at: Date): Promise<void> {
    await prisma.digestRun.update({ where: { id }, data: { status: 'sent', sentAt: at, error: null } });
  },

  async markDigestFailed(id: string, error: string): Promise<void> {
    await prisma.digestRun.update({ where: { id }, data: { status: 'failed', error: error.slice(0, 2000) } });
  },
});
