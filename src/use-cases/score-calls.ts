import type { CallClaim, RubricRecord } from '../domain/stored-records.ts';
import type { CallRepository, DirectoryRepository, ScoreRepository } from './ports.ts';
import { randomUUID } from 'node:crypto';
import { isAppError } from '../domain/app-error.ts';
import type { CallTypeDef, Scorer } from '../domain/types.ts';
import { redactPii } from '../ingest/redact-pii.ts';
import { redactScoreResult } from '../ingest/redaction/redact-score-result.ts';
import { SCORING_ERROR, isRetryable } from '../scoring/llm-scorer.ts';
import { describeEvaluatorAddress, findEvaluatorAddress } from '../domain/injection/find-evaluator-address.ts';
import { holdForReview } from '../domain/injection/hold-for-review.ts';
import { inferCallType } from '../scoring/embedded/infer-call-type.ts';
import { readFrustration } from '../scoring/embedded/read-frustration.ts';
import { requireRubric } from './resolve-names.ts';

/**
 * A malformed answer rarely changes on a retry at temperature 0: it gets this many attempts at most
 * (fewer when `maxAttempts` is lower), so a broken model does not cost five requests per call.
 */
export const MAX_BAD_OUTPUT_ATTEMPTS = 3;

export interface ScoringSettings {
  concurrency: number;
  maxAttempts: number;
  leaseMs: number;
  /** First retry delay; doubles with every attempt, capped at maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** USD per 1,000 tokens, for the cost estimate. */
  price: { promptPer1k: number; completionPer1k: number };
}

export interface ScoringDeps {
  calls: CallRepository;
  scores: ScoreRepository;
  directory: DirectoryRepository;
  scorer: Scorer;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  settings: ScoringSettings;
  workerId?: string;
}

export type ScoringEvent =
  | { type: 'scored'; callId: string; overall: number | null; latencyMs: number; promptTokens: number; completionTokens: number }
  | { type: 'retry'; callId: string; attempt: number; reason: string; nextAttemptAt: Date }
  | { type: 'failed'; callId: string; attempt: number; reason: string }
  | { type: 'lease_lost'; callId: string };

export interface ScoringSummary {
  scorer: string;
  model: string | null;
  scored: number;
  failed: { callId: string; reason: string }[];
  retries: number;
  promptTokens: number;
  completionTokens: number;
  estimatedCostUsd: number;
}

const reasonOf = (error: unknown): string =>
  isAppError(error) ? error.userMessage : error instanceof Error ? error.message : String(error);

/** Agent names to mask in the transcript: the display name, each part of it, and configured aliases. */
const maskNamesFor = (agent: { displayName: string; names: string[] }): string[] => {
  const parts = agent.displayName.split(/\s+/).filter((part) => part.length > 1);
  return [...new Set([agent.displayName, ...parts, ...agent.names])];
};

/**
 * Scores one claimed call and records the outcome. A retryable failure goes back to the queue with
 * exponential backoff until the attempts run out; then, or on a permanent failure, the call is
 * marked failed with the reason. Everything is fenced by the lease, so a call is scored once.
 */
/** What every claim of one run shares: loaded once, not per call. */
interface RunContext {
  rubric: RubricRecord;
  callTypes: CallTypeDef[];
  maskNames: Map<string, Promise<string[]>>;
  /** Every configured agent's and manager's names: a colleague named in a call is masked too. */
  staffNames: string[];
}

const loadStaffNames = async (directory: DirectoryRepository): Promise<string[]> => {
  const [agents, teams] = await Promise.all([directory.listAgents({ activeOnly: false }), directory.listTeams()]);
  const managers = teams.flatMap((team) => team.managers.flatMap((manager) => (manager.name ? [manager.name] : [])));
  return [...new Set([...agents.flatMap(maskNamesFor), ...managers])];
};

const loadRunContext = async (directory: DirectoryRepository, rubric: RubricRecord): Promise<RunContext> => ({
  rubric,
  callTypes: await directory.callTypes(),
  maskNames: new Map(),
  staffNames: await loadStaffNames(directory),
});

const maskNamesOf = (deps: ScoringDeps, context: RunContext, agentId: string): Promise<string[]> => {
  let names = context.maskNames.get(agentId);
  if (!names) {
    names = deps.directory.agentsById([agentId]).then(([agent]) => (agent ? maskNamesFor(agent) : []));
    context.maskNames.set(agentId, names);
  }
  return names;
};

