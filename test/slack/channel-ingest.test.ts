/**
 * Transcripts posted in an ingestion channel, over real HTTP: signed `event_callback` message events to
 * the app as it runs (composeApp: Bolt, the scoring worker, the notification loop), files served by the fake Slack at their url_private, a real SQLite database with
 * the example config (plus `ingest.channels`) applied. Maya (U0MAYA0001) manages Ana (U0ANA00001) and
 * Ben (U0BEN00001); Ben is an agent, not a manager.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import type { CallRecord } from '../../src/domain/stored-records.ts';
import type { Scorer } from '../../src/domain/types.ts';
import type { Services } from '../../src/services.ts';
import type { SlackApp } from '../../src/slack/create-slack-app.ts';
import { FAKE_BOT, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG, tempDir } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { startLoopbackSlackApp, type LoopbackApp } from '../support/start-loopback-slack-app.ts';
import { buttonClick, messageEventBody, postSigned, signature } from './slack-requests.ts';
import { AppError } from '../../src/domain/app-error.ts';
import { WHY_SCORE_ACTION_ID } from '../../src/slack/slack-ids.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { listCalls } from '../../src/use-cases/list-calls.ts';
import { findAgent } from '../../src/use-cases/resolve-access.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const CHANNEL = 'C0TRANSCRIPTS';
const OTHER_CHANNEL = 'C0RANDOMCHAT';
const MAYA = 'U0MAYA0001';
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';
const NOW = new Date('2026-10-01T12:00:00Z');
const MAX_BYTES = 4096;

/** Ana's call, with a customer email and card number that must never be stored or echoed. */
const TRANSCRIPT = [
  'Ana: Thank you for calling Northside, this is Ana. How can I help?',
  'Customer: Hi, I was charged twice. My email is dana.lee@example.org.',
  "Ana: I'm sorry about that. Which card was it charged to?",
  'Customer: The Visa, 4111 1111 1111 1111.',
  "Ana: Thanks. I've raised a refund for the duplicate payment.",
  'Customer: Great, thank you.',
].join('\n');
const PII = ['dana.lee', '4111', 'Visa'];

let db: TestDatabase;
let services: Services;
let config: Config;
let slack: FakeSlack;
let app: SlackApp;
let running: LoopbackApp;
let eventsUrl: string;
let sequence = 0;

/** Starts the app (composeApp) on the test's database: the embedded scorer unless `scorer` is given. */
const startApp = async (options: { scorer?: Scorer; config?: Config } = {}): Promise<void> => {
  running = await startLoopbackSlackApp({ db, config: options.config ?? config, signingSecret: SECRET, now: () => NOW, ...options });
  ({ services, slack, app, eventsUrl } = running);
};

beforeEach(async () => {
  db = await withSqlite();
  const configPath = path.join(await tempDir('floorready-channel-ingest-'), 'floorready.config.yml');
  const example = await readFile(EXAMPLE_CONFIG, 'utf8');
  const withChannel = example
    .replace(/^ {2}maxBytes: \d+$/m, `  maxBytes: ${MAX_BYTES}`)
    .replace(/^ {2}channels: \[\]$/m, `  channels: [${CHANNEL}]`);
  expect(withChannel).not.toBe(example);
  await writeFile(configPath, withChannel);
  config = await loadConfig(configPath);
  expect(config.ingest).toEqual({ maxBytes: MAX_BYTES, channels: [CHANNEL] });
  await startApp();
});

afterEach(async () => {
  await running.stop();
  await db.close();
});

interface PostedFile {
  name: string;
  content?: string;
  /** Declared size; default the content's length. */
  size?: number;
  /** The url_private the event claims; default a file served by the fake's file host. */
  urlPrivate?: string;
}

interface MessageInput {
  user: string;
  text: string;
  channel?: string;
  file?: PostedFile;
  extra?: Record<string, unknown>;
}

