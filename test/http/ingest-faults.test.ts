/**
 * The ingest faults of issue 7, on SQLite and PostgreSQL, through the real entry points: unstorable
 * characters, two agents racing on one external id, Slack retries, Slack requests dated in the future,
 * labelled first-line fields, call types by name, and PII in file names.
 */
import type { CallRepository } from '../../src/use-cases/ports.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createIntegrationServer, INTEGRATION_CALLS_PATH } from '../../src/http/create-integration-server.ts';
import { signIntegrationRequest } from '../../src/http/verify-integration-signature.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { EXAMPLE_CONFIG, runFloorready, tempDir } from '../support/cli.ts';
import { describeEachDatabase, storedText, type TestDatabase } from '../support/database.ts';
import { ANA, INTEGRATION_SECRET, MAYA, NOW, startOnePortApp, type OnePortApp } from '../support/one-port-app.ts';

const CALL =
  'Agent: Thank you for calling Northside, how can I help?\nCustomer: I was charged twice.\nAgent: I am sorry, let me fix that for you.';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What a NUL or a lone surrogate looks like once stored in JSON text: the escape a JSON writer puts there. */
const UNSTORABLE_ESCAPE = /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|\\ud[c-f][0-9a-f]{2}/i;

describeEachDatabase('ingest faults', (database) => {
  describe('over HTTP and Slack', () => {
    let app: OnePortApp;
    beforeEach(async () => {
      app = await startOnePortApp(database.open);
    });
    afterEach(async () => app.stop());

    it('when turns, the external id and the agent hold NUL characters and lone surrogates, then the call is stored with them removed or replaced', async () => {
      const sent = await app.postCall({
        externalId: 'nul-\u0000-1',
        agent: 'AG-101\u0000',
        occurredAt: '2026-09-30T14:05:00Z',
        turns: [
          { role: 'agent', text: 'Thank you for calling\u0000, how can I help? \ud83d' },
          { role: 'customer', text: 'I was charged \udc00twice.' },
        ],
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      const call = await app.services.calls.findByExternalId('nul--1');
      expect(call?.turns?.map((turn) => turn.text)).toEqual([
        'Thank you for calling, how can I help? \ufffd',
        'I was charged \ufffdtwice.',
      ]);
      expect(call?.externalId).toBe('nul--1');
      const everything = await storedText(app.db);
      expect(everything).not.toMatch(UNSTORABLE_ESCAPE);
      expect(everything).not.toMatch(LONE_SURROGATE);
    });

    it('when Slack delivers the same event again (x-slack-retry-num, same event_id), then the thread gets one reply and one call is stored', async () => {
      const first = await app.postMessage({ user: MAYA, text: `<@${ANA}> escalation\n${CALL}` });
      expect(await app.replyTo(first.ts)).toContain('Queued: call for Ana Ruiz (escalation)');
      for (const retryNum of [1, 2]) {
        const retry = await app.postMessage({
          user: MAYA,
          text: `<@${ANA}> escalation\n${CALL}`,
          retryOf: { eventId: first.eventId, ts: first.ts, retryNum },
        });
        expect(retry.status).toBe(200);
      }
      // A later message's reply marks that the retries have had their turn.
      const marker = await app.postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound` });
      await app.replyTo(marker.ts);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(app.repliesTo(first.ts)).toHaveLength(1);
      expect(await app.services.calls.list()).toHaveLength(1);
    });

    it('when a Slack request is signed with a timestamp more than 5 minutes in the future, then it is refused (401) and nothing is stored or answered', async () => {
      const future = await app.postMessage({
        user: MAYA,
        text: `<@${ANA}> escalation\n${CALL}`,
        timestamp: Math.floor(Date.now() / 1000) + 600,
      });
      expect(future.status).toBe(401);
      const marker = await app.postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound` });
      expect(marker.status).toBe(200);
      await app.replyTo(marker.ts);
      expect(app.repliesTo(future.ts)).toHaveLength(0);
      expect(await app.services.calls.list()).toHaveLength(0);
    });

    it('when the first line labels its fields ("Agent: …", "call type - …", "Type: …"), then the agent and call type are understood, by name in any case', async () => {
      const labelled = await app.postMessage({ user: MAYA, text: `Agent: <@${ANA}>, call type - billing dispute\n${CALL}` });
      expect(await app.replyTo(labelled.ts)).toContain('Queued: call for Ana Ruiz (billing_dispute)');
      const typed = await app.postMessage({ user: MAYA, text: `Agent: @ana Type: ESCALATION\n${CALL.replace('twice', 'three times')}` });
      expect(await app.replyTo(typed.ts)).toContain('Queued: call for Ana Ruiz (escalation)');
      const calls = await app.services.calls.list();
      expect(calls.map((call) => call.callType).sort()).toEqual(['billing_dispute', 'escalation']);
    });

    it("when a typed @name matches no agent of the poster's teams, then the thread says so and nothing is stored", async () => {
      const posted = await app.postMessage({ user: MAYA, text: `Agent: @zed Type: escalation\n${CALL}` });
      const reply = await app.replyTo(posted.ts);
      expect(reply).toContain('"@zed" did not come through as a Slack mention, and it is not the name of exactly one agent of your teams');
      expect(reply).toContain('Nothing was stored');
      expect(await app.services.calls.list()).toHaveLength(0);
    });
  });

  describe('two agents racing on one external id', () => {
    let db: TestDatabase;
    let services: Services;
    beforeEach(async () => {
      db = await database.open();
      services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
      await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
    });
    afterEach(async () => db.close());

    it('when both look the id up before either stores it, then one is queued and the other answered 409, never "duplicate"', async () => {
      // Both requests pass the external-id look-up before either inserts: the race the database must settle.
      let waiting: (() => void)[] = [];
      const racing: CallRepository = {
        ...services.calls,
        findByExternalId: async (externalId) => {
          const found = await services.calls.findByExternalId(externalId);
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === 2) {
              for (const release of waiting) release();
              waiting = [];
            }
          });
          return found;
        },
      };
      const server = createIntegrationServer({ services: { ...services, calls: racing }, secret: INTEGRATION_SECRET, maxBytes: 1_000_000 });
      const { port } = await server.start(0, '127.0.0.1');
      try {
        const post = async (agent: string, text: string) => {
          const body = JSON.stringify({ externalId: 'zoom-race-1', agent, occurredAt: '2026-09-30T14:05:00Z', transcript: text });
          const timestamp = Math.floor(NOW.getTime() / 1000);
          const response = await fetch(`http://127.0.0.1:${port}${INTEGRATION_CALLS_PATH}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-floorready-timestamp': String(timestamp),
              'x-floorready-signature': signIntegrationRequest(INTEGRATION_SECRET, timestamp, body),
            },
            body,
          });
          return { status: response.status, body: (await response.json()) as Record<string, unknown> };
        };
        const answers = await Promise.all([post('AG-101', CALL), post('AG-102', CALL.replace('charged twice', 'billed twice'))]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
        const loser = answers.find((answer) => answer.status === 409);
        expect(loser?.body.error).toBe('external_id_taken');
        expect(answers.some((answer) => answer.body.status === 'duplicate')).toBe(false);
        expect(await services.calls.list()).toHaveLength(1);
      } finally {
        await server.stop();
      }
    });
  });

  describe('CLI folder import', () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await database.open();
    });
    afterEach(async () => db.close());

    it('when a file holds NUL and lone-surrogate escapes, is named with a phone and an email, and has a call type by name, then every file is imported and nothing unstorable or personal is stored', async () => {
      const folder = await tempDir('floorready-faults-');
      await writeFile(
        path.join(folder, 'a-escapes.json'),
        JSON.stringify([
          { speaker: 'Agent', text: 'Hello\u0000 there' },
          { speaker: 'Customer', text: 'Hi \ud83d I was charged twice' },
        ]),
      );
      await writeFile(path.join(folder, 'call_+447700900123_jane@x.com.txt'), CALL);
      await writeFile(path.join(folder, 'c-by-name.txt'), CALL.replace('twice', 'three times'));
      await writeFile(path.join(folder, 'c-by-name.txt.meta.json'), JSON.stringify({ type: 'Billing dispute' }));
      const run = await runFloorready(['import', folder, '--agent', 'AG-101', '--type', 'basic inbound'], { databaseUrl: db.url });
      expect(run.stdout).toContain('Imported 3, duplicates 0, failed 0.');
      expect(run.code).toBe(0);
      const reader = await openDatabase(db.url, { migrate: false });
      try {
        const calls = await reader.prisma.call.findMany({ orderBy: { sourceName: 'asc' } });
        expect(calls.map((call) => call.callType).sort()).toEqual(['basic_inbound', 'basic_inbound', 'billing_dispute']);
        expect(calls.map((call) => call.sourceName).join('\n')).not.toMatch(/447700900123|jane@x\.com/);
        expect(calls.some((call) => call.sourceName?.endsWith('call [PHONE] [EMAIL].txt'))).toBe(true);
        const texts = calls.flatMap((call) => (call.turns as { text: string }[]).map((turn) => turn.text));
        expect(texts).toContain('Hello there');
        expect(texts).toContain('Hi \ufffd I was charged twice');
      } finally {
        await reader.close();
      }
      const everything = await storedText(db);
      expect(everything).not.toMatch(/447700900123|jane@x\.com/);
      expect(everything).not.toMatch(UNSTORABLE_ESCAPE);
    });
  });
});
