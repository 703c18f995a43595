import type { CallRepository, DirectoryRepository, ReadinessRepository, ScoreRepository } from './ports.ts';
import type { Criterion } from '../domain/types.ts';
import { findCall } from './find-call.ts';
import { viewCalls, type CallView } from './list-calls.ts';

/** One turn of a stored (redacted) transcript, numbered from 1, with the criteria that cite it as evidence. */
export interface CallTurnView {
  number: number;
  role: string;
  /** Seconds from the start of the call, when the source had timings. */
  start: number | null;
  text: string;
  evidence: { criterion: string; source: 'ai' | 'human' }[];
}

export interface CallDetail extends CallView {
  /** The transcript as stored (PII redacted before storage); empty for a call imported from scores only. */
  turns: CallTurnView[];
  /** The rubric's criteria, for names (current rubric version). */
  criterionNames: Record<string, string>;
}

/**
 * A call by id or external id, with everything floorready knows about it: its view (as `calls` lists
 * it) and its stored transcript, each turn marked with the criteria whose evidence quotes it.
 */
export const showCall = async (
  deps: { calls: CallRepository; scores: ScoreRepository; directory: DirectoryRepository; readiness: ReadinessRepository },
  ref: string,
): Promise<CallDetail> => {
  const record = await findCall(deps.calls, ref);
  const [[view], rubric] = await Promise.all([viewCalls(deps, [record]), deps.directory.currentRubric()]);
  if (!view) throw new Error(`viewCalls returned no view for call ${record.id}`);
  const turns = (record.turns ?? []).map(
    (turn, index): CallTurnView => ({
      number: index + 1,
      role: turn.role,
      start: turn.start ?? null,
      text: turn.text,
      evidence: view.criteria
        .filter((criterion) => criterion.evidence.some((quote) => quote.turn === index))
        .map((criterion) => ({ criterion: criterion.key, source: criterion.source })),
    }),
  );
  const criteria: readonly Pick<Criterion, 'key' | 'name'>[] = rubric?.criteria ?? [];
  return { ...view, turns, criterionNames: Object.fromEntries(criteria.map((criterion) => [criterion.key, criterion.name])) };
};
