/**
 * The weekly digest with its chart and table over real boundaries: a real SQLite database with the
 * digest scenario, the real Slack WebClient uploading with files.uploadV2 (getUploadURLExternal → the
 * upload URL → completeUploadExternal) to the fake Slack Web API, the real vega/resvg renderer. What the
 * fake received is what Slack would show: one message per copy with a `table` block and an `image`
 * block of the uploaded PNG, or, when Slack refuses the upload or the table, the text tables, once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { webApi } from '@slack/bolt';

import type { Config } from '../../src/config/config-file.ts';
import type { Services } from '../../src/services.ts';
import { createRichFallbackLog } from '../../src/slack/rich-blocks-fallback.ts';
import { createSlackChartPublisher } from '../../src/slack/slack-chart-publisher.ts';
import { createSlackSender } from '../../src/slack/slack-sender.ts';
import { DEFAULT_NOTIFICATION_LEASE_MINUTES } from '../../src/config/config-schema.ts';
import { sendWeeklyDigest } from '../../src/use-cases/send-weekly-digest.ts';
import { startFakeSlack, type ApiCall, type FakeSlack } from '../fakes/slack-api.ts';
import { tableLines } from '../slack/table-lines.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { CHANNEL, DIGEST_NOW, MAYA, NEXT_WEEK, postedText, seedDigestScenario } from './digest-scenario.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let db: TestDatabase;
let services: Services;
let config: Config;
let fake: FakeSlack;
let logged: { message: string; extra: Record<string, unknown> }[];
let run: (now: Date) => ReturnType<typeof sendWeeklyDigest>;

beforeEach(async () => {
  db = await withSqlite();
  ({ services, config } = await seedDigestScenario(db));
  fake = await startFakeSlack();
  logged = [];
  const log = createRichFallbackLog((message, extra) => logged.push({ message, extra }));
  const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const sender = createSlackSender({
    client,
    outbox: services.outbox,
    leaseMinutes: DEFAULT_NOTIFICATION_LEASE_MINUTES,
    richFallback: { log },
  });
  const charts = createSlackChartPublisher({ log })(client);
  run = (now) => sendWeeklyDigest({ services, config, sender, charts, now, team: 'northside' });
});
afterEach(async () => {
  await fake.close();
  await db.close();
});

const delivered = () => fake.calls.filter((call) => call.method === 'chat.postMessage' && !call.error);
const blocksOf = (call: ApiCall) => call.args.blocks as { type: string; slack_file?: { id: string }; alt_text?: string }[];

describe('the digest with charts and tables', () => {
  it('when the digest runs, then each copy is one message with the averages as a table block and the uploaded PNG chart as an image block', async () => {
    const result = await run(DIGEST_NOW);

    expect(result).toEqual({ status: 'sent', key: 'northside:2026-W36', channel: CHANNEL, directMessages: 1 });
    // One chart for the team and week, uploaded once, completed, and shared into no channel.
    expect(fake.uploads).toHaveLength(1);
    const [upload] = fake.uploads;
    expect(upload).toMatchObject({
      filename: 'trend-team-northside.png',
      completed: true,
      channelId: undefined,
      title: 'Northside Support: 8-week trend',
    });
    const png = upload!.bytes!;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
    expect(upload!.length).toBe(png.length);

    const posts = delivered();
    expect(posts.map((call) => call.args.channel)).toEqual([CHANNEL, MAYA]);
    for (const post of posts) {
      const blocks = blocksOf(post);
      expect(blocks.filter((block) => block.type === 'table')).toHaveLength(1);
      const images = blocks.filter((block) => block.type === 'image');
      expect(images).toHaveLength(1);
      expect(images[0]?.slack_file).toEqual({ id: upload!.id });
      // The alt text states the figures: every series with its weekly values and threshold.
      expect(images[0]?.alt_text).toMatch(
        /Overall: [\d, none]+; threshold 75\. Empathy expression \(targeted\): [\d, none]+; threshold \d+\./,
      );
      expect(upload!.altText).toBe(images[0]?.alt_text);
      const rows = tableLines(blocks);
      expect(rows[0]).toBe('criterion  baseline  post-training  Δ  latest  threshold');
      expect(rows.some((row) => /^Empathy expression\* {2}60 {2}\d+ {2}\+\d+ {2}\d+ {2}75$/.test(row))).toBe(true);
    }
    expect(logged).toEqual([]);
  });

  it('when Slack refuses the upload for a missing scope, then the digest still goes out once with its table, and the refusal is logged once with what to fix', async () => {
    fake.failCalls({ method: 'files.getUploadURLExternal', error: 'missing_scope' });

    expect(await run(DIGEST_NOW)).toMatchObject({ status: 'sent', channel: CHANNEL, directMessages: 1 });
    expect(await run(NEXT_WEEK)).toMatchObject({ status: 'sent', channel: CHANNEL, directMessages: 1 });

    const posts = delivered();
    expect(posts.map((call) => call.args.channel)).toEqual([CHANNEL, MAYA, CHANNEL, MAYA]);
    for (const post of posts) {
      expect(blocksOf(post).some((block) => block.type === 'image')).toBe(false);
      expect(tableLines(blocksOf(post))[0]).toBe('criterion  baseline  post-training  Δ  latest  threshold');
    }
    // Asked once: after a scope refusal uploads rest, so the next week's digest does not ask again.
    expect(fake.calls.filter((call) => call.method === 'files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.uploads).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain('missing_scope');
    expect(logged[0]?.message).toContain('add the files:write bot scope');
  });

  it('when the upload fails with a 5xx, then the digest goes out without the chart, and the next digest tries the upload again', async () => {
    fake.failCalls({ method: 'files.completeUploadExternal', error: 'internal_error', status: 500, times: 1 });

    await run(DIGEST_NOW);
    expect(delivered()).toHaveLength(2);
    expect(delivered().every((post) => !blocksOf(post).some((block) => block.type === 'image'))).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain('Slack or the network failed for a moment');

    await run(NEXT_WEEK);
    const images = delivered()
      .slice(2)
      .map((post) => blocksOf(post).find((block) => block.type === 'image'));
    expect(images.map((image) => image?.slack_file?.id)).toEqual([fake.uploads.at(-1)?.id, fake.uploads.at(-1)?.id]);
  });

  it('when a client refuses table blocks, then each copy goes out once as its text tables, and the refusal is logged once', async () => {
    fake.refuseBlocks(['table']);

    expect(await run(DIGEST_NOW)).toMatchObject({ status: 'sent', channel: CHANNEL, directMessages: 1 });

    const attempts = fake.calls.filter((call) => call.method === 'chat.postMessage');
    expect(attempts.map((call) => [call.args.channel, call.error ?? 'ok'])).toEqual([
      [CHANNEL, 'invalid_blocks'],
      [CHANNEL, 'ok'],
      [MAYA, 'invalid_blocks'],
      [MAYA, 'ok'],
    ]);
    for (const post of delivered()) {
      expect(blocksOf(post).some((block) => block.type === 'table' || block.type === 'image')).toBe(false);
      expect(postedText(post.args)).toMatch(/```\ncriterion +baseline +post-training +Δ +latest +threshold\nOverall +60 /);
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain('invalid_blocks');
  });
});
