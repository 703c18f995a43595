/**
 * Slow clients are cut off on every server of the app (issue 17, item 11): Bolt's receiver in Slack's HTTP
 * mode (which also serves /integrations/calls) and the integration server of its own (Slack off or in
 * Socket Mode). The app is composed as main.ts composes it (composeApp) and spoken to over raw loopback
 * sockets: a header trickled line by line (slowloris), a body trickled byte by byte, an idle keep-alive
 * connection. The limits are shortened for the test (composeApp's `serverTimeouts`); Node's own defaults
 * (60 s for headers, 300 s for a request, checked every 30 s) would hold each of these clients far longer
 * than the test waits. A last test checks the limits a real start-up sets.
 */
import { connect, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { parseEnv } from '../../src/config/env.ts';
import { composeApp, type ComposedApp } from '../../src/compose-app.ts';
import { SERVER_TIMEOUTS, type ServerTimeouts } from '../../src/http/server-timeouts.ts';
import { SIGNATURE_HEADER, signIntegrationRequest, TIMESTAMP_HEADER } from '../../src/http/verify-integration-signature.ts';
import { createSlackLogger } from '../../src/slack/create-slack-logger.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';

const INTEGRATION_SECRET = 'timeouts-integration-secret-0123456789';
const SHORT: ServerTimeouts = { headersTimeout: 600, requestTimeout: 1_200, keepAliveTimeout: 400, connectionsCheckingInterval: 100 };
/** How long a test waits for the server to close a slow client before it gives up: well under Node's defaults. */
const GIVE_UP_MS = 8_000;

interface Held {
  /** Milliseconds from the first byte sent until the server closed the connection. */
  heldMs: number;
  /** What the server wrote before it closed. */
  answer: string;
}

/**
 * Opens a connection, sends `opening`, then `drip()` every 100 ms until the server closes the connection
 * (or GIVE_UP_MS passes: then the connection is destroyed and `heldMs` is null).
 */
const holdOpen = (port: number, opening: string, drip: (() => string) | null): Promise<Held | null> =>
  new Promise((resolve) => {
    const socket: Socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      resolve(null);
    }, GIVE_UP_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ heldMs: Date.now() - started, answer: Buffer.concat(chunks).toString('latin1') });
    });
    socket.on('connect', () => {
      started = Date.now();
      socket.write(opening);
      if (drip) timer = setInterval(() => socket.writable && socket.write(drip()), 100);
    });
  });

const slowHeaders = (port: number): Promise<Held | null> => {
  let line = 0;
  return holdOpen(port, 'POST /integrations/calls HTTP/1.1\r\nHost: 127.0.0.1\r\n', () => `X-Trickle-${++line}: x\r\n`);
};

/** A signed call (so the endpoint reads its body) whose 10,000-byte body comes one byte every 100 ms. */
const slowBody = (port: number): Promise<Held | null> => {
  const body = `{${' '.repeat(9_998)}}`;
  const timestamp = Math.floor(Date.now() / 1000);
  return holdOpen(
    port,
    'POST /integrations/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `${TIMESTAMP_HEADER}: ${timestamp}\r\n${SIGNATURE_HEADER}: ${signIntegrationRequest(INTEGRATION_SECRET, timestamp, body)}\r\n` +
      `Content-Length: ${body.length}\r\n\r\n{`,
    () => ' ',
  );
};

/** A complete keep-alive request to /healthz, then silence. */
const idleKeepAlive = (port: number): Promise<Held | null> =>
  holdOpen(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n', null);

let slack: FakeSlack;
let db: TestDatabase;
let app: ComposedApp | null = null;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});
const stopApp = async (): Promise<void> => {
  await app?.stop();
  await db?.close();
  app = null;
};

const MODES = {
  'Slack HTTP mode (Bolt serves /integrations/calls on its port)': () => ({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'timeouts-signing-secret-0123456789',
    SLACK_API_URL: slack.apiUrl,
    SLACK_FILES_URL: slack.filesUrl,
  }),
  'no Slack (the integration server of its own)': () => ({}),
} as const;

/** The app as main.ts composes it, on a database of its own (stopped with stopApp). */
const start = async (slackEnv: Record<string, string>, timeouts?: ServerTimeouts) => {
  db = await withSqlite();
  const env = parseEnv({
    DATABASE_URL: db.url,
    PORT: String(await freePort()),
    FLOORREADY_INTEGRATION_SECRET: INTEGRATION_SECRET,
    LOG_LEVEL: 'error',
    ...slackEnv,
  });
  app = await composeApp(env, await loadConfig(EXAMPLE_CONFIG), {
    host: '127.0.0.1',
    log: () => {},
    slackLogger: createSlackLogger({ level: 'error', write: () => {} }),
    ...(timeouts ? { serverTimeouts: timeouts } : {}),
  });
  return app.start();
};

describe.each(Object.entries(MODES))('slow clients in %s', (_mode, slackEnv) => {
  // One app with the short limits serves the three slow clients: each is a connection of its own, so they
  // run at the same time (each test's expect is its own, from its context).
  describe.concurrent('with the limits shortened', () => {
    let port: number;
    beforeAll(async () => {
      ({ port } = await start(slackEnv(), SHORT));
    });
    afterAll(stopApp);

    it('when a client trickles its headers one line at a time, then it is answered 408 and cut off at the header limit', async ({
      expect,
    }) => {
      const held = await slowHeaders(port);
      expect(held, 'the server still held the connection').not.toBeNull();
      expect(held?.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(held?.heldMs).toBeGreaterThanOrEqual(SHORT.headersTimeout - 50);
      expect(held?.heldMs).toBeLessThan(SHORT.requestTimeout);
    });

    it('when a client trickles its body one byte at a time, then it is answered 408 and cut off at the request limit', async ({
      expect,
    }) => {
      const held = await slowBody(port);
      expect(held, 'the server still held the connection').not.toBeNull();
      expect(held?.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(held?.heldMs).toBeGreaterThanOrEqual(SHORT.requestTimeout - 50);
    });

    it('when a keep-alive connection goes idle after its answer, then it is closed at the keep-alive limit', async ({ expect }) => {
      const held = await idleKeepAlive(port);
      expect(held, 'the server still held the connection').not.toBeNull();
      expect(held?.answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(held?.heldMs).toBeGreaterThanOrEqual(SHORT.keepAliveTimeout - 50);
      expect(held?.heldMs).toBeLessThan(4 * SHORT.keepAliveTimeout + 1_000);
    });
  });

  it('when the app starts without overrides, then its server has the limits the README states', async () => {
    try {
      const { server } = await start(slackEnv());
      expect({
        headersTimeout: server.headersTimeout,
        requestTimeout: server.requestTimeout,
        keepAliveTimeout: server.keepAliveTimeout,
      }).toEqual({ headersTimeout: 30_000, requestTimeout: 60_000, keepAliveTimeout: 5_000 });
      expect(SERVER_TIMEOUTS.connectionsCheckingInterval).toBe(1_000);
    } finally {
      await stopApp();
    }
  });
});
