import type { AiScoresToSave, CallClaim, RubricRecord } from '../domain/stored-records.ts';
import type { CallRepository, DirectoryRepository, ScoreRepository } from './ports.ts';
import { randomUUID } from 'node:crypto';
import { isAppError } from '../domain/app-error.ts';
import type { CallTypeDef, Scorer } from '../domain/types.ts';
import { redactPii } from '../ingest/redact-pii.ts';
import { redactScoreResult } from '../ingest/redaction/redact-score-result.ts';
import { SCORING_ERROR, isRetryable } from '../scoring/scoring-errors.ts';
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

/** A claimed call's scoring: how it ended (failed, or back in the queue for a retry), or the scores to save. */
type Attempt = { ended: ScoringEvent } | { toSave: AiScoresToSave; scored: Extract<ScoringEvent, { type: 'scored' }> };

/**
 * A failed attempt: a retryable failure goes back to the queue with exponential backoff until the
 * attempts run out; then, or on a permanent failure, the call is marked failed with the reason.
 */
const settleFailure = async (deps: ScoringDeps, claim: CallClaim, error: unknown): Promise<ScoringEvent> => {
  const { call } = claim;
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
};

/** Keeps a claimed call's lease while it is scored and saved; the returned function stops it. */
const keepLease = (deps: ScoringDeps, claim: CallClaim): (() => void) => {
  const heartbeat = setInterval(
    () => {
      void deps.calls.renewLease(claim, new Date(deps.now().getTime() + deps.settings.leaseMs)).catch(() => undefined);
    },
    Math.max(1_000, deps.settings.leaseMs / 3),
  );
  return () => clearInterval(heartbeat);
};

/** Scores one claimed call: the scores to save (redacted), or how the attempt ended. */
const scoreClaim = async (deps: ScoringDeps, claim: CallClaim, context: RunContext): Promise<Attempt> => {
  const { call } = claim;
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
    return {
      // What the scorer wrote is stored redacted, like the transcript it read.
      toSave: { claim, result: redactScoreResult(result).result, rubricVersionId: context.rubric.id, marks },
      scored: {
        type: 'scored',
        callId: call.id,
        overall: result.overall,
        latencyMs: result.latencyMs,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
      },
    };
  } catch (error) {
    return { ended: await settleFailure(deps, claim, error) };
  }
};

/** Saves a scored attempt (fenced by its lease: a lost lease saves nothing) and says how it ended. */
const finishAttempt = async (
  deps: ScoringDeps,
  attempt: Attempt,
  save: (item: AiScoresToSave) => Promise<boolean>,
): Promise<ScoringEvent> => {
  if ('ended' in attempt) return attempt.ended;
  try {
    return (await save(attempt.toSave)) ? attempt.scored : { type: 'lease_lost', callId: attempt.scored.callId };
  } catch (error) {
    return settleFailure(deps, attempt.toSave.claim, error);
  }
};

/** At most this many calls' scores go into one save transaction. */
const MAX_SAVE_BATCH = 64;

/**
 * How long a save waits at most for company (ADR 0051). A save is written once every lane has handed one
 * over, or when a lane waits for its own (to hand over its next, or because the queue ran dry), or after
 * this long, whichever comes first; a lane does not wait for its save until then, so gathering costs no
 * throughput. The bound keeps scores from waiting in memory behind slow model answers.
 */
export const SAVE_GATHER_MS = 1_000;

interface GroupCommit {
  /** Hands a save over; settles when it is written (true), fenced off by a lost lease (false), or failed. */
  save: (item: AiScoresToSave) => Promise<boolean>;
  /** A lane is about to wait for its save: write what is gathered now. */
  flush: () => void;
}

/**
 * Saves scores by group commit (ADR 0046, 0051): a save that arrives while a transaction is writing waits
 * for the next one, which takes every save waiting then; otherwise saves gather until `flush`, `batch` saves
 * (every save the lanes may have pending), or SAVE_GATHER_MS. When a batch fails, each of its saves is tried
 * alone, so one call's failure is that call's alone.
 */
const groupCommit = (scores: ScoreRepository, batch: number): GroupCommit => {
  const waiting: { item: AiScoresToSave; resolve: (saved: boolean) => void; reject: (error: unknown) => void }[] = [];
  let writing = false;
  let gathering: ReturnType<typeof setTimeout> | undefined;
  const write = async (): Promise<void> => {
    clearTimeout(gathering);
    gathering = undefined;
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, MAX_SAVE_BATCH);
      try {
        const saved = await scores.saveAiScoresBatch(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(saved[index] === true));
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else
          for (const entry of batch) {
            try {
              entry.resolve((await scores.saveAiScoresBatch([entry.item]))[0] === true);
            } catch (alone) {
              entry.reject(alone);
            }
          }
      }
    }
    writing = false;
  };
  const flush = (): void => {
    if (!writing && waiting.length > 0) void write();
  };
  const save = (item: AiScoresToSave): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (writing) return;
      // Every save the lanes may have pending is here: no other can come before one of them is written. It is
      // written in the next turn of the event loop, once the lanes have sent their next requests (ADR 0051).
      if (waiting.length >= batch) setImmediate(flush);
      else gathering ??= setTimeout(flush, SAVE_GATHER_MS);
    });
  return { save, flush };
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
 * How many calls a run of the embedded scorer claims in one query and saves in one transaction (ADR 0054).
 * It scores on this process's CPU, one call at a time whatever the concurrency (the lanes only take turns),
 * and a call costs it ~2 ms: claimed and saved `concurrency` at a time, the queries' own cost (Prisma's per
 * statement, the commit) was a third of the call's. A model's scorer keeps batches of `concurrency`: its
 * calls wait for answers, and a claim should not wait in the buffer behind them.
 */
