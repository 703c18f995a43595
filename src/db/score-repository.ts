import type { Evidence, ImportedScore, Level, ScoreResult } from '../domain/types.ts';
import type { PrismaClient } from '../generated/sqlite/client.ts';
import type { AiScoreMarks, CallClaim, ScoreSource, StoredCriterionScore, StoredEvaluation } from '../domain/stored-records.ts';

const NO_MARKS: AiScoreMarks = { reviewReason: null, callTypeInferred: false, callTypeCue: null };

export const createScoreRepository = (prisma: PrismaClient) => ({
  /**
   * Stores the AI scores of a claimed call and marks it scored, in one transaction fenced by the
   * lease: when another worker took the call over meanwhile, nothing is written and false returns.
   * A re-score supersedes the earlier AI evaluation (kept, no longer current); human scores stay.
   */
  async saveAiScores(claim: CallClaim, result: ScoreResult, rubricVersionId: string, marks: AiScoreMarks = NO_MARKS): Promise<boolean> {
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.call.updateMany({
        where: { id: claim.call.id, leaseOwner: claim.owner, attempts: claim.attempt, state: 'scoring' },
        data: {
          state: 'scored',
          leaseOwner: null,
          leaseUntil: null,
          nextAttemptAt: null,
          failureReason: null,
          frustration: result.frustration,
          summary: result.summary,
          ...(claim.call.callType === null && result.callType
            ? { callType: result.callType, callTypeInferred: marks.callTypeInferred, callTypeCue: marks.callTypeCue }
            : {}),
          reviewReason: marks.reviewReason,
        },
      });
      if (count !== 1) return false;
      await tx.evaluation.updateMany({ where: { callId: claim.call.id, source: 'ai', current: true }, data: { current: false } });
      await tx.criterionScore.updateMany({
        where: { callId: claim.call.id, source: 'ai', current: true },
        data: { current: false },
      });
      await tx.evaluation.create({
        data: {
          callId: claim.call.id,
          source: 'ai',
          scorer: result.scorer,
          model: result.model,
          rubricVersionId,
          promptVersion: result.promptVersion,
          overall: result.overall,
          latencyMs: Math.round(result.latencyMs),
          promptTokens: result.usage.promptTokens,
          completionTokens: result.usage.completionTokens,
          scores: {
            create: result.criteria.map((criterion) => ({
              callId: claim.call.id,
              source: 'ai',
              criterionKey: criterion.key,
              level: criterion.level,
              score: criterion.score,
              applicable: criterion.applicable,
              confidence: criterion.confidence,
              rationale: criterion.rationale,
              evidence: criterion.evidence as unknown as object,
            })),
          },
        },
      });
      return true;
    });
  },

  /**
   * Stores scores that come from elsewhere (another QA system, or a human reviewer). A new score of
   * the same call, criterion and source supersedes the older one; AI and human never overwrite each other.
   */
  async saveImportedScores(input: {
    callId: string;
    source: ScoreSource;
    reviewer: string | null;
    rubricVersionId: string | null;
    overall: number | null;
    scores: (ImportedScore & { criterionKey: string })[];
  }): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const keys = input.scores.map((score) => score.criterionKey);
      await tx.criterionScore.updateMany({
        where: { callId: input.callId, source: input.source, current: true, criterionKey: { in: keys } },
        data: { current: false },
      });
      await tx.evaluation.create({
        data: {
          callId: input.callId,
          source: input.source,
          scorer: 'import',
          reviewer: input.reviewer,
          rubricVersionId: input.rubricVersionId,
          overall: input.overall,
          scores: {
            create: input.scores.map((score) => ({
              callId: input.callId,
              source: input.source,
              criterionKey: score.criterionKey,
              level: score.level,
              score: score.score,
              applicable: true,
              confidence: 'high',
              rationale: input.source === 'human' ? `Scored by ${input.reviewer ?? 'a reviewer'}` : 'Imported score',
            })),
          },
        },
      });
    });
  },

  /** The current scores of these calls (AI and human side by side), with who or what scored them. */
  async currentScores(callIds: readonly string[]): Promise<StoredCriterionScore[]> {
    const rows = [];
    for (let start = 0; start < callIds.length; start += 500) {
      rows.push(
        ...(await prisma.criterionScore.findMany({
          where: { callId: { in: callIds.slice(start, start + 500) }, current: true },
          include: { evaluation: { select: { scorer: true, model: true, reviewer: true } } },
          orderBy: [{ callId: 'asc' }, { criterionKey: 'asc' }, { source: 'asc' }],
        })),
      );
    }
    return rows.map((row) => ({
      callId: row.callId,
      criterionKey: row.criterionKey,
      source: row.source as ScoreSource,
      level: row.level as Level | null,
      score: row.score,
      applicable: row.applicable,
      confidence: row.confidence as 'high' | 'low',
      rationale: row.rationale,
      evidence: (row.evidence as Evidence[] | null) ?? [],
      reviewer: row.evaluation.reviewer,
      scorer: row.evaluation.scorer,
      model: row.evaluation.model,
    }));
  },

  /** The current AI evaluation of each call, for scorer, model, rubric version and cost. */
  async currentAiEvaluations(callIds: readonly string[]): Promise<Map<string, StoredEvaluation>> {
    const rows = await prisma.evaluation.findMany({
      where: { callId: { in: [...callIds] }, source: 'ai', current: true },
      include: { rubricVersion: { select: { version: true } } },
    });
    return new Map(
      rows.map((row) => [
        row.callId,
        {
          id: row.id,
          callId: row.callId,
          source: 'ai' as const,
          scorer: row.scorer,
          model: row.model,
          reviewer: row.reviewer,
          rubricVersion: row.rubricVersion?.version ?? null,
          promptVersion: row.promptVersion,
          overall: row.overall,
          latencyMs: row.latencyMs,
          promptTokens: row.promptTokens,
          completionTokens: row.completionTokens,
          createdAt: row.createdAt,
        },
      ]),
    );
  },

  /** Pairs of current AI and human scores of the same call and criterion, for calibration. */
  async calibrationPairs(): Promise<
    { callId: string; criterionKey: string; ai: { level: Level | null; score: number }; human: { level: Level | null; score: number } }[]
  > {
    const rows = await prisma.criterionScore.findMany({
      where: { current: true, applicable: true, score: { not: null } },
      select: { callId: true, criterionKey: true, source: true, level: true, score: true },
      orderBy: [{ callId: 'asc' }, { criterionKey: 'asc' }],
    });
    const byKey = new Map<string, { ai?: (typeof rows)[number]; human?: (typeof rows)[number] }>();
    for (const row of rows) {
      const key = `${row.callId}\u0000${row.criterionKey}`;
      const entry = byKey.get(key) ?? {};
      entry[row.source as ScoreSource] = row;
      byKey.set(key, entry);
    }
    const pairs = [];
    for (const { ai, human } of byKey.values()) {
      if (!ai || !human) continue;
      pairs.push({
        callId: ai.callId,
        criterionKey: ai.criterionKey,
        ai: { level: ai.level as Level | null, score: ai.score as number },
        human: { level: human.level as Level | null, score: human.score as number },
      });
    }
    return pairs;
  },
});
