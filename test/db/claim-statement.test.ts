import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { claimStatement } from '../../src/db/call-repository.ts';
import { Prisma } from '../../src/generated/sqlite/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

// The claim reads the oldest candidates of each kind from an index and re-checks them by id (ADR 0056): the
// same calls, in the same order, as the one condition it replaced.
describeEachDatabase('the queue claim', (database) => {
  let db: TestDatabase;
  let services: Services;
  const now = new Date('2026-09-01T12:00:00Z');
  const minutes = (n: number): Date => new Date(now.getTime() + n * 60_000);

  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer() });
    await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
  });
  afterEach(async () => {
    await db.close();
  });

  /** A call of the example config's first agent, created at `createdAt`, with the queue fields given. */
  const call = async (name: string, createdAt: Date, fields: Record<string, unknown>): Promise<string> => {
    const [agent] = await services.directory.listAgents();
    const row = await db.prisma.call.create({
      data: {
        agentId: agent!.id,
        kind: 'live',
        callType: 'billing_dispute',
        occurredAt: createdAt,
        turns: [{ role: 'agent', text: `Call ${name}.` }],
        source: 'cli',
        externalId: name,
        createdAt,
        ...fields,
      },
    });
    return row.id;
  };

  it('when queued, delayed, leased, expired and scored calls are mixed, then claims take the oldest claimable of both kinds in order, in batches', async () => {
    await call('queued-3', minutes(-30), { state: 'queued' });
    await call('expired-1', minutes(-50), { state: 'scoring', leaseOwner: 'crashed', leaseUntil: minutes(-1), attempts: 1 });
    await call('queued-2', minutes(-40), { state: 'queued', nextAttemptAt: minutes(-5), attempts: 1 });
    await call('delayed', minutes(-60), { state: 'queued', nextAttemptAt: minutes(5), attempts: 1 });
    await call('leased', minutes(-70), { state: 'scoring', leaseOwner: 'alive', leaseUntil: minutes(10), attempts: 1 });
    await call('scored', minutes(-80), { state: 'scored' });
    await call('expired-4', minutes(-20), { state: 'scoring', leaseOwner: 'crashed', leaseUntil: minutes(-2), attempts: 1 });
    await call('queued-5', minutes(-10), { state: 'queued' });

    const names = (claims: { call: { externalId: string | null } }[]) => claims.map((claim) => claim.call.externalId);
    expect(names(await services.calls.claimBatch('worker', now, 60_000, 3))).toEqual(['expired-1', 'queued-2', 'queued-3']);
    expect(names(await services.calls.claimBatch('worker', now, 60_000, 3))).toEqual(['expired-4', 'queued-5']);
    expect(await services.calls.claimBatch('worker', now, 60_000, 3)).toEqual([]);
    const leased = await db.prisma.call.findMany({ where: { leaseOwner: 'worker' }, orderBy: { createdAt: 'asc' } });
    expect(leased.map((row) => [row.externalId, row.state, row.attempts])).toEqual([
      ['expired-1', 'scoring', 2],
      ['queued-2', 'scoring', 2],
      ['queued-3', 'scoring', 1],
      ['expired-4', 'scoring', 2],
      ['queued-5', 'scoring', 1],
    ]);
  });

  it('when SQLite plans a claim, then it reads the candidates from the claim index and the rows by id, not every queued row', async ({
    skip,
  }) => {
    if (db.provider !== 'sqlite') skip('SQLite plan');
    const plan = await db.prisma.$queryRaw<{ detail: string }[]>(
      Prisma.sql`EXPLAIN QUERY PLAN ${claimStatement('worker', now, minutes(1), 32)}`,
    );
    const details = plan.map((step) => step.detail);
    expect(details).toContain('SEARCH Call USING INDEX sqlite_autoindex_Call_1 (id=?)');
    expect(details).toContain('SEARCH Call USING COVERING INDEX Call_state_createdAt_id_nextAttemptAt_idx (state=?)');
    expect(details.filter((detail) => /MULTI-INDEX OR|SCAN Call\b/.test(detail))).toEqual([]);
  });
});