/** Sends one signed `message` event as Slack does and returns its ts (the thread the bot answers in). */
const postMessage = async (input: MessageInput): Promise<string> => {
  sequence += 1;
  const ts = `1790000000.${String(sequence).padStart(6, '0')}`;
  const file = input.file
    ? {
        id: `F0FILE${sequence}`,
        name: input.file.name,
        size: input.file.size ?? Buffer.byteLength(input.file.content ?? ''),
        url_private: input.file.urlPrivate ?? slack.serveFile(input.file.name, input.file.content ?? ''),
      }
    : null;
  const body = messageEventBody({
    eventId: `Ev0${sequence}`,
    ts,
    channel: input.channel ?? CHANNEL,
    user: input.user,
    text: input.text,
    team: FAKE_BOT.team_id,
    botUserId: FAKE_BOT.user_id,
    eventTime: Math.floor(NOW.getTime() / 1000),
    file,
    ...(input.extra ? { extra: input.extra } : {}),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(SECRET, timestamp, body),
    },
    body,
  });
  expect(response.status).toBe(200);
  return ts;
};

const replies = () => slack.calls.filter((call) => call.method === 'chat.postMessage');

/** The bot's reply in the thread of `ts`. */
const replyTo = async (ts: string): Promise<string> => {
  const reply = await vi.waitFor(
    () => {
      const found = replies().find((call) => call.args.thread_ts === ts);
      if (!found) throw new Error(`no reply in thread ${ts}`);
      return found;
    },
    { timeout: 5_000, interval: 20 },
  );
  expect(reply.args.channel).toBe(CHANNEL);
  return String(reply.args.text);
};

/** Sends a message and waits for a reply to it, or proves none comes (another message's reply arrives first). */
const expectIgnored = async (input: MessageInput): Promise<void> => {
  const before = replies().length;
  await postMessage(input);
  // A message that is answered, sent after it, marks when the ignored one has had its turn.
  const marker = await postMessage({ user: 'U0NOBODY01', text: `<@${ANA}> basic_inbound` });
  await replyTo(marker);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(replies().length).toBe(before + 1);
};

const storedCalls = (): Promise<CallRecord[]> => services.calls.list();
const allTurnText = (call: CallRecord): string => (call.turns ?? []).map((turn) => turn.text).join('\n');

