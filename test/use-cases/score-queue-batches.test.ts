import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createCallRepository } from '../../src/db/call-repository.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import type { AiScoresToSave, CallClaim } from '../../src/domain/stored-records.ts';
import type { Scorer } from '../../src/domain/types.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import {
  IN_PROCESS_BATCH,
  scoreQueuedCalls,
  type ScoringDeps,
  type ScoringEvent,
  type ScoringSettings,
} from '../../src/use-cases/score-calls.ts';
import { goodCall } from '../scoring/fixtures/seed-rubric.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

// Batch claims and group-committed saves (ADR 0046): fewer queries per call, the same guarantees.

const SETTINGS: ScoringSettings = {
  concurrency: 4,
  maxAttempts: 3,
  leaseMs: 60_000,
  backoffMs: 10,
  maxBackoffMs: 40,
  price: { promptPer1k: 0, completionPer1k: 0 },
};

describeEachDatabase('scoring queue: batch claims and group commit', (database) => {
  let db: TestDatabase;
  let services: Services;
  const extra: Database[] = [];

  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer() });
    await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
  });
  afterEach(async () => {
    while (extra.length > 0) await extra.pop()?.close();
    await db.close();
  });

  /** Queues `count` calls, one second apart (oldest first), and returns their ids in that order. */
  const queueCalls = async (count: number): Promise<string[]> => {
    const [agent] = await services.directory.listAgents();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const inserted = await services.calls.insert({
        agentId: agent?.id ?? '',
        kind: 'live',
        callType: 'billing_dispute',
        occurredAt: new Date(Date.UTC(2026, 8, 1, 0, 0, i)),
        turns: goodCall,
        source: 'cli',
        externalId: `batch-${i}`,
        contentHash: `batch-${i}`,
        state: 'queued',
      });
      ids.push(inserted.call.id);
    }
    return ids;
  };

  const deps = (overrides: Partial<ScoringDeps> = {}): ScoringDeps => ({
    calls: services.calls,
    scores: services.scores,
    directory: services.directory,
    scorer: services.scorer,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    settings: SETTINGS,
    ...overrides,
  });

  /** Queues one call per marker, told apart by its last turn ("… call A."), a second apart; returns their ids. */
  const queueMarked = async (prefix: string, markers: readonly string[]): Promise<string[]> => {
    const [agent] = await services.directory.listAgents();
    const ids: string[] = [];
    for (const [i, marker] of markers.entries()) {
      const inserted = await services.calls.insert({
        agentId: agent?.id ?? '',
        kind: 'live',
        callType: 'billing_dispute',
        occurredAt: new Date(Date.UTC(2026, 8, 1, 0, 0, i)),
        turns: [...goodCall, { role: 'agent', text: `Your reference is call ${marker}.` }],
        source: 'cli',
        externalId: `${prefix}-${marker}`,
        contentHash: `${prefix}-${marker}`,
        state: 'queued',
      });
      ids.push(inserted.call.id);
    }
    return ids;
  };

  const scoredOnce = async (ids: string[]) => {
    const calls = await db.prisma.call.findMany({
      where: { id: { in: ids } },
      select: { id: true, state: true, leaseOwner: true, _count: { select: { evaluations: { where: { source: 'ai' } } } } },
    });
    return Object.fromEntries(calls.map((call) => [call.id, `${call.state} ${call.leaseOwner ?? '-'} ${call._count.evaluations}`]));
  };

  it('when two workers claim batches of one queue at once, then each call goes to exactly one of them, oldest first, no more than asked', async () => {
    const ids = await queueCalls(10);
    const other = await openDatabase(db.url, { migrate: false });
    extra.push(other);
    const otherCalls = createServices(other, { scorer: createEmbeddedScorer() }).calls;
    const now = new Date();
    const [a, b] = await Promise.all([services.calls.claimBatch('a', now, 60_000, 4), otherCalls.claimBatch('b', now, 60_000, 4)]);
    const c = await services.calls.claimBatch('c', now, 60_000, 4);
    for (const batch of [a, b, c]) expect(batch.length).toBeLessThanOrEqual(4);
    const all = [...a, ...b, ...c].map((claim) => claim.call.id);
    // Eight go to the racers (each wins whatever the other did not), the last two to the third.
    expect(new Set(all).size).toBe(all.length);
    expect(a.length + b.length).toBe(8);
    expect(c.map((claim) => claim.call.id)).toEqual(ids.slice(8));
    for (const batch of [a, b]) {
      const positions = batch.map((claim) => ids.indexOf(claim.call.id));
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
    }
    expect([...a, ...b, ...c].every((claim) => claim.attempt === 1 && claim.call.state === 'scoring')).toBe(true);
    expect(await services.calls.claimBatch('d', now, 60_000, 4)).toEqual([]);
  });

  it('when the database ends a claim as a deadlock with another claimer, then that round is lost and the next one claims', async () => {
    const ids = await queueCalls(2);
    let conflicts = 0;
    // PostgreSQL ends one of two claims that wait on each other's row locks; the UPDATE wrote nothing. The claim is
    // raw SQL, whose deadlock Prisma reports as P2010 naming the driver's TransactionWriteConflict (as measured).
    const deadlock = Object.assign(new Error('Raw query failed. Code: `40P01`. Message: `deadlock detected`'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { originalCode: '40P01', kind: 'TransactionWriteConflict' } } },
    });
    const prisma = new Proxy(db.prisma, {
      get: (target, key, receiver) =>
        key === '$queryRaw' && conflicts === 0
          ? () => {
              conflicts += 1;
              return Promise.reject(deadlock);
            }
          : Reflect.get(target, key, receiver),
    });
    const claims = await createCallRepository(prisma).claimBatch('worker', new Date(), 60_000, 2);
    expect(conflicts).toBe(1);
    expect(claims.map((claim) => claim.call.id)).toEqual(ids);
  });

  it('when one call of a batch lost its lease before the save, then the others are saved and that call gets nothing', async () => {
    const ids = await queueCalls(3);
    const claims = await services.calls.claimBatch('worker', new Date(), 60_000, 3);
    expect(claims.map((claim) => claim.call.id)).toEqual(ids);
    // Another worker took the second call over (its lease ran out and it was claimed again).
    await db.prisma.call.update({ where: { id: ids[1] }, data: { leaseOwner: 'other', attempts: 2 } });
    const rubric = await services.directory.currentRubric();
    const items: AiScoresToSave[] = [];
    for (const claim of claims) {
      const result = await createEmbeddedScorer().score({
        turns: claim.call.turns ?? [],
        rubric: rubric as NonNullable<typeof rubric>,
        callType: claim.call.callType,
        callTypes: await services.directory.callTypes(),
        maskNames: [],
      });
      items.push({ claim, result, rubricVersionId: rubric?.id ?? '' });
    }
    expect(await services.scores.saveAiScoresBatch(items)).toEqual([true, false, true]);
    expect(await scoredOnce(ids)).toEqual({
      [ids[0] as string]: 'scored - 1',
      [ids[1] as string]: 'scoring other 0',
      [ids[2] as string]: 'scored - 1',
    });
    // Every criterion of a saved call is stored once, under its evaluation, current; none for the lost one.
    const scores = await db.prisma.criterionScore.findMany({ include: { evaluation: true } });
    const criteria = (rubric?.criteria ?? []).length;
    expect(scores).toHaveLength(2 * criteria);
    expect(scores.every((score) => score.current && score.evaluation.callId === score.callId && score.callId !== ids[1])).toBe(true);
    expect(scores.every((score) => /^[a-z0-9]{25}$/.test(score.id) && /^[a-z0-9]{25}$/.test(score.evaluationId))).toBe(true);
    // A second save of the same claims (a retried batch) finds no lease to save under.
    expect(await services.scores.saveAiScoresBatch(items)).toEqual([false, false, false]);
  });

  it('when a batch holds an untyped call and a typed one, then only the untyped one takes the type the scorer read, with how', async () => {
    const ids = await queueCalls(2);
    await db.prisma.call.update({ where: { id: ids[0] }, data: { callType: null } });
    const claims = await services.calls.claimBatch('worker', new Date(), 60_000, 2);
    const rubric = await services.directory.currentRubric();
    const items: AiScoresToSave[] = [];
    for (const [index, claim] of claims.entries()) {
      const result = await createEmbeddedScorer().score({
        turns: claim.call.turns ?? [],
        rubric: rubric as NonNullable<typeof rubric>,
        callType: 'billing_dispute',
        callTypes: await services.directory.callTypes(),
        maskNames: [],
      });
      const marks = { reviewReason: index === 1 ? 'held for a person' : null, callTypeInferred: true, callTypeCue: 'a charge disputed' };
      items.push({ claim, result, rubricVersionId: rubric?.id ?? '', marks });
    }
    expect(await services.scores.saveAiScoresBatch(items)).toEqual([true, true]);
    const rows = await db.prisma.call.findMany({
      where: { id: { in: ids } },
      select: { id: true, callType: true, callTypeInferred: true, callTypeCue: true, reviewReason: true, summary: true, state: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids[0] as string)).toMatchObject({
      callType: 'billing_dispute',
      callTypeInferred: true,
      callTypeCue: 'a charge disputed',
      reviewReason: null,
      summary: items[0]?.result.summary,
      state: 'scored',
    });
    expect(byId.get(ids[1] as string)).toMatchObject({
      callType: 'billing_dispute',
      callTypeInferred: false,
      callTypeCue: null,
      reviewReason: 'held for a person',
      summary: items[1]?.result.summary,
      state: 'scored',
    });
  });

  it('when a call is scored again in a batch, then its earlier AI evaluation stays but is no longer current', async () => {
    const [id = ''] = await queueCalls(1);
    await scoreQueuedCalls(deps());
    await db.prisma.call.update({ where: { id }, data: { state: 'queued', attempts: 0 } });
    await scoreQueuedCalls(deps());
    const evaluations = await db.prisma.evaluation.findMany({ where: { callId: id }, orderBy: { createdAt: 'asc' } });
    expect(evaluations.map((evaluation) => evaluation.current)).toEqual([false, true]);
    const current = await db.prisma.criterionScore.findMany({ where: { callId: id, current: true } });
    expect(new Set(current.map((score) => score.evaluationId))).toEqual(new Set([evaluations[1]?.id]));
  });

  /** The repositories, counting the calls each claim won and each save transaction wrote. */
  const counting = () => {
    const claims: number[] = [];
    const writes: number[] = [];
    const calls = {
      ...services.calls,
      claimBatch: async (...args: Parameters<Services['calls']['claimBatch']>) => {
        const claimed = await services.calls.claimBatch(...args);
        if (claimed.length > 0) claims.push(claimed.length);
        return claimed;
      },
    };
    const scores = {
      ...services.scores,
      saveAiScoresBatch: async (items: readonly AiScoresToSave[]) => {
        writes.push(items.length);
        return services.scores.saveAiScoresBatch(items);
      },
    };
    return { claims, writes, calls, scores };
  };

  /** The embedded scorer's answers, as a model's scorer (a scorer whose calls wait for a model's answer). */
  const asModel = (scorer: Scorer): Scorer => ({ ...scorer, name: 'llm', model: 'fake-model', score: (request) => scorer.score(request) });

  it("when ten calls are scored four at a time by a model's scorer, then they are claimed four to a query and each is scored once", async () => {
    const ids = await queueCalls(10);
    const { claims, calls } = counting();
    const summary = await scoreQueuedCalls(deps({ calls, scorer: asModel(createEmbeddedScorer()) }));
    expect(summary.scored).toBe(10);
    expect(claims).toEqual([4, 4, 2]);
    expect(Object.values(await scoredOnce(ids))).toEqual(Array(10).fill('scored - 1'));
  });

  it('when the embedded scorer scores 40 calls four at a time, then they are claimed and saved up to 32 at a time, each once', async () => {
    // It scores on this process's CPU one call at a time whatever the concurrency: batches of four would cost
    // more in queries than in scoring (ADR 0054).
    const ids = await queueCalls(40);
    const { claims, writes, calls, scores } = counting();
    const summary = await scoreQueuedCalls(deps({ calls, scores }));
    expect(summary.scored).toBe(40);
    expect(claims).toEqual([IN_PROCESS_BATCH, 40 - IN_PROCESS_BATCH]);
    expect(writes.reduce((sum, n) => sum + n, 0)).toBe(40);
    expect(Math.max(...writes)).toBeLessThanOrEqual(IN_PROCESS_BATCH);
    expect(writes.length).toBeLessThanOrEqual(4);
    expect(Object.values(await scoredOnce(ids))).toEqual(Array(40).fill('scored - 1'));
  });

  it('when saves arrive while one is being written, then they are written together in the next transaction', async () => {
    const ids = await queueCalls(4);
    const written: number[] = [];
    let writing: () => void = () => undefined;
    const firstWriting = new Promise<void>((resolve) => {
      writing = resolve;
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scores = {
      ...services.scores,
      saveAiScoresBatch: async (items: readonly AiScoresToSave[]) => {
        written.push(items.length);
        if (written.length === 1) {
          writing();
          await gate;
        }
        return services.scores.saveAiScoresBatch(items);
      },
    };
    // The first call's save is being written before the others are scored, and waits until all four are (their
    // saves queue behind it).
    let started = 0;
    let scored = 0;
    const embedded = createEmbeddedScorer();
    const scorer: Scorer = {
      ...embedded,
      score: async (request) => {
        started += 1;
        if (started > 1) await firstWriting;
        const result = await embedded.score(request);
        scored += 1;
        if (scored === 4) setImmediate(release);
        return result;
      },
    };
    const summary = await scoreQueuedCalls(deps({ scores, scorer }));
    expect(summary.scored).toBe(4);
    expect(written).toEqual([1, 3]);
    expect(Object.values(await scoredOnce(ids))).toEqual(Array(4).fill('scored - 1'));
  });

  it('when the lanes hand their saves over in the same turn, then one transaction writes them all', async () => {
    const ids = await queueCalls(4);
    const written: number[] = [];
    const scores = {
      ...services.scores,
      saveAiScoresBatch: async (items: readonly AiScoresToSave[]) => {
        written.push(items.length);
        return services.scores.saveAiScoresBatch(items);
      },
    };
    const summary = await scoreQueuedCalls(deps({ scores }));
    expect(summary.scored).toBe(4);
    expect(written).toEqual([4]);
    expect(Object.values(await scoredOnce(ids))).toEqual(Array(4).fill('scored - 1'));
  });

  it("when a lane's answer comes while another lane's save waits, then both are written in one transaction", async () => {
    // Two lanes, three calls told apart by their last turn: A answers at once, B only once its lane's partner
    // scores C (A's save has been handed over by then, and waits), C once the first write began.
    const ids = await queueMarked('gather', ['A', 'B', 'C']);
    const gate = () => {
      let open: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { open, opened };
    };
    const cStarted = gate();
    const written = gate();
    const batches: number[] = [];
    const scores = {
      ...services.scores,
      saveAiScoresBatch: async (items: readonly AiScoresToSave[]) => {
        batches.push(items.length);
        setImmediate(written.open);
        return services.scores.saveAiScoresBatch(items);
      },
    };
    const embedded = createEmbeddedScorer();
    const scorer: Scorer = {
      ...embedded,
      score: async (request) => {
        const marker = request.turns.at(-1)?.text.at(-2);
        if (marker === 'B') await cStarted.opened;
        if (marker === 'C') {
          setImmediate(cStarted.open);
          await written.opened;
        }
        return embedded.score(request);
      },
    };
    const summary = await scoreQueuedCalls(deps({ scores, scorer, settings: { ...SETTINGS, concurrency: 2 } }));
    expect(summary.scored).toBe(3);
    expect(batches).toEqual([2, 1]);
    expect(Object.values(await scoredOnce(ids))).toEqual(Array(3).fill('scored - 1'));
  });

  it('when every lane has handed its save over, then the lanes send their next requests before the save is written', async () => {
    // Two lanes, four calls told apart by their last turn; the scorer answers a moment later, as a model would.
    await queueMarked('order', ['A', 'B', 'C', 'D']);
    const log: string[] = [];
    const scores = {
      ...services.scores,
      saveAiScoresBatch: async (items: readonly AiScoresToSave[]) => {
        log.push(`write ${items.length}`);
        return services.scores.saveAiScoresBatch(items);
      },
    };
    const embedded = createEmbeddedScorer();
    const scorer: Scorer = {
      ...asModel(embedded),
      score: async (request) => {
        log.push(`score ${request.turns.at(-1)?.text.at(-2)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return embedded.score(request);
      },
    };
    const summary = await scoreQueuedCalls(deps({ scores, scorer, settings: { ...SETTINGS, concurrency: 2 } }));
    expect(summary.scored).toBe(4);
    expect(log.slice(0, 5)).toEqual(['score A', 'score B', 'score C', 'score D', 'write 2']);
  });

  /**
   * Four calls at concurrency 2, where the first call's scoring waits until the third is being scored: the
   * second lane claims the third and fourth together, and the fourth waits in the buffer while the third
   * is scored; the clock moves half a lease while the third is scored (no lease runs out). `steal` takes the fourth call over for
   * another worker just before its lease is renewed.
   */
  const runWithAWaitingClaim = async (steal: boolean) => {
    const ids = await queueCalls(4);
    const fourth = ids[3] as string;
    let clock = Date.UTC(2026, 11, 5, 12);
    let release: () => void = () => undefined;
    const third = new Promise<void>((resolve) => {
      release = resolve;
    });
    let scoring = 0;
    const embedded = createEmbeddedScorer();
    const scorer: Scorer = {
      ...embedded,
      score: async (request) => {
        scoring += 1;
        if (scoring === 1) await third;
        if (scoring === 3) {
          clock += SETTINGS.leaseMs / 2;
          release();
        }
        return embedded.score(request);
      },
    };
    const renewed: string[] = [];
    const calls = {
      ...services.calls,
      renewLease: async (claim: CallClaim, leaseUntil: Date) => {
        renewed.push(claim.call.id);
        if (steal && claim.call.id === fourth) await db.prisma.call.update({ where: { id: fourth }, data: { leaseOwner: 'other' } });
        return services.calls.renewLease(claim, leaseUntil);
      },
    };
    const events: ScoringEvent[] = [];
    const summary = await scoreQueuedCalls(
      deps({ calls, scorer, now: () => new Date(clock), settings: { ...SETTINGS, concurrency: 2 } }),
      (event) => events.push(event),
    );
    return { ids, fourth, renewed, events, summary, scored: scoring };
  };

  it('when a claimed call waited for a lane past a third of its lease, then its lease is renewed before it is scored', async () => {
    const run = await runWithAWaitingClaim(false);
    expect(run.renewed).toEqual([run.fourth]);
    expect(run.summary.scored).toBe(4);
    expect(Object.values(await scoredOnce(run.ids))).toEqual(Array(4).fill('scored - 1'));
  });

  it('when a claimed call lost its lease while it waited for a lane, then it is not scored and reported lost', async () => {
    const run = await runWithAWaitingClaim(true);
    expect(run.events).toContainEqual({ type: 'lease_lost', callId: run.fourth });
    expect(run.scored).toBe(3);
    expect(run.summary.scored).toBe(3);
    expect((await scoredOnce(run.ids))[run.fourth]).toBe('scoring other 0');
  });
});
