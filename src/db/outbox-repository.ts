import type { PrismaClient } from '../generated/sqlite/client.ts';

/**
 * The outbox: every message the app sends (a readiness alert, a coaching notice, a weekly digest) is
 * first claimed under a unique key. Of any number of instances racing for one key, exactly one gets
 * `claimed: true` and sends; the others see the row and skip. The key is the dedupe key of the state
 * being announced (a recommendation's dedupeKey, or team + ISO week for a digest). A notification whose
 * send failed can be taken back (`reclaimFailedNotification`) by exactly one instance for another
 * attempt, until it has had `maxAttempts`.
 */

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';

export interface NotificationClaim {
  claimed: boolean;
  id: string;
  status: string;
}

export const createOutboxRepository = (prisma: PrismaClient) => ({
  async claimNotification(input: { key: string; kind: string; recipient: string; payload: unknown; at: Date }): Promise<NotificationClaim> {
    try {
      const row = await prisma.notification.create({
        data: { key: input.key, kind: input.kind, recipient: input.recipient, payload: input.payload as object, createdAt: input.at },
      });
      return { claimed: true, id: row.id, status: row.status };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await prisma.notification.findUniqueOrThrow({ where: { key: input.key } });
      return { claimed: false, id: existing.id, status: existing.status };
    }
  },

  /**
   * Which of these keys need no send now: a row that is sent, pending (another run is sending it), or
   * failed `maxAttempts` times. A failed row with attempts left is not in the set: it is due for a retry.
   * A read only: it lets a run skip the work for messages already handled, and a dry run show only what
   * would really go out. Claiming (or re-claiming) stays the one guard against double sends.
   */
  async settledNotificationKeys(keys: readonly string[], options: { maxAttempts: number }): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await prisma.notification.findMany({
        where: { key: { in: unique.slice(start, start + 500) } },
        select: { key: true, status: true, attempts: true },
      });
      for (const row of rows) if (row.status !== 'failed' || row.attempts >= options.maxAttempts) found.add(row.key);
    }
    return found;
  },

  /**
   * Takes a failed notification back for one more attempt: `failed` → `pending` with one attempt more,
   * in one conditional UPDATE, so of any number of instances retrying the key at once exactly one gets
   * `claimed: true`. Not claimed when the row is not failed (sent, or pending in another run) or has used
   * `maxAttempts`; the last error stays on the row until the attempt ends.
   */
  async reclaimFailedNotification(input: { key: string; maxAttempts: number }): Promise<NotificationClaim> {
    const { count } = await prisma.notification.updateMany({
      where: { key: input.key, status: 'failed', attempts: { lt: input.maxAttempts } },
      data: { status: 'pending', attempts: { increment: 1 } },
    });
    const row = await prisma.notification.findUniqueOrThrow({ where: { key: input.key }, select: { id: true, status: true } });
    return { claimed: count === 1, id: row.id, status: row.status };
  },

  /** The attempt ended well: every claimed row of one message is sent. */
  async markNotificationsSent(ids: readonly string[], at: Date): Promise<void> {
    await prisma.notification.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'sent', sentAt: at, error: null } });
  },

  /** The attempt failed: every claimed row of one message is failed with the reason (retried while attempts remain). */
  async markNotificationsFailed(ids: readonly string[], error: string): Promise<void> {
    await prisma.notification.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'failed', error: error.slice(0, 2000) } });
  },

  /** Claims the digest of one team for one period; false when another instance already has it. */
  async claimDigestRun(input: { key: string; teamId: string; periodStart: Date; periodEnd: Date; at: Date }): Promise<{ claimed: boolean; id: string }> {
    try {
      const row = await prisma.digestRun.create({
        data: { key: input.key, teamId: input.teamId, periodStart: input.periodStart, periodEnd: input.periodEnd, createdAt: input.at },
      });
      return { claimed: true, id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await prisma.digestRun.findUniqueOrThrow({ where: { key: input.key } });
      return { claimed: false, id: existing.id };
    }
  },

  async markDigestSent(id: string, at: Date): Promise<void> {
    await prisma.digestRun.update({ where: { id }, data: { status: 'sent', sentAt: at, error: null } });
  },

  async markDigestFailed(id: string, error: string): Promise<void> {
    await prisma.digestRun.update({ where: { id }, data: { status: 'failed', error: error.slice(0, 2000) } });
  },
});

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
