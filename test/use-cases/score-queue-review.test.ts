import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createLlmScorer } from '../../src/scoring/llm-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { MAX_BAD_OUTPUT_ATTEMPTS, scoreQueuedCalls, type ScoringEvent, type ScoringSettings } from '../../src/use-cases/score-calls.ts';
import { startFakeOpenAi, transcriptTurns, type FakeOpenAi } from '../fakes/openai-server.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

const SETTINGS: ScoringSettings = {
  concurrency: 1,
  maxAttempts: 5,
  leaseMs: 30_000,
  backoffMs: 5,
  maxBackoffMs: 5,
  price: { promptPer1k: 0, completionPer1k: 0 },
};

describeEachDatabase('scoring queue (review)', (database) => {
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

  const ingest = (content: string, agent = 'AG-101') =>
    ingestCall(
      { directory: services.directory, calls: services.calls, now: () => new Date(), maxBytes: 100_000 },
      { content, agent, callType: 'billing_dispute', source: 'cli' },
    );

  const score = async () => {
    const events: ScoringEvent[] = [];
    const summary = await scoreQueuedCalls(
      {
        calls: services.calls,
        scores: services.scores,
        directory: services.directory,
        scorer: services.scorer,
        now: () => new Date(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        settings: SETTINGS,
      },
      (event) => events.push(event),
    );
    return { summary, events };
  };

  it('when the model keeps answering prose, then the call is tried three times, not maxAttempts, and fails with a reason that does not promise a retry', async () => {
    const { callId } = await ingest(
      'Agent: Thanks for calling, how can I help?\nCustomer: I was charged twice on order 77.\nAgent: I have refunded it.\n',
    );
    fake.setHandler(() => ({ kind: 'raw', content: 'The agent did well overall.' }));
    const { summary, events } = await score();
    expect(fake.requests).toHaveLength(MAX_BAD_OUTPUT_ATTEMPTS);
    expect(events.map((event) => event.type)).toEqual(['retry', 'retry', 'failed']);
    expect(summary.failed[0]?.reason).toBe(
      'The scoring model returned an answer that could not be used (not valid JSON); gave up after 3 attempts.',
    );
    const call = await db.prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(call).toMatchObject({ state: 'failed', attempts: 3, failureReason: summary.failed[0]?.reason });
  });

  it('when the endpoint stays unavailable, then every attempt is used and the final reason reads as one sentence', async () => {
    await ingest('Agent: Thanks for calling, how can I help?\nCustomer: My parcel 88 is late.\nAgent: It arrives tomorrow.\n');
    fake.setHandler(() => ({ kind: 'status', status: 503 }));
    const { summary } = await score();
    expect(fake.requests).toHaveLength(SETTINGS.maxAttempts);
    expect(summary.failed[0]?.reason).toBe('The LLM endpoint failed (503); gave up after 5 attempts.');
  });

  it('when a call names colleagues and the manager, then no configured staff name reaches the request and the call is scored once', async () => {
    const { callId } = await ingest(
      'Agent: Hi, this is Ana Ruiz from Northside.\n' +
        'Customer: Hi Ana, Ben Okafor told me Chloe would call back, and I asked for Maya Chen.\n' +
        'Agent: Sorry about that. I will loop in my colleague Dev Patel, or ask for Brooks.\n',
    );
    const { summary } = await score();
    expect(summary.scored).toBe(1);
    expect(fake.requests).toHaveLength(1);
    const raw = (fake.requests[0]?.rawBody ?? '').toLowerCase();
    for (const name of ['ana', 'ruiz', 'ben', 'okafor', 'chloe', 'martin', 'maya', 'chen', 'dev', 'patel', 'eli', 'brooks'])
      expect(raw).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(transcriptTurns(fake.requests[0]?.body ?? null).map((turn) => turn.text)).toEqual([
      'Hi, this is [AGENT] from Northside.',
      'Hi [AGENT], [STAFF] told me [STAFF] would call back, and I asked for [STAFF].',
      'Sorry about that. I will loop in my colleague [STAFF], or ask for [STAFF].',
    ]);
    expect(await db.prisma.evaluation.count({ where: { callId, source: 'ai', current: true } })).toBe(1);
  });
});