const scoreClaim = async (deps: ScoringDeps, claim: CallClaim, context: RunContext): Promise<ScoringEvent> => {
  const { call } = claim;
  const heartbeat = setInterval(
    () => {
      void deps.calls.renewLease(claim, new Date(deps.now().getTime() + deps.settings.leaseMs)).catch(() => undefined);
    },
    Math.max(1_000, deps.settings.leaseMs / 3),
  );
  try {
    if (!call.turns || call.turns.length === 0) throw new Error('The call has no transcript to score.');
    // Turns that speak to the evaluator hold the call for a person (ADR 0025); they never name its type.
    const addressed = findEvaluatorAddress(call.turns);
    const heard = call.turns.filter((_, index) => !addressed.some((found) => found.turn === index));
    // A call stored before ingest inferred untyped calls' types (or with nothing heard then) is inferred here, the same way.
    const inferred = call.callType === null && heard.length > 0 ? inferCallType(heard, context.callTypes, readFrustration(heard)) : null;
    const callType = call.callType ?? inferred?.key ?? null;
    const scored = await deps.scorer.score({
      turns: call.turns,
      rubric: context.rubric,
      callType,
      callTypes: context.callTypes,
      maskNames: await maskNamesOf(deps, context, call.agentId),
      staffNames: context.staffNames,
    });
    // Held for review: no overall is stored (what a model told to give 5s said is no score), the levels stay for the reviewer.
    const result = addressed.length > 0 ? { ...scored, criteria: holdForReview(scored.criteria), overall: null } : scored;
    const marks = {
      reviewReason: addressed.length > 0 ? describeEvaluatorAddress(addressed) : null,
      callTypeInferred: inferred !== null,
      callTypeCue: inferred?.cue ?? null,
    };
    // What the scorer wrote is stored redacted, like the transcript it read.
    const saved = await deps.scores.saveAiScores(claim, redactScoreResult(result).result, context.rubric.id, marks);
    if (!saved) return { type: 'lease_lost', callId: call.id };
    return {
      type: 'scored',
      callId: call.id,
      overall: result.overall,
      latencyMs: result.latencyMs,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
    };
  } catch (error) {
    const reason = redactPii(reasonOf(error)).text;
    const retryable = !isAppError(error) || isRetryable(error);
    const attemptLimit =
      isAppError(error) && error.code === SCORING_ERROR.badOutput
        ? Math.min(deps.settings.maxAttempts, MAX_BAD_OUTPUT_ATTEMPTS)
        : deps.settings.maxAttempts;
    if (retryable && claim.attempt < attemptLimit) {
      const delay = Math.min(deps.settings.maxBackoffMs, deps.settings.backoffMs * 2 ** (claim.attempt - 1));
      const nextAttemptAt = new Date(deps.now().getTime() + delay);
      const released = await deps.calls.releaseForRetry(claim, nextAttemptAt, reason);
      return released
        ? { type: 'retry', callId: call.id, attempt: claim.attempt, reason, nextAttemptAt }
        : { type: 'lease_lost', callId: call.id };
    }
    const final = retryable ? `${reason.replace(/[.\s]+$/u, '')}; gave up after ${claim.attempt} attempts.` : reason;
    const marked = await deps.calls.markFailed(claim, final);
    return marked ? { type: 'failed', callId: call.id, attempt: claim.attempt, reason: final } : { type: 'lease_lost', callId: call.id };
  } finally {
    clearInterval(heartbeat);
  }
};

const emptySummary = (scorer: Scorer): ScoringSummary => ({
  scorer: scorer.name,
  model: scorer.model,
  scored: 0,
  failed: [],
  retries: 0,
  promptTokens: 0,
  completionTokens: 0,
  estimatedCostUsd: 0,
});

const addToSummary = (summary: ScoringSummary, event: ScoringEvent, settings: ScoringSettings): void => {
  if (event.type === 'scored') {
    summary.scored += 1;
    summary.promptTokens += event.promptTokens;
    summary.completionTokens += event.completionTokens;
    summary.estimatedCostUsd =
      (summary.promptTokens / 1000) * settings.price.promptPer1k + (summary.completionTokens / 1000) * settings.price.completionPer1k;
  } else if (event.type === 'retry') {
    summary.retries += 1;
  } else if (event.type === 'failed') {
    summary.failed.push({ callId: event.callId, reason: event.reason });
  }
};

/**
 * Scores until the queue is empty, with `concurrency` calls in flight, then returns a summary. Calls
 * waiting for a delayed retry are waited for; calls leased by another live worker are left to it.
 */
export const scoreQueuedCalls = async (
  deps: ScoringDeps,
  onEvent: (event: ScoringEvent) => void = () => undefined,
): Promise<ScoringSummary> => {
  const context = await loadRunContext(deps.directory, await requireRubric(deps.directory));
  const owner = deps.workerId ?? `cli-${randomUUID()}`;
  const summary = emptySummary(deps.scorer);

  const lane = async (): Promise<void> => {
    for (;;) {
      const claim = await deps.calls.claimNext(owner, deps.now(), deps.settings.leaseMs);
      if (!claim) {
        const due = await deps.calls.nextDueAt();
        if (!due) return;
        await deps.sleep(Math.max(10, due.getTime() - deps.now().getTime()));
        continue;
      }
      const event = await scoreClaim(deps, claim, context);
      addToSummary(summary, event, deps.settings);
      onEvent(event);
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, deps.settings.concurrency) }, lane));
  return summary;
};

/**
 * Claims the next queued call and scores it, for the long-running worker (src/scheduler/start-scoring-worker.ts);
 * null when the queue is empty or no rubric is applied yet. The rubric and call types are read per
 * claim, so a config apply takes effect at once.
 */
export const scoreNextQueuedCall = async (deps: ScoringDeps, owner: string): Promise<ScoringEvent | null> => {
  const rubric = await deps.directory.currentRubric();
  const claim = rubric ? await deps.calls.claimNext(owner, deps.now(), deps.settings.leaseMs) : null;
  if (!claim || !rubric) return null;
  return scoreClaim(deps, claim, await loadRunContext(deps.directory, rubric));
};
