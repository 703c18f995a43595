import type { CallKind, Frustration, Role } from '../domain/types.ts';
import type { PrismaClient } from '../generated/sqlite/client.ts';

/** A scored call as the readiness rules see it: exclusions gone, a human score in place of the AI one. */
export interface EffectiveCall {
  callId: string;
  agentId: string;
  externalId: string | null;
  callType: string | null;
  kind: CallKind;
  occurredAt: Date;
  frustration: Frustration | null;
  /** Effective 0..100 per applicable criterion. */
  criteria: Record<string, number>;
  /** Which criteria carry a human score. */
  humanCriteria: string[];
  moments: { criterionKey: string; turn: number; role: Role; quote: string }[];
}

export interface ExclusionRecord {
  id: string;
  callId: string;
  reason: string;
  by: string;
  createdAt: Date;
  undoneAt: Date | null;
  undoneBy: string | null;
}

export interface DecisionRecord {
  id: string;
  agentId: string;
  callType: string;
  approvedBy: string;
  approvedAt: Date;
  evidence: unknown;
}

export const createReadinessRepository = (prisma: PrismaClient) => ({
  /**
   * The effective scores of every scored, non-excluded call of these agents. One query for calls and
   * one for their current scores, both filtered by agent (never by a list of call ids, which would
   * pass one bind parameter per call and exceed SQLite's limit for a team of a few thousand calls);
   * evidence quotes only come along when asked (they are the heavy part).
   */
  async effectiveCalls(agentIds: readonly string[], options: { withMoments?: boolean } = {}): Promise<EffectiveCall[]> {
    if (agentIds.length === 0) return [];
    const callWhere = {
      agentId: { in: [...agentIds] },
      state: { in: ['scored', 'imported'] },
      exclusions: { none: { undoneAt: null } },
    };
    const [rows, scoreRows] = await Promise.all([
      prisma.call.findMany({
        where: callWhere,
        select: { id: true, agentId: true, externalId: true, callType: true, kind: true, occurredAt: true, frustration: true },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      }),
      prisma.criterionScore.findMany({
        where: { current: true, applicable: true, score: { not: null }, call: callWhere },
        select: { callId: true, criterionKey: true, source: true, score: true, ...(options.withMoments ? { evidence: true } : {}) },
      }),
    ]);
    const scoresByCall = new Map<string, (typeof scoreRows)[number][]>();
    for (const score of scoreRows) {
      const list = scoresByCall.get(score.callId);
      if (list) list.push(score);
      else scoresByCall.set(score.callId, [score]);
    }
    const calls = rows.map((row) => ({ ...row, scores: scoresByCall.get(row.id) ?? [] }));
    return calls.map((call) => {
      const criteria: Record<string, number> = {};
      const humanCriteria: string[] = [];
      const moments: EffectiveCall['moments'] = [];
      // AI first, then human: a human score replaces the AI one whatever order the rows came in.
      for (const source of ['ai', 'human'] as const) {
        for (const score of call.scores) {
          if (score.source !== source) continue;
          criteria[score.criterionKey] = score.score as number;
          if (source === 'human') humanCriteria.push(score.criterionKey);
          const evidence = (score as { evidence?: unknown }).evidence;
          if (Array.isArray(evidence)) {
            for (const item of evidence as { turn: number; role: Role; quote: string }[]) {
              moments.push({ criterionKey: score.criterionKey, turn: item.turn, role: item.role, quote: item.quote });
            }
          }
        }
      }
      return {
        callId: call.id,
        agentId: call.agentId,
        externalId: call.externalId,
        callType: call.callType,
        kind: call.kind as CallKind,
        occurredAt: call.occurredAt,
        frustration: call.frustration as Frustration | null,
        criteria,
        humanCriteria,
        moments,
      };
    });
  },

  async exclude(input: { callId: string; reason: string; by: string; at: Date }): Promise<ExclusionRecord> {
    return prisma.exclusion.create({ data: { callId: input.callId, reason: input.reason, by: input.by, createdAt: input.at } });
  },

  /** Undoes the active exclusion of a call; null when the call is not excluded. The row stays, for audit. */
  async undoExclusion(input: { callId: string; by: string; at: Date }): Promise<ExclusionRecord | null> {
    const active = await prisma.exclusion.findFirst({ where: { callId: input.callId, undoneAt: null } });
    if (!active) return null;
    return prisma.exclusion.update({ where: { id: active.id }, data: { undoneAt: input.at, undoneBy: input.by } });
  },

  async activeExclusion(callId: string): Promise<ExclusionRecord | null> {
    return prisma.exclusion.findFirst({ where: { callId, undoneAt: null } });
  },

  async exclusionHistory(callId: string): Promise<ExclusionRecord[]> {
    return prisma.exclusion.findMany({ where: { callId }, orderBy: { createdAt: 'asc' } });
  },

  async recordDecision(input: Omit<DecisionRecord, 'id'>): Promise<DecisionRecord> {
    const row = await prisma.readinessDecision.create({
      data: {
        agentId: input.agentId,
        callType: input.callType,
        approvedBy: input.approvedBy,
        approvedAt: input.approvedAt,
        evidence: input.evidence as object,
      },
    });
    return { ...row, evidence: row.evidence };
  },

  async decisions(agentIds: readonly string[]): Promise<DecisionRecord[]> {
    const rows = await prisma.readinessDecision.findMany({
      where: { agentId: { in: [...agentIds] }, status: 'approved' },
      orderBy: { approvedAt: 'asc' },
    });
    return rows.map((row) => ({ ...row, evidence: row.evidence }));
  },
});

export type ReadinessRepository = ReturnType<typeof createReadinessRepository>;