export const IN_PROCESS_BATCH = 32;

/** Calls claimed in one query and saves written in one transaction, for this scorer at this concurrency. */
export const batchSizeFor = (scorer: Pick<Scorer, 'name'>, lanes: number): number =>
  scorer.name === 'embedded' ? Math.max(lanes, IN_PROCESS_BATCH) : lanes;

/**
 * Scores until the queue is empty, with `concurrency` calls in flight, then returns a summary. Calls
 * waiting for a delayed retry are waited for; calls leased by another live worker are left to it.
 * Calls are claimed `concurrency` at a time (the embedded scorer: IN_PROCESS_BATCH), in one query, into a
 * buffer the lanes take from; scores are saved by group commit, and a lane scores its next calls while its
 * last ones are being saved (ADR 0046, 0054).
 */
export const scoreQueuedCalls = async (
  deps: ScoringDeps,
  onEvent: (event: ScoringEvent) => void = () => undefined,
): Promise<ScoringSummary> => {
  const context = await loadRunContext(deps.directory, await requireRubric(deps.directory));
  const owner = deps.workerId ?? `cli-${randomUUID()}`;
  const summary = emptySummary(deps.scorer);
  const record = (event: ScoringEvent): void => {
    addToSummary(summary, event, deps.settings);
    onEvent(event);
  };
  const lanes = Math.max(1, deps.settings.concurrency);
  const batch = batchSizeFor(deps.scorer, lanes);
  // Each lane may have this many saves handed over and not yet written: `batch` in all.
  const pendingPerLane = Math.ceil(batch / lanes);
  const commit = groupCommit(deps.scores, batch);

  // Claimed calls not yet taken by a lane, with when each was claimed; one claim query at a time fills it.
  const claimed: { claim: CallClaim; at: number }[] = [];
  let filling: Promise<number> | null = null;
  const fill = (): Promise<number> => {
    if (!filling) {
      const at = deps.now();
      filling = deps.calls
        .claimBatch(owner, at, deps.settings.leaseMs, batch)
        .then((claims) => {
          for (const claim of claims) claimed.push({ claim, at: at.getTime() });
          return claims.length;
        })
        .finally(() => {
          filling = null;
        });
      // A claim made ahead of need can settle with no lane waiting on it; a lane that needs one claims again.
      filling.catch(() => undefined);
    }
    return filling;
  };
  const take = async (): Promise<{ claim: CallClaim; at: number } | null> => {
    for (;;) {
      const next = claimed.shift();
      if (next) {
        // The last claimed call is taken: the next batch is claimed while it is scored, not after.
        if (claimed.length === 0) void fill();
        return next;
      }
      // Nothing claimable: the queue is empty (for now). Claims that other lanes took first: claim again.
      if ((await fill()) === 0) return null;
    }
  };

  const lane = async (): Promise<void> => {
    // The saves of this lane's last calls, oldest first, written while the lane scores the next ones.
    const saving: { done: Promise<void>; settled: () => boolean }[] = [];
    /** Waits for this lane's oldest save, writing what is gathered first if it is not written yet. */
    const awaitOldest = async (): Promise<void> => {
      const oldest = saving.shift();
      if (!oldest) return;
      if (!oldest.settled()) commit.flush();
      await oldest.done;
    };
    for (;;) {
      const taken = await take();
      if (!taken) {
        // A save that failed may have put its call back in the queue: look again once they have settled.
        if (saving.length > 0) {
          while (saving.length > 0) await awaitOldest();
          continue;
        }
        const due = await deps.calls.nextDueAt();
        if (!due) return;
        await deps.sleep(Math.max(10, due.getTime() - deps.now().getTime()));
        continue;
      }
      const { claim } = taken;
      // A claim that waited in the buffer for a third of its lease is renewed first, as the heartbeat would have.
      if (deps.now().getTime() - taken.at >= deps.settings.leaseMs / 3) {
        if (!(await deps.calls.renewLease(claim, new Date(deps.now().getTime() + deps.settings.leaseMs)))) {
          record({ type: 'lease_lost', callId: claim.call.id });
          continue;
        }
      }
      const stopLease = keepLease(deps, claim);
      let attempt: Attempt;
      try {
        attempt = await scoreClaim(deps, claim, context);
      } catch (error) {
        stopLease();
        throw error;
      }
      if (saving.length >= pendingPerLane) await awaitOldest();
      let settled = false;
      const done = finishAttempt(deps, attempt, commit.save)
        .then(record)
        .finally(() => {
          settled = true;
          stopLease();
        });
      // Awaited at a later turn of the lane; until then a failure must not count as unhandled.
      done.catch(() => undefined);
      saving.push({ done, settled: () => settled });
    }
  };

  await Promise.all(Array.from({ length: lanes }, lane));
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
  const stopLease = keepLease(deps, claim);
  try {
    const attempt = await scoreClaim(deps, claim, await loadRunContext(deps.directory, rubric));
    return await finishAttempt(deps, attempt, (item) =>
      deps.scores.saveAiScores(item.claim, item.result, item.rubricVersionId, item.marks),
    );
  } finally {
    stopLease();
  }
};
