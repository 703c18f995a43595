import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';

import { loadConfig, parseConfig } from '../../src/config/config-file.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createLlmScorer } from '../../src/scoring/llm-scorer.ts';
import { createServices, scoringSettings, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { startScoringWorker } from '../../src/scheduler/start-scoring-worker.ts';
import { scoreQueuedCalls, type ScoringDeps, type ScoringEvent, type ScoringSettings } from '../../src/use-cases/score-calls.ts';
import {
  respondWithScores,
  startFakeOpenAi,
  transcriptTurns,
  type FakeOpenAi,
  type FakeReply,
  type RecordedRequest,
} from '../fakes/openai-server.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

const SETTINGS: ScoringSettings = {
  concurrency: 2,
  maxAttempts: 5,
  leaseMs: 30_000,
  backoffMs: 10,
  maxBackoffMs: 40,
  price: { promptPer1k: 0, completionPer1k: 0 },
};

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

const transcript = (i: number): string =>
  `Agent: Thank you for calling, this is call number ${i}. How can I help?\n` +
  `Customer: I was charged twice on order ${i} and I am really annoyed.\n` +
  `Agent: I'm sorry about that, I can see why that is frustrating. I have refunded the second charge on order ${i}.\n`;

/** The call number a request is about, read from the transcript it carries. */
const callNumberOf = (request: FakeOpenAi['requests'][number]): number =>
  Number(
    /call number (\d+)/.exec(
      transcriptTurns(request.body)
        .map((turn) => turn.text)
        .join(' '),
    )?.[1] ?? -1,
  );

describeEachDatabase('scoreQueuedCalls (durable queue) against a fake OpenAI server', (database) => {
  let db: TestDatabase;
  let services: Services;
  const extraConnections: Database[] = [];

  const scorer = (maxRetries = 0) =>
    createLlmScorer({ baseURL: fake.url, apiKey: 'test-key', model: 'fake-model', maxRetries, timeoutMs: 5_000 });

  const depsFor = (target: Services, overrides: Partial<ScoringDeps> = {}): ScoringDeps => ({
    calls: target.calls,
    scores: target.scores,
    directory: target.directory,
    scorer: target.scorer,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    settings: SETTINGS,
    ...overrides,
  });

  /** Another connection pool to the same database, as a second worker process would have. */
  const secondWorker = async (): Promise<Services> => {
    const other = await openDatabase(db.url, { migrate: false });
    extraConnections.push(other);
    return createServices(other, { scorer: scorer() });
  };

  const importCalls = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const result = await ingestCall(
        { directory: services.directory, calls: services.calls, now: () => new Date(), maxBytes: 100_000 },
        { content: transcript(i), fileName: `call-${i}.txt`, agent: `AG-10${(i % 5) + 1}`, callType: 'billing_dispute', source: 'cli' },
      );
      expect(result.status).toBe('imported');
      ids.push(result.callId);
    }
    return ids;
  };

  /** Resolves once the clock is past `when` (a lease's end is a time, not an event). */
  const untilPast = async (when: Date): Promise<void> => {
    const wait = when.getTime() - Date.now() + 5;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };

  /** Resolves once the lease the call holds now has run out. */
  const leaseRunOut = async (callId: string): Promise<void> => {
    const row = await vi.waitFor(async () => {
      const found = await db.prisma.call.findUniqueOrThrow({ where: { id: callId } });
      expect(found.leaseUntil).not.toBeNull();
      return found;
    });
    await untilPast(row.leaseUntil as Date);
  };

  const aiEvaluationsPerCall = async (): Promise<Record<string, number>> => {
    const calls = await db.prisma.call.findMany({ select: { id: true, _count: { select: { evaluations: { where: { source: 'ai' } } } } } });
    return Object.fromEntries(calls.map((call) => [call.id, call._count.evaluations]));
  };
  const onePerCall = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));

  beforeEach(async () => {
    fake.reset();
    db = await database.open();
    services = createServices(db, { scorer: scorer() });
    await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
  });
  afterEach(async () => {
    while (extraConnections.length > 0) await extraConnections.pop()?.close();
    await db.close();
  });

  it('when two workers with different ids score the same queue at once, then each call is scored exactly once', async () => {
    const ids = await importCalls(8);
    fake.setHandler((request, index) => ({ ...respond(request, index), delayMs: 30 }));
    const other = await secondWorker();
    const [a, b] = await Promise.all([
      scoreQueuedCalls(depsFor(services, { workerId: 'worker-a' })),
      scoreQueuedCalls(depsFor(other, { workerId: 'worker-b' })),
    ]);
    expect(a.scored + b.scored).toBe(8);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(fake.requests.map(callNumberOf).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await aiEvaluationsPerCall()).toEqual(onePerCall(ids));
    expect(await db.prisma.call.count({ where: { state: 'scored', leaseOwner: null } })).toBe(8);
  });

  it('when a worker crashed while scoring (lease expired), then the call is claimed again and scored once; a live lease is left alone', async () => {
    const [crashed = '', held = ''] = await importCalls(2);
    await db.prisma.call.update({
      where: { id: crashed },
      data: { state: 'scoring', leaseOwner: 'crashed-worker', leaseUntil: new Date(Date.now() - 60_000), attempts: 1 },
    });
    await db.prisma.call.update({
      where: { id: held },
      data: { state: 'scoring', leaseOwner: 'live-worker', leaseUntil: new Date(Date.now() + 600_000), attempts: 1 },
    });
    const summary = await scoreQueuedCalls(depsFor(services, { workerId: 'rescuer' }));
    expect(summary.scored).toBe(1);
    expect(fake.requests.map(callNumberOf)).toEqual([0]);
    const rescued = await db.prisma.call.findUniqueOrThrow({ where: { id: crashed } });
    expect(rescued).toMatchObject({ state: 'scored', attempts: 2, leaseOwner: null, leaseUntil: null });
    const untouched = await db.prisma.call.findUniqueOrThrow({ where: { id: held } });
    expect(untouched).toMatchObject({ state: 'scoring', leaseOwner: 'live-worker', attempts: 1 });
    expect(await aiEvaluationsPerCall()).toEqual({ [crashed]: 1, [held]: 0 });
  });

  it('when a slow worker loses its lease to another, then its late answer is not stored and the call is scored once', async () => {
    const [id] = await importCalls(1);
    // The first request (the slow worker's) is answered only once the other worker has scored the call; the
    // second at once. Held rather than delayed by a fixed time, so the order is the same on a loaded machine.
    let answerSlow = (): void => undefined;
    const slowHeld = new Promise<void>((resolve) => {
      answerSlow = resolve;
    });
    fake.setHandler(async (request, index) => {
      if (index === 0) await slowHeld;
      return respond(request, index);
    });
    const slowEvents: ScoringEvent[] = [];
    const fastEvents: ScoringEvent[] = [];
    // The slow worker's clock stands still at its claim: its 100 ms lease has run out for everyone else but
    // never for itself, so it cannot claim its own call again while it waits (a loaded machine let it, and
    // its two attempts were both lost), and its heartbeat cannot move the lease past the other's claim.
    const claimedAt = new Date();
    const slow = scoreQueuedCalls(
      depsFor(services, { workerId: 'slow', now: () => claimedAt, settings: { ...SETTINGS, concurrency: 1, leaseMs: 100 } }),
      (event) => slowEvents.push(event),
    );
    // The slow worker's request has reached the model, and the lease it took has run out: the two events
    // the second worker's claim depends on, waited for rather than guessed with a sleep.
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1), { timeout: 10_000, interval: 10 });
    await leaseRunOut(id as string);
    const other = await secondWorker();
    const fast = await scoreQueuedCalls(depsFor(other, { workerId: 'fast', settings: { ...SETTINGS, concurrency: 1 } }), (event) =>
      fastEvents.push(event),
    ).finally(answerSlow);
    await slow;
    expect(fastEvents).toMatchObject([{ type: 'scored', callId: id }]);
    expect(slowEvents).toMatchObject([{ type: 'lease_lost', callId: id }]);
    expect(fast.scored).toBe(1);
    expect(fake.requests).toHaveLength(2);
    expect(await aiEvaluationsPerCall()).toEqual({ [id as string]: 1 });
    expect(await db.prisma.call.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'scored', attempts: 2 });
  });

  it('when scoring takes longer than the lease, then the heartbeat keeps the lease and a second worker leaves the call alone', async () => {
    const [id = ''] = await importCalls(1);
    fake.setHandler((request, index) => ({ ...respond(request, index), delayMs: 2_300 }));
    const slow = scoreQueuedCalls(depsFor(services, { workerId: 'slow', settings: { ...SETTINGS, concurrency: 1, leaseMs: 1_500 } }));
    // Past the first lease (1.5 s): only the heartbeat (every second) keeps the call from being claimed again.
    // Wait for the heartbeat to have moved the lease on, and for the first lease to have run out.
    const { leaseUntil: first } = await vi.waitFor(async () => {
      const row = await db.prisma.call.findUniqueOrThrow({ where: { id } });
      expect(row.leaseUntil).not.toBeNull();
      return row;
    });
    await vi.waitFor(
      async () =>
        expect((await db.prisma.call.findUniqueOrThrow({ where: { id } })).leaseUntil?.getTime()).toBeGreaterThan(first?.getTime() ?? 0),
      { timeout: 10_000, interval: 20 },
    );
    await untilPast(first as Date);
    const other = await secondWorker();
    const second = await scoreQueuedCalls(depsFor(other, { workerId: 'second', settings: { ...SETTINGS, concurrency: 1 } }));
    expect(second.scored).toBe(0);
    expect((await slow).scored).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(await aiEvaluationsPerCall()).toEqual({ [id]: 1 });
  });

  it('when the long-running worker runs, then it scores calls that arrive while it polls, and stops cleanly', async () => {
    const errors: unknown[] = [];
    const events: ScoringEvent[] = [];
    // An empty poll is followed by a sleep of pollMs: counting those tells when the worker has polled.
    let polls = 0;
    const sleep = (ms: number) => {
      if (ms === 20) polls += 1;
      return new Promise<void>((resolve) => setTimeout(resolve, ms));
    };
    const worker = startScoringWorker(
      { ...depsFor(services, { workerId: 'app', sleep }), pollMs: 20, onError: (error) => errors.push(error) },
      (event) => events.push(event),
    );
    try {
      // The worker has polled an empty queue at least once before the calls arrive.
      await vi.waitFor(() => expect(polls).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
      const ids = await importCalls(3);
      const deadline = Date.now() + 10_000;
      while (events.filter((event) => event.type === 'scored').length < 3 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(
        events
          .filter((event) => event.type === 'scored')
          .map((event) => event.callId)
          .sort(),
      ).toEqual([...ids].sort());
      expect(await aiEvaluationsPerCall()).toEqual(onePerCall(ids));
    } finally {
      await worker.stop();
    }
    expect(errors).toEqual([]);
  });

  it('when the worker is stopped while it waits for its next poll, then it stops at once, not after the poll interval', async () => {
    // A poll interval that never ends: only stop() can end the wait (before, stop() waited it out: 2 s in the app).
    let waits = 0;
    const sleep = () => {
      waits += 1;
      return new Promise<void>(() => undefined);
    };
    const worker = startScoringWorker({ ...depsFor(services, { workerId: 'app', sleep }), pollMs: 60_000, onError: () => undefined });
    await vi.waitFor(() => expect(waits).toBe(SETTINGS.concurrency), { timeout: 10_000, interval: 10 });
    let stopped = false;
    void worker.stop().then(() => {
      stopped = true;
    });
    await vi.waitFor(() => expect(stopped, 'stop() still waiting for the poll interval').toBe(true), { timeout: 5_000, interval: 10 });
  });

  it('when rate limits outlast the SDK retries, then the queue retries with backoff and every call ends scored once', async () => {
    const ids = await importCalls(3);
    let rateLimited = 0;
    fake.setHandler((request, index) => {
      if (rateLimited < 5) {
        rateLimited += 1;
        return { kind: 'status', status: 429, headers: { 'retry-after-ms': '5', 'retry-after': '1' } };
      }
      return respond(request, index);
    });
    const events: ScoringEvent[] = [];
    const summary = await scoreQueuedCalls(depsFor(services, { scorer: scorer(0) }), (event) => events.push(event));
    expect(summary).toMatchObject({ scored: 3, failed: [], retries: 5 });
    const retries = events.filter((event): event is Extract<ScoringEvent, { type: 'retry' }> => event.type === 'retry');
    expect(retries).toHaveLength(5);
    for (const retry of retries) expect(retry.reason).toContain('rate limiting');
    expect(await aiEvaluationsPerCall()).toEqual(onePerCall(ids));
  });

  it('when the endpoint keeps failing, then the call is marked failed after the last attempt with a readable reason, and a re-queue scores it once', async () => {
    const [id] = await importCalls(1);
    fake.setHandler(() => ({ kind: 'status', status: 503 }));
    const settings = { ...SETTINGS, maxAttempts: 3 };
    const first = await scoreQueuedCalls(depsFor(services, { settings }));
    expect(first.scored).toBe(0);
    expect(first.retries).toBe(2);
    expect(first.failed).toEqual([{ callId: id, reason: expect.stringMatching(/LLM endpoint failed \(503\).*gave up after 3 attempts/) }]);
    expect(fake.requests).toHaveLength(3);
    expect(await db.prisma.call.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'failed', leaseOwner: null });

    fake.reset();
    expect(await services.calls.requeueFailed()).toBe(1);
    const second = await scoreQueuedCalls(depsFor(services, { settings }));
    expect(second).toMatchObject({ scored: 1, failed: [] });
    expect(await aiEvaluationsPerCall()).toEqual({ [id as string]: 1 });
  });

  it('when the endpoint rejects the request (400), then the call fails at once without retries, saying what to check', async () => {
    const [id] = await importCalls(1);
    fake.setHandler(() => ({
      kind: 'status',
      status: 400,
      body: { error: { message: 'response_format not supported', type: 'invalid_request_error' } },
    }));
    const summary = await scoreQueuedCalls(depsFor(services));
    expect(summary.retries).toBe(0);
    expect(summary.failed).toEqual([{ callId: id, reason: expect.stringContaining('OPENAI_MODEL') }]);
    expect(fake.requests).toHaveLength(1);
  });
});

const defaultScores = respondWithScores();
/** The default fake answer: valid scores for the criteria the request asks for. */
const respond = (request: RecordedRequest, index: number): FakeReply => defaultScores(request, index) as FakeReply;

describe('scoringSettings', () => {
  it('when the config sets scoring.retryBackoffSeconds, then the queue waits that long before the first retry, capped at 60 s or the value', () => {
    const withBackoff = (seconds?: number) =>
      scoringSettings(parseConfig(stringify(seconds === undefined ? {} : { scoring: { retryBackoffSeconds: seconds } }), 'test.yml'));
    expect(withBackoff()).toMatchObject({ backoffMs: 2_000, maxBackoffMs: 60_000 });
    expect(withBackoff(0.05)).toMatchObject({ backoffMs: 50, maxBackoffMs: 60_000 });
    expect(withBackoff(120)).toMatchObject({ backoffMs: 120_000, maxBackoffMs: 120_000 });
    expect(() => withBackoff(-1)).toThrow(/scoring\.retryBackoffSeconds/);
  });
});
