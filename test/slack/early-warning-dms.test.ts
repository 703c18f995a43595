/**
 * Early-warning DMs over real boundaries (ADR 0032): a real database with the example config applied and
 * scores imported, the one sender posting to the fake Slack Web API. Eli (AG-105, U0ELI00001) has a 14-of-100
 * live call before any batch; Maya (U0MAYA0001) manages his team, whose digest channel is C0NORTHSIDE.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';
import { testSender } from '../support/test-sender.ts';

const MAYA = 'U0MAYA0001';

describeEachDatabase('early-warning DMs', (database) => {
  let db: TestDatabase;
  let services: Services;
  let config: Config;
  let slack: FakeSlack;

  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
    config = await loadConfig(EXAMPLE_CONFIG);
    await applyConfig(services, config);
    slack = await startFakeSlack();
    const low = calls({
      agent: 'AG-105',
      at: spaced(PERIOD[0] as string, 1),
      idPrefix: 'ZD-4411',
      scores: { ...all(25), empathy: 0, tone_consistency: 0 },
    });
    const fine = calls({ agent: 'AG-105', at: spaced(PERIOD[1] as string, 3), scores: all(75) });
    await importScores(services, scoresCsv([low, fine]));
  });

  afterEach(async () => {
    await slack.close();
    await db.close();
  });

  const notify = (on: Services) => sendNotifications({ services: on, config, sender: testSender(on.outbox, slack.apiUrl), now: NOW });
  const posts = () => slack.calls.filter((call) => call.method === 'chat.postMessage' || call.method === 'chat.postEphemeral');

  it('when a new agent has a very low live call, then the managers get one coaching DM naming the call, never the channel, once across restarts', async () => {
    const first = await notify(services);
    expect(first.errors).toEqual([]);
    expect(first.failed).toEqual([]);
    expect(posts()).toHaveLength(1);
    const dm = posts()[0];
    expect(dm?.args.channel).toBe(MAYA);
    const text = String(dm?.args.text);
    expect(text).toContain('ZD-4411-1');
    expect(text).toContain('Empathy expression at level 1');
    expect(text).toContain('Tone consistency at level 1');
    expect(text).toMatch(/scored 14 \(overall 14, below 40/);
    expect(JSON.stringify(dm?.args.blocks)).toContain('No quoted moment: this call has no transcript');
    const rows = await db.prisma.notification.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'early_warning', recipient: MAYA, status: 'sent' });

    // A restart: a new connection to the same database, a new sender; the same run finds the DM sent.
    await db.prisma.$disconnect();
    const reopened = await openDatabase(db.url, { migrate: false });
    try {
      const again = await notify(createServices(reopened, { scorer: createEmbeddedScorer(), now: () => NOW }));
      expect(again.sent).toBe(0);
      expect(again.planned).toEqual([]);
      expect(posts()).toHaveLength(1);
      expect(posts().some((call) => call.args.channel === 'C0NORTHSIDE')).toBe(false);
    } finally {
      await reopened.close();
    }
  });
});
