/**
 * What the notifications do when they cannot deliver: a Slack error on one DM, people without a Slack
 * id. Real SQLite database, real CLI for import and scoring, the real Slack WebClient against a small
 * Web API on loopback that refuses DMs to one user.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { senderWith, testSender } from '../support/test-sender.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { EXAMPLE_CONFIG, runFloorready, writeConfig, writeFolder } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';

const MAYA = 'U0MAYA0001';
const ANA = 'U0ANA00001';

const scenario = () =>
  scoresCsv([
    calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60) }),
    calls({ agent: 'AG-101', at: spaced(PERIOD[0], 15), scores: all(80) }),
    calls({ agent: 'AG-101', at: spaced(PERIOD[1], 15), scores: all(82) }),
  ]);

/** One scored call of Ana's on 2026-09-30 (imported and scored through the CLI). */
const scoreOneCall = async (db: TestDatabase, configPath?: string) => {
  const dir = await writeFolder({
    'c.txt': {
      content:
        'Agent: Hello, this is Ana.\nCustomer: My parcel is late and I am upset.\nAgent: I understand, that is frustrating. It arrives tomorrow, reference P-1.\nCustomer: Thanks.',
      meta: { agent: 'ana.ruiz@example.com', type: 'basic_inbound', at: '2026-09-30T10:00:00Z', externalId: 'CALL-9001' },
    },
  });
  const options = { databaseUrl: db.url, now: () => NOW, ...(configPath ? { configPath } : {}) };
  expect((await runFloorready(['import', dir], options)).code).toBe(0);
  expect((await runFloorready(['score'], options)).code).toBe(0);
};

let db: TestDatabase;
let services: Services;

beforeEach(async () => {
  db = await withSqlite();
  services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
});
afterEach(async () => {
  await db.close();
});

describe('when Slack refuses a DM', () => {
  let server: Server;
  let apiUrl: string;
  const posted: string[] = [];

  beforeEach(async () => {
    posted.length = 0;
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const channel = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('channel') ?? '';
        response.writeHead(200, { 'content-type': 'application/json' });
        if (channel === MAYA) {
          response.end(JSON.stringify({ ok: false, error: 'user_not_found' }));
          return;
        }
        // Only what was posted counts: a DM taken back is first looked up (conversations.open / history, ADR 0010).
        if (request.url?.endsWith('/chat.postMessage')) posted.push(channel);
        response.end(JSON.stringify({ ok: true, channel, ts: '1.0', messages: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('when the DM to Maya fails, then its outbox row is marked failed with the Slack error and Ana still gets her summary', async () => {
    const config: Config = await loadConfig(EXAMPLE_CONFIG);
    await applyConfig(services, config);
    await importScores(services, scenario());
    await scoreOneCall(db);

    const run = await sendNotifications({ services, config, sender: testSender(services.outbox, apiUrl), now: NOW });

    expect(run.failed).toEqual([expect.objectContaining({ recipient: MAYA, error: 'user_not_found' })]);
    expect(run.sent).toBe(1);
    expect(posted).toEqual([ANA]);
    const rows = await db.prisma.notification.findMany({ orderBy: { kind: 'asc' } });
    expect(rows.map((row) => [row.kind, row.recipient, row.status, row.error])).toEqual([
      ['readiness', MAYA, 'failed', 'user_not_found'],
      ['score_summary', ANA, 'sent', null],
    ]);

    // The failed DM is retried on the next run (and fails again); the summary already sent is not resent.
    const again = await sendNotifications({ services, config, sender: testSender(services.outbox, apiUrl), now: NOW });
    expect(again.failed).toEqual([expect.objectContaining({ recipient: MAYA, error: 'user_not_found' })]);
    expect(again).toMatchObject({ sent: 0, retried: 1 });
    expect(posted).toEqual([ANA]);
    expect(
      (await db.prisma.notification.findMany({ orderBy: { kind: 'asc' } })).map((row) => [row.kind, row.status, row.attempts]),
    ).toEqual([
      ['readiness', 'failed', 2],
      ['score_summary', 'sent', 1],
    ]);
  });
});

describe('when people have no Slack id', () => {
  it('when the manager and the agent have only an email, then nothing is sent and both are counted as skipped', async () => {
    const configPath = await writeConfig({
      teams: [
        {
          key: 'northside',
          name: 'Northside Support',
          timeZone: 'America/Chicago',
          managers: [{ name: 'Maya Chen', email: 'maya.chen@example.com' }],
          agents: [{ name: 'Ana Ruiz', email: 'ana.ruiz@example.com', externalIds: ['AG-101'] }],
        },
      ],
    });
    const config = await loadConfig(configPath);
    await applyConfig(services, config);
    await importScores(services, scenario());
    await scoreOneCall(db, configPath);
    const sent: string[] = [];

    const run = await sendNotifications({
      services,
      config,
      sender: senderWith(services.outbox, {
        post: async (to) => {
          sent.push(to.kind === 'channel' ? to.channel : to.userId);
          return undefined;
        },
      }),
      now: NOW,
    });

    expect(sent).toEqual([]);
    expect(run.skipped).toMatchObject({ managersWithoutSlackId: 1, agentsWithoutSlackId: 1 });
    expect(run.errors).toEqual([]);
    expect(await db.prisma.notification.count()).toBe(0);
  });
});
