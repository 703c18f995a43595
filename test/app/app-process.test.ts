/**
 * The real process, started as `npm start` does (`node dist/main.js`), against the fake Slack Web API
 * and, in Socket Mode, a WebSocket fake of Socket Mode: composeApp as it runs in production (ADR 0023).
 * The example config: Maya (U0MAYA0001) manages Ana (U0ANA00001, AG-101).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { signIntegrationRequest } from '../../src/http/verify-integration-signature.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { startFakeSocketMode, type FakeSocketMode } from '../fakes/socket-mode.ts';
import { startAppProcess, type AppProcess } from '../support/app-process.ts';
import {
  DISPUTE_ACTION_ID,
  DISPUTE_BLOCKS,
  DISPUTE_CHANGE_ACTION_ID,
  DISPUTE_CHANGE_VIEW_ID,
  DISPUTE_VIEW_ID,
} from '../../src/slack/slack-ids.ts';
import type { ApiCall } from '../fakes/slack-api.ts';
import { buttonClick, postSigned, signature, slashCommand, viewSubmission } from '../slack/slack-requests.ts';

const SIGNING_SECRET = 'process-signing-secret-0123456789';
const INTEGRATION_SECRET = 'process-integration-secret-0123456789';
const MAYA = 'U0MAYA0001';
const ANA = 'U0ANA00001';
const CALL =
  'Agent: Thank you for calling Northside, this is Ana, how can I help you today?\n' +
  'Customer: I was charged twice for my order and I am really frustrated.\n' +
  "Agent: I'm so sorry about that, I understand how annoying that is. Let me look at the account.\n" +
  'Customer: Thank you.\n' +
  "Agent: I've refunded the duplicate charge; you'll see it in three to five days. Is there anything else?\n" +
  'Customer: No, that is great, thanks.\n';

const APPROVE_VALUE = JSON.stringify({ a: 'AG-101', t: 'basic_inbound', f: null });
const homeOpened = (user: string) => ({
  type: 'event_callback',
  team_id: 'T0FAKETEAM',
  api_app_id: 'A0FLOORREADY',
  event: { type: 'app_home_opened', user, channel: 'D0HOME0001', tab: 'home', event_ts: '1790000000.000100' },
  event_id: `Ev${user}`,
  event_time: 1790000000,
});

// A process starts on no database in the first group, which it migrates first; the others on a migrated copy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let slack: FakeSlack;
let app: AppProcess | null;
beforeEach(async () => {
  slack = await startFakeSlack();
  app = null;
});
afterEach(async () => {
  await app?.stop();
  await slack.close();
});

/** Ana's call, posted signed to the running app's /integrations/calls, accepted (202) for scoring. */
const postCall = async (baseUrl: string, externalId: string): Promise<void> => {
  const body = JSON.stringify({
    externalId,
    agent: 'AG-101',
    callType: 'basic_inbound',
    occurredAt: new Date().toISOString(),
    transcript: CALL,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const posted = await fetch(`${baseUrl}/integrations/calls`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-floorready-timestamp': String(timestamp),
      'x-floorready-signature': signIntegrationRequest(INTEGRATION_SECRET, timestamp, body),
    },
    body,
  });
  expect(posted.status, await posted.clone().text()).toBe(202);
};

