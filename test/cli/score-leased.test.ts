import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { runFloorready, writeFolder } from '../support/cli.ts';

describeEachDatabase('floorready score with calls leased by another worker', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when a call is held by a live lease of another worker, then score leaves it alone and says so', async () => {
    const folder = await writeFolder({
      'a.txt': {
        content: 'Agent: Hello, how can I help?\nCustomer: My order is late.\nAgent: Let me check the tracking for you.\n',
        meta: { agent: 'AG-101', type: 'basic_inbound' },
      },
      'b.txt': {
        content: 'Agent: Good morning.\nCustomer: I need a new password.\nAgent: I can reset it now.\n',
        meta: { agent: 'AG-102', type: 'basic_inbound' },
      },
    });
    expect((await runFloorready(['import', folder], { databaseUrl: db.url })).code).toBe(0);
    const [held] = await db.prisma.call.findMany({ orderBy: { sourceName: 'asc' }, take: 1 });
    await db.prisma.call.update({
      where: { id: held!.id },
      data: { state: 'scoring', leaseOwner: 'other-worker', leaseUntil: new Date(Date.now() + 600_000), attempts: 1 },
    });

    const run = await runFloorready(['score'], { databaseUrl: db.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Scored 1, failed 0');
    expect(run.stdout).toMatch(/1 call is held by another worker's lease/);
    expect(await db.prisma.call.findUnique({ where: { id: held!.id } })).toMatchObject({ state: 'scoring', leaseOwner: 'other-worker' });
  });
});
