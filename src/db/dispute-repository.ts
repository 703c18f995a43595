import type { PrismaClient } from '../generated/sqlite/client.ts';
import { isLevel, type DisputeEvent, type DisputeRecord, type DisputeState } from '../domain/disputes/index.ts';
import { levelToScore } from '../domain/weighted-overall.ts';
import type { Level } from '../domain/types.ts';
import type { CreateDisputeResult, NewDispute } from '../domain/stored-records.ts';

// Disputes (ADR 0030): one open per call and criterion (a unique `openKey` while open), state moves
// from `open` once, by one conditional update, so of two managers resolving at once one wins; a change
// stores the human score in the same transaction.

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';

type Row = {
  id: string;
  callId: string;
  criterionKey: string;
  agentId: string;
  raisedBy: string;
  proposedLevel: number | null;
  reason: string;
  state: string;
  aiLevel: number | null;
  aiScore: number | null;
  newLevel: number | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  note: string | null;
  history: unknown;
  createdAt: Date;
};

const historyOf = (value: unknown): DisputeEvent[] => {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as DisputeEvent[]) : [];
};

const levelOf = (value: number | null): Level | null => (isLevel(value) ? value : null);

const toRecord = (row: Row): DisputeRecord => ({
  id: row.id,
  callId: row.callId,
  criterionKey: row.criterionKey,
  agentId: row.agentId,
  raisedBy: row.raisedBy,
  proposedLevel: levelOf(row.proposedLevel),
  reason: row.reason,
  state: row.state as DisputeState,
  aiLevel: levelOf(row.aiLevel),
  aiScore: row.aiScore,
  newLevel: levelOf(row.newLevel),
  resolvedBy: row.resolvedBy,
  resolvedAt: row.resolvedAt,
  note: row.note,
  history: historyOf(row.history),
  createdAt: row.createdAt,
});

export const createDisputeRepository = (prisma: PrismaClient) => ({
  /** A new open dispute; or the open one of this call and criterion (`sameRequest` when a retried submission made it). */
  async create(input: NewDispute): Promise<CreateDisputeResult> {
    const openKey = `${input.callId}:${input.criterionKey}`;
    try {
      const row = await prisma.dispute.create({
        data: {
          callId: input.callId,
          criterionKey: input.criterionKey,
          agentId: input.agentId,
          raisedBy: input.raisedBy,
          proposedLevel: input.proposedLevel,
          reason: input.reason,
          openKey,
          aiLevel: input.aiLevel,
          aiScore: input.aiScore,
          requestId: input.requestId,
          history: [
            {
              at: input.at.toISOString(),
              by: input.raisedBy,
              action: 'raised',
              note: input.reason,
              ...(input.proposedLevel ? { level: input.proposedLevel } : {}),
            },
          ],
          createdAt: input.at,
        },
      });
      return { created: true, dispute: toRecord(row) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const byRequest = input.requestId ? await prisma.dispute.findUnique({ where: { requestId: input.requestId } }) : null;
    if (byRequest) return { created: false, existing: toRecord(byRequest), sameRequest: true };
    const open = await prisma.dispute.findUniqueOrThrow({ where: { openKey } });
    return { created: false, existing: toRecord(open), sameRequest: false };
  },

  async find(id: string): Promise<DisputeRecord | null> {
    const row = await prisma.dispute.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  },

  /** Disputes of these agents (all when omitted), newest first, in a state when given. */
  async list(input: { agentIds?: readonly string[]; state?: DisputeState; since?: Date } = {}): Promise<DisputeRecord[]> {
    const rows = await prisma.dispute.findMany({
      where: {
        ...(input.agentIds ? { agentId: { in: [...input.agentIds] } } : {}),
        ...(input.state ? { state: input.state } : {}),
        ...(input.since ? { OR: [{ createdAt: { gte: input.since } }, { resolvedAt: { gte: input.since } }] } : {}),
      },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toRecord);
  },

  /** The open disputes of these calls. */
  async openForCalls(callIds: readonly string[]): Promise<DisputeRecord[]> {
    if (callIds.length === 0) return [];
    const rows = await prisma.dispute.findMany({ where: { callId: { in: [...callIds] }, state: 'open' }, orderBy: { createdAt: 'asc' } });
    return rows.map(toRecord);
  },

  /**
   * Ends an open dispute: `kept` with the note, or `changed` with a human score of `level` stored for the
   * call and criterion (reviewer = the manager, scorer = `dispute`, this dispute as its source) in the
   * same transaction. False when the dispute was no longer open (another manager, or the window, came first).
   */
  async resolve(input: {
    id: string;
    state: 'changed' | 'kept';
    by: string;
    note: string;
    level: Level | null;
    at: Date;
  }): Promise<boolean> {
    return prisma.$transaction(async (tx) => {
      const row = await tx.dispute.findUnique({ where: { id: input.id } });
      if (row?.state !== 'open') return false;
      const event: DisputeEvent = {
        at: input.at.toISOString(),
        by: input.by,
        action: input.state,
        note: input.note,
        ...(input.level ? { level: input.level } : {}),
      };
      const { count } = await tx.dispute.updateMany({
        where: { id: input.id, state: 'open' },
        data: {
          state: input.state,
          openKey: null,
          resolvedBy: input.by,
          resolvedAt: input.at,
          note: input.note,
          newLevel: input.state === 'changed' ? input.level : null,
          history: [...historyOf(row.history), event] as object[],
        },
      });
      if (count !== 1) return false;
      if (input.state === 'changed' && input.level !== null) {
        await tx.criterionScore.updateMany({
          where: { callId: row.callId, source: 'human', current: true, criterionKey: row.criterionKey },
          data: { current: false },
        });
        await tx.evaluation.create({
          data: {
            callId: row.callId,
            source: 'human',
            scorer: 'dispute',
            reviewer: input.by,
            overall: null,
            createdAt: input.at,
            scores: {
              create: [
                {
                  callId: row.callId,
                  source: 'human',
                  criterionKey: row.criterionKey,
                  level: input.level,
                  score: levelToScore(input.level),
                  applicable: true,
                  confidence: 'high',
                  rationale: `Changed by ${input.by} on dispute ${row.id}: ${input.note}`,
                },
              ],
            },
          },
        });
      }
      return true;
    });
  },

  /** Open disputes raised before `before` become `expired` (the AI score stands); returns how many. */
  async expire(before: Date, at: Date): Promise<number> {
    const rows = await prisma.dispute.findMany({ where: { state: 'open', createdAt: { lt: before } } });
    let expired = 0;
    for (const row of rows) {
      const { count } = await prisma.dispute.updateMany({
        where: { id: row.id, state: 'open' },
        data: {
          state: 'expired',
          openKey: null,
          resolvedAt: at,
          history: [...historyOf(row.history), { at: at.toISOString(), by: 'floorready', action: 'expired' }] as object[],
        },
      });
      expired += count;
    }
    return expired;
  },
});
