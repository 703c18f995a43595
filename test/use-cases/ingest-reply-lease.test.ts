/**
 * The thread reply to a posted transcript is claimed through the one sender, so its lease is the
 * config's `notifications.leaseMinutes` (it used to be a hard-coded 10 minutes). Real SQLite with the
 * example config, the real Slack WebClient against the fake Web API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { parseTranscriptMessage } from '../../src/slack/parse-transcript-message.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { ingestPostedTranscript, threadReplyKey } from '../../src/use-cases/ingest-posted-transcript.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { testSender } from '../support/test-sender.ts';

const NOW = new Date('2026-10-01T12:00:00Z');
const MAYA = 'U0MAYA0001';
const ANA = 'U0ANA00001';
const MESSAGE = {
  channel: 'C0TRANSCRIPTS',
  ts: '1790000000.000001',
  user: MAYA,
  text: `<@${ANA}> basic_inbound\nAna: Thank you for calling Northside, this is Ana.\nCustomer: Hi, I was charged twice.\nAna: I have raised a refund.`,
  files: [],
};

let db: TestDatabase;
let services: Services;
let slack: FakeSlack;

beforeEach(async () => {
  db = await withSqlite();
  services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
  slack = await startFakeSlack();
  // What a handler killed mid-way leaves: the reply claimed 3 minutes ago, never answered.
  await db.prisma.notification.create({
    data: {
      key: threadReplyKey(MESSAGE),
      kind: 'ingest_reply',
      recipient: MESSAGE.channel,
      payload: {},
      createdAt: new Date(NOW.getTime() - 180_000),
      claimedAt: new Date(NOW.getTime() - 180_000),
    },
  });
});
afterEach(async () => {
  await slack.close();
  await db.close();
});

const redeliver = (leaseMinutes: number) =>
  ingestPostedTranscript(
    {
      directory: services.directory,
      calls: services.calls,
      sender: testSender(services.outbox, slack.apiUrl, { leaseMinutes, retries: false }),
      now: () => NOW,
      maxBytes: 100_000,
      readRequest: (text, callTypes) => parseTranscriptMessage(text, callTypes, { timeZoneOf: () => 'UTC' }),
      download: () => Promise.reject(new Error('no file in this message')),
    },
    MESSAGE,
  );

const threadReplies = () => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.thread_ts === MESSAGE.ts);

describe('the thread reply lease', () => {
  it('when the abandoned claim is older than notifications.leaseMinutes (2), then a redelivery takes it back and answers once', async () => {
    const outcome = await redeliver(2);

    expect(outcome?.kind).toBe('stored');
    expect(threadReplies()).toHaveLength(1);
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { key: threadReplyKey(MESSAGE) } })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(await redeliver(2)).toBeNull();
    expect(threadReplies()).toHaveLength(1);
  });

  it('when the abandoned claim is younger than notifications.leaseMinutes (5), then a redelivery leaves it alone', async () => {
    expect(await redeliver(5)).toBeNull();
    expect(threadReplies()).toHaveLength(0);
  });
});
