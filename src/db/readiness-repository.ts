import type { CallKind, Frustration, Level, Role } from '../domain/types.ts';
import { Prisma, type PrismaClient } from '../generated/sqlite/client.ts';
import type { ExcludedCallRecord as ExcludedCall, ExclusionRecord } from '../domain/records.ts';
import type { DatabaseProvider } from './database-url.ts';
import type { RowReader, RowValue } from './row-reader.ts';
import type {
  DecisionRecord,
  AiScorer,
  EffectiveCall,
  MomentRecord,
  RecordedDecision,
  ScorerPairRecord,
  ScorerUseRecord,
} from '../domain/stored-records.ts';

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';

/**
 * Takes the write lock on one call for the rest of a transaction: a no-op UPDATE of its row, which is a
 * row lock on PostgreSQL and the database's write lock on SQLite (taken at once, so a second writer waits
 * out the busy timeout instead of failing to upgrade a read). Check-then-write steps on the call after it
 * cannot interleave with another process doing the same.
 */
const lockCall = async (tx: Pick<PrismaClient, '$executeRaw'>, callId: string): Promise<void> => {
  await tx.$executeRaw`UPDATE "Call" SET "id" = "id" WHERE "id" = ${callId}`;
};

const addMoments = (moments: MomentRecord[], criterionKey: string, evidence: unknown): void => {
  const raw = typeof evidence === 'string' ? (JSON.parse(evidence) as unknown) : evidence;
  if (!Array.isArray(raw)) return;
  for (const item of raw as { turn: number; role: Role; quote: string }[]) {
    moments.push({ criterionKey, turn: item.turn, role: item.role, quote: item.quote });
  }
};

const CALL_COLUMNS = Prisma.sql`c."id", c."agentId", c."externalId", c."callType", c."kind", c."occurredAt", c."frustration", c."reviewReason"`;

/**
 * An instant as a row reader gives it (ADR 0059): PostgreSQL's text of a `timestamp(3)`, which holds UTC
 * (`2026-04-20 10:00:00.123`, read as UTC as Prisma's adapter reads it), or the ISO text Prisma's SQLite
 * adapter stores (`2026-04-20T10:00:00.123+00:00`), or a number of milliseconds.
 */
const storedInstant = (text: string): Date => {
  const utc = utcDigits(text);
  if (utc !== null) return new Date(utc);
  if (text.length > 10 && text.charCodeAt(10) === SPACE && !/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text.slice(19)))
    return new Date(`${text.slice(0, 10)}T${text.slice(11)}Z`);
  return new Date(/^\d+$/.test(text) ? Number(text) : text);
};

/** The number at text[from, to) when every character there is a digit, else -1. */
const digitsAt = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * The two forms floorready's databases hold, read without parsing text into a Date (a team report reads
 * 2,000): `YYYY-MM-DD HH:MM:SS[.fff]` (PostgreSQL, UTC) and `YYYY-MM-DDTHH:MM:SS[.fff](+00:00|Z)` (Prisma's
 * SQLite adapter). Milliseconds since the epoch, or null for any other form (read by Date itself).
 */
