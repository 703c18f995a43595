/**
 * The agent found in the call over HTTP and Slack (issue 18), as a folder import finds it: a call posted to
 * /integrations/calls without "agent", or in an ingestion channel with no agent on the first line, is stored
 * for the configured agent the call names (their introduction, the customer calling them by name). Access
 * first: over Slack only the poster's own teams' agents are searched, so a call of another team's agent is
 * answered as one that names nobody, and nothing is stored. The real app on one port (Bolt's receiver with the
 * integration route), SQLite and PostgreSQL.
 */
import { readFile } from 'node:fs/promises';

import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';

import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { describeEachDatabase } from '../support/database.ts';
import { MAYA, NOW, startOnePortApp, type OnePortApp } from '../support/one-port-app.ts';

const SAM = 'U0SAM00001';

/** A second team: Sam manages Zoe; Maya (Northside) does not. */
const SOUTHSIDE = {
  key: 'southside',
  name: 'Southside Care',
  timeZone: 'America/Chicago',
  company: 'Southside',
  managers: [{ name: 'Sam Reed', slack: SAM, email: 'sam.reed@example.com' }],
  agents: [{ name: 'Zoe Quinn', slack: 'U0ZOE00001', email: 'zoe.quinn@example.com' }],
};

const anaCall = [
  "Agent: Northside, you're through to Ana, how can I help?",
  'Customer: Hi Ana, I was charged twice for my broadband this month.',
  "Agent: I'm sorry about that. I can see the duplicate payment and I've refunded it today.",
  'Customer: Thanks, Ana.',
].join('\n');

const zoeCall = [
  'Agent: Southside Care, this is Zoe speaking, how can I help?',
  'Customer: Hi Zoe, my bill is wrong.',
  "Agent: Let me check that for you. I've corrected it.",
  'Customer: Thank you, Zoe.',
].join('\n');

const nobodyCall = ['Agent: Hello, how can I help?', 'Customer: My bill is wrong.', 'Agent: I have corrected it.'].join('\n');

describeEachDatabase('the agent found in the call over HTTP and Slack', (database) => {
  let app: OnePortApp;

  beforeEach(async () => {
    const example = parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as { teams: unknown[] };
    app = await startOnePortApp(database.open, { config: { teams: [...example.teams, SOUTHSIDE] } });
  });

  afterEach(async () => {
    await app.stop();
  });

  const storedFor = async (): Promise<string[]> =>
    (await app.db.prisma.call.findMany({ select: { agent: { select: { key: true } } } })).map((call) => call.agent.key);

  it('when a platform posts a call without "agent" (and without occurredAt), then it is stored for the agent the call names, dated when received, and the answer says who and why', async () => {
    const sent = await app.postCall({ externalId: 'http-no-agent-1', transcript: anaCall });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({
      status: 'queued',
      agent: 'ana.ruiz@example.com',
      agentFoundBy: "agent found by their name in the agent's introduction",
    });
    expect(await storedFor()).toEqual(['ana.ruiz@example.com']);
    const stored = await app.db.prisma.call.findFirstOrThrow();
    expect(stored.occurredAt.toISOString()).toBe(NOW.toISOString());
    expect(stored.dateSource).toBe('import time (the export holds no date)');
  });

  it('when a platform posts a call without "agent" that names no configured agent, then it answers 422 saying to send "agent", and stores nothing', async () => {
    const sent = await app.postCall({ externalId: 'http-no-agent-2', occurredAt: '2026-09-30T14:05:00Z', transcript: nobodyCall });
    expect(sent.status).toBe(422);
    expect(sent.body.error).toBe('agent_not_given');
    expect(sent.body.message).toBe(
      "no agent given, and none of the configured agents is named in the call (as a speaker label, in the agent's introduction or by the customer). " +
        'Send the agent as "agent" (their Slack user id, email or external id), or add the name the agent uses to their aliases in the config.',
    );
    expect(await storedFor()).toEqual([]);
  });

  it('when Maya posts a transcript with only the call type on the first line, then it is stored for the agent of her team the call names, and the thread says how Ana was found', async () => {
    const { ts } = await app.postMessage({ user: MAYA, text: 'billing dispute', file: { name: 'call.txt', content: anaCall } });
    const reply = await app.replyTo(ts);
    expect(reply).toContain('Queued: call for Ana Ruiz (billing_dispute)');
    expect(reply).toContain("agent found by their name in the agent's introduction");
    expect(await storedFor()).toEqual(['ana.ruiz@example.com']);
  });

  it("when Maya posts, with no agent named, a call of another team's agent, then she hears what a call naming nobody gets, nothing about Zoe, and nothing is stored; Zoe's manager can post it", async () => {
    const { ts } = await app.postMessage({ user: MAYA, text: 'billing dispute', file: { name: 'call.txt', content: zoeCall } });
    const reply = await app.replyTo(ts);
    const { ts: nobodyTs } = await app.postMessage({
      user: MAYA,
      text: 'billing dispute',
      file: { name: 'other.txt', content: nobodyCall },
    });
    const nobodyReply = await app.replyTo(nobodyTs);
    expect(reply).toBe(nobodyReply);
    expect(reply).toContain("No agent is named on the first line, and the call names none of your teams' agents");
    expect(reply).toContain('Nothing was stored.');
    expect(reply).not.toMatch(/Zoe|Southside|Quinn/);
    expect(await storedFor()).toEqual([]);

    const { ts: samTs } = await app.postMessage({ user: SAM, text: 'billing dispute', file: { name: 'call.txt', content: zoeCall } });
    expect(await app.replyTo(samTs)).toContain('Queued: call for Zoe Quinn (billing_dispute)');
    expect(await storedFor()).toEqual(['zoe.quinn@example.com']);
  });
});
