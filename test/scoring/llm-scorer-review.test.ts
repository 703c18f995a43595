import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error.ts';
import type { ScoreRequest, Turn } from '../../src/domain/types.ts';
import { createLlmScorer, isRetryable, SCORING_ERROR } from '../../src/scoring/llm-scorer.ts';
import { respondWithScores, startFakeOpenAi, transcriptTurns, type FakeOpenAi, type FakeReply } from '../fakes/openai-server.ts';
import { callTypes, goodCall, seedRubric } from './fixtures/seed-rubric.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const scorer = () => createLlmScorer({ baseURL: fake.url, apiKey: 'test-key', model: 'fake-model', maxRetries: 0, timeoutMs: 5_000 });

const request = (overrides: Partial<ScoreRequest> = {}): ScoreRequest => ({
  turns: goodCall,
  rubric: seedRubric,
  callType: 'escalation',
  callTypes,
  maskNames: ['Ana Pérez'],
  ...overrides,
});

const failureOf = async (reply: FakeReply): Promise<AppError> => {
  fake.setHandler(() => reply);
  const error = await scorer()
    .score(request())
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('llm scorer against responses that are not chat completions', () => {
  it.each<[string, FakeReply]>([
    [
      'an HTML page with status 200 and content type text/html',
      { kind: 'body', status: 200, contentType: 'text/html', body: '<html><h1>502 Bad Gateway</h1></html>' },
    ],
    [
      'an HTML page with status 200 and content type application/json',
      { kind: 'body', status: 200, contentType: 'application/json', body: '<html>oops</html>' },
    ],
    ['JSON null', { kind: 'body', status: 200, contentType: 'application/json', body: 'null' }],
    [
      'an object with no choices key',
      { kind: 'body', status: 200, contentType: 'application/json', body: '{"id":"x","object":"chat.completion","model":"m"}' },
    ],
  ])('when the endpoint answers %s, then llm_bad_output says to check OPENAI_BASE_URL, with no JavaScript error text', async (_, reply) => {
    const error = await failureOf(reply);
    expect(error.code).toBe(SCORING_ERROR.badOutput);
    expect(error.userMessage).toMatch(/did not answer with a chat completion.*OPENAI_BASE_URL/);
    expect(error.userMessage).not.toMatch(/Cannot read properties|undefined|null \(reading/);
    expect(isRetryable(error)).toBe(true);
  });

  it('when the endpoint answers an empty choices array, then llm_bad_output says there were no choices', async () => {
    const error = await failureOf({
      kind: 'body',
      status: 200,
      contentType: 'application/json',
      body: '{"id":"x","object":"chat.completion","model":"m","choices":[]}',
    });
    expect(error).toMatchObject({ code: SCORING_ERROR.badOutput });
    expect(error.userMessage).toContain('no choices in the response');
  });

  it('when the connection is closed in the middle of the answer, then llm_unavailable (retryable) names the cut, not "terminated"', async () => {
    const error = await failureOf({ kind: 'cut' });
    expect(error.code).toBe(SCORING_ERROR.unavailable);
    expect(error.userMessage).toMatch(/closed the connection in the middle of its answer/);
    expect(isRetryable(error)).toBe(true);
  });

  it('when the finish reason is content_filter, then llm_refused is thrown and is not retryable', async () => {
    const error = await failureOf({
      kind: 'body',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, finish_reason: 'content_filter', message: { role: 'assistant', content: null, refusal: null } }],
      }),
    });
    expect(error.code).toBe(SCORING_ERROR.refused);
    expect(isRetryable(error)).toBe(false);
  });

  it('when a level is out of range, then the reason names the field and the problem, and no scorer message promises a retry', async () => {
    const valid = respondWithScores((key) => (key === 'empathy' ? { level: 7 } : {}));
    fake.setHandler(valid);
    const error = (await scorer()
      .score(request())
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe(SCORING_ERROR.badOutput);
    expect(error.userMessage).toMatch(/\(the answer did not match the scoring schema\): criteria\.empathy\.level: /);
    expect(error.userMessage).not.toMatch(/scored again/);
  });

  it('when the response has no usage, then the call is scored with zero tokens', async () => {
    const valid = respondWithScores();
    fake.setHandler(async (req, index) => {
      const reply = (await valid(req, index)) as Extract<FakeReply, { kind: 'json' }>;
      const body = {
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            logprobs: null,
            message: { role: 'assistant', content: JSON.stringify(reply.content), refusal: null },
          },
        ],
      };
      return { kind: 'body', status: 200, contentType: 'application/json', body: JSON.stringify(body) };
    });
    const result = await scorer().score(request());
    expect(result.usage).toEqual({ promptTokens: 0, completionTokens: 0 });
    expect(result.criteria.every((criterion) => criterion.level === 4)).toBe(true);
  });

  it('when a local model wraps its JSON in a markdown fence, then the fence is unwrapped and the call is scored', async () => {
    const valid = respondWithScores();
    fake.setHandler(async (req, index) => {
      const reply = (await valid(req, index)) as Extract<FakeReply, { kind: 'json' }>;
      return { kind: 'raw', content: `\`\`\`json\n${JSON.stringify(reply.content)}\n\`\`\`` };
    });
    const result = await scorer().score(request());
    expect(result.criteria.every((criterion) => criterion.level === 4)).toBe(true);
  });

  it('when fenced text is not JSON inside, then it is still a readable bad-output failure', async () => {
    const error = await failureOf({ kind: 'raw', content: '```json\nthe agent did well\n```' });
    expect(error.code).toBe(SCORING_ERROR.badOutput);
    expect(error.userMessage).toMatch(/not valid JSON/);
  });
});

describe('llm scorer masks every staff name, not only the agent’s', () => {
  const turns: Turn[] = [
    { role: 'agent', text: 'Hi, this is Ana from Northside, you are speaking with Ms. Pérez.' },
    { role: 'customer', text: 'Hi Ana! I spoke to Ben Okafor yesterday, he said Chloe would call back, and Maya Chen too.' },
    { role: 'agent', text: 'Sorry. I will loop in my colleague dev patel. My staff code is Perez123, ask for Okafor if I am out.' },
  ];

  it('when a transcript names colleagues and a manager, then each is [STAFF] and the agent is [AGENT] in the request', async () => {
    await scorer().score(
      request({
        turns,
        maskNames: ['Ana Pérez', 'Ana', 'Pérez'],
        staffNames: ['Ana Pérez', 'Ben Okafor', 'Chloe Martin', 'Dev Patel', 'Maya Chen'],
      }),
    );
    const raw = fake.requests[0]?.rawBody ?? '';
    for (const name of ['Ana', 'Pérez', 'Perez', 'Ben', 'Okafor', 'Chloe', 'Dev', 'Patel', 'Maya', 'Chen']) {
      expect(raw.toLowerCase()).not.toContain(name.toLowerCase());
    }
    expect(transcriptTurns(fake.requests[0]?.body ?? null).map((turn) => turn.text)).toEqual([
      'Hi, this is [AGENT] from Northside, you are speaking with Ms. [AGENT].',
      'Hi [AGENT]! I spoke to [STAFF] yesterday, he said [STAFF] would call back, and [STAFF] too.',
      'Sorry. I will loop in my colleague [STAFF]. My staff code is [AGENT]123, ask for [STAFF] if I am out.',
    ]);
  });
});