const utcDigits = (text: string): number | null => {
  if (text.length < 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null;
  const separator = text.charCodeAt(10);
  if (separator !== SPACE && separator !== LETTER_T) return null;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return null;
  let end = 19;
  let millis = 0;
  if (text.charCodeAt(19) === DOT) {
    end = 20;
    while (end < text.length && end < 23 && text.charCodeAt(end) >= ZERO && text.charCodeAt(end) <= ZERO + 9) end += 1;
    if (end === 20) return null;
    millis = digitsAt(text, 20, end) * 10 ** (23 - end);
  }
  const zone = text.slice(end);
  if (zone !== '' && zone !== 'Z' && zone !== '+00:00') return null;
  if (separator === SPACE ? zone !== '' : zone === '') return null;
  const parts = [
    digitsAt(text, 0, 4),
    digitsAt(text, 5, 7),
    digitsAt(text, 8, 10),
    digitsAt(text, 11, 13),
    digitsAt(text, 14, 16),
    digitsAt(text, 17, 19),
  ];
  // Years before 100 are not what Date.UTC reads them as (1900 + year): Date reads those.
  if (parts.some((part) => part < 0) || (parts[0] as number) < 100) return null;
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
};
const ZERO = '0'.charCodeAt(0);
const DASH = '-'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
const DOT = '.'.charCodeAt(0);
const LETTER_T = 'T'.charCodeAt(0);
const SPACE = ' '.charCodeAt(0);

/** What a line's scores say: the effective score per criterion and which are human, unverified, quoted. */
type LineScores = Pick<EffectiveCall, 'criteria' | 'humanCriteria' | 'unverified' | 'quotedCriteria'>;

/** A call as the readiness rules see it: CALL_COLUMNS' values in order, its line's scores and scorers. */
const callOf = (row: readonly RowValue[], scores: LineScores, aiScorers: readonly AiScorer[]): EffectiveCall => ({
  callId: row[0] as string,
  agentId: row[1] as string,
  externalId: row[2] ?? null,
  callType: row[3] ?? null,
  kind: row[4] as CallKind,
  occurredAt: storedInstant(row[5] as string),
  frustration: (row[6] ?? null) as Frustration | null,
  reviewReason: row[7] ?? null,
  criteria: scores.criteria,
  humanCriteria: scores.humanCriteria,
  unverified: scores.unverified,
  quotedCriteria: scores.quotedCriteria,
  aiScorers,
});

const NO_SCORERS: readonly AiScorer[] = Object.freeze([]);

/**
 * Reads a line's scorers (`scorer`, and `\x1f` `model` when it has one, per current AI evaluation, `\x1e`
 * between them: control characters, so a model named with spaces or commas reads back whole), once per
 * distinct text in a read: calls with the same scorers share the list.
 */
const aiScorersReader = () => {
  const seen = new Map<string, readonly AiScorer[]>();
  return (text: string | null): readonly AiScorer[] => {
    if (text === null || text === '') return NO_SCORERS;
    let scorers = seen.get(text);
    if (!scorers) {
      scorers = Object.freeze(
        text.split('\x1e').map((entry) => {
          const cut = entry.indexOf('\x1f');
          return Object.freeze(cut === -1 ? { scorer: entry, model: null } : { scorer: entry.slice(0, cut), model: entry.slice(cut + 1) });
        }),
      );
      seen.set(text, scorers);
    }
    return scorers;
  };
};

/**
 * Reads a line's scores (`key source confidence score quoted`, comma-separated), once per distinct text in
 * a read: calls whose lines are the same share the result, frozen (a team's 2,000 calls had 360 distinct
 * lines in the bench; nothing downstream changes a call's scores). A human score replaces the AI one, and
 * with it any doubt about the AI's evidence. `wanted`: those criteria only; `quotes` false: none quoted.
 */
const lineScoresReader = (wanted: ReadonlySet<string> | null, quotes: boolean) => {
  const seen = new Map<string, LineScores>();
  return (text: string): LineScores => {
    const known = seen.get(text);
    if (known) return known;
    const criteria: Record<string, number> = {};
    const humanCriteria: string[] = [];
    let unverified: string[] = [];
    const quotedCriteria: string[] = [];
    let human: Map<string, number> | null = null;
    // Field by field, no array per score.
    for (let at = 0; at < text.length; ) {
      const comma = text.indexOf(',', at);
      const end = comma === -1 ? text.length : comma;
      const keyEnd = text.indexOf(' ', at);
      const sourceEnd = text.indexOf(' ', keyEnd + 1);
      const confidenceEnd = text.indexOf(' ', sourceEnd + 1);
      const scoreEnd = text.indexOf(' ', confidenceEnd + 1);
      const key = text.slice(at, keyEnd);
      at = end + 1;
      if (wanted && !wanted.has(key)) continue;
      const score = Number(text.slice(confidenceEnd + 1, scoreEnd));
      if (quotes && text.charCodeAt(scoreEnd + 1) === Q && !quotedCriteria.includes(key)) quotedCriteria.push(key);
      if (text.startsWith('human', keyEnd + 1) && sourceEnd - keyEnd - 1 === 5) {
        human = human ?? new Map<string, number>();
        human.set(key, score);
      } else {
        criteria[key] = score;
        if (text.startsWith('low', sourceEnd + 1) && confidenceEnd - sourceEnd - 1 === 3) unverified.push(key);
      }
    }
    if (human)
      for (const [key, score] of human) {
        criteria[key] = score;
        humanCriteria.push(key);
        unverified = unverified.filter((other) => other !== key);
      }
    const scores: LineScores = {
      criteria: Object.freeze(criteria) as Record<string, number>,
      humanCriteria: Object.freeze(humanCriteria) as string[],
      unverified: Object.freeze(unverified) as string[],
      quotedCriteria: Object.freeze(quotedCriteria) as string[],
    };
    seen.set(text, scores);
    return scores;
  };
};

const Q = 'q'.charCodeAt(0);

/**
 * The effective scores of many agents' calls, one row per call: the call's columns and its line in
 * "CallScores" (ADR 0060), which the database's triggers keep from its scores and evaluations: the current
 * applicable scores as `criterion source confidence score q|n` (q: the score has evidence quotes),
 * comma-separated by criterion and source, and its AI scorers. One row per call from the calls' index and
 * the lines' key, without reading or folding the score rows (at 10,000 agents the fold was most of a team
 * report's database time), through the row reader (ADR 0059). Evidence quotes are not part of it, only
 * whether a score has any, so a report reads the quotes of the moments it shows and nothing else
 * (`moments`, ADR 0041).
 */
const readEffectiveCalls = async (
  rows: RowReader,
  agentIds: readonly string[],
  options: { criterionKeys: readonly string[] | undefined; quotes: boolean },
): Promise<EffectiveCall[]> => {
  const { criterionKeys, quotes } = options;
  const wanted = criterionKeys ? new Set(criterionKeys) : null;
  const read = await rows.rows(Prisma.sql`
    SELECT ${CALL_COLUMNS}, m."scores", m."scorers"
    FROM "Call" c
    LEFT JOIN "CallScores" m ON m."callId" = c."id"
    WHERE c."agentId" IN (${Prisma.join([...agentIds])})
      AND c."state" IN ('scored', 'imported')
      AND NOT EXISTS (SELECT 1 FROM "Exclusion" e WHERE e."callId" = c."id" AND e."undoneAt" IS NULL)
    ORDER BY c."occurredAt", c."id"`);
  const scorersOf = aiScorersReader();
  const scoresOf = lineScoresReader(wanted, quotes);
  return read.map((row) => callOf(row, scoresOf(row[8] ?? ''), scorersOf(row[9] ?? null)));
};

/**
 * PostgreSQL: the active exclusions of these agents' calls, the calls' ids first (an index scan), then their
 * exclusions by that list (an index scan): the relation filter Prisma writes was planned as a scan of every
 * exclusion (4.3 against 0.5 ms with 15,000 exclusions; ADR 0053). The records as the findMany gives them.
 */
const agentExclusionsPostgres = async (prisma: PrismaClient, agentIds: readonly string[]): Promise<ExcludedCall[]> => {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      callId: string;
      reason: string;
      by: string;
      createdAt: Date | string;
      undoneAt: Date | string | null;
      undoneBy: string | null;
      agentId: string;
      externalId: string | null;
      callType: string | null;
      kind: string;
      occurredAt: Date | string;
    }[]
  >`
    SELECT e."id", e."callId", e."reason", e."by", e."createdAt", e."undoneAt", e."undoneBy",
           c."agentId", c."externalId", c."callType", c."kind", c."occurredAt"
    FROM "Exclusion" e
    JOIN "Call" c ON c."id" = e."callId"
    WHERE e."undoneAt" IS NULL
      AND e."callId" = ANY(ARRAY(SELECT a."id" FROM "Call" a WHERE a."agentId" IN (${Prisma.join([...agentIds])})))`;
  return rows.map((row) => ({
    id: row.id,
    callId: row.callId,
    reason: row.reason,
    by: row.by,
    createdAt: new Date(row.createdAt),
    undoneAt: row.undoneAt === null ? null : new Date(row.undoneAt),
    undoneBy: row.undoneBy,
    agentId: row.agentId,
    externalId: row.externalId,
    callType: row.callType,
    kind: row.kind as CallKind,
    occurredAt: new Date(row.occurredAt),
  }));
};

