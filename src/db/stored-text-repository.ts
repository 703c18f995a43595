import type { Evidence, Turn } from '../domain/types.ts';
import type { PrismaClient } from '../generated/sqlite/client.ts';
import type { StoredCallTexts, StoredMessage } from '../domain/stored-records.ts';

const PAGE = 100;

/** Reads and rewrites the free text stored anywhere in the database, page by page (for `floorready redact`). */
export const createStoredTextRepository = (prisma: PrismaClient, provider: 'sqlite' | 'postgresql') => ({
  /** Calls with their scores and exclusion notes, in pages of 100 after the given id (ordered by id). */
  async callsAfter(cursor: string | null): Promise<StoredCallTexts[]> {
    const rows = await prisma.call.findMany({
      where: cursor === null ? {} : { id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: {
        id: true,
        agentId: true,
        contentHash: true,
        turns: true,
        sourceName: true,
        summary: true,
        failureReason: true,
        redactions: true,
        scores: { select: { id: true, rationale: true, evidence: true }, orderBy: { id: 'asc' } },
        exclusions: { select: { id: true, reason: true }, orderBy: { id: 'asc' } },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      agentId: row.agentId,
      contentHash: row.contentHash,
      turns: (row.turns as Turn[] | null) ?? null,
      sourceName: row.sourceName,
      summary: row.summary,
      failureReason: row.failureReason,
      redactions: (row.redactions as Record<string, number> | null) ?? null,
      scores: row.scores.map((score) => ({
        id: score.id,
        rationale: score.rationale,
        evidence: (score.evidence as Evidence[] | null) ?? [],
      })),
      exclusions: row.exclusions,
    }));
  },

  /**
   * Writes a call's redacted texts and content hash back, in one transaction. When another call of the
   * same agent already holds that hash (two stored calls that differ only in what is now redacted),
   * this one's hash is cleared: the other one answers the duplicate check for both.
   */
  async saveCallTexts(call: StoredCallTexts): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const taken =
        call.contentHash !== null &&
        (await tx.call.findFirst({
          where: { agentId: call.agentId, contentHash: call.contentHash, id: { not: call.id } },
          select: { id: true },
        })) !== null;
      await tx.call.update({
        where: { id: call.id },
        data: {
          contentHash: taken ? null : call.contentHash,
          ...(call.turns === null ? {} : { turns: call.turns as unknown as object }),
          sourceName: call.sourceName,
          summary: call.summary,
          failureReason: call.failureReason,
          ...(call.redactions === null ? {} : { redactions: call.redactions }),
        },
      });
      for (const score of call.scores) {
        await tx.criterionScore.update({
          where: { id: score.id },
          data: { rationale: score.rationale, evidence: score.evidence as unknown as object },
        });
      }
      for (const exclusion of call.exclusions)
        await tx.exclusion.update({ where: { id: exclusion.id }, data: { reason: exclusion.reason } });
    });
  },

  /** Outgoing messages in pages of 100 after the given id. */
  async messagesAfter(cursor: string | null): Promise<StoredMessage[]> {
    return prisma.notification.findMany({
      where: cursor === null ? {} : { id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: { id: true, payload: true },
    });
  },

  async saveMessagePayload(id: string, payload: unknown): Promise<void> {
    await prisma.notification.update({ where: { id }, data: { payload: payload as object } });
  },

  /**
   * Makes replaced text unrecoverable from the database file: SQLite keeps old row versions in free
   * pages until VACUUM rewrites the file (PostgreSQL's VACUUM reclaims dead rows the same way).
   */
  async compact(): Promise<void> {
    if (provider === 'sqlite') {
      await prisma.$executeRawUnsafe('VACUUM');
      await prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    } else {
      for (const table of ['Call', 'CriterionScore', 'Exclusion', 'Notification']) await prisma.$executeRawUnsafe(`VACUUM "${table}"`);
    }
  },
});
