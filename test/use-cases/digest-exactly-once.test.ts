import { afterEach, beforeEach, expect, it } from 'vitest';

import { openDatabase, type Database } from '../../src/db/client.ts';
import { testSender } from '../support/test-sender.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { sendWeeklyDigest } from '../../src/use-cases/send-weekly-digest.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { CHANNEL, DIGEST_NOW, MAYA, seedDigestScenario } from './digest-scenario.ts';

describeEachDatabase('the weekly digest across instances', (database) => {
  let db: TestDatabase;
  let fake: FakeSlack;
  const instances: Database[] = [];
  beforeEach(async () => {
    db = await database.open();
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    while (instances.length > 0) await instances.pop()?.close();
    await fake.close();
    await db.close();
  });

  it('when three instances run the same digest at once on separate connections, then the channel gets one post and the manager one DM', async () => {
    const { config } = await seedDigestScenario(db);
    instances.push(...(await Promise.all([1, 2, 3].map(() => openDatabase(db.url, { migrate: false })))));

    const results = await Promise.all(
      instances.map((instance) => {
        const services = createServices(instance, { scorer: createEmbeddedScorer(), now: () => DIGEST_NOW });
        return sendWeeklyDigest({
          services,
          config,
          sender: testSender(services.outbox, fake.apiUrl, { retries: false }),
          now: DIGEST_NOW,
          team: 'northside',
        });
      }),
    );

    expect(results.filter((result) => result.status === 'sent')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'already_claimed')).toHaveLength(2);
    const posts = fake.calls.filter((call) => call.method === 'chat.postMessage');
    expect(posts.filter((call) => call.args.channel === CHANNEL)).toHaveLength(1);
    expect(posts.filter((call) => call.args.channel === MAYA)).toHaveLength(1);
    expect(await db.prisma.digestRun.count()).toBe(1);
  });
});