describe('transcripts posted in an ingestion channel', () => {
  it('when Maya posts a transcript file for Ana, then the call is stored redacted, the thread says it is queued, and the running worker scores it', async () => {
    const ts = await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound`, file: { name: 'ana-call.txt', content: TRANSCRIPT } });
    const reply = await replyTo(ts);
    expect(reply).toContain('Queued: call for Ana Ruiz (basic_inbound)');
    expect(reply).toContain('redacted before storage: 1 card number and 1 email address');
    expect(reply).toContain(`/readiness <@${ANA}>`);
    for (const secret of PII) expect(reply).not.toContain(secret);

    expect(slack.downloads).toHaveLength(1);
    expect(slack.downloads[0]?.authorization).toBe('Bearer xoxb-test-token');
    const calls = await storedCalls();
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const ana = await findAgent(services.directory, ANA);
    expect(call).toMatchObject({
      agentId: ana?.id,
      source: 'slack',
      sourceName: `${CHANNEL}/${ts}`,
      callType: 'basic_inbound',
      kind: 'live',
    });
    expect(call?.occurredAt).toEqual(NOW);
    const stored = allTurnText(call as CallRecord);
    expect(stored).toContain('[EMAIL]');
    expect(stored).toContain('[CARD]');
    expect(stored).not.toContain('dana.lee@example.org');
    expect(stored).not.toContain('4111 1111 1111 1111');
    expect(call?.turns?.[0]?.role).toBe('agent');
    // The app's scoring worker (every 100 ms here) takes it from the queue.
    await vi.waitFor(async () => expect((await storedCalls())[0]?.state).toBe('scored'), { timeout: 20_000, interval: 50 });
    expect(running.logs).toContain('info call scored');
  });

  it('when the same transcript is posted again, then the thread says it is already stored and nothing new is stored', async () => {
    await replyTo(await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound`, file: { name: 'ana-call.txt', content: TRANSCRIPT } }));
    const again = await postMessage({
      user: MAYA,
      text: `<@${ANA}> basic_inbound`,
      file: { name: 'ana-call-copy.txt', content: TRANSCRIPT },
    });
    const reply = await replyTo(again);
    expect(reply).toContain('Already stored (duplicate)');
    expect(reply).toContain('Ana Ruiz');
    expect(await storedCalls()).toHaveLength(1);
  });

  it('when the transcript is pasted after the details line, then it is stored with the date, role-play and external id of the message', async () => {
    const pasted = TRANSCRIPT.replace('dana.lee@example.org', '<mailto:dana.lee@example.org|dana.lee@example.org>');
    const ts = await postMessage({
      user: MAYA,
      text: `<mailto:ana.ruiz@example.com|ana.ruiz@example.com> Basic inbound roleplay 2026-09-30 id: CALL-9\n${pasted}`,
    });
    const reply = await replyTo(ts);
    expect(reply).toContain('Queued: call for Ana Ruiz (basic_inbound, role-play)');
    for (const secret of PII) expect(reply).not.toContain(secret);
    const [call] = await storedCalls();
    expect(call).toMatchObject({ kind: 'roleplay', externalId: 'CALL-9', source: 'slack', callType: 'basic_inbound' });
    // A bare date is the start of that day in the agent's team's time zone (America/Chicago, UTC−5 in September).
    expect(call?.occurredAt).toEqual(new Date('2026-09-30T05:00:00Z'));
    expect(allTurnText(call as CallRecord)).not.toContain('dana.lee');
    expect(slack.downloads).toHaveLength(0);
  });

  it('when the message names a day that does not exist, then the thread reply says so and nothing is stored (not 2 March)', async () => {
    const ts = await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound 2026-02-30\n${TRANSCRIPT}` });
    const reply = await replyTo(ts);
    expect(reply).toContain('The date "2026-02-30" is not a real date (February 2026 has 28 days)');
    expect(reply).toContain("read in America/Chicago, the team's time zone");
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the transcript is pasted in a code block for an agent named by external id, then it is stored', async () => {
    const ts = await postMessage({ user: MAYA, text: `AG-101 escalation\n\`\`\`${TRANSCRIPT}\`\`\`` });
    expect(await replyTo(ts)).toContain('Queued: call for Ana Ruiz (escalation)');
    const [call] = await storedCalls();
    expect(call?.callType).toBe('escalation');
    expect(call?.turns).toHaveLength(6);
  });

  it('when someone who manages no team posts a transcript, then they are refused politely in the thread and nothing is stored or downloaded', async () => {
    const ts = await postMessage({ user: BEN, text: `<@${ANA}> basic_inbound`, file: { name: 'ana-call.txt', content: TRANSCRIPT } });
    const reply = await replyTo(ts);
    expect(reply).toContain('Only a team manager listed in the floorready config can post transcripts here');
    expect(reply).toContain('Nothing was stored');
    expect(reply).not.toContain('Ana Ruiz');
    expect(await storedCalls()).toHaveLength(0);
    expect(slack.downloads).toHaveLength(0);
  });

  it('when the agent is unknown, then the thread explains how to name the agent and nothing is stored', async () => {
    const reply = await replyTo(
      await postMessage({ user: MAYA, text: 'nobody@example.com basic_inbound', file: { name: 'call.txt', content: TRANSCRIPT } }),
    );
    expect(reply).toContain('No agent "nobody@example.com" is configured');
    expect(reply).toContain('Nothing was stored');
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the transcript has no speaker labels, then the thread says to label each line and nothing is stored', async () => {
    const unlabelled = 'thank you for calling this is ana how can i help\nmy email is dana.lee@example.org and my Visa was charged twice';
    const reply = await replyTo(
      await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound`, file: { name: 'call.txt', content: unlabelled } }),
    );
    expect(reply).toContain('No speaker labels were found');
    expect(reply).toContain('Nothing was stored');
    for (const secret of PII) expect(reply).not.toContain(secret);
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when no speaker can be told to be the agent, then the thread says how to label the agent without naming anyone from the transcript', async () => {
    // No label, introduction, name or greeting tells the agent.
    const strangers = 'Sarah: Hello there.\nDana: My Visa was charged twice.\nSarah: I am sorry, let me fix that.';
    const reply = await replyTo(await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound\n${strangers}` }));
    expect(reply).toContain('Could not tell which speaker is the agent');
    expect(reply).toContain('Nothing was stored');
    for (const word of ['Sarah', 'Dana', 'Visa']) expect(reply).not.toContain(word);
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the file is over ingest.maxBytes, then it is refused by its size before downloading and nothing is stored', async () => {
    const reply = await replyTo(
      await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound`, file: { name: 'huge.txt', content: TRANSCRIPT, size: 5_000_000 } }),
    );
    expect(reply).toContain('over the 4 KiB limit');
    expect(reply).toContain('Nothing was stored');
    expect(slack.downloads).toHaveLength(0);
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when the call type or the transcript is missing, then the thread says what to add', async () => {
    const noType = await replyTo(await postMessage({ user: MAYA, text: `<@${ANA}>\n${TRANSCRIPT}` }));
    expect(noType).toContain('Which call type is this?');
    expect(noType).toContain('`basic_inbound` (Basic inbound)');
    const noTranscript = await replyTo(await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound` }));
    expect(noTranscript).toContain('There is no transcript in this message');
    expect(await storedCalls()).toHaveLength(0);
  });

  it('when a message is in another channel, from a bot, an edit or a thread reply, then it is ignored', async () => {
    const file = { name: 'ana-call.txt', content: TRANSCRIPT };
    await expectIgnored({ user: MAYA, channel: OTHER_CHANNEL, text: `<@${ANA}> basic_inbound`, file });
    await expectIgnored({ user: MAYA, text: `<@${ANA}> basic_inbound\n${TRANSCRIPT}`, extra: { bot_id: 'B0OTHERBOT' } });
    await expectIgnored({ user: MAYA, text: `<@${ANA}> basic_inbound\n${TRANSCRIPT}`, extra: { subtype: 'message_changed' } });
    await expectIgnored({ user: MAYA, text: `<@${ANA}> basic_inbound\n${TRANSCRIPT}`, extra: { thread_ts: '1780000000.000001' } });
    expect(await storedCalls()).toHaveLength(0);
    expect(slack.downloads).toHaveLength(0);
  });

  it('when a file event points url_private at the Web API (chat.postMessage, users.list), then neither method is reached and the thread says the file could not be downloaded', async () => {
    const attacks = [
      `${slack.apiUrl}chat.postMessage?channel=C0GENERAL1&text=${encodeURIComponent('posted with the bot token')}`,
      `${slack.apiUrl}users.list?limit=1000`,
    ];
    for (const urlPrivate of attacks) {
      const reply = await replyTo(
        await postMessage({ user: MAYA, text: `<@${ANA}> basic_inbound`, file: { name: 'call.txt', urlPrivate } }),
      );
      expect(reply).toContain('I could not download the attached file from Slack');
      expect(reply).toContain('Nothing was stored');
    }
    expect(slack.calls.filter((call) => call.method === 'users.list')).toEqual([]);
    expect(slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0GENERAL1')).toEqual([]);
    expect(slack.calls.filter((call) => call.method === 'chat.postMessage').every((call) => call.args.channel === CHANNEL)).toBe(true);
    expect(await storedCalls()).toHaveLength(0);
  });

  describe('once the queue is done with a posted call (issue 19, item 3)', () => {
    const notify = () => sendNotifications({ services, config, sender: app.sender, now: NOW });
    const inThread = (ts: string) => slack.calls.filter((call) => call.args.thread_ts === ts);

    it('when it is scored, then the thread says "scored" with no figure, and the poster alone gets the scorecard in the thread with Why this score?, sent once', async () => {
      const ts = await postMessage({
        user: MAYA,
        text: `<@${ANA}> basic_inbound id: CALL-THREAD-1`,
        file: { name: 'ana-call.txt', content: TRANSCRIPT },
      });
      await replyTo(ts);
      // The app's scoring worker scores it.
      await vi.waitFor(async () => expect((await storedCalls())[0]?.state).toBe('scored'), { timeout: 20_000, interval: 50 });

      const run = await notify();
      expect(run.errors).toEqual([]);
      const posted = inThread(ts);
      const scored = posted.filter((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('Scored'));
      expect(scored).toHaveLength(1);
      const publicText = String(scored[0]?.args.text);
      expect(publicText).toContain('Scored: the call for *Ana Ruiz* (Basic inbound, CALL-THREAD-1)');
      expect(publicText).toContain(`shown to <@${MAYA}> only`);
      expect(scored[0]?.args.channel).toBe(CHANNEL);
      // No figure: no number at all once the external id is taken out.
      expect(publicText.replace('CALL-THREAD-1', '').replace(`<@${MAYA}>`, '')).not.toMatch(/\d/);

      const ephemeral = posted.filter((c) => c.method === 'chat.postEphemeral');
      expect(ephemeral).toHaveLength(1);
      expect(ephemeral[0]?.args).toMatchObject({ channel: CHANNEL, user: MAYA, thread_ts: ts });
      // The call's one overall, as `floorready calls` shows it (ADR 0039).
      const [listed] = await listCalls(services, {});
      expect(listed?.overall).not.toBeNull();
      expect(String(ephemeral[0]?.args.text)).toContain(`overall ${Math.round(listed?.overall as number)}`);
      const blocks = JSON.stringify(ephemeral[0]?.args.blocks);
      expect(blocks).toContain('Empathy expression');
      expect(blocks).toMatch(/Scored by the embedded/);
      const why = (
        (ephemeral[0]?.args.blocks ?? []) as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]
      )
        .flatMap((block) => block.elements ?? [])
        .find((element) => element.action_id === WHY_SCORE_ACTION_ID);
      expect(why?.text.text).toBe('Why this score?');
      // Scored messages come after the "queued" reply: public first, then the scorecard.
      expect(posted.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage', 'chat.postEphemeral']);

      // The poster's Why opens the modal.
      const response = await postSigned(
        eventsUrl,
        buttonClick({
          userId: MAYA,
          userName: 'maya',
          actionId: WHY_SCORE_ACTION_ID,
          blockId: 'b',
          value: why!.value,
          responseUrl: slack.responseUrl('why'),
        }),
        { secret: SECRET },
      );
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(slack.calls.some((c) => c.method === 'views.update')).toBe(true), { timeout: 5_000 });

      await notify();
      expect(inThread(ts)).toHaveLength(3);
    });

    it('when scoring fails, then the thread says why and what to do, once, and no scorecard is sent', async () => {
      // The app runs with a scorer the LLM endpoint refuses, and one attempt per call: its worker fails the call.
      await running.stop();
      const failing: Scorer = {
        name: 'llm',
        model: 'gpt-test',
        score: async () => {
          throw new AppError('llm_rejected', 'The LLM endpoint refused the request (401 invalid api key).');
        },
      };
      await startApp({ scorer: failing, config: { ...config, scoring: { ...config.scoring, maxAttempts: 1 } } });
      const ts = await postMessage({
        user: MAYA,
        text: `<@${ANA}> basic_inbound id: CALL-THREAD-2`,
        file: { name: 'ana-call.txt', content: TRANSCRIPT },
      });
      await replyTo(ts);
      await vi.waitFor(async () => expect((await storedCalls())[0]?.state).toBe('failed'), { timeout: 20_000, interval: 50 });

      const first = await notify();
      expect(first.errors).toEqual([]);
      expect(first.failed).toEqual([]);
      await notify();
      const posted = inThread(ts);
      expect(posted.filter((c) => c.method === 'chat.postEphemeral')).toHaveLength(0);
      const failed = posted.filter((c) => String(c.args.text).includes('could not be scored'));
      expect(failed).toHaveLength(1);
      expect(failed[0]?.args.channel).toBe(CHANNEL);
      const text = String(failed[0]?.args.text);
      expect(text).toContain('The LLM endpoint refused the request (401 invalid api key).');
      expect(text).toContain('npx floorready score --retry-failed');
      for (const secret of PII) expect(text).not.toContain(secret);
    });
  });
});
