import { AppError } from '../../domain/app-error.ts';
import type { CallKind, ImportedScore } from '../../domain/types.ts';
import type { ScoreRow } from './parse-score-csv.ts';

/** One criterion's score on a CSV row, with who gave it. */
export interface CsvScore extends ImportedScore {
  reviewer: string | null;
}

/** One call of a score CSV with its scores; AI and human scores kept apart, never merged. */
export interface ScoreCall {
  externalId: string;
  agent: string;
  callType: string;
  kind: CallKind;
  occurredAt: Date;
  /** The line of the call's first row. */
  line: number;
  /** Criterion key → score, per source. */
  scores: {
    ai: Record<string, CsvScore>;
    human: Record<string, CsvScore>;
  };
}

/**
 * Groups rows (as returned by `parseScoreCsv`) into calls, in order of first appearance.
 * Rows from `parseScoreCsv` never conflict; rows that do (a call with two agents, two different scores for one
 * criterion and source) throw an AppError 'SCORE_ROWS_CONFLICT' rather than letting one silently win.
 */
export const groupScoreRowsByCall = (rows: readonly ScoreRow[]): ScoreCall[] => {
  const calls = new Map<string, ScoreCall>();
  for (const row of rows) {
    let call = calls.get(row.externalId);
    if (call === undefined) {
      call = {
        externalId: row.externalId,
        agent: row.agent,
        callType: row.callType,
        kind: row.kind,
        occurredAt: row.occurredAt,
        line: row.line,
        scores: { ai: {}, human: {} },
      };
      calls.set(row.externalId, call);
    } else if (
      call.agent !== row.agent ||
      call.callType !== row.callType ||
      call.kind !== row.kind ||
      call.occurredAt.getTime() !== row.occurredAt.getTime()
    ) {
      throw conflict(`line ${row.line}: call "${row.externalId}" differs from its first row (line ${call.line})`);
    }
    const bySource = call.scores[row.source];
    const existing = Object.hasOwn(bySource, row.criterion) ? bySource[row.criterion] : undefined;
    if (existing !== undefined && existing.score !== row.score) {
      throw conflict(`line ${row.line}: call "${row.externalId}" has two ${row.source} scores for ${row.criterion}`);
    }
    if (existing === undefined) bySource[row.criterion] = { score: row.score, level: row.level, reviewer: row.reviewer };
  }
  return [...calls.values()];
};

const conflict = (problem: string): AppError => new AppError('SCORE_ROWS_CONFLICT', `${problem}; fix the file and import it again`);
