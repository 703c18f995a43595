import { AppError } from '../../domain/app-error.ts';
import { checkFreeText, DISPUTE_REASON_MAX, withinWindow, type DisputeRecord } from '../../domain/disputes/index.ts';
import type { Level } from '../../domain/types.ts';
import type { Services } from '../../services.ts';
import { callUnavailable, loadActor, scopeFor } from './call-access.ts';

// An agent disputes one AI score of one of their calls (issue 19). Access first (only agents may
// dispute, from who the caller is), then the call: theirs, scored within `disputes.windowDays`, the
// criterion one of its scored criteria, the reason given; one open dispute per call and criterion. A
// retried submission (the same `requestId`) gets the dispute it made the first time.

export type DisputeDeps = Pick<Services, 'directory' | 'calls' | 'scores' | 'disputes'>;

/** The call's scored criteria an agent may dispute, after the same checks as raising one. */
export const disputableCriteria = async (
  deps: DisputeDeps,
  input: { slackUserId: string; callId: string; now: Date; windowDays: number },
): Promise<{ callId: string; criteria: { key: string; name: string }[] }> => {
  const scope = scopeFor(await loadActor(deps.directory, input.slackUserId), 'dispute');
  const call = await deps.calls.findById(input.callId);
  if (!call) throw callUnavailable(scope, false);
  // Only the call's own agent: scopeFor('dispute') holds no team.
  if (scope.self?.id !== call.agentId) throw callUnavailable(scope, true);
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
    callId: call.id,
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
  const { criteria } = await disputableCriteria(deps, input);
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
  const call = await deps.calls.findById(input.callId);
  if (!call) throw new AppError('call_gone', 'This call no longer exists in floorready (it may have been forgotten or re-imported).');
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
