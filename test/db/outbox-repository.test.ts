import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createOutboxRepository } from '../../src/db/outbox-repository.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

describeEachDatabase('the outbox', (database) => {
  let db: TestDatabase;
  const others: Database[] = [];
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    while (others.length > 0) await others.pop()?.close();
    await db.close();
  });

  /** Repositories on their own connections, like separate app instances. */
  const instances = async (count: number) => {
    const opened = await Promise.all(Array.from({ length: count }, () => openDatabase(db.url, { migrate: false })));
    others.push(...opened);
    return opened.map((instance) => createOutboxRepository(instance.prisma));
  };

  it('when five instances claim the same notification key at once, then exactly one may send it', async () => {
    const repos = await instances(5);
    const at = new Date('2026-10-01T09:00:00Z');
    const claims = await Promise.all(
      repos.map((repo) => repo.claimNotification({ key: 'readiness_reached:agent-1:basic_inbound::2026-09-25', kind: 'readiness_reached', recipient: 'U0MAYA0001', payload: { agent: 'agent-1' }, at })),
    );
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(new Set(claims.map((claim) => claim.id)).size).toBe(1);
    expect(await db.prisma.notification.count()).toBe(1);
  });

  it('when a claimed notification is marked sent, then a later claim of the key sees it sent and is not claimed', async () => {
    const [repo] = await instances(1);
    const at = new Date('2026-10-01T09:00:00Z');
    const first = await repo!.claimNotification({ key: 'k-1', kind: 'coaching', recipient: 'U1', payload: {}, at });
    await repo!.markNotificationsSent([first.id], at);
    const again = await repo!.claimNotification({ key: 'k-1', kind: 'coaching', recipient: 'U1', payload: {}, at });
    expect(again).toEqual({ claimed: false, id: first.id, status: 'sent' });
  });

  const failedRow = async (key: string, attempts: number) => {
    const [repo] = await instances(1);
    const claim = await repo!.claimNotification({ key, kind: 'coaching', recipient: 'U0MAYA0001', payload: {}, at: new Date('2026-10-01T09:00:00Z') });
    await db.prisma.notification.update({ where: { id: claim.id }, data: { attempts } });
    await repo!.markNotificationsFailed([claim.id], 'internal_error');
    return claim.id;
  };

  it('when five instances retry the same failed notification at once, then exactly one re-claims it, with one attempt more', async () => {
    const id = await failedRow('k-retry', 1);
    const repos = await instances(5);

    const claims = await Promise.all(repos.map((repo) => repo.reclaimFailedNotification({ key: 'k-retry', maxAttempts: 3 })));

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(claims.every((claim) => claim.id === id)).toBe(true);
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', attempts: 2 });
  });

  it('when a failed notification has had its last attempt, then it is not re-claimed and counts as settled', async () => {
    await failedRow('k-spent', 3);
    await failedRow('k-due', 2);
    const [repo] = await instances(1);

    expect(await repo!.reclaimFailedNotification({ key: 'k-spent', maxAttempts: 3 })).toMatchObject({ claimed: false, status: 'failed' });
    expect(await repo!.settledNotificationKeys(['k-spent', 'k-due', 'k-none'], { maxAttempts: 3 })).toEqual(new Set(['k-spent']));
    expect(await repo!.reclaimFailedNotification({ key: 'k-due', maxAttempts: 3 })).toMatchObject({ claimed: true, status: 'pending' });
    // Pending (being retried) and sent rows are settled: no other run takes them.
    expect(await repo!.settledNotificationKeys(['k-spent', 'k-due'], { maxAttempts: 3 })).toEqual(new Set(['k-spent', 'k-due']));
  });

  it('when a notification is sent or pending, then it cannot be re-claimed', async () => {
    const [repo] = await instances(1);
    const at = new Date('2026-10-01T09:00:00Z');
    const sent = await repo!.claimNotification({ key: 'k-sent', kind: 'coaching', recipient: 'U1', payload: {}, at });
    await repo!.markNotificationsSent([sent.id], at);
    await repo!.claimNotification({ key: 'k-pending', kind: 'coaching', recipient: 'U1', payload: {}, at });

    expect(await repo!.reclaimFailedNotification({ key: 'k-sent', maxAttempts: 3 })).toMatchObject({ claimed: false, status: 'sent' });
    expect(await repo!.reclaimFailedNotification({ key: 'k-pending', maxAttempts: 3 })).toMatchObject({ claimed: false, status: 'pending' });
    expect(await db.prisma.notification.findMany({ select: { key: true, attempts: true }, orderBy: { key: 'asc' } })).toEqual([
      { key: 'k-pending', attempts: 1 },
      { key: 'k-sent', attempts: 1 },
    ]);
  });

  it('when three instances run the same weekly digest, then one claims it', async () => {
    const team = await db.prisma.team.create({ data: { key: 'northside', name: 'Northside' } });
    const repos = await instances(3);
    const input = { key: 'northside:2026-W40', teamId: team.id, periodStart: new Date('2026-09-28T00:00:00Z'), periodEnd: new Date('2026-10-05T00:00:00Z'), at: new Date('2026-10-05T09:00:00Z') };
    const claims = await Promise.all(repos.map((repo) => repo.claimDigestRun(input)));
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(await db.prisma.digestRun.count()).toBe(1);
  });
});
