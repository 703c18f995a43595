/**
 * One decision per agent, call type and approval (issue 17, item 5): Approve clicked 8 times at once,
 * across two instances of the app as it runs (composeApp, each with its own connection to one database, as
 * two processes would be), over real HTTP, on SQLite and PostgreSQL. The unique key decides; every click but
 * one is answered with who approved and when, and the card shows that decision.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { APPROVE_READINESS_ACTION_ID, approveBlockId, encodeApproveValue } from '../../src/slack/slack-ids.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';
import { startLoopbackSlackApp, type LoopbackApp } from '../support/start-loopback-slack-app.ts';
import { buttonClick, postSigned } from './slack-requests.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const MAYA = { id: 'U0MAYA0001', name: 'maya' };
const CLICKS = 8;

describeEachDatabase('Approve clicked at once on two instances', (database) => {
  let db: TestDatabase;
  let instances: LoopbackApp[];

  beforeEach(async () => {
    db = await database.open();
    const config = await loadConfig(EXAMPLE_CONFIG);
    const batch = (k: number) => calls({ agent: 'AG-101', at: spaced(PERIOD[k] as string, 15), scores: all(80) });
    const seed = scoresCsv([calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60) }), batch(0), batch(1)]);
    instances = [];
    instances.push(
      await startLoopbackSlackApp({ db, config, signingSecret: SECRET, now: () => NOW, seed: (services) => importScores(services, seed) }),
    );
    instances.push(await startLoopbackSlackApp({ db, config, signingSecret: SECRET, now: () => NOW }));
  });

  afterEach(async () => {
    for (const instance of instances) await instance.stop();
    await db.close();
  });

  it(`when Maya's ${CLICKS} clicks on Approve reach two instances at once, then one decision is stored and every other click is told who approved and when`, async () => {
    const value = encodeApproveValue({ agent: 'AG-101', callType: 'basic_inbound', filter: null });
    const answers = await Promise.all(
      Array.from({ length: CLICKS }, async (_, index) => {
        const instance = instances[index % 2] as LoopbackApp;
        const name = `click-${index}`;
        const form = buttonClick({
          userId: MAYA.id,
          userName: MAYA.name,
          actionId: APPROVE_READINESS_ACTION_ID,
          blockId: approveBlockId('basic_inbound'),
          value,
          responseUrl: instance.slack.responseUrl(name),
        });
        const sent = await postSigned(instance.eventsUrl, form, { secret: SECRET });
        expect(sent.status).toBe(200);
        const [answer] = await instance.slack.waitForResponses(name, 1, 15_000);
        return JSON.stringify(answer?.body);
      }),
    );

    const decisions = await db.prisma.readinessDecision.findMany();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ callType: 'basic_inbound', approvedBy: 'Maya Chen (U0MAYA0001)' });
    const already = answers.filter((answer) =>
      answer.includes('Ana Ruiz is already approved for basic_inbound by Maya Chen (U0MAYA0001), at 2026-10-01 12:00 UTC'),
    );
    expect(already, answers.join('\n')).toHaveLength(CLICKS - 1);
    // Every answer, the refused ones too, draws the card with the one decision.
    for (const answer of answers) expect(answer).toContain(`Approved for independent handling by <@${MAYA.id}>`);
  });
});
