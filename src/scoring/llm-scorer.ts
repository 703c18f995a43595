import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, type ClientOptions } from 'openai';
import type { z } from 'zod';
import { AppError, isAppError } from '../domain/app-error.ts';
import type { CriterionResult, Level, ScoreRequest, ScoreResult, Scorer, TokenUsage } from '../domain/types.ts';
import { requireOwnEvidence } from '../domain/require-own-evidence.ts';
import { verifyEvidence } from '../domain/verify-evidence.ts';
import { levelToScore, weightedOverall } from '../domain/weighted-overall.ts';
import { PROMPT_VERSION, buildScoringPrompt } from './build-scoring-prompt.ts';
import { appliesToCallType } from '../domain/readiness/applicable-criteria.ts';
import { SCORING_ERROR } from './scoring-errors.ts';
import { combineScoreSamples } from './llm/combine-score-samples.ts';
import { buildScoringResponseFormat, type ScoringOutput } from './scoring-output-schema.ts';

export { isRetryable, SCORING_ERROR } from './scoring-errors.ts';

export interface LlmScorerOptions {
  /** OpenAI-compatible base URL, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseURL?: string;
  apiKey: string;
  model: string;
  /** Per attempt; default 60 000. */
  timeoutMs?: number;
  /** Retries of 408/409/429/5xx/connection errors inside the SDK, honouring Retry-After; default 2. */
  maxRetries?: number;
  fetch?: ClientOptions['fetch'];
  /** Monotonic milliseconds for the latency measurement; default `performance.now`. */
  now?: () => number;
  /**
   * Times each call is scored (`scoring.samples`, default 1): the median level per criterion is kept and
   * a criterion whose samples disagree by more than one level is low-confidence.
   */
  samples?: number;
}

const notApplicable = (key: string, rationale: string): CriterionResult => ({
  key,
  applicable: false,
  level: null,
  score: null,
  confidence: 'high',
  evidence: [],
  rationale,
});

// User messages say what went wrong, not what happens next: the queue adds "retrying" or "gave up".
const badOutput = (detail: string, cause?: unknown, where?: string): AppError =>
  new AppError(
    SCORING_ERROR.badOutput,
    `The scoring model returned an answer that could not be used (${detail})${where ? `: ${where}` : ''}.`,
    {
      cause,
      logMessage: `LLM bad output: ${detail}${where ? `: ${where}` : ''}`,
    },
  );

const NOT_A_COMPLETION = 'the endpoint did not answer with a chat completion: check that OPENAI_BASE_URL is an OpenAI-compatible endpoint';

/** undici's error when the server closes the connection while the body is still arriving. */
const isBodyCutOff = (error: unknown): boolean =>
  error instanceof TypeError &&
  (error.message === 'terminated' ||
    (typeof error.cause === 'object' &&
      error.cause !== null &&
      'code' in error.cause &&
      String(error.cause.code).startsWith('UND_ERR_SOCKET')));

/** A readable line for the first problem zod found, e.g. `criteria[0].level: Too big: expected number to be <=5`. */
const firstSchemaIssue = (error: z.ZodError): string | undefined => {
  const issue = error.issues[0];
  if (!issue) return undefined;
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
  return `${path || 'the answer'}: ${issue.message}`.replace(/\s+/g, ' ').slice(0, 200);
};

const rejectedMessage = (status: number | undefined): string => {
  switch (status) {
    case 401:
      return 'The LLM endpoint rejected the API key (401): check OPENAI_API_KEY.';
    case 403:
      return 'The API key may not use this model or endpoint (403): check OPENAI_API_KEY and OPENAI_MODEL.';
    case 404:
      return 'The LLM endpoint or model was not found (404): check OPENAI_BASE_URL (it usually ends in /v1) and OPENAI_MODEL.';
    default:
      return `The LLM endpoint rejected the request (${status ?? 'no status'}): check that OPENAI_MODEL supports structured outputs (json_schema) and temperature 0, and that OPENAI_BASE_URL is an OpenAI-compatible endpoint.`;
  }
};

