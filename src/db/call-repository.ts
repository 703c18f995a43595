import type { CallKind, Frustration, Turn } from '../domain/types.ts';
import { sameCallByContent } from '../domain/same-call-by-content.ts';
import { Prisma, type PrismaClient } from '../generated/sqlite/client.ts';
import type { CallClaim, CallRecord, CallState, InsertCallResult, NewCall } from '../domain/stored-records.ts';

type Row = Awaited<ReturnType<PrismaClient['call']['findFirstOrThrow']>>;

const toRecord = (row: Row): CallRecord => ({
  id: row.id,
  agentId: row.agentId,
  kind: row.kind as CallKind,
  callType: row.callType,
  callTypeInferred: row.callTypeInferred,
  reviewReason: row.reviewReason,
  callTypeCue: row.callTypeCue,
  occurredAt: row.occurredAt,
  dateSource: row.dateSource,
  turns: (row.turns as Turn[] | null) ?? null,
  source: row.source,
  sourceName: row.sourceName,
  externalId: row.externalId,
  contentHash: row.contentHash,
  redactions: (row.redactions as Record<string, number> | null) ?? null,
  frustration: row.frustration as Frustration | null,
  summary: row.summary,
  state: row.state as CallState,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  failureReason: row.failureReason,
  createdAt: row.createdAt,
});

const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
const isUniqueViolation = (error: unknown): boolean => hasCode(error, 'P2002');
/**
 * PostgreSQL gave up on a statement that waited for another's row locks (a deadlock, or a serialization
 * failure): P2034 from Prisma's own queries, P2010 naming the driver's TransactionWriteConflict from raw SQL.
 */
