import type { CallRecord } from '../../domain/stored-records.ts';
import { AppError } from '../../domain/app-error.ts';
import { checkFreeText, DISPUTE_REASON_MAX, withinWindow, type DisputeRecord } from '../../domain/disputes/index.ts';
import type { Level } from '../../domain/types.ts';
import type { Repositories } from '../ports.ts';
import { authoriseOnCall, identifySlackUser } from '../resolve-access.ts';

// An agent disputes one AI score of one of their calls (issue 19). Access first (only agents may
// dispute, from who the caller is), then the call: theirs, scored within `disputes.windowDays`, the
// criterion one of its scored criteria, the reason given; one open dispute per call and criterion. A
// retried submission (the same `requestId`) gets the dispute it made the first time.

export type DisputeDeps = Pick<Repositories, 'directory' | 'calls' | 'scores' | 'disputes'>;

/** The call's scored criteria an agent may dispute, after the same checks as raising one. */
export const disputableCriteria = async (
  deps: DisputeDeps,
  input: { slackUserId: string; callId: string; now: Date; windowDays: number },
): Promise<{ callId: string; criteria: { key: string; name: string }[] }> => {
  const { call, criteria } = await disputable(deps, input);
  return { callId: call.id, criteria };
};

/** The call (its own agent only: ADR 0021's `dispute`) and its scored criteria, or why not. */
const disputable = async (
  deps: DisputeDeps,
  input: { slackUserId: string; callId: string; now: Date; windowDays: number },
): Promise<{ call: CallRecord; criteria: { key: string; name: string }[] }> => {
  const person = await identifySlackUser(deps.directory, input.slackUserId);
  const { call } = await authoriseOnCall(deps.directory, person, 'dispute', input.callId, (id) => deps.calls.findById(id));
  const evaluation = (await deps.scores.currentAiEvaluations([call.id])).get(call.id);
  if (!evaluation) throw new AppError('dispute_not_scored', 'This call has no AI score to dispute yet.');
  if (!withinWindow(evaluation.createdAt, input.now, input.windowDays)) {
    throw new AppError(
      'dispute_window_closed',
      `Scores can be disputed up to ${input.windowDays} days after scoring; this call was scored earlier.`,
    );
  }
  const rubric = await deps.directory.currentRubric();
  const names = new Map((rubric?.criteria ?? []).map((criterion) => [criterion.key, criterion.name]));
  const scores = (await deps.scores.currentScores([call.id])).filter((row) => row.source === 'ai' && row.applicable && row.level !== null);
  if (scores.length === 0) throw new AppError('dispute_not_scored', 'This call has no AI score to dispute yet.');
  return {
    call,
    criteria: scores.map((row) => ({ key: row.criterionKey, name: names.get(row.criterionKey) ?? row.criterionKey })),
  };
};

export const raiseDispute = async (
  deps: DisputeDeps,
  input: {
    slackUserId: string;
    callId: string;
    criterionKey: string;
    proposedLevel: Level | null;
    reason: string;
    requestId: string | null;
    now: Date;
    windowDays: number;
  },
): Promise<{ dispute: DisputeRecord; created: boolean }> => {
  const { call, criteria } = await disputable(deps, input);
  if (!criteria.some((criterion) => criterion.key === input.criterionKey)) {
    throw new AppError('dispute_criterion_invalid', 'Pick one of this call’s scored criteria.', { params: { field: 'criterion' } });
  }
  const problem = checkFreeText(input.reason, DISPUTE_REASON_MAX);
  if (problem) {
    throw new AppError(
      'dispute_reason_invalid',
      problem === 'empty'
        ? 'Say why the score is wrong: the reason is required.'
        : `Keep the reason to ${DISPUTE_REASON_MAX} characters or fewer.`,
      { params: { field: 'reason' } },
    );
  }
  const ai = (await deps.scores.currentScores([call.id])).find((row) => row.source === 'ai' && row.criterionKey === input.criterionKey);
  const result = await deps.disputes.create({
    callId: call.id,
    criterionKey: input.criterionKey,
    agentId: call.agentId,
    raisedBy: input.slackUserId,
    proposedLevel: input.proposedLevel,
    reason: input.reason.trim(),
    aiLevel: ai?.level ?? null,
    aiScore: ai?.score ?? null,
    requestId: input.requestId,
    at: input.now,
  });
  if (result.created) return { dispute: result.dispute, created: true };
  if (result.sameRequest) return { dispute: result.existing, created: false };
  throw new AppError('dispute_duplicate', 'You already have an open dispute of this criterion on this call: a manager will answer it.', {
    params: { field: 'criterion' },
  });
};
