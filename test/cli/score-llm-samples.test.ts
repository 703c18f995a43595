import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { respondWithScores, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai-server.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { runFloorready, writeConfig, writeFolder } from '../support/cli.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

const team = {
  key: 'northside',
  name: 'Northside Support',
  agents: [{ name: 'Ana Ruiz', email: 'ana.ruiz@example.com', externalIds: ['AG-101'], aliases: ['Sarah Jones', 'Sarah'] }],
};

describeEachDatabase('floorready score with scoring.samples', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    fake.reset();
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when the config sets scoring.samples: 3, then each call is scored three times, the median is stored and a criterion the samples disagree on is stored low-confidence', async () => {
    const configPath = await writeConfig({ teams: [team], scoring: { samples: 3 } });
    const dir = await writeFolder({ 'call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101', type: 'billing_dispute' } } });
    expect((await runFloorready(['import', dir], { databaseUrl: db.url, configPath, cwd: dir })).code).toBe(0);
    // Empathy: 1, 3, 5 across the samples (median 3, spread 4); every other criterion 4 each time.
    fake.setHandler((request, index) =>
      respondWithScores((key) => ({ level: key === 'empathy' ? 1 + 2 * (index % 3) : 4 }))(request, index),
    );
    const env = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test-key', OPENAI_MODEL: 'fake-model', OPENAI_MAX_RETRIES: '0' };
    const run = await runFloorready(['score'], { databaseUrl: db.url, configPath, env });
    expect(run.code, run.stderr).toBe(0);
    expect(fake.requests).toHaveLength(3);
    const stored = await db.prisma.criterionScore.findMany({
      where: { source: 'ai' },
      select: { criterionKey: true, level: true, confidence: true },
    });
    const byKey = Object.fromEntries(stored.map((row) => [row.criterionKey, row]));
    expect(byKey.empathy).toMatchObject({ level: 3, confidence: 'low' });
    const others = stored.filter((row) => row.criterionKey !== 'empathy' && row.level !== null);
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row).toMatchObject({ level: 4, confidence: 'high' });
  });
});
