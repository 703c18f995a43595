import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createOutboxRepository } from '../../src/db/outbox-repository.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

const CLAIMED_AT = new Date('2026-10-01T09:00:00Z');
/** A run at `minutes` after the claim, with a 10-minute lease and 3 attempts. */
const policyAt = (minutes: number) => {
  const at = new Date(CLAIMED_AT.getTime() + minutes * 60_000);
  return { at, maxAttempts: 3, staleBefore: new Date(at.getTime() - 10 * 60_000) };
};
const POLICY = policyAt(1);

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
      repos.map((repo) =>
        repo.claimNotification({
          key: 'readiness_reached:agent-1:basic_inbound::2026-09-25',
          kind: 'readiness_reached',
          recipient: 'U0MAYA0001',
          payload: { agent: 'agent-1' },
          at,
        }),
      ),
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
    const claim = await repo!.claimNotification({
      key,
      kind: 'coaching',
      recipient: 'U0MAYA0001',
      payload: {},
      at: new Date('2026-10-01T09:00:00Z'),
    });
    await db.prisma.notification.update({ where: { id: claim.id }, data: { attempts } });
    await repo!.markNotificationsFailed([claim.id], 'internal_error');
    return claim.id;
  };

  it('when five instances retry the same failed notification at once, then exactly one re-claims it, with one attempt more', async () => {
    const id = await failedRow('k-retry', 1);
    const repos = await instances(5);

    const claims = await Promise.all(repos.map((repo) => repo.reclaimNotification({ key: 'k-retry', ...POLICY })));

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(claims.every((claim) => claim.id === id)).toBe(true);
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', attempts: 2 });
  });

  it('when a failed notification has had its last attempt, then it is not re-claimed and counts as settled', async () => {
    await failedRow('k-spent', 3);
    await failedRow('k-due', 2);
    const [repo] = await instances(1);

    expect(await repo!.reclaimNotification({ key: 'k-spent', ...POLICY })).toMatchObject({ claimed: false, status: 'failed' });
    expect(await repo!.settledNotificationKeys(['k-spent', 'k-due', 'k-none'], POLICY)).toEqual(new Set(['k-spent']));
    expect(await repo!.reclaimNotification({ key: 'k-due', ...POLICY })).toMatchObject({ claimed: true, status: 'pending' });
    // Pending (being retried) and sent rows are settled: no other run takes them.
    expect(await repo!.settledNotificationKeys(['k-spent', 'k-due'], POLICY)).toEqual(new Set(['k-spent', 'k-due']));
  });

  it('when a notification is sent (even long after), or pending within its lease, then it cannot be re-claimed', async () => {
    const [repo] = await instances(1);
    const at = new Date('2026-10-01T09:00:00Z');
    const sent = await repo!.claimNotification({ key: 'k-sent', kind: 'coaching', recipient: 'U1', payload: {}, at });
    await repo!.markNotificationsSent([sent.id], at);
    await repo!.claimNotification({ key: 'k-pending', kind: 'coaching', recipient: 'U1', payload: {}, at });

    expect(await repo!.reclaimNotification({ key: 'k-sent', ...policyAt(60) })).toMatchObject({ claimed: false, status: 'sent' });
    expect(await repo!.reclaimNotification({ key: 'k-pending', ...POLICY })).toMatchObject({ claimed: false, status: 'pending' });
    expect(await db.prisma.notification.findMany({ select: { key: true, attempts: true }, orderBy: { key: 'asc' } })).toEqual([
      { key: 'k-pending', attempts: 1 },
      { key: 'k-sent', attempts: 1 },
    ]);
  });

  it('when a pending claim is older than the lease, then exactly one of five instances claims it again, with one attempt more and a new claim time', async () => {
    const [repo] = await instances(1);
    const { id } = await repo!.claimNotification({
      key: 'k-abandoned',
      kind: 'readiness',
      recipient: 'U0MAYA0001',
      payload: {},
      at: CLAIMED_AT,
    });
    // Within the lease, the run that claimed it may still be sending: nobody takes it.
    expect(await repo!.reclaimNotification({ key: 'k-abandoned', ...policyAt(9) })).toMatchObject({ claimed: false, status: 'pending' });
    expect(await repo!.settledNotificationKeys(['k-abandoned'], policyAt(9))).toEqual(new Set(['k-abandoned']));
    // Past it, the run is taken as dead: the key is due again and one instance wins it.
    expect(await repo!.settledNotificationKeys(['k-abandoned'], policyAt(11))).toEqual(new Set());
    const repos = await instances(5);
    const claims = await Promise.all(repos.map((other) => other.reclaimNotification({ key: 'k-abandoned', ...policyAt(11) })));
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'pending',
      attempts: 2,
      claimedAt: policyAt(11).at,
    });
    // The new claim holds its own lease.
    expect(await repo!.reclaimNotification({ key: 'k-abandoned', ...policyAt(15) })).toMatchObject({ claimed: false });
  });

  it("when a notification is marked sent, then Slack's channel and ts are on the row, and an abandoned claim that used its last attempt is settled", async () => {
    const [repo] = await instances(1);
    const sent = await repo!.claimNotification({ key: 'k-ts', kind: 'readiness', recipient: 'U0MAYA0001', payload: {}, at: CLAIMED_AT });
    await repo!.markNotificationsSent([sent.id], CLAIMED_AT, { channel: 'D0MAYA0001', ts: '1790000000.000100' });
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      status: 'sent',
      slackChannel: 'D0MAYA0001',
      slackTs: '1790000000.000100',
    });

    const spent = await repo!.claimNotification({
      key: 'k-spent-lease',
      kind: 'readiness',
      recipient: 'U0MAYA0001',
      payload: {},
      at: CLAIMED_AT,
    });
    await db.prisma.notification.update({ where: { id: spent.id }, data: { attempts: 3 } });
    expect(await repo!.reclaimNotification({ key: 'k-spent-lease', ...policyAt(60) })).toMatchObject({ claimed: false, status: 'pending' });
    expect(await repo!.settledNotificationKeys(['k-spent-lease', 'k-ts'], policyAt(60))).toEqual(new Set(['k-spent-lease', 'k-ts']));
  });

  it('when three instances run the same weekly digest, then one claims it', async () => {
    const team = await db.prisma.team.create({ data: { key: 'northside', name: 'Northside' } });
    const repos = await instances(3);
    const input = {
      key: 'northside:2026-W40',
      teamId: team.id,
      periodStart: new Date('2026-09-28T00:00:00Z'),
      periodEnd: new Date('2026-10-05T00:00:00Z'),
      at: new Date('2026-10-05T09:00:00Z'),
    };
    const claims = await Promise.all(repos.map((repo) => repo.claimDigestRun(input, POLICY)));
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(await db.prisma.digestRun.count()).toBe(1);
  });

  it('when a digest run failed or its instance died past the lease, then exactly one later run takes it again, with what was delivered; never a sent one, one within its lease or one out of attempts', async () => {
    const team = await db.prisma.team.create({ data: { key: 'northside', name: 'Northside' } });
    const run = (key: string) => ({
      key,
      teamId: team.id,
      periodStart: new Date('2026-09-28T00:00:00Z'),
      periodEnd: new Date('2026-10-05T00:00:00Z'),
      at: CLAIMED_AT,
    });
    const [repo] = await instances(1);
    const repos = await instances(3);

    // Died mid-send after the channel post: still "claimed", one delivery recorded.
    const died = await repo!.claimDigestRun(run('died'), POLICY);
    await repo!.markDigestDelivered(died.id, 'channel:C0NORTHSIDE');
    await repo!.markDigestDelivered(died.id, 'channel:C0NORTHSIDE');
    expect((await repo!.claimDigestRun({ ...run('died'), at: policyAt(5).at }, policyAt(5))).claimed).toBe(false);
    const retakes = await Promise.all(repos.map((other) => other.claimDigestRun({ ...run('died'), at: policyAt(11).at }, policyAt(11))));
    expect(retakes.filter((claim) => claim.claimed)).toEqual([
      { claimed: true, id: died.id, attempt: 2, delivered: ['channel:C0NORTHSIDE'] },
    ]);

    // Failed: taken again at once, until the attempts are spent.
    const failed = await repo!.claimDigestRun(run('failed'), POLICY);
    await repo!.markDigestFailed(failed.id, 'channel_not_found');
    expect(await repo!.claimDigestRun(run('failed'), POLICY)).toMatchObject({ claimed: true, attempt: 2 });
    await repo!.markDigestFailed(failed.id, 'channel_not_found');
    expect(await repo!.claimDigestRun(run('failed'), POLICY)).toMatchObject({ claimed: true, attempt: 3 });
    await repo!.markDigestFailed(failed.id, 'channel_not_found');
    expect(await repo!.claimDigestRun(run('failed'), POLICY)).toMatchObject({ claimed: false, attempt: 3 });

    // Sent: never again, however late.
    const sent = await repo!.claimDigestRun(run('sent'), POLICY);
    await repo!.markDigestSent(sent.id, CLAIMED_AT);
    expect((await repo!.claimDigestRun({ ...run('sent'), at: policyAt(600).at }, policyAt(600))).claimed).toBe(false);
  });
});
