import type { CallView } from './list-calls.ts';
import { round } from './readiness-json.ts';

// `calls --csv`: one row per call × criterion score (AI and human alike); a call with no score yet has
// one row with the criterion columns empty.

export const CALLS_CSV_COLUMNS = [
  'call_id',
  'external_id',
  'agent_key',
  'agent_name',
  'call_type',
  'kind',
  'occurred_at',
  'state',
  'excluded',
  'exclusion_reason',
  'scorer',
  'model',
  'rubric_version',
  'overall',
  'ai_overall',
  'criterion',
  'source',
  'reviewer',
  'applicable',
  'level',
  'score',
  'confidence',
] as const;

export type CallsCsvRow = Record<(typeof CALLS_CSV_COLUMNS)[number], string | number | boolean | null>;

export const callsCsvRows = (calls: readonly CallView[]): CallsCsvRow[] =>
  calls.flatMap((call): CallsCsvRow[] => {
    const base = {
      call_id: call.id,
      external_id: call.externalId,
      agent_key: call.agent.key,
      agent_name: call.agent.name,
      call_type: call.callType,
      kind: call.kind,
      occurred_at: call.occurredAt,
      state: call.state,
      excluded: call.exclusion !== null,
      exclusion_reason: call.exclusion?.reason ?? null,
      scorer: call.scoring?.scorer ?? null,
      model: call.scoring?.model ?? null,
      rubric_version: call.scoring?.rubricVersion ?? null,
      // The one overall every report shows (a reviewer's scores in place of the AI's), and the AI's own beside it.
      overall: round(call.overall),
      ai_overall: round(call.aiOverall),
    };
    const none = { criterion: null, source: null, reviewer: null, applicable: null, level: null, score: null, confidence: null };
    if (call.criteria.length === 0) return [{ ...base, ...none }];
    return call.criteria.map((criterion) => ({
      ...base,
      criterion: criterion.key,
      source: criterion.source,
      reviewer: criterion.reviewer,
      applicable: criterion.applicable,
      level: criterion.level,
      score: round(criterion.score),
      confidence: criterion.confidence,
    }));
  });
