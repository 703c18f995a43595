/**
 * Every call-platform export fixture (test/fixtures/platforms) through every entry point, on SQLite and
 * PostgreSQL: POST /integrations/calls (the export as a JSON object, or as a string), a file posted in the
 * Slack ingest channel, and a CLI folder import. Slack and the call endpoint share one port. Each entry
 * point gets its own database, since the same conversation for the same agent is stored once.
 */
import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CallRecord } from '../../src/domain/stored-records.ts';
import { openDatabase } from '../../src/db/client.ts';
import { PLATFORM_FIXTURES, readPlatformFixture } from '../ingest/read-fixture.ts';
import { runFloorready, tempDir } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { ANA, MAYA, startOnePortApp, type OnePortApp } from '../support/one-port-app.ts';
import { findAgent } from '../../src/use-cases/resolve-access.ts';

const FIXTURES = (await readdir(PLATFORM_FIXTURES)).filter((name) => !name.endsWith('.md')).sort();
const ROLES = ['agent', 'customer', 'agent', 'customer', 'agent', 'customer', 'agent'];
const isJson = (name: string): boolean => name.endsWith('.json');

/** The stored call is Ana's, with agent and customer turns right and the customer's email redacted. */
const expectStoredRight = (call: CallRecord | undefined, agentId: string): void => {
  expect(call).toBeDefined();
  expect(call?.agentId).toBe(agentId);
  expect(call?.turns?.map((turn) => turn.role)).toEqual(ROLES);
  expect(call?.turns?.[0]?.text).toBe('Thank you for calling Northside, this is Ana. How can I help you today?');
  const customerEmailTurn = call?.turns?.[3]?.text ?? '';
  expect(customerEmailTurn).not.toContain('dana.lee@example.org');
  expect(customerEmailTurn).toMatch(/\[(?:EMAIL|PII)\]/);
};

describeEachDatabase('call-platform exports through every entry point', (database) => {
  /** A fresh one-port app (and database) for each block below, with Ana's agent id. */
  const withApp = (): { app: () => OnePortApp; anaId: () => string } => {
    let app: OnePortApp;
    let anaId = '';
    beforeAll(async () => {
      app = await startOnePortApp(database.open);
      anaId = (await findAgent(app.services.directory, ANA))?.id ?? '';
    });
    afterAll(async () => app.stop());
    return { app: () => app, anaId: () => anaId };
  };

  describe('over HTTP, on the port Slack is served on', () => {
    const current = withApp();

    it('when /healthz, /integrations/calls and /slack/events are asked on the one port, then each is served there', async () => {
      const app = current.app();
      const health = await fetch(`${app.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, database: 'ok', slack: 'connected' });
      const unsigned = await fetch(`${app.baseUrl}/integrations/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unsigned.status).toBe(401);
      const slackUnsigned = await fetch(`${app.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(slackUnsigned.status).toBe(401);
      const elsewhere = await fetch(`${app.baseUrl}/nowhere`);
      expect(elsewhere.status).toBe(404);
      await elsewhere.text();
    });

    for (const name of FIXTURES) {
      it(`when ${name} is posted to /integrations/calls${isJson(name) ? ' as a JSON object' : ' as a string'}, then it answers 202 and the call is stored with its roles right`, async () => {
        const app = current.app();
        const text = readPlatformFixture(name).toString('utf8');
        const sent = await app.postCall({
          externalId: `http-${name}`,
          agent: 'AG-101',
          callType: 'Billing dispute',
          occurredAt: '2026-09-30T14:05:00Z',
          transcript: isJson(name) ? (JSON.parse(text) as unknown) : text,
        });
        expect(sent.status, JSON.stringify(sent.body)).toBe(202);
        expect(sent.body.roles).toMatch(/^agent told apart by /);
        const call = await app.services.calls.findByExternalId(`http-${name}`);
        expectStoredRight(call ?? undefined, current.anaId());
        expect(call?.callType).toBe('billing_dispute');
        expect(call?.source).toBe('http');
      });
    }
  });

  describe('as files posted in the Slack ingest channel', () => {
    const current = withApp();
    for (const name of FIXTURES) {
      it(`when ${name} is posted as a file in the Slack ingest channel, then the thread says it is queued and the call is stored with its roles right`, async () => {
        const app = current.app();
        const { ts, status } = await app.postMessage({
          user: MAYA,
          text: `<@${ANA}> escalation id: slack-${name}`,
          file: { name, content: readPlatformFixture(name) },
        });
        expect(status).toBe(200);
        const reply = await app.replyTo(ts);
        expect(reply).toContain('Queued: call for Ana Ruiz (escalation)');
        expect(reply).toContain('agent told apart by');
        expect(reply).not.toContain('dana.lee');
        expectStoredRight((await app.services.calls.findByExternalId(`slack-${name}`)) ?? undefined, current.anaId());
      });
    }
  });

  describe('over HTTP as a JSON string', () => {
    const current = withApp();
    it('when a platform export is sent as a JSON string in "transcript", then it is read the same as the object', async () => {
      const sent = await current.app().postCall({
        externalId: 'http-string-gong',
        agent: 'AG-102',
        occurredAt: '2026-09-30T14:05:00Z',
        transcript: readPlatformFixture('gong.json').toString('utf8'),
      });
      expect(sent.status).toBe(202);
      expect(sent.body.format).toBe('gong');
    });
  });

  describe('through the CLI', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await database.open();
    });
    afterAll(async () => db.close());

    it('when a folder of every platform export is imported, then each is imported with its format and the summary says how roles were found', async () => {
      const folder = await tempDir('floorready-platforms-');
      for (const name of FIXTURES) await copyFile(fileURLToPath(new URL(name, PLATFORM_FIXTURES)), path.join(folder, name));
      const run = await runFloorready(['import', folder, '--agent', 'AG-101', '--type', 'BILLING DISPUTE'], { databaseUrl: db.url });
      expect(run.stdout).toContain(`Imported ${FIXTURES.length}, duplicates 0, failed 0.`);
      expect(run.stdout).toContain('Agent told apart by:');
      expect(run.stderr).toContain('imported  ');
      expect(run.stderr).toMatch(
        /imported {2}\S*contact-lens\.json \(contact-lens, 7 turns, agent told apart by the platform's own role fields, dated /,
      );
      expect(run.stderr).toMatch(
        /imported {2}\S*transcribe\.json \(transcribe, 7 turns, agent told apart by the agent's name in their introduction/,
      );
      expect(run.code).toBe(0);
      const reader = await openDatabase(db.url, { migrate: false });
      try {
        const ana = await reader.prisma.agent.findUniqueOrThrow({ where: { slackUserId: ANA } });
        const calls = await reader.prisma.call.findMany({ orderBy: { sourceName: 'asc' } });
        expect(calls).toHaveLength(FIXTURES.length);
        for (const call of calls) {
          expectStoredRight({ ...call, turns: call.turns as CallRecord['turns'] } as CallRecord, ana.id);
          expect(call.callType).toBe('billing_dispute');
        }
      } finally {
        await reader.close();
      }
    });
  });
});
