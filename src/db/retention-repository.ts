import type { PrismaClient } from '../generated/sqlite/client.ts';
import type { DatabaseProvider } from './database-url.ts';
import type { ErasureCounts, RetentionClaim, RetentionRunRecord } from '../domain/stored-records.ts';

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';

/** Calls erased per transaction: each batch commits on its own, so a run that dies keeps what it erased. */
const BATCH = 200;

/** What a message payload says about calls: its word-like tokens, so a call id is found whole, never inside another. */
const tokensOf = (text: string): string[] => text.match(/[A-Za-z0-9_-]+/g) ?? [];

const ERASED_PAYLOAD = { erased: 'retention' } as const;

/**
 * Retention (issue 18): one `RetentionRun` row per UTC day is the claim that lets one instance of any number
 * run the day's retention; the erasure itself goes in batches of calls older than the cutoff.
 */
export const createRetentionRepository = (prisma: PrismaClient, provider: DatabaseProvider) => ({
  /**
   * Claims the run of `key` (a UTC day). A new row is claimed at once (the unique key lets one insert win);
   * an existing one only when it failed, or its claim is older than `staleBefore` and it is not done (the
   * instance that held it died), by one conditional update, so of any number of instances one gets it.
   */
  async claim(input: { key: string; cutoff: Date; at: Date; staleBefore: Date }): Promise<RetentionClaim> {
    try {
      const run = await prisma.retentionRun.create({
        data: { key: input.key, cutoff: input.cutoff, claimedAt: input.at },
        omit: { id: true },
      });
      return { claimed: true, run };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const taken = await prisma.retentionRun.updateMany({
      where: { key: input.key, OR: [{ status: 'failed' }, { status: 'claimed', claimedAt: { lt: input.staleBefore } }] },
      data: { status: 'claimed', cutoff: input.cutoff, claimedAt: input.at, error: null },
    });
    const run = await prisma.retentionRun.findUniqueOrThrow({ where: { key: input.key }, omit: { id: true } });
    return { claimed: taken.count === 1, run };
  },

  async finish(key: string, at: Date): Promise<void> {
    await prisma.retentionRun.update({ where: { key }, data: { status: 'done', finishedAt: at } });
  },

  async fail(key: string, error: string, at: Date): Promise<void> {
    await prisma.retentionRun.update({ where: { key }, data: { status: 'failed', error: error.slice(0, 2000), finishedAt: at } });
  },

  /** The most recent runs, newest first. */
  async recent(limit = 7): Promise<RetentionRunRecord[]> {
    return prisma.retentionRun.findMany({ orderBy: { key: 'desc' }, take: limit, omit: { id: true } });
  },

  /** What a run with this cutoff would erase, without erasing anything. */
  async countOlderThan(cutoff: Date): Promise<Pick<ErasureCounts, 'calls' | 'scores' | 'disputes'>> {
    const where = { call: { occurredAt: { lt: cutoff } } };
    const [calls, scores, disputes] = await Promise.all([
      prisma.call.count({ where: { occurredAt: { lt: cutoff } } }),
      prisma.criterionScore.count({ where }),
      prisma.dispute.count({ where }),
    ]);
    return { calls, scores, disputes };
  },

  /**
   * Erases every call dated before `cutoff`, in batches, each one transaction: the calls go (their
   * transcripts, evaluations, scores with their evidence quotes, exclusions and disputes by cascade), the
   * outbox rows that mention them keep their key and status (so nothing is sent again) but lose their
   * payload, and the run's counters and its one audit row (`Erasure`, kind `retention`, counts only) grow in
   * the same transaction. Readiness decisions are kept: their evidence holds figures, never a transcript.
   * On SQLite the file is compacted at the end so the erased text is gone from its bytes.
   */
  async eraseOlderThan(input: { key: string; cutoff: Date; at: Date }): Promise<ErasureCounts> {
    const total: ErasureCounts = { calls: 0, scores: 0, messages: 0, disputes: 0, decisions: 0 };
    let erasureId: string | null = null;
    for (;;) {
      const batch = await prisma.call.findMany({
        where: { occurredAt: { lt: input.cutoff } },
        select: { id: true },
        orderBy: { occurredAt: 'asc' },
        take: BATCH,
      });
      if (batch.length === 0) break;
      const ids = batch.map((call) => call.id);
      const erased = await prisma.$transaction(async (tx) => {
        const scores = await tx.criterionScore.count({ where: { callId: { in: ids } } });
        const disputes = await tx.dispute.count({ where: { callId: { in: ids } } });
        const erasing = new Set(ids);
        const messages = (await tx.notification.findMany({ select: { id: true, payload: true } })).filter((message) =>
          tokensOf(JSON.stringify(message.payload)).some((token) => erasing.has(token)),
        );
        if (messages.length > 0)
          await tx.notification.updateMany({
            where: { id: { in: messages.map((message) => message.id) } },
            data: { payload: ERASED_PAYLOAD },
          });
        const calls = (await tx.call.deleteMany({ where: { id: { in: ids } } })).count;
        const counts = { calls, scores, messages: messages.length, disputes };
        let audit = erasureId;
        if (audit === null) {
          audit = (await tx.erasure.create({ data: { kind: 'retention', by: 'retention', ...counts, createdAt: input.at } })).id;
        } else {
          await tx.erasure.update({
            where: { id: audit },
            data: {
              calls: { increment: calls },
              scores: { increment: scores },
              messages: { increment: messages.length },
              disputes: { increment: disputes },
            },
          });
        }
        await tx.retentionRun.update({ where: { key: input.key }, data: { deleted: { increment: calls } } });
        return { ...counts, audit };
      });
      erasureId = erased.audit;
      total.calls += erased.calls;
      total.scores += erased.scores;
      total.messages += erased.messages;
      total.disputes += erased.disputes;
    }
    if (provider === 'sqlite' && total.calls > 0) {
      await prisma.$executeRawUnsafe('VACUUM');
      await prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    return total;
  },
});