/** Turns anything the SDK or the parser throws into an AppError with a scoring code. */
const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof APIUserAbortError) {
    return new AppError(SCORING_ERROR.cancelled, 'Scoring was cancelled; the call will be scored later.', { cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new AppError(SCORING_ERROR.unavailable, 'The LLM endpoint timed out.', { cause: error, logMessage: `LLM timeout: ${message}` });
  }
  if (error instanceof APIConnectionError) {
    return new AppError(SCORING_ERROR.unavailable, 'The LLM endpoint could not be reached (check OPENAI_BASE_URL if this persists).', {
      cause: error,
      logMessage: `LLM connection error: ${message}`,
    });
  }
  if (error instanceof APIError) {
    const status = error.status;
    if (status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500)) {
      const what = status === 429 ? 'is rate limiting us' : `failed (${status})`;
      return new AppError(SCORING_ERROR.unavailable, `The LLM endpoint ${what}.`, {
        cause: error,
        logMessage: `LLM ${status}: ${message}`,
      });
    }
    return new AppError(SCORING_ERROR.rejected, rejectedMessage(status), {
      cause: error,
      logMessage: `LLM rejected the request (${status}): ${message}`,
    });
  }
  if (isBodyCutOff(error)) {
    return new AppError(SCORING_ERROR.unavailable, 'The LLM endpoint closed the connection in the middle of its answer.', {
      cause: error,
      logMessage: `LLM connection cut off: ${message}`,
    });
  }
  // The SDK parses the HTTP body as JSON when the content type says so: a proxy's HTML page lands here.
  if (error instanceof SyntaxError) return badOutput(NOT_A_COMPLETION, error);
  return badOutput(message, error);
};

/**
 * The answer of a completion, checked step by step: anything an endpoint may send (no choices, a
 * truncated or filtered answer, a refusal, prose, fenced or wrongly shaped JSON) becomes an AppError
 * with a readable reason instead of a TypeError from deep inside a parser.
 */
const readAnswer = (
  completion: unknown,
  schema: z.ZodType<ScoringOutput>,
): { output: ScoringOutput; model: string | null; usage: TokenUsage } => {
  if (typeof completion !== 'object' || completion === null || !('choices' in completion) || !Array.isArray(completion.choices)) {
    throw badOutput(NOT_A_COMPLETION);
  }
  const choice: unknown = completion.choices[0];
  if (typeof choice !== 'object' || choice === null) throw badOutput('no choices in the response');
  const finishReason = 'finish_reason' in choice ? choice.finish_reason : null;
  if (finishReason === 'length') throw badOutput('the answer was cut off at the token limit');
  if (finishReason === 'content_filter') {
    throw new AppError(
      SCORING_ERROR.refused,
      'The LLM provider’s content filter stopped the answer; this call cannot be scored by the LLM.',
      {
        logMessage: 'LLM content filter (finish_reason content_filter)',
      },
    );
  }
  const message =
    'message' in choice && typeof choice.message === 'object' && choice.message !== null ? (choice.message as Record<string, unknown>) : {};
  if (typeof message.refusal === 'string' && message.refusal.trim() !== '') {
    throw new AppError(SCORING_ERROR.refused, 'The scoring model refused to score this call; it needs a human review.', {
      logMessage: `LLM refusal: ${message.refusal}`,
    });
  }
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  if (content === '') throw badOutput('empty answer');
  let json: unknown;
  try {
    // Some local models wrap the JSON in a markdown fence even when asked for a JSON schema: unwrap it.
    json = JSON.parse(content.replace(/^```(?:json)?\s*\n([\s\S]*?)\n?```$/u, '$1'));
  } catch (error) {
    throw badOutput('not valid JSON', error);
  }
  // The schema requires every criterion sent and nothing else: a valid answer is a complete one.
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badOutput('the answer did not match the scoring schema', parsed.error, firstSchemaIssue(parsed.error));
  const usage =
    'usage' in completion && typeof completion.usage === 'object' && completion.usage !== null
      ? (completion.usage as Record<string, unknown>)
      : {};
  const tokens = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : 0);
  return {
    output: parsed.data,
    model: 'model' in completion && typeof completion.model === 'string' && completion.model !== '' ? completion.model : null,
    usage: { promptTokens: tokens(usage.prompt_tokens), completionTokens: tokens(usage.completion_tokens) },
  };
};

/** A criterion's result from its answer; each quote's turn and role are found by evidence verification. */
const toCriterionResult = (
  key: string,
  answer: ScoringOutput['criteria'][string],
  disagreement: (number | null)[] | undefined,
): CriterionResult => {
  const unstable =
    disagreement === undefined
      ? ''
      : ` Samples disagreed (levels ${disagreement.map((level) => level ?? 'n/a').join(', ')}): low confidence.`;
  if (answer.level === null) {
    return { ...notApplicable(key, `${answer.rationale}${unstable}`), confidence: disagreement === undefined ? 'high' : 'low' };
  }
  const level = answer.level as Level;
  return {
    key,
    applicable: true,
    level,
    score: levelToScore(level),
    confidence: disagreement === undefined ? 'high' : 'low',
    evidence: answer.evidence.map((quote) => ({ turn: 0, role: 'agent', quote })),
    rationale: `${answer.rationale}${unstable}`,
  };
};

