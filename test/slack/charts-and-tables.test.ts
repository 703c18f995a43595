/**
 * Charts and tables as Slack shows them (issue 22, ADR 0034), through the app as it runs (composeApp) in
 * both of Slack's modes: signed HTTP requests to /slack/events, and envelopes over the WebSocket fake of
 * Socket Mode. The weekly digest (its cron task run now) and App Home each show a `table` block and an
 * `image` block whose `slack_file` is a PNG the app uploaded with files.uploadV2 to no channel. When Slack
 * refuses the table (an old client or surface), Home and the /readiness answer (`respond()`) still go
 * out, once, with the text table, and the refusal is logged once, with what to fix.
 * Scenario (slack-test-app.ts): Maya (U0MAYA0001) manages Ana (ready for basic_inbound) and Ben (not).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ApiCall, UploadedFile } from '../fakes/slack-api.ts';
import { postSigned, signature, slashCommand } from './slack-requests.ts';
import { SECRET, startSlackTestApp, type SlackTestApp } from './slack-test-app.ts';
import { tableLines } from './table-lines.ts';

const MAYA = 'U0MAYA0001';
const ANA = 'U0ANA00001';
const CHANNEL = 'C0NORTHSIDE';
const PNG_SIGNATURE = '89504e470d0a1a0a';

interface Block {
  type: string;
  text?: { text: string };
  slack_file?: { id: string };
  alt_text?: string;
}

let harness: SlackTestApp | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

let sequence = 0;

/** Slack's `app_home_opened` event for this user's Home tab, as an event callback. */
const homeOpened = (user: string): Record<string, unknown> => {
  sequence += 1;
  return {
    type: 'event_callback',
    team_id: 'T0FAKETEAM',
    api_app_id: 'A0FLOORREADY',
    event: { type: 'app_home_opened', user, channel: 'D0HOME0001', tab: 'home', event_ts: `1790000000.00${sequence}` },
    event_id: `Ev0CHART${sequence}`,
    event_time: 1790000000,
  };
};

