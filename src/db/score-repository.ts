import type { Evidence, ImportedScore, Level, ScoreResult } from '../domain/types.ts';
import { Prisma, type PrismaClient } from '../generated/sqlite/client.ts';
import { newRowId } from './new-row-id.ts';
import type {
  AiScoreMarks,
  AiScoresToSave,
  CallClaim,
  ScoreSource,
  StoredCriterionScore,
  StoredEvaluation,
} from '../domain/stored-records.ts';

const NO_MARKS: AiScoreMarks = { reviewReason: null, callTypeInferred: false, callTypeCue: null };

/**
 * Stores the AI scores of claimed calls and marks them scored, in one transaction (ADR 0046), each call
 * fenced by its lease: a call another worker took over meanwhile gets nothing written and false in its
 * place of the answer. A re-score supersedes the earlier AI evaluation (kept, no longer current); human
 * scores stay. Written in SQL of our own (the same on SQLite and PostgreSQL): Prisma compiled a plan for
 * every multi-row insert, which cost more than the scoring (bench:scoring), and for each `updateMany` of
 * the superseded rows (ADR 0051). A batch is five statements whatever its size: the calls' fenced UPDATE,
 * the superseded evaluations and criterion scores, the new ones.
 */
const saveAiScoresBatch = async (prisma: PrismaClient, items: readonly AiScoresToSave[]): Promise<boolean[]> => {
  if (items.length === 0) return [];
  return prisma.$transaction(async (tx) => {
    const at = new Date();
    // One fenced UPDATE for the batch: each call's own values picked by its id, each call fenced by its lease.
    const each = (of: readonly AiScoresToSave[], value: (item: AiScoresToSave) => unknown, otherwise?: Prisma.Sql): Prisma.Sql =>
      Prisma.sql`CASE "id" ${Prisma.join(
        of.map((item) => Prisma.sql`WHEN ${item.claim.call.id} THEN ${value(item)}`),
        ' ',
      )}${otherwise ? Prisma.sql` ELSE ${otherwise}` : Prisma.empty} END`;
    const marksOf = (item: AiScoresToSave): AiScoreMarks => item.marks ?? NO_MARKS;
    // An untyped call takes the type the scorer read, with how it was read; the others keep theirs.
    const typed = items.filter(({ claim, result }) => claim.call.callType === null && result.callType);
    const inferredType =
      typed.length === 0
        ? Prisma.empty
        : Prisma.sql`, "callType" = ${each(typed, (item) => item.result.callType, Prisma.sql`"callType"`)},
          "callTypeInferred" = ${each(
            typed,
            (item) => Prisma.sql`CAST(${marksOf(item).callTypeInferred} AS BOOLEAN)`,
            Prisma.sql`"callTypeInferred"`,
          )},
          "callTypeCue" = ${each(typed, (item) => marksOf(item).callTypeCue, Prisma.sql`"callTypeCue"`)}`;
    const won = new Set(
      (
        await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Call" SET "state" = 'scored', "leaseOwner" = NULL, "leaseUntil" = NULL, "nextAttemptAt" = NULL,
          "failureReason" = NULL, "frustration" = ${each(items, (item) => item.result.frustration)},
          "summary" = ${each(items, (item) => item.result.summary)},
          "reviewReason" = ${each(items, (item) => marksOf(item).reviewReason)}${inferredType}, "updatedAt" = ${at}
        WHERE "state" = 'scoring' AND (${Prisma.join(
          items.map(
            ({ claim }) => Prisma.sql`("id" = ${claim.call.id} AND "leaseOwner" = ${claim.owner} AND "attempts" = ${claim.attempt})`,
          ),
          ' OR ',
        )})
        RETURNING "id"`
      ).map((row) => row.id),
    );
    const saved = items.map((item) => won.has(item.claim.call.id));
    const wonItems = items.filter((_, index) => saved[index]);
    if (wonItems.length === 0) return saved;
    const callIds = wonItems.map((item) => item.claim.call.id);
    await tx.$executeRaw`
      UPDATE "Evaluation" SET "current" = ${false} WHERE "callId" IN (${Prisma.join(callIds)}) AND "source" = 'ai' AND "current" = ${true}`;
    await tx.$executeRaw`
      UPDATE "CriterionScore" SET "current" = ${false} WHERE "callId" IN (${Prisma.join(callIds)}) AND "source" = 'ai' AND "current" = ${true}`;
    const evaluations = wonItems.map((item) => ({ ...item, id: newRowId(at.getTime()) }));
    await tx.$executeRaw`
      INSERT INTO "Evaluation" ("id", "callId", "source", "scorer", "model", "rubricVersionId", "promptVersion", "overall",
        "current", "latencyMs", "promptTokens", "completionTokens", "createdAt")
      VALUES ${Prisma.join(
        evaluations.map(
          ({ id, claim, result, rubricVersionId }) =>
            Prisma.sql`(${id}, ${claim.call.id}, 'ai', ${result.scorer}, ${result.model}, ${rubricVersionId}, ${result.promptVersion},
              ${result.overall}, ${true}, ${Math.round(result.latencyMs)}, ${result.usage.promptTokens}, ${result.usage.completionTokens}, ${at})`,
        ),
      )}`;
    const scores = evaluations.flatMap(({ id, claim, result }) =>
      result.criteria.map(
        (criterion) =>
          Prisma.sql`(${newRowId(at.getTime())}, ${id}, ${claim.call.id}, 'ai', ${true}, ${criterion.key}, ${criterion.level}, ${criterion.score},
            ${criterion.applicable}, ${criterion.confidence}, ${criterion.rationale}, ${JSON.stringify(criterion.evidence)})`,
      ),
    );
    if (scores.length > 0)
      await tx.$executeRaw`
        INSERT INTO "CriterionScore" ("id", "evaluationId", "callId", "source", "current", "criterionKey", "level", "score",
          "applicable", "confidence", "rationale", "evidence")
        VALUES ${Prisma.join(scores)}`;
    return saved;
  });
};

export const createScoreRepository = (prisma: PrismaClient) => ({
  saveAiScoresBatch: (items: readonly AiScoresToSave[]): Promise<boolean[]> => saveAiScoresBatch(prisma, items),

  /** One call's AI scores (saveAiScoresBatch of one): false when the lease was lost. */
  async saveAiScores(claim: CallClaim, result: ScoreResult, rubricVersionId: string, marks: AiScoreMarks = NO_MARKS): Promise<boolean> {
    const [saved] = await saveAiScoresBatch(prisma, [{ claim, result, rubricVersionId, marks }]);
    return saved === true;
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
