import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createLlmScorer } from '../../src/scoring/llm-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { scoreQueuedCalls, type ScoringEvent } from '../../src/use-cases/score-calls.ts';
import { respondWithScores, startFakeOpenAi, type FakeOpenAi, type FakeReply, type RecordedRequest } from '../fakes/openai-server.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

const valid = respondWithScores();
/** A valid answer for the request, then changed by `edit` (the answer's JSON object). */
const editedAnswer =
  (edit: (answer: { criteria: Record<string, Record<string, unknown>>; [key: string]: unknown }) => unknown) =>
  (request: RecordedRequest, index: number): FakeReply => {
    const reply = valid(request, index) as Extract<FakeReply, { kind: 'json' }>;
    return { kind: 'json', content: edit(structuredClone(reply.content) as { criteria: Record<string, Record<string, unknown>> }) };
  };

/** Model answers that must end in a retry or a readable failure, never a crash or a stored score. */
/** Each criterion's answer changed by `edit`. */
const eachCriterion = (edit: (answer: Record<string, unknown>) => Record<string, unknown>) =>
  editedAnswer((answer) => ({
    ...answer,
    criteria: Object.fromEntries(Object.entries(answer.criteria).map(([key, c]) => [key, edit(c)])),
  }));

const MALFORMED: [string, (request: RecordedRequest, index: number) => FakeReply, RegExp][] = [
  ['prose instead of JSON', () => ({ kind: 'raw', content: 'Here is my assessment: the agent did well.' }), /not valid JSON/],
  ['an empty answer', () => ({ kind: 'raw', content: '' }), /could not be used/],
  ['JSON null', () => ({ kind: 'raw', content: 'null' }), /could not be used/],
  [
    'criteria not an object',
    () => ({ kind: 'json', content: { criteria: 'all good', frustration: 'none', callType: null, summary: 'x' } }),
    /did not match the scoring schema/,
  ],
  ['a level of 7', eachCriterion((c) => ({ ...c, level: 7 })), /could not be used/],
  ['a level of 2.5', eachCriterion((c) => ({ ...c, level: 2.5 })), /could not be used/],
  [
    'an unknown criterion',
    editedAnswer((answer) => ({ ...answer, criteria: { ...answer.criteria, charisma: Object.values(answer.criteria)[0] } })),
    /could not be used/,
  ],
  [
    'a missing criterion',
    editedAnswer((answer) => ({ ...answer, criteria: Object.fromEntries(Object.entries(answer.criteria).slice(1)) })),
    /could not be used/,
  ],
  [
    'criteria as a list (an older shape)',
    editedAnswer((answer) => ({ ...answer, criteria: Object.entries(answer.criteria).map(([key, c]) => ({ key, ...c })) })),
    /could not be used/,
  ],
  ['a criterion without a rationale', eachCriterion(({ rationale: _, ...c }) => c), /could not be used/],
  ['an unknown frustration', editedAnswer((answer) => ({ ...answer, frustration: 'furious' })), /could not be used/],
  ['a truncated answer', () => ({ kind: 'length' }), /cut off/],
  ['a refusal', () => ({ kind: 'refusal', refusal: 'I cannot help with that.' }), /refused/],
  [
    'an HTML error page with status 200',
    () => ({ kind: 'status', status: 200, body: '<html>oops</html>' }),
    /could not be used|not valid JSON/,
  ],
  ['a dropped connection', () => ({ kind: 'drop' }), /could not be reached/],
];

describeEachDatabase('scoring malformed model output', (database) => {
  // One database for the suite (each case scores its own call alone: the queue is empty between cases).
  let db: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    db = await database.open();
    services = createServices(db, {
      scorer: createLlmScorer({ baseURL: fake.url, apiKey: 'test-key', model: 'fake-model', maxRetries: 0, timeoutMs: 5_000 }),
    });
    await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => fake.reset());

  it.each(MALFORMED)(
    'when the model answers with %s, then the call ends failed with a readable reason (after a retry where one can help) and nothing is stored',
    async (name, reply, reason) => {
      const { callId } = await ingestCall(
        { directory: services.directory, calls: services.calls, now: () => new Date(), maxBytes: 100_000 },
        {
          content: `Agent: Thanks for calling, how can I help?\nCustomer: I was charged twice and I am upset about ${name}.\nAgent: I am sorry, I have refunded it.\n`,
          agent: 'AG-101',
          callType: 'billing_dispute',
          source: 'cli',
        },
      );
      fake.setHandler(reply);
      const events: ScoringEvent[] = [];
      const summary = await scoreQueuedCalls(
        {
          calls: services.calls,
          scores: services.scores,
          directory: services.directory,
          scorer: services.scorer,
          now: () => new Date(),
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          settings: {
            concurrency: 1,
            maxAttempts: 2,
            leaseMs: 30_000,
            backoffMs: 5,
            maxBackoffMs: 5,
            price: { promptPer1k: 0, completionPer1k: 0 },
          },
        },
        (event) => events.push(event),
      );
      expect(summary.scored).toBe(0);
      expect(summary.failed).toHaveLength(1);
      expect(summary.failed[0]?.reason).toMatch(reason);
      // A readable sentence, not a stack trace or raw SDK/zod dump.
      expect(summary.failed[0]?.reason).not.toMatch(/\bat .*\.ts:\d+|ZodError|\[\s*\{\s*"code"/);
      // A refusal will not change on a retry; everything else gets one more attempt (maxAttempts 2).
      expect(events.map((event) => event.type)).toEqual(name === 'a refusal' ? ['failed'] : ['retry', 'failed']);
      const call = await db.prisma.call.findUniqueOrThrow({ where: { id: callId } });
      expect(call).toMatchObject({ state: 'failed', leaseOwner: null });
      expect(call.failureReason).toBe(summary.failed[0]?.reason);
      expect(await db.prisma.evaluation.count({ where: { callId } })).toBe(0);
      expect(await db.prisma.call.count({ where: { state: { in: ['queued', 'scoring'] } } })).toBe(0);
    },
  );
});