/** Opens the Home tab as `user` through the app's mode, and returns the view Slack accepted for them. */
const openHome = async (app: SlackTestApp, user: string): Promise<Block[]> => {
  const accepted = () => app.slack.calls.filter((call) => call.method === 'views.publish' && call.args.user_id === user && !call.error);
  const before = accepted().length;
  if (app.socket) {
    expect((await app.socket.send('events_api', homeOpened(user))).envelope_id).toMatch(/^env-/);
  } else {
    const body = JSON.stringify(homeOpened(user));
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(app.eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(SECRET, timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(200);
  }
  await vi.waitFor(() => expect(accepted().length).toBeGreaterThan(before), { timeout: 15_000, interval: 20 });
  const view = accepted().at(-1)?.args.view as { blocks: Block[] } | undefined;
  if (!view) throw new Error(`no view published for ${user}`);
  return view.blocks;
};

/** `/readiness <text>` as `user` through the app's mode; resolves with the body of the private answer. */
const readiness = async (app: SlackTestApp, user: string, text: string): Promise<{ text: string; blocks: Block[] }> => {
  sequence += 1;
  const name = `readiness-${sequence}`;
  const form = slashCommand({ userId: user, userName: user, text, responseUrl: app.slack.responseUrl(name) });
  if (app.socket) expect((await app.socket.send('slash_commands', form)).envelope_id).toMatch(/^env-/);
  else expect((await postSigned(app.eventsUrl, form, { secret: SECRET })).status).toBe(200);
  const [answer] = await app.slack.waitForResponses(name, 1, 15_000);
  return answer?.body as { text: string; blocks: Block[] };
};

/** The image blocks of `blocks`, each with the file the app uploaded for it. */
const imagesWithUploads = (app: SlackTestApp, blocks: Block[]): { block: Block; upload: UploadedFile | undefined }[] =>
  blocks
    .filter((block) => block.type === 'image')
    .map((block) => ({ block, upload: app.slack.uploads.find((file) => file.id === block.slack_file?.id) }));

const expectUploadedPng = (upload: UploadedFile | undefined, title: string): void => {
  expect(upload).toMatchObject({ completed: true, channelId: undefined, title });
  expect(upload?.bytes?.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
  // The IHDR width: readable on a phone.
  expect(upload?.bytes?.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
};

/** The app's own log lines that report a refusal of table/image blocks. */
const refusalLogs = (app: SlackTestApp): string[] =>
  app.running.logs.filter((line) => line.includes('Slack refused the table/image blocks'));

describe.each(['http', 'socket'] as const)('charts and tables in Slack %s mode', (mode) => {
  it('when the weekly digest runs, then the team channel gets one message with the averages as a table block and the trend as an image of an uploaded PNG', async () => {
    harness = await startSlackTestApp({ mode });
    const [task] = harness.running.composed.digests()?.tasks ?? [];
    expect(task).toBeDefined();
    await task?.execute();

    const posts = harness.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === CHANNEL && !call.error);
    expect(posts).toHaveLength(1);
    const blocks = posts[0]?.args.blocks as Block[];
    expect(blocks.filter((block) => block.type === 'table')).toHaveLength(1);
    expect(tableLines(blocks)[0]).toMatch(/^criterion/);
    const images = imagesWithUploads(harness, blocks);
    expect(images).toHaveLength(1);
    expectUploadedPng(images[0]?.upload, 'Northside Support: 8-week trend');
    expect(images[0]?.block.alt_text).toMatch(/threshold 75/);
    // The chart is shown in the message, not shared into the channel as a file.
    expect(harness.slack.calls.filter((call) => call.method === 'files.completeUploadExternal' && call.args.channel_id)).toEqual([]);
  });

  it('when Maya and then Ana open the Home tab, then Maya sees the team table and team chart, Ana her own chart, each an uploaded PNG', async () => {
    harness = await startSlackTestApp({ mode });

    const maya = await openHome(harness, MAYA);
    expect(maya.filter((block) => block.type === 'table')).toHaveLength(1);
    expect(tableLines(maya)).toContain('Ana Ruiz  Ready');
    expect(tableLines(maya)).toContain('Ben Okafor  Not ready');
    const teamChart = imagesWithUploads(harness, maya);
    expect(teamChart).toHaveLength(1);
    expectUploadedPng(teamChart[0]?.upload, 'Northside Support: 8-week trend');

    const ana = await openHome(harness, ANA);
    const ownChart = imagesWithUploads(harness, ana);
    expect(ownChart).toHaveLength(1);
    expectUploadedPng(ownChart[0]?.upload, 'Ana Ruiz: 8-week trend');
    expect(ownChart[0]?.block.alt_text).toMatch(/^Ana Ruiz: 8-week trend\./);
    expect(refusalLogs(harness)).toEqual([]);
  });

  it('when Slack refuses table blocks, then Home goes out with the team as text, and the refusal is logged once with what to fix', async () => {
    harness = await startSlackTestApp({ mode });
    harness.slack.refuseBlocks(['table']);

    const first = await openHome(harness, MAYA);
    expect(first.some((block) => block.type === 'table')).toBe(false);
    const text = JSON.stringify(first);
    expect(text).toContain('Ana Ruiz');
    expect(text).toMatch(/Basic inbound: :large_green_circle: Ready/);
    // One refused publish, then the text view: nothing shown twice.
    const publishes = (user: string): ApiCall[] =>
      harness?.slack.calls.filter((call) => call.method === 'views.publish' && call.args.user_id === user) ?? [];
    expect(publishes(MAYA).map((call) => call.error ?? 'ok')).toEqual(['invalid_blocks', 'ok']);

    await openHome(harness, MAYA);
    expect(refusalLogs(harness)).toHaveLength(1);
    expect(refusalLogs(harness)[0]).toMatch(/^error .*\(invalid_blocks\): to fix, nothing to change in floorready: .*Logged once/);
  });

  it('when Slack refuses table blocks, then the /readiness answer (respond) goes out once with the per-criterion rows as text, and the refusal is logged once', async () => {
    harness = await startSlackTestApp({ mode });
    const rich = await readiness(harness, MAYA, `<@${ANA}>`);
    const rows = tableLines(rich.blocks);
    expect(rows.length).toBeGreaterThan(1);

    harness.slack.refuseBlocks(['table']);
    const answer = await readiness(harness, MAYA, `<@${ANA}>`);
    expect(answer.blocks.some((block) => block.type === 'table')).toBe(false);
    const shown = JSON.stringify(answer.blocks);
    // The first criterion's name, as the table had it, is in the text table.
    const firstCriterion = rows[1]?.split('  ')[0] as string;
    expect(firstCriterion.length).toBeGreaterThan(0);
    expect(shown).toContain(firstCriterion);
    expect(answer.text).toBe(rich.text);

    await readiness(harness, MAYA, `<@${ANA}>`);
    expect(refusalLogs(harness)).toHaveLength(1);
    expect(refusalLogs(harness)[0]).toContain('to fix, nothing to change in floorready');
    // Each command was answered once: the refused posts are not recorded as delivered.
    expect(harness.slack.responses.filter((response) => response.name.startsWith('readiness-'))).toHaveLength(3);
  });
});
