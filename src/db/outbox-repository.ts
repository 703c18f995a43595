import type { PrismaClient } from '../generated/sqlite/client.ts';

/**
 * The outbox: every message the app sends (a readiness alert, a coaching notice, a weekly digest) is
 * first claimed under a unique key. Of any number of instances racing for one key, exactly one gets
 * `claimed: true` and sends; the others see the row and skip. The key is the dedupe key of the state
 * being announced (a recommendation's dedupeKey, or team + ISO week for a digest).
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
   * Which of these keys already have a row (sent, pending or failed). A read only: it lets a run skip
   * the work for messages already claimed, and a dry run show only what would really go out. Claiming
   * stays the one guard against double sends.
   */
  async existingNotificationKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await prisma.notification.findMany({ where: { key: { in: unique.slice(start, start + 500) } }, select: { key: true } });
      for (const row of rows) found.add(row.key);
    }
    return found;
  },

  async markNotificationSent(id: string, at: Date): Promise<void> {
    await prisma.notification.update({ where: { id }, data: { status: 'sent', sentAt: at, error: null } });
  },

  async markNotificationFailed(id: string, error: string): Promise<void> {
    await prisma.notification.update({ where: { id }, data: { status: 'failed', error } });
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
