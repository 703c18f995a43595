/**
 * The call-platform endpoint over real HTTP on loopback, with a real database (SQLite and PostgreSQL)
 * and the example config applied: agents AG-101 (Ana Ruiz, U0ANA00001) … AG-105; call types
 * basic_inbound, escalation, billing_dispute.
 */
import { request } from 'node:http';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { teamTimeZone } from '../../src/config/config-lookups.ts';
import {
  createIntegrationServer,
  HEALTH_PATH,
  INTEGRATION_CALLS_PATH,
  type IntegrationServer,
} from '../../src/http/create-integration-server.ts';
import { signIntegrationRequest } from '../../src/http/verify-integration-signature.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { EXAMPLE_CONFIG, luhnValidRuns } from '../support/cli.ts';
import { describeEachDatabase, openBuilt, type TestDatabase } from '../support/database.ts';

const SECRET = 'integration-secret-0123456789abcdef';
const NOW = new Date('2026-09-30T12:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

const CALL_TEXT =
  'Agent: Thank you for calling, how can I help?\nCustomer: I was charged twice for my order.\nAgent: I am sorry about that, let me fix it.\n';
const PII_TEXT =
  'Agent: Thanks for calling, what is the email on the account?\n' +
  'Customer: It is dana.lee@example.org and the card was 4111 1111 1111 1111.\n' +
  'Agent: Thank you, I have refunded the second charge.\n';

const aCall = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  externalId: 'zoom-1001',
  agent: 'AG-101',
  callType: 'billing_dispute',
  occurredAt: '2026-09-29T14:05:00Z',
  transcript: CALL_TEXT,
  ...overrides,
});

interface Sent {
  status: number;
  body: { callId?: string; status?: string; error?: string; message?: string; issues?: string[]; ok?: boolean };
  headers: Headers;
}

interface PostOptions {
  secret?: string;
  timestamp?: number | string | null;
  signature?: string | null;
  contentType?: string;
  /** Signs this text while sending the body (a body changed after signing). */
  signedBody?: string;
}