/**
 * The LLM scorer: one chat-completions request per call (per sample) scores every applicable criterion
 * with a strict JSON-schema answer, temperature 0. The prompt puts the static part first (instructions,
 * the user's rubric, the call type) and the transcript last, as a JSON array of turns, normalised, with
 * the agent's names masked. Throws `AppError` with a code of `SCORING_ERROR` (see `isRetryable`).
 */
export const createLlmScorer = (options: LlmScorerOptions): Scorer => {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const now = options.now ?? (() => performance.now());
  const samples = Math.max(1, Math.floor(options.samples ?? 1));
  // Building the JSON schema costs milliseconds; criteria and call types rarely change, so keep the last few.
  const formats = new Map<string, ReturnType<typeof buildScoringResponseFormat>>();
  const formatFor = (criterionKeys: string[], callTypeKeys: string[] | null) => {
    const cacheKey = JSON.stringify([criterionKeys, callTypeKeys]);
    let format = formats.get(cacheKey);
    if (format === undefined) {
      format = buildScoringResponseFormat(criterionKeys, callTypeKeys);
      if (formats.size >= 32) formats.delete(formats.keys().next().value ?? '');
      formats.set(cacheKey, format);
    }
    return format;
  };

  const score = async (request: ScoreRequest, callOptions?: { signal?: AbortSignal }): Promise<ScoreResult> => {
    if (request.turns.length === 0) {
      throw new AppError(SCORING_ERROR.emptyTranscript, 'The call has no transcript turns to score.');
    }
    const prompt = buildScoringPrompt(request);
    const sentKeys = prompt.criteria.map((criterion) => criterion.key);
    const started = now();

    const ask = async (format: ReturnType<typeof formatFor>) => {
      let completion: unknown;
      try {
        // `create`, not `parse`: the answer is checked by `readAnswer`, so a malformed response is a readable failure.
        completion = await client.chat.completions.create(
          { model: options.model, temperature: 0, messages: prompt.messages, response_format: format.responseFormat },
          callOptions?.signal === undefined ? undefined : { signal: callOptions.signal },
        );
      } catch (error) {
        throw toAppError(error);
      }
      return readAnswer(completion, format.schema);
    };

    let combined: ReturnType<typeof combineScoreSamples> | null = null;
    const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
    let model = options.model;
    if (sentKeys.length > 0) {
      const format = formatFor(sentKeys, prompt.askedCallTypes);
      const answers = await Promise.all(Array.from({ length: samples }, () => ask(format)));
      for (const answer of answers) {
        usage.promptTokens += answer.usage.promptTokens;
        usage.completionTokens += answer.usage.completionTokens;
      }
      model = answers[0]?.model ?? options.model;
      combined = combineScoreSamples(answers.map((answer) => answer.output));
    }
    const latencyMs = Math.round(now() - started);

    const output = combined?.output ?? null;
    const callType = request.callType ?? output?.callType ?? null;
    const criteria = request.rubric.criteria.map((criterion): CriterionResult => {
      if (!appliesToCallType(criterion, callType)) {
        return notApplicable(criterion.key, `Not applicable to ${callType} calls.`);
      }
      const answer = output?.criteria[criterion.key];
      return answer === undefined
        ? notApplicable(criterion.key, 'Not scored.')
        : toCriterionResult(criterion.key, answer, combined?.disagreements.get(criterion.key));
    });
    // A quote must be what was said (verifyEvidence) and this criterion's own (requireOwnEvidence, ADR 0025).
    const verified = requireOwnEvidence(verifyEvidence(criteria, prompt.sentTurns, request.rubric.criteria));
    const scores = Object.fromEntries(verified.map((c) => [c.key, c.applicable ? c.score : null]));

    return {
      criteria: verified,
      overall: weightedOverall(scores, request.rubric.criteria),
      frustration: output?.frustration ?? 'none',
      callType,
      summary: output?.summary ?? 'No criterion applies to this call type; nothing was scored.',
      scorer: 'llm',
      model,
      promptVersion: PROMPT_VERSION,
      latencyMs,
      usage,
    };
  };

  return { name: 'llm', model: options.model, score };
};