const isWriteConflict = (error: unknown): boolean =>
  hasCode(error, 'P2034') ||
  (hasCode(error, 'P2010') &&
    (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta?.driverAdapterError?.cause?.kind ===
      'TransactionWriteConflict');

/**
 * The claim (ADR 0046, 0051): up to `limit` of the oldest claimable calls, queued and due or scoring with an
 * expired lease, leased to `owner`, their rows returned. The candidates are the oldest of each kind, each
 * read in order from the ("state", "createdAt", "id", "nextAttemptAt") index until the batch is full, and the
 * re-check under the write lock is one CASE, which no index serves, so the UPDATE finds its rows by id: a
 * claim reads its batch, not every queued row (ADR 0056; with the two conditions as one OR, SQLite read every
 * queued row's record twice per claim, quadratic in the backlog). The same text on both databases.
 */
export const claimStatement = (owner: string, now: Date, leaseUntil: Date, limit: number): Prisma.Sql => {
  const batch = Prisma.raw(String(Math.max(1, Math.trunc(limit))));
  return Prisma.sql`
    UPDATE "Call" SET "state" = 'scoring', "leaseOwner" = ${owner}, "leaseUntil" = ${leaseUntil},
      "attempts" = "attempts" + 1, "updatedAt" = ${new Date()}
    WHERE "id" IN (
      SELECT "id" FROM (
        SELECT "id", "createdAt" FROM (
          SELECT "id", "createdAt" FROM "Call" WHERE "state" = 'queued' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
          ORDER BY "createdAt" ASC, "id" ASC LIMIT ${batch}) AS "queued"
        UNION ALL
        SELECT "id", "createdAt" FROM (
          SELECT "id", "createdAt" FROM "Call" WHERE "state" = 'scoring' AND "leaseUntil" < ${now}
          ORDER BY "createdAt" ASC, "id" ASC LIMIT ${batch}) AS "expired"
      ) AS "candidates" ORDER BY "createdAt" ASC, "id" ASC LIMIT ${batch})
      AND CASE "state" WHEN 'queued' THEN ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
        WHEN 'scoring' THEN "leaseUntil" < ${now} ELSE FALSE END
    RETURNING *`;
};

export const createCallRepository = (prisma: PrismaClient) => {
  const findDuplicate = async (call: Pick<NewCall, 'agentId' | 'externalId' | 'contentHash'>): Promise<InsertCallResult | null> => {
    if (call.externalId) {
      const row = await prisma.call.findUnique({ where: { externalId: call.externalId } });
      if (row) return { status: 'duplicate', call: toRecord(row), matchedBy: 'external_id' };
    }
    if (call.contentHash) {
      const row = await prisma.call.findUnique({
        where: { agentId_contentHash: { agentId: call.agentId, contentHash: call.contentHash } },
      });
      if (row) return { status: 'duplicate', call: toRecord(row), matchedBy: 'content' };
    }
    return null;
  };

  /** One insert; the unique keys decide, and a refused one is looked up and reported. */
  const insertOnce = async (call: NewCall): Promise<InsertCallResult> => {
    try {
      const row = await prisma.call.create({
        data: {
          agentId: call.agentId,
          kind: call.kind,
          callType: call.callType,
          callTypeInferred: call.callType !== null && typeof call.callTypeCue === 'string',
          callTypeCue: call.callTypeCue ?? null,
          occurredAt: call.occurredAt,
          dateSource: call.dateSource ?? null,
          turns: call.turns === null ? undefined : (call.turns as unknown as object),
          source: call.source,
          sourceName: call.sourceName ?? null,
          externalId: call.externalId ?? null,
          contentHash: call.contentHash ?? null,
          redactions: call.redactions ?? undefined,
          state: call.state,
        },
      });
      return { status: 'created', call: toRecord(row) };
    } catch (error) {
      // The same call is stored already (or another writer stored it between our look-up and insert): report it.
      if (isUniqueViolation(error)) {
        const existing = await findDuplicate(call);
        if (existing) return existing;
      }
      throw error;
    }
  };

  /**
   * Claims up to `limit` of the oldest claimable calls at once (ADR 0046): queued and due, or scoring
   * with an expired lease (a crashed worker). One UPDATE picks the oldest candidates, takes those still
   * claimable when it runs and returns their rows (SQLite runs it under its write lock; PostgreSQL re-checks
   * the condition on a row another claimer changed meanwhile), so of any number of workers racing for one
   * call exactly one gets it; a round that won nothing tries the next candidates. Oldest first; empty when
   * nothing is claimable. Our own SQL (ADR 0051): Prisma compiled a plan for this claim at every call.
   * The statement: `claimStatement`.
   */
  const claimBatch = async (owner: string, now: Date, leaseMs: number, limit: number): Promise<CallClaim[]> => {
    const claimable = Prisma.sql`(("state" = 'queued' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now}))
      OR ("state" = 'scoring' AND "leaseUntil" < ${now}))`;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    for (let round = 0; round < 5; round++) {
      // Two workers' claims can lock their common candidates in different orders; PostgreSQL then ends one
      // of them (a deadlock), which wrote nothing: that round is lost like any other.
      const won = await prisma.$queryRaw<Row[]>(claimStatement(owner, now, leaseUntil, limit)).catch((error: unknown) => {
        if (isWriteConflict(error)) return [];
        throw error;
      });
      if (won.length > 0) {
        won.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        return won.map((row) => ({ call: toRecord(row), owner, attempt: row.attempts }));
      }
      // Nothing left to claim, or every candidate taken by another worker meanwhile: look once more.
      const [left] = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM "Call" WHERE ${claimable} LIMIT 1`;
      if (!left) return [];
    }
    return [];
  };

  return {
    findDuplicate,
    claimBatch,

    /**
     * Stores a call once: the same external id, or the same content for the same agent, is a duplicate
     * (but for two different external ids: see sameCallByContent). The insert is tried first and the
     * unique keys decide (one round trip for a new call, the common case); only when one refuses is the
     * stored call looked up and reported.
     */
    async insert(call: NewCall): Promise<InsertCallResult> {
      const result = await insertOnce(call);
      // Another call's external id holds these redacted words: this one is stored too, without the
      // hash (the first answers the content check for both).
      if (result.status === 'duplicate' && result.matchedBy === 'content' && !sameCallByContent(call.externalId, result.call))
        return insertOnce({ ...call, contentHash: null });
      return result;
    },

    /**
     * Gives a call that so far only had imported scores its transcript, and queues it for AI scoring
     * (beside the imported scores). Null when the call has a transcript by now (another importer won).
     * A null hash: another call with an external id of its own holds the same redacted words.
     */
    async attachTranscript(
      callId: string,
      transcript: {
        turns: Turn[];
        contentHash: string | null;
        redactions: Record<string, number>;
        sourceName: string | null;
        callType: string | null;
      },
    ): Promise<CallRecord | null> {
      const { count } = await prisma.call.updateMany({
        where: { id: callId, state: 'imported', contentHash: null },
        data: {
          turns: transcript.turns as unknown as object,
          contentHash: transcript.contentHash,
          redactions: transcript.redactions,
          sourceName: transcript.sourceName,
          ...(transcript.callType ? { callType: transcript.callType } : {}),
          state: 'queued',
          attempts: 0,
        },
      });
      if (count !== 1) return null;
      return toRecord(await prisma.call.findUniqueOrThrow({ where: { id: callId } }));
    },

    async findById(id: string): Promise<CallRecord | null> {
      const row = await prisma.call.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },

    /** Calls by external id, in one query per 500 ids; ids with no call are absent from the map. */
    async findByExternalIds(externalIds: readonly string[]): Promise<Map<string, CallRecord>> {
      const found = new Map<string, CallRecord>();
      for (let start = 0; start < externalIds.length; start += 500) {
        const rows = await prisma.call.findMany({ where: { externalId: { in: externalIds.slice(start, start + 500) } } });
        for (const row of rows) found.set(row.externalId as string, toRecord(row));
      }
      return found;
    },

    async findByExternalId(externalId: string): Promise<CallRecord | null> {
      const row = await prisma.call.findUnique({ where: { externalId } });
      return row ? toRecord(row) : null;
    },

    /** The oldest claimable call, claimed (claimBatch of one); null when nothing is claimable. */
    async claimNext(owner: string, now: Date, leaseMs: number): Promise<CallClaim | null> {
      const [claim] = await claimBatch(owner, now, leaseMs, 1);
      return claim ?? null;
    },

    /** Extends the lease of a call still being scored. False when the lease was lost. */
    async renewLease(claim: CallClaim, leaseUntil: Date): Promise<boolean> {
      const { count } = await prisma.call.updateMany({
        where: { id: claim.call.id, leaseOwner: claim.owner, attempts: claim.attempt, state: 'scoring' },
        data: { leaseUntil },
      });
      return count === 1;
    },

    /** When the next delayed retry is due, if any call waits for one. */
    async nextDueAt(): Promise<Date | null> {
      const row = await prisma.call.findFirst({
        where: { state: 'queued', nextAttemptAt: { not: null } },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      });
      return row?.nextAttemptAt ?? null;
    },

    /** Puts a claimed call back in the queue for a later attempt. False when the lease was lost. */
    async releaseForRetry(claim: CallClaim, nextAttemptAt: Date, reason: string): Promise<boolean> {
      const { count } = await prisma.call.updateMany({
        where: { id: claim.call.id, leaseOwner: claim.owner, attempts: claim.attempt, state: 'scoring' },
        data: { state: 'queued', leaseOwner: null, leaseUntil: null, nextAttemptAt, failureReason: reason },
      });
      return count === 1;
    },

    /** Marks a claimed call failed with a readable reason. False when the lease was lost. */
    async markFailed(claim: CallClaim, reason: string): Promise<boolean> {
      const { count } = await prisma.call.updateMany({
        where: { id: claim.call.id, leaseOwner: claim.owner, attempts: claim.attempt, state: 'scoring' },
        data: { state: 'failed', leaseOwner: null, leaseUntil: null, nextAttemptAt: null, failureReason: reason },
      });
      return count === 1;
    },

    /** Failed calls go back to the queue with a fresh attempt budget. Returns how many. */
    async requeueFailed(): Promise<number> {
      const { count } = await prisma.call.updateMany({
        where: { state: 'failed' },
        data: { state: 'queued', attempts: 0, nextAttemptAt: null, failureReason: null },
      });
      return count;
    },

    /** Scored calls since a date go back to the queue (after a rubric change). Returns how many. */
    async requeueForRescore(since: Date): Promise<number> {
      const { count } = await prisma.call.updateMany({
        where: { state: 'scored', occurredAt: { gte: since } },
        data: { state: 'queued', attempts: 0, nextAttemptAt: null, failureReason: null },
      });
      return count;
    },

    async countByState(): Promise<Record<CallState, number>> {
      const groups = await prisma.call.groupBy({ by: ['state'], _count: { _all: true } });
      const counts: Record<CallState, number> = { queued: 0, scoring: 0, scored: 0, failed: 0, imported: 0 };
      for (const group of groups) counts[group.state as CallState] = group._count._all;
      return counts;
    },

    /** Calls posted in a Slack channel (source `slack`) that the queue scored or gave up on, last changed since `since`. */
    async postedInSlackSettled(since: Date): Promise<CallRecord[]> {
      const rows = await prisma.call.findMany({
        where: { source: 'slack', state: { in: ['scored', 'failed'] }, updatedAt: { gte: since } },
        orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toRecord);
    },

    async list(filter: { agentId?: string; state?: CallState; limit?: number } = {}): Promise<CallRecord[]> {
      const rows = await prisma.call.findMany({
        where: { agentId: filter.agentId, state: filter.state },
        orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
        take: filter.limit,
      });
      return rows.map(toRecord);
    },
  };
};