describeEachDatabase('call-platform endpoint', (database) => {
  let db: TestDatabase;
  let services: Services;
  let maxBytes: number;
  let integration: IntegrationServer;
  let baseUrl: string;
  let logLines: string[];

  beforeEach(async () => {
    const config = await loadConfig(EXAMPLE_CONFIG);
    // The example config applied at NOW, as every test here starts (a copy of it after the second: ADR 0049).
    db = await openBuilt(database.open, `config ${JSON.stringify(config)} applied at ${NOW.toISOString()}`, async (fresh) => {
      await applyConfig(createServices(fresh, { scorer: createEmbeddedScorer(), now: () => NOW }), config);
    });
    services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
    maxBytes = config.ingest.maxBytes;
    logLines = [];
    integration = createIntegrationServer({
      services,
      secret: SECRET,
      maxBytes,
      log: (level, message, fields) => logLines.push(JSON.stringify({ level, message, ...fields })),
      timeZoneOf: (agent) => teamTimeZone(config, agent),
    });
    const { port } = await integration.start(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    await integration.stop();
    await db.close();
  });

  const post = async (body: unknown, options: PostOptions = {}): Promise<Sent> => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = options.timestamp === undefined ? NOW_SECONDS : options.timestamp;
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
    if (timestamp !== null) headers['x-floorready-timestamp'] = String(timestamp);
    const signature =
      options.signature === undefined
        ? signIntegrationRequest(options.secret ?? SECRET, timestamp ?? NOW_SECONDS, options.signedBody ?? text)
        : options.signature;
    if (signature !== null) headers['x-floorready-signature'] = signature;
    const response = await fetch(`${baseUrl}${INTEGRATION_CALLS_PATH}`, { method: 'POST', headers, body: text });
    return { status: response.status, body: (await response.json()) as Sent['body'], headers: response.headers };
  };

  const storedCalls = () => db.prisma.call.findMany();

  // ── accepted ─────────────────────────────────────────────────────────────────────────────────

  it('when a signed call arrives, then it answers 202 with the call id and the call is queued with its metadata', async () => {
    const sent = await post(aCall({ kind: 'roleplay' }));
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({
      callId: expect.any(String),
      status: 'queued',
      format: 'text',
      roles: 'agent told apart by the speaker labels (Agent, Customer …)',
    });
    const [call, ...others] = await storedCalls();
    expect(others).toHaveLength(0);
    expect(call).toMatchObject({
      id: sent.body.callId,
      externalId: 'zoom-1001',
      source: 'http',
      state: 'queued',
      kind: 'roleplay',
      callType: 'billing_dispute',
      occurredAt: new Date('2026-09-29T14:05:00Z'),
    });
  });

  it('when the same external id is posted again, then it answers 200 duplicate with the existing call id and stores nothing new', async () => {
    const first = await post(aCall());
    const again = await post(aCall({ transcript: `${CALL_TEXT}Customer: Thanks.\n` }));
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ callId: first.body.callId, status: 'duplicate' });
    expect(await storedCalls()).toHaveLength(1);
  });

  it('when the same conversation comes again under another external id, then it is stored as the other call the platform says it is (the duplicate check hashes redacted words, which two customers can share)', async () => {
    const first = await post(aCall());
    const again = await post(aCall({ externalId: 'zoom-2002', agent: 'ana.ruiz@example.com' }));
    expect(again.status).toBe(202);
    expect(again.body.callId).not.toBe(first.body.callId);
    expect(await storedCalls()).toHaveLength(2);
  });

  it('when the call comes as turns with roles and the agent by Slack id, then the turns are stored with agent and customer roles', async () => {
    const sent = await post(
      aCall({
        agent: 'U0ANA00001',
        transcript: undefined,
        turns: [
          { role: 'agent', text: 'Thanks for calling.', start: 0 },
          { role: 'customer', text: 'My parcel is late.', start: '00:00:03.000' },
          { speaker: 'Ana', role: 'agent', text: 'Let me check that for you.' },
        ],
      }),
    );
    expect(sent.status).toBe(202);
    const call = await db.prisma.call.findUniqueOrThrow({ where: { id: sent.body.callId ?? '' } });
    const turns = (typeof call.turns === 'string' ? JSON.parse(call.turns) : call.turns) as { role: string; text: string }[];
    expect(turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent']);
  });

  it('when a transcript holds a card number and an email, then the stored call is redacted and the log names neither', async () => {
    const sent = await post(aCall({ transcript: PII_TEXT, agent: 'ana.ruiz@example.com' }));
    expect(sent.status).toBe(202);
    const call = await db.prisma.call.findUniqueOrThrow({ where: { id: sent.body.callId ?? '' } });
    const stored = JSON.stringify(call.turns);
    expect(stored).not.toContain('dana.lee@example.org');
    expect(stored).not.toContain('4111');
    expect(luhnValidRuns(stored)).toEqual([]);
    expect(call.redactions).toMatchObject({ card: 1, email: 1 });
    const logged = logLines.join('\n');
    expect(logged).toContain(sent.body.callId);
    for (const secret of ['dana.lee', '4111', 'ana.ruiz', 'zoom-1001']) expect(logged).not.toContain(secret);
  });

  it('when ten identical calls arrive at once, then one call is stored, one answer is 202 and the rest are 200 duplicates of it', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(aCall())));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    expect(new Set(answers.map((answer) => answer.body.callId)).size).toBe(1);
    expect(await storedCalls()).toHaveLength(1);
  });

  // ── 401 ──────────────────────────────────────────────────────────────────────────────────────

  it('when the signature headers are missing, then it answers 401 naming both headers and how to sign', async () => {
    const sent = await post(aCall(), { signature: null, timestamp: null });
    expect(sent.status).toBe(401);
    expect(sent.body.error).toBe('signature_invalid');
    expect(sent.body.message).toContain('x-floorready-signature and x-floorready-timestamp header is missing');
    expect(sent.body.message).toContain('"v1:<timestamp>:<raw body>"');
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the request is signed with another secret, then it answers 401 saying the signature does not match', async () => {
    const sent = await post(aCall(), { secret: 'some-other-secret-0123456789' });
    expect(sent.status).toBe(401);
    expect(sent.body.message).toMatch(/^The signature does not match\. Compute the hex HMAC-SHA256/);
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the body was changed after signing, then it answers 401', async () => {
    const sent = await post(aCall({ agent: 'AG-102' }), { signedBody: JSON.stringify(aCall()) });
    expect(sent.status).toBe(401);
    expect(sent.body.message).toContain('The signature does not match');
  });

  it('when the signature header is not v1=<hex>, then it answers 401 with the expected form', async () => {
    const sent = await post(aCall(), { signature: 'sha256=abc' });
    expect(sent.status).toBe(401);
    expect(sent.body.message).toContain('must be "v1=" followed by 64 hex characters');
  });

  it('when a correctly signed request is replayed ten minutes later, then it answers 401 as too old', async () => {
    const old = NOW_SECONDS - 600;
    const sent = await post(aCall(), { timestamp: old });
    expect(sent.status).toBe(401);
    expect(sent.body.message).toContain("x-floorready-timestamp is 600 seconds behind the server's clock; at most 300 are allowed");
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the timestamp is in milliseconds, then the 401 says to send seconds', async () => {
    const sent = await post(aCall(), { timestamp: NOW.getTime() });
    expect(sent.status).toBe(401);
    expect(sent.body.message).toContain('It looks like milliseconds: send seconds.');
  });

  it('when the timestamp is four minutes off, then the call is accepted (within the five-minute window)', async () => {
    expect((await post(aCall(), { timestamp: NOW_SECONDS - 240 })).status).toBe(202);
  });

  // ── 415 / 413 ────────────────────────────────────────────────────────────────────────────────

  it('when the body is not sent as JSON, then it answers 415 asking for application/json', async () => {
    const sent = await post(CALL_TEXT, { contentType: 'text/plain' });
    expect(sent.status).toBe(415);
    expect(sent.body).toEqual({
      error: 'unsupported_media_type',
      message: 'Send the call as JSON, with the header content-type: application/json (UTF-8).',
    });
  });

  it('when the body is over ingest.maxBytes, then it answers 413 with the size and the limit, and stores nothing', async () => {
    const sent = await post(aCall({ transcript: `${CALL_TEXT}${'Customer: more words here.\n'.repeat(Math.ceil(maxBytes / 20))}` }));
    expect(sent.status).toBe(413);
    expect(sent.body.error).toBe('body_too_large');
    expect(sent.body.message).toMatch(/^The request body is [\d.]+ MiB, over the 2 MiB limit \(ingest\.maxBytes in the config\)/);
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when an oversized body is streamed without a length, then it answers 413 once the limit is passed', async () => {
    const body = JSON.stringify(aCall({ transcript: 'Customer: words.\n'.repeat(Math.ceil(maxBytes / 15)) }));
    const url = new URL(`${baseUrl}${INTEGRATION_CALLS_PATH}`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-floorready-timestamp': String(NOW_SECONDS),
            'x-floorready-signature': signIntegrationRequest(SECRET, NOW_SECONDS, body),
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let at = 0; at < body.length; at += 65_536) req.write(body.slice(at, at + 65_536));
      req.end();
    });
    expect(status).toBe(413);
    expect(await storedCalls()).toHaveLength(0);
  });

  // ── 400 ──────────────────────────────────────────────────────────────────────────────────────

  it('when the body is not valid JSON, then it answers 400 invalid_json', async () => {
    const sent = await post('{"externalId": "zoom-1",');
    expect(sent.status).toBe(400);
    expect(sent.body.error).toBe('invalid_json');
    expect(sent.body.message).toMatch(/^The body is not valid JSON \(.+\)\. Send one JSON object describing the call\.$/);
  });

  it('when required fields are missing or malformed, then it answers 400 with every issue as path: message', async () => {
    const sent = await post({
      agent: 'AG-101',
      kind: 'training',
      occurredAt: '30/09/2026',
      turns: [{ text: 'Hi' }, { speaker: 'Ana', text: 5 }],
      colour: 'red',
    });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toBe('validation_failed');
    expect(sent.body.issues).toEqual(
      expect.arrayContaining([
        '(body): unknown field "colour"; accepted: externalId, agent, callType, kind, occurredAt, transcript, turns, agentSpeaker',
        "externalId: expected the call platform's id of this call as a string",
        'kind: expected "live" or "roleplay"',
        expect.stringMatching(
          /^occurredAt: "30\/09\/2026" is not an ISO date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM \(read in America\/Chicago/,
        ),
        'turns[0].speaker: expected "speaker" (the name) or "role" ("agent" / "customer")',
        'turns[1].text: expected the spoken words as a string',
      ]),
    );
    expect(sent.body.message).toContain('The call is not valid: ');
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when both transcript and turns are sent, or neither, then it answers 400 asking for exactly one', async () => {
    const both = await post(aCall({ turns: [{ role: 'agent', text: 'Hi' }] }));
    expect(both.status).toBe(400);
    expect(both.body.issues).toEqual(['turns: send either "transcript" or "turns", not both']);
    const neither = await post(aCall({ transcript: undefined }));
    expect(neither.status).toBe(400);
    expect(neither.body.issues?.[0]).toMatch(/^transcript: required: send the call as "transcript"/);
  });

  it("when occurredAt has no time zone, then it is read in the agent's team's time zone (America/Chicago), not the server's", async () => {
    const sent = await post(aCall({ occurredAt: '2026-09-29T14:05:00' }));
    expect(sent.status).toBe(202);
    expect((await storedCalls())[0]?.occurredAt.toISOString()).toBe('2026-09-29T19:05:00.000Z');
  });

  it('when occurredAt is a day that does not exist, then it answers 400 saying so and stores nothing (not 2 March)', async () => {
    const sent = await post(aCall({ occurredAt: '2026-02-30' }));
    expect(sent.status).toBe(400);
    expect(sent.body.issues).toEqual([
      'occurredAt: "2026-02-30" is not a real date (February 2026 has 28 days); use YYYY-MM-DD or YYYY-MM-DDTHH:MM ' +
        "(read in America/Chicago, the team's time zone), or add Z or an offset such as +01:00, e.g. 2026-09-30, 2026-09-30T14:05 or 2026-09-30T14:05:00Z",
    ]);
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when occurredAt is in the year 0 or after next year, then it answers 400 naming the range (no 500)', async () => {
    for (const occurredAt of ['0000-01-01', '2028-01-01T00:00:00Z']) {
      const sent = await post(aCall({ occurredAt }));
      expect(sent.status).toBe(400);
      expect(sent.body.issues?.[0]).toMatch(
        /^occurredAt: "[^"]+" is in the year \d+; a date must be from 1970 to 2027 \(check the year, e\.g\. 2026-09-30\)$/,
      );
    }
    expect(await storedCalls()).toHaveLength(0);
  });

  // ── ingestion errors ─────────────────────────────────────────────────────────────────────────

  it("when the agent is unknown, then it answers 422 with the use case's message and stores nothing", async () => {
    const sent = await post(aCall({ agent: 'AG-999' }));
    expect(sent.status).toBe(422);
    expect(sent.body.error).toBe('agent_unknown');
    expect(sent.body.message).toContain('No agent "AG-999" is configured.');
    expect(await storedCalls()).toHaveLength(0);
    expect(logLines.join('\n')).not.toContain('AG-999');
  });

  it('when the call type is unknown, then it answers 422 listing the configured call types', async () => {
    const sent = await post(aCall({ callType: 'sales' }));
    expect(sent).toMatchObject({ status: 422, body: { error: 'call_type_unknown' } });
    expect(sent.body.message).toMatch(/^Unknown call type "sales"\. Configured call types: .*basic_inbound/);
    expect(sent.body.message).toContain('escalation');
  });

  it('when the transcript has no speaker labels, then it answers 422 with an example of labelled lines', async () => {
    const sent = await post(aCall({ transcript: 'Thank you for calling. I was charged twice. Let me fix that.' }));
    expect(sent).toMatchObject({ status: 422, body: { error: 'transcript_no_speakers' } });
    expect(sent.body.message).toContain('No speaker labels were found');
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the agent cannot be told among the speakers, then the 422 names the agentSpeaker field', async () => {
    // No label, introduction, name or greeting tells the agent.
    const sent = await post(aCall({ transcript: 'Sam: Hello.\nJo: My order is late.\n' }));
    expect(sent).toMatchObject({ status: 422, body: { error: 'transcript_agent_unknown' } });
    expect(sent.body.message).toContain('Over HTTP, send the agent\'s speaker label as "agentSpeaker".');
    const fixed = await post(aCall({ transcript: 'Sam: Hello.\nJo: My order is late.\n', agentSpeaker: 'Sam' }));
    expect(fixed.status).toBe(202);
  });

  it("when the external id belongs to another agent's call, then it answers 409 and keeps the first call", async () => {
    const first = await post(aCall());
    const other = await post(aCall({ agent: 'AG-102', transcript: 'Agent: Hello.\nCustomer: Something else entirely.\n' }));
    expect(other).toMatchObject({ status: 409, body: { error: 'external_id_taken' } });
    expect((await storedCalls()).map((call) => call.id)).toEqual([first.body.callId]);
  });

  // ── routes and health ────────────────────────────────────────────────────────────────────────

  it('when /healthz is asked, then it answers 200 with the database and Slack states after querying the database', async () => {
    const response = await fetch(`${baseUrl}${HEALTH_PATH}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'ok', slack: 'off' });
  });

  it('when the database does not answer, then /healthz answers 503', async () => {
    const broken = createIntegrationServer({
      services: {
        ...services,
        health: { ping: () => Promise.reject(new Error('connection refused')) },
      },
      secret: SECRET,
      maxBytes,
      log: (level, message, fields) => logLines.push(JSON.stringify({ level, message, ...fields })),
    });
    const { port } = await broken.start(0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ok: false, error: 'database_unavailable' });
      expect(logLines.join('\n')).toContain('connection refused');
    } finally {
      await broken.stop();
    }
  });

  it('when no integration secret is set, then /healthz still answers on the port and the call endpoint says how to turn it on', async () => {
    const withoutSecret = createIntegrationServer({ services, maxBytes });
    const { port } = await withoutSecret.start(0, '127.0.0.1');
    try {
      const health = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH}`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, database: 'ok', slack: 'off' });
      const calls = await fetch(`http://127.0.0.1:${port}${INTEGRATION_CALLS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(calls.status).toBe(404);
      expect(((await calls.json()) as { message: string }).message).toContain('set FLOORREADY_INTEGRATION_SECRET');
    } finally {
      await withoutSecret.stop();
    }
  });

  it('when another path or method is used, then it answers 404 or 405 with where to send calls', async () => {
    const missing = await fetch(`${baseUrl}/integrations/call`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('POST to /integrations/calls');
    const wrongMethod = await fetch(`${baseUrl}${INTEGRATION_CALLS_PATH}`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});