const health = async (process: AppProcess) => {
  const response = await fetch(`${process.baseUrl}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/**
 * Starting the process costs seconds of CPU (it loads every module, checks the migrations, applies the
 * config, asks auth.test), so the tests that only need a running app share one per mode, with one fake
 * Slack. Each looks only at what it caused: its own response URLs, and Web API calls made after it began
 * (`callsFrom`).
 */
const callsFrom = (fake: FakeSlack): ((call: ApiCall) => boolean) => {
  const mark = fake.calls.length;
  return (call) => fake.calls.indexOf(call) >= mark;
};

describe('the app process in Slack HTTP mode', () => {
  describe('one process serving Slack and /integrations/calls, started on no database', () => {
    let slack: FakeSlack;
    let running: AppProcess;
    beforeAll(async () => {
      slack = await startFakeSlack();
      // As on a first `npm start`: no database yet, so the app makes and migrates one before it serves.
      running = await startAppProcess(
        {
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          SLACK_FILES_URL: slack.filesUrl,
          FLOORREADY_INTEGRATION_SECRET: INTEGRATION_SECRET,
        },
        { freshDatabase: true },
      );
      await running.waitForLog(/^slack app started$/);
    });
    afterAll(async () => {
      await running?.stop();
      await slack?.close();
    });

    it('when a slash command, a button click and app_home_opened arrive signed, then each is acked and its answer reaches Slack', async () => {
      const fromHere = callsFrom(slack);
      const events = `${running.baseUrl}/slack/events`;
      expect(await health(running)).toEqual({ status: 200, body: { ok: true, database: 'ok', slack: 'connected' } });

      const command = await postSigned(
        events,
        slashCommand({ userId: MAYA, userName: 'maya', text: '', responseUrl: slack.responseUrl('cmd') }),
        { secret: SIGNING_SECRET },
      );
      expect(command.status).toBe(200);
      const [answer] = await slack.waitForResponses('cmd', 1, 10_000);
      expect(JSON.stringify(answer?.body)).toContain('Northside');

      const click = await postSigned(
        events,
        buttonClick({
          userId: MAYA,
          userName: 'maya',
          actionId: 'approve_readiness',
          blockId: 'approve',
          value: APPROVE_VALUE,
          responseUrl: slack.responseUrl('click'),
        }),
        { secret: SIGNING_SECRET },
      );
      expect(click.status).toBe(200);
      expect(await slack.waitForResponses('click', 1, 10_000)).toHaveLength(1);

      const body = JSON.stringify(homeOpened(ANA));
      const timestamp = Math.floor(Date.now() / 1000);
      const home = await fetch(events, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      expect(home.status).toBe(200);
      const published = await slack.waitForCall(
        (call) => fromHere(call) && call.method === 'views.publish' && call.args.user_id === ANA,
        10_000,
      );
      expect(JSON.stringify(published.args.view)).toContain('Ana');
    });

    it('when a request is validly signed with the timestamp Infinity, 1e9 or 10 minutes ahead, then it is refused (401) and nothing answers', async () => {
      const now = Math.floor(Date.now() / 1000);
      for (const timestamp of ['Infinity', '1e9', String(now + 600), ` ${now}.5`]) {
        const sent = await postSigned(
          `${running.baseUrl}/slack/events`,
          slashCommand({ userId: MAYA, userName: 'maya', text: '', responseUrl: slack.responseUrl(`ts-${timestamp}`) }),
          { secret: SIGNING_SECRET, timestamp },
        );
        expect(sent.status, timestamp).toBe(401);
      }
      const fresh = await postSigned(
        `${running.baseUrl}/slack/events`,
        slashCommand({ userId: MAYA, userName: 'maya', text: '', responseUrl: slack.responseUrl('fresh') }),
        {
          secret: SIGNING_SECRET,
        },
      );
      expect(fresh.status).toBe(200);
      await slack.waitForResponses('fresh', 1, 10_000);
      expect(slack.responses.filter((post) => post.name.startsWith('ts-'))).toEqual([]);
    });

    it('when a call arrives on /integrations/calls, then the running worker scores it and the agent gets the score summary DM', async () => {
      const fromHere = callsFrom(slack);
      await postCall(running.baseUrl, 'process-1');
      await running.waitForLog(/^call scored$/);
      const dm = await slack.waitForCall(
        (call) => fromHere(call) && call.method === 'chat.postMessage' && call.args.channel === ANA,
        60_000,
      );
      expect(String(dm.args.text)).toMatch(/\d/);
    });
  });

  it('when Slack refuses the bot token, then the process exits 1 naming SLACK_BOT_TOKEN, with no raw WebAPIPlatformError', async () => {
    slack.answerMethod('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    app = await startAppProcess({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    expect(await app.exited).toBe(1);
    const last = String(app.logs.filter((line) => line.level === 'error').at(-1)?.message);
    expect(last).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth). Set SLACK_BOT_TOKEN to the Bot User OAuth Token');
    expect(app.logs.map((line) => JSON.stringify(line)).join('\n')).not.toContain('WebAPIPlatformError');
  });
});

describe('the app process in Socket Mode', () => {
  const socketEnv = (fake: FakeSlack = slack) => ({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: fake.apiUrl,
    SLACK_FILES_URL: fake.filesUrl,
  });

  describe('one process connected over the socket, also serving /integrations/calls', () => {
    let slack: FakeSlack;
    let socket: FakeSocketMode;
    let running: AppProcess;
    /** /healthz while Slack held back the socket URL, and once the app had connected. */
    let connecting: Awaited<ReturnType<typeof health>>;
    let connected: Awaited<ReturnType<typeof health>>;
    beforeAll(async () => {
      slack = await startFakeSlack();
      socket = await startFakeSocketMode();
      // Slack gives the socket URL (the fake's own answer, which records the app token) only once /healthz
      // has been read while the app waits for it: this process also serves the test of /healthz from start-up.
      let giveUrl: () => void = () => {};
      const gate = new Promise<void>((resolve) => (giveUrl = resolve));
      let socketAnswer: Parameters<FakeSlack['answerMethod']>[1] = () => ({ ok: false, error: 'not_attached' });
      socket.attach({ answerMethod: (_method, answer) => (socketAnswer = answer) } as Pick<FakeSlack, 'answerMethod'> as FakeSlack);
      slack.answerMethod('apps.connections.open', async (args, authorization) => {
        await gate;
        return socketAnswer(args, authorization);
      });
      running = await startAppProcess({ ...socketEnv(slack), FLOORREADY_INTEGRATION_SECRET: INTEGRATION_SECRET });
      await running.waitForLog(/^http server started$/);
      await slack.waitForCall((call) => call.method === 'apps.connections.open', 90_000);
      connecting = await health(running);
      giveUrl();
      await socket.connected();
      await running.waitForLog(/^slack app started$/);
      connected = await health(running);
    });
    afterAll(async () => {
      await running?.stop();
      await socket?.close();
      await slack?.close();
    });

    it('when Slack has not yet given the socket URL, then /healthz already answers, 503 with slack "connecting", and 200 once connected', () => {
      expect(connecting).toEqual({
        status: 503,
        body: {
          ok: false,
          database: 'ok',
          slack: 'connecting',
          error: 'slack_not_connected',
          message: 'Slack is connecting; the app retries.',
        },
      });
      expect(connected.body).toEqual({ ok: true, database: 'ok', slack: 'connected' });
    });

    it('when a slash command, a button click and app_home_opened arrive over the socket, then each envelope is acked and the answers reach the Web API', async () => {
      const fromHere = callsFrom(slack);
      expect(socket.appTokens).toEqual(['xapp-test-token']);
      expect(await health(running)).toEqual({ status: 200, body: { ok: true, database: 'ok', slack: 'connected' } });

      const command = await socket.send(
        'slash_commands',
        slashCommand({ userId: MAYA, userName: 'maya', text: '', responseUrl: slack.responseUrl('cmd') }),
      );
      expect(command.envelope_id).toMatch(/^env-/);
      const [answer] = await slack.waitForResponses('cmd', 1, 10_000);
      expect(JSON.stringify(answer?.body)).toContain('Northside');

      const click = JSON.parse(
        buttonClick({
          userId: MAYA,
          userName: 'maya',
          actionId: 'approve_readiness',
          blockId: 'approve',
          value: APPROVE_VALUE,
          responseUrl: slack.responseUrl('click'),
        }).payload as string,
      ) as Record<string, unknown>;
      expect((await socket.send('interactive', click)).envelope_id).toMatch(/^env-/);
      expect(await slack.waitForResponses('click', 1, 10_000)).toHaveLength(1);

      expect((await socket.send('events_api', homeOpened(ANA))).envelope_id).toMatch(/^env-/);
      const published = await slack.waitForCall(
        (call) => fromHere(call) && call.method === 'views.publish' && call.args.user_id === ANA,
        10_000,
      );
      expect(JSON.stringify(published.args.view)).toContain('Ana');
    });

    it('when Ana disputes a score and Maya changes it, all over the socket, then every envelope is acked (the submissions with their modal answer) and the modals and DMs reach the Web API', async () => {
      const fromHere = callsFrom(slack);
      await postCall(running.baseUrl, 'socket-dispute-1');
      const summary = await slack.waitForCall(
        (call) => fromHere(call) && call.method === 'chat.postMessage' && call.args.channel === ANA,
        90_000,
      );
      const buttonIn = (call: ApiCall, actionId: string): string => {
        const blocks = (call.args.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[];
        const value = blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === actionId)?.value;
        if (!value) throw new Error(`no ${actionId} button`);
        return value;
      };
      const interactive = (form: Record<string, string>) => JSON.parse(form.payload as string) as Record<string, unknown>;
      const opened = async (callbackId: string) =>
        (
          await slack.waitForCall(
            (call) =>
              fromHere(call) && call.method === 'views.open' && (call.args.view as { callback_id?: string }).callback_id === callbackId,
            10_000,
          )
        ).args.view as { private_metadata: string; blocks: { block_id?: string; element?: { options?: { value: string }[] } }[] };

      // Ana clicks Dispute: acked with nothing to say, the modal opens with the call's scored criteria.
      const disputeClick = await socket.send(
        'interactive',
        interactive(
          buttonClick({
            userId: ANA,
            userName: 'ana',
            actionId: DISPUTE_ACTION_ID,
            blockId: 'b',
            value: buttonIn(summary, DISPUTE_ACTION_ID),
            responseUrl: slack.responseUrl('dispute'),
            ephemeral: false,
          }),
        ),
      );
      expect(disputeClick).toEqual({ envelope_id: expect.stringMatching(/^env-/), payload: {} });
      const modal = await opened(DISPUTE_VIEW_ID);
      const criterion = modal.blocks.find((block) => block.block_id === DISPUTE_BLOCKS.criterion)?.element?.options?.[0]?.value as string;
      expect(criterion).toBeTruthy();

      // An empty reason is answered in the modal's ack, on the reason block; nothing is stored.
      const empty = await socket.send(
        'interactive',
        interactive(
          viewSubmission({
            userId: ANA,
            callbackId: DISPUTE_VIEW_ID,
            viewId: 'V0SOCKET1',
            privateMetadata: modal.private_metadata,
            values: { [DISPUTE_BLOCKS.criterion]: { selected_option: { value: criterion } }, [DISPUTE_BLOCKS.reason]: { value: ' ' } },
          }),
        ),
      );
      expect(empty.payload).toEqual({ response_action: 'errors', errors: { [DISPUTE_BLOCKS.reason]: 'A reason is required.' } });
      const sent = await socket.send(
        'interactive',
        interactive(
          viewSubmission({
            userId: ANA,
            callbackId: DISPUTE_VIEW_ID,
            viewId: 'V0SOCKET1',
            privateMetadata: modal.private_metadata,
            values: {
              [DISPUTE_BLOCKS.criterion]: { selected_option: { value: criterion } },
              [DISPUTE_BLOCKS.reason]: { value: 'The line dropped before I could close.' },
            },
          }),
        ),
      );
      expect(sent.payload).toMatchObject({ response_action: 'update', view: { title: { text: 'Dispute sent' } } });

      // Maya's DM comes at once (the loop runs now), with Change and Keep; she changes the score over the socket.
      const toMaya = await slack.waitForCall(
        (call) =>
          fromHere(call) && call.method === 'chat.postMessage' && call.args.channel === MAYA && String(call.args.text).includes('disputes'),
        30_000,
      );
      expect(String(toMaya.args.text)).toContain('Ana Ruiz disputes');
      expect(JSON.stringify(toMaya.args.blocks)).toContain('The line dropped before I could close.');
      const changeClick = await socket.send(
        'interactive',
        interactive(
          buttonClick({
            userId: MAYA,
            userName: 'maya',
            actionId: DISPUTE_CHANGE_ACTION_ID,
            blockId: 'b',
            value: buttonIn(toMaya, DISPUTE_CHANGE_ACTION_ID),
            responseUrl: slack.responseUrl('change'),
            ephemeral: false,
          }),
        ),
      );
      expect(changeClick).toEqual({ envelope_id: expect.stringMatching(/^env-/), payload: {} });
      const change = await opened(DISPUTE_CHANGE_VIEW_ID);
      const resolved = await socket.send(
        'interactive',
        interactive(
          viewSubmission({
            userId: MAYA,
            callbackId: DISPUTE_CHANGE_VIEW_ID,
            viewId: 'V0SOCKET2',
            privateMetadata: change.private_metadata,
            values: {
              [DISPUTE_BLOCKS.newLevel]: { selected_option: { value: '5' } },
              [DISPUTE_BLOCKS.note]: { value: 'Agreed: the call was cut off.' },
            },
          }),
        ),
      );
      expect(resolved.payload).toMatchObject({ response_action: 'update', view: { title: { text: 'Score changed' } } });

      // Ana is told, by DM, at once.
      const outcome = await slack.waitForCall(
        (call) =>
          fromHere(call) && call.method === 'chat.postMessage' && call.args.channel === ANA && String(call.args.text).includes('accepted'),
        30_000,
      );
      expect(String(outcome.args.text)).toContain('the score is now level 5');
      expect(String(outcome.args.text)).toContain('the call was cut off');
      // Nothing was answered through a response URL: every answer was a modal or a DM.
      expect(slack.responses.filter((post) => post.name === 'dispute' || post.name === 'change')).toEqual([]);
    });
  });

  it('when Slack refuses the app token, then the process exits 1 naming SLACK_APP_TOKEN', async () => {
    slack.answerMethod('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    app = await startAppProcess(socketEnv());
    expect(await app.exited).toBe(1);
    // Bolt's Socket Mode client logs the failed call itself; the app's last word names the variable.
    const last = String(app.logs.filter((line) => line.level === 'error').at(-1)?.message);
    expect(last).toContain(
      'Slack refused SLACK_APP_TOKEN (invalid_auth). Set SLACK_APP_TOKEN to an app-level token (xapp-…) with the connections:write scope',
    );
    expect(last).not.toContain('WebAPIPlatformError');
  });
});