/** Bind parameters per query when a list of ids is passed (SQLite allows 32,766; PostgreSQL 65,535). */
const IDS_PER_QUERY = 500;

export const createReadinessRepository = (prisma: PrismaClient, provider: DatabaseProvider, rows: RowReader) => ({
  /**
   * The effective scores of every scored, non-excluded call of these agents, one row per call, in one
   * query filtered by agent (never by a list of call ids, which would pass one bind parameter per call
   * and exceed SQLite's limit for a team of a few thousand calls). `criterionKeys` keeps those criteria
   * only (the rubric's); without it, every criterion scored. Evidence quotes are read by `moments`;
   * `quotes: false` leaves `quotedCriteria` empty without looking at the evidence (a report that quotes
   * none). Read through the row reader (ADR 0059).
   */
  async effectiveCalls(
    agentIds: readonly string[],
    options: { criterionKeys?: readonly string[]; quotes?: boolean } = {},
  ): Promise<EffectiveCall[]> {
    if (agentIds.length === 0) return [];
    return readEffectiveCalls(rows, agentIds, {
      criterionKeys: options.criterionKeys && options.criterionKeys.length > 0 ? options.criterionKeys : undefined,
      quotes: options.quotes ?? true,
    });
  },

  /**
   * The evidence quotes of these calls' current applicable scores, per call: for each score its quotes
   * in the order stored, the AI score's before a human one's (the order a report quotes them in). Reads
   * only the rows of these calls (IDS_PER_QUERY ids a query).
   */
  async moments(callIds: readonly string[]): Promise<Map<string, MomentRecord[]>> {
    const found = new Map<string, MomentRecord[]>(callIds.map((id) => [id, []]));
    for (let start = 0; start < callIds.length; start += IDS_PER_QUERY) {
      const rows = await prisma.$queryRaw<{ callId: string; criterionKey: string; source: string; evidence: unknown }[]>`
        SELECT s."callId", s."criterionKey", s."source", s."evidence"
        FROM "CriterionScore" s
        WHERE s."callId" IN (${Prisma.join(callIds.slice(start, start + IDS_PER_QUERY))})
          AND s."current" AND s."applicable" AND s."score" IS NOT NULL AND s."evidence" IS NOT NULL
        ORDER BY s."callId", CASE WHEN s."source" = 'human' THEN 1 ELSE 0 END`;
      for (const row of rows) {
        const moments = found.get(row.callId);
        if (moments) addMoments(moments, row.criterionKey, row.evidence);
      }
    }
    return found;
  },

  /** Per agent, the scorers (and models) of the current AI evaluations of their calls that count. */
  async scorerUse(agentIds: readonly string[]): Promise<ScorerUseRecord[]> {
    if (agentIds.length === 0) return [];
    const rows = await prisma.$queryRaw<{ agentId: string; scorer: string; model: string | null; calls: number | bigint }[]>`
      SELECT c."agentId", v."scorer", v."model", COUNT(*) AS "calls"
      FROM "Evaluation" v
      JOIN "Call" c ON c."id" = v."callId"
      WHERE c."agentId" IN (${Prisma.join([...agentIds])})
        AND v."source" = 'ai' AND v."current"
        AND c."state" IN ('scored', 'imported')
        AND NOT EXISTS (SELECT 1 FROM "Exclusion" e WHERE e."callId" = c."id" AND e."undoneAt" IS NULL)
      GROUP BY c."agentId", v."scorer", v."model"`;
    return rows.map((row) => ({ agentId: row.agentId, scorer: row.scorer, model: row.model, calls: Number(row.calls) }));
  },

  /** Calls of these agents scored by both the AI and a human on the same criterion (calibration). */
  async scorerPairs(agentIds: readonly string[]): Promise<ScorerPairRecord[]> {
    if (agentIds.length === 0) return [];
    const rows = await prisma.$queryRaw<
      {
        callId: string;
        criterionKey: string;
        scorer: string;
        model: string | null;
        reviewer: string | null;
        aiLevel: number | null;
        aiScore: number;
        humanLevel: number | null;
        humanScore: number;
      }[]
    >`
      SELECT h."callId", h."criterionKey", v."scorer", v."model", hv."reviewer",
             a."level" AS "aiLevel", a."score" AS "aiScore", h."level" AS "humanLevel", h."score" AS "humanScore"
      FROM "CriterionScore" h
      JOIN "Call" c ON c."id" = h."callId"
      JOIN "Evaluation" hv ON hv."id" = h."evaluationId"
      JOIN "CriterionScore" a
        ON a."callId" = h."callId" AND a."criterionKey" = h."criterionKey"
       AND a."source" = 'ai' AND a."current" AND a."applicable" AND a."score" IS NOT NULL
      JOIN "Evaluation" v ON v."id" = a."evaluationId"
      WHERE c."agentId" IN (${Prisma.join([...agentIds])})
        AND h."source" = 'human' AND h."current" AND h."applicable" AND h."score" IS NOT NULL
      ORDER BY h."callId", h."criterionKey"`;
    return rows.map((row) => ({
      callId: row.callId,
      criterionKey: row.criterionKey,
      scorer: row.scorer,
      model: row.model,
      reviewer: row.reviewer,
      ai: { level: row.aiLevel === null ? null : (Number(row.aiLevel) as Level), score: Number(row.aiScore) },
      human: { level: row.humanLevel === null ? null : (Number(row.humanLevel) as Level), score: Number(row.humanScore) },
    }));
  },

  /**
   * Excludes a call unless it already is: `created` false returns the exclusion that was there. Two
   * managers excluding one call at once record it once (the call's row is locked first; see lockCall).
   */
  async exclude(input: {
    callId: string;
    reason: string;
    by: string;
    at: Date;
  }): Promise<{ exclusion: ExclusionRecord; created: boolean }> {
    return prisma.$transaction(async (tx) => {
      await lockCall(tx, input.callId);
      const active = await tx.exclusion.findFirst({ where: { callId: input.callId, undoneAt: null } });
      if (active) return { exclusion: active, created: false };
      return {
        exclusion: await tx.exclusion.create({ data: { callId: input.callId, reason: input.reason, by: input.by, createdAt: input.at } }),
        created: true,
      };
    });
  },

  /** Undoes the active exclusion of a call; null when the call is not excluded. The row stays, for audit. */
  async undoExclusion(input: { callId: string; by: string; at: Date }): Promise<ExclusionRecord | null> {
    return prisma.$transaction(async (tx) => {
      await lockCall(tx, input.callId);
      const active = await tx.exclusion.findFirst({ where: { callId: input.callId, undoneAt: null } });
      if (!active) return null;
      return tx.exclusion.update({ where: { id: active.id }, data: { undoneAt: input.at, undoneBy: input.by } });
    });
  },

  async activeExclusion(callId: string): Promise<ExclusionRecord | null> {
    return prisma.exclusion.findFirst({ where: { callId, undoneAt: null } });
  },

  /** The active exclusions of these calls, or of every call of these agents (IDS_PER_QUERY ids a query), oldest call first. */
  async activeExclusions(filter: { callIds: readonly string[] } | { agentIds: readonly string[] }): Promise<ExcludedCall[]> {
    const byCall = 'callIds' in filter;
    const ids = byCall ? filter.callIds : filter.agentIds;
    const found: ExcludedCall[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + IDS_PER_QUERY);
      if (!byCall && provider === 'postgresql') {
        found.push(...(await agentExclusionsPostgres(prisma, chunk)));
        continue;
      }
      const rows = await prisma.exclusion.findMany({
        where: { undoneAt: null, ...(byCall ? { callId: { in: chunk } } : { call: { agentId: { in: chunk } } }) },
        include: { call: { select: { agentId: true, externalId: true, callType: true, kind: true, occurredAt: true } } },
      });
      for (const { call, ...exclusion } of rows) found.push({ ...exclusion, ...call, kind: call.kind as CallKind });
    }
    return found.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
  },

  async exclusionHistory(callId: string): Promise<ExclusionRecord[]> {
    return prisma.exclusion.findMany({ where: { callId }, orderBy: { createdAt: 'asc' } });
  },

  /**
   * Stores a decision unless this agent, call type and approval already has one (the unique key decides
   * between racing clicks, runs and instances): then the one stored first is returned, not recorded again.
   */
  async recordDecision(input: Omit<DecisionRecord, 'id'>): Promise<RecordedDecision> {
    try {
      const row = await prisma.readinessDecision.create({
        data: {
          agentId: input.agentId,
          callType: input.callType,
          approvedBy: input.approvedBy,
          approvedAt: input.approvedAt,
          evidence: input.evidence as object,
        },
      });
      return { recorded: true, decision: { ...row, evidence: row.evidence } };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row = await prisma.readinessDecision.findUnique({
        where: { agentId_callType_status: { agentId: input.agentId, callType: input.callType, status: 'approved' } },
      });
      if (!row) throw error;
      return { recorded: false, decision: { ...row, evidence: row.evidence } };
    }
  },

  async decisions(agentIds: readonly string[]): Promise<DecisionRecord[]> {
    const rows = await prisma.readinessDecision.findMany({
      where: { agentId: { in: [...agentIds] }, status: 'approved' },
      orderBy: { approvedAt: 'asc' },
    });
    return rows.map((row) => ({ ...row, evidence: row.evidence }));
  },
});
