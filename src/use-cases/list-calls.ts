import type { CallRecord, CallState, StoredCriterionScore, StoredEvaluation } from '../domain/stored-records.ts';
import type { CallRepository, DirectoryRepository, ReadinessRepository, ScoreRepository } from './ports.ts';
import { callOverall } from '../domain/call-overall.ts';
import { resolveAgent } from './resolve-access.ts';

export interface CallView {
  id: string;
  externalId: string | null;
  agent: { key: string; name: string };
  kind: string;
  callType: string | null;
  /** True when the call type was inferred from the call's content, not given. */
  callTypeInferred: boolean;
  /** Set when a turn addressed the evaluator: the AI scores decide nothing until a person scores the call. */
  needsReview: string | null;
  /** Why the call type was inferred (the scorer's cue), null when it was given. */
  callTypeInferredFrom: string | null;
  occurredAt: string;
  /** Where the date came from ("given", "the export's conversationStartTime", "the file name", "import time …"). */
  dateSource: string | null;
  state: CallState;
  attempts: number;
  failureReason: string | null;
  frustration: string | null;
  summary: string | null;
  redactions: Record<string, number> | null;
  /** Set while the call is excluded from every figure: who decided, when and why. */
  exclusion: { reason: string; by: string; at: string } | null;
  /**
   * The call's one overall (domain/call-overall): a reviewer's score in place of the AI's on each criterion
   * a reviewer scored, weighted by the current rubric; null when nothing counts (not scored, or held for
   * review with no reviewer's score yet). The same figure every report, DM and export shows.
   */
  overall: number | null;
  /** The AI's own overall, shown beside `overall` where a reviewer changed it; null when held for review. */
  aiOverall: number | null;
  /** A reviewer's score counts in `overall` on at least one criterion. */
  humanReviewed: boolean;
  scoring: Pick<
    StoredEvaluation,
    'scorer' | 'model' | 'rubricVersion' | 'promptVersion' | 'latencyMs' | 'promptTokens' | 'completionTokens'
  > | null;
  criteria: {
    key: string;
    source: 'ai' | 'human';
    level: number | null;
    score: number | null;
    applicable: boolean;
    confidence: 'high' | 'low';
    rationale: string | null;
    reviewer: string | null;
    evidence: { turn: number; role: string; quote: string }[];
  }[];
}

const criterionView = (score: StoredCriterionScore): CallView['criteria'][number] => ({
  key: score.criterionKey,
  source: score.source,
  level: score.level,
  score: score.score,
  applicable: score.applicable,
  confidence: score.confidence,
  rationale: score.rationale,
  reviewer: score.reviewer,
  evidence: score.evidence,
});

/** Calls with their state, exclusion, scoring provenance and every current AI and human criterion score. */
export const listCalls = async (
  deps: { calls: CallRepository; scores: ScoreRepository; directory: DirectoryRepository; readiness: ReadinessRepository },
  filter: { agent?: string; state?: CallState; limit?: number },
): Promise<CallView[]> => {
  const agent = filter.agent ? await resolveAgent(deps.directory, filter.agent) : null;
  const calls = await deps.calls.list({
    ...(agent ? { agentId: agent.id } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.limit ? { limit: filter.limit } : {}),
  });
  return viewCalls(deps, calls);
};

/** The views of these calls: agent, exclusion, scoring provenance and every current AI and human criterion score. */
export const viewCalls = async (
  deps: { scores: ScoreRepository; directory: DirectoryRepository; readiness: ReadinessRepository },
  calls: readonly CallRecord[],
): Promise<CallView[]> => {
  const ids = calls.map((call) => call.id);
  const [scores, evaluations, agents, exclusions, rubric] = await Promise.all([
    deps.scores.currentScores(ids),
    deps.scores.currentAiEvaluations(ids),
    deps.directory.agentsById([...new Set(calls.map((call) => call.agentId))]),
    deps.readiness.activeExclusions({ callIds: ids }),
    deps.directory.currentRubric(),
  ]);
  const criteria = rubric?.criteria ?? [];
  const agentById = new Map(agents.map((a) => [a.id, a]));
  const exclusionByCall = new Map(exclusions.map((e) => [e.callId, { reason: e.reason, by: e.by, at: e.createdAt.toISOString() }]));
  return calls.map((call) => {
    const evaluation = evaluations.get(call.id);
    const owner = agentById.get(call.agentId);
    const own = scores.filter((score) => score.callId === call.id);
    const overall = callOverall(own, criteria, { heldForReview: call.reviewReason !== null });
    return {
      id: call.id,
      externalId: call.externalId,
      agent: { key: owner?.key ?? call.agentId, name: owner?.displayName ?? '(unknown)' },
      kind: call.kind,
      callType: call.callType,
      callTypeInferred: call.callTypeInferred,
      needsReview: call.reviewReason,
      callTypeInferredFrom: call.callTypeCue,
      occurredAt: call.occurredAt.toISOString(),
      dateSource: call.dateSource,
      state: call.state,
      attempts: call.attempts,
      failureReason: call.failureReason,
      frustration: call.frustration,
      summary: call.summary,
      redactions: call.redactions,
      exclusion: exclusionByCall.get(call.id) ?? null,
      overall: overall.effective,
      aiOverall: overall.ai,
      humanReviewed: overall.humanReviewed,
      scoring: evaluation
        ? {
            scorer: evaluation.scorer,
            model: evaluation.model,
            rubricVersion: evaluation.rubricVersion,
            promptVersion: evaluation.promptVersion,
            latencyMs: evaluation.latencyMs,
            promptTokens: evaluation.promptTokens,
            completionTokens: evaluation.completionTokens,
          }
        : null,
      criteria: own.map(criterionView),
    };
  });
};
