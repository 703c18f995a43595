/**
 * The weekly digest over real boundaries: a real SQLite database with the example config and scores
 * imported, the real Slack WebClient (through the digest's sender) against a fake Slack Web API on
 * loopback. What reached the fake Slack is what a channel and a manager would read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Config } from '../../src/config/config-file.ts';
import type { SlackMessage } from '../../src/slack/blocks/limits.ts';
import { createSlackTransport, createSlackWebClient } from '../../src/slack/slack-sender.ts';
import type { Services } from '../../src/services.ts';
import { sendWeeklyDigest } from '../../src/use-cases/send-weekly-digest.ts';
import type { Sender } from '../../src/use-cases/sending/sender.ts';
import { senderWith, testSender } from '../support/test-sender.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { CHANNEL, DIGEST_NOW, MAYA, NEXT_WEEK, NOT_READY_AGENTS, READY_AGENT, postedText, seedDigestScenario } from './digest-scenario.ts';

let db: TestDatabase;
let services: Services;
let config: Config;
let fake: FakeSlack;
let slack: Sender<SlackMessage>;

beforeEach(async () => {
  db = await withSqlite();
  ({ services, config } = await seedDigestScenario(db));
  fake = await startFakeSlack();
  slack = testSender(services.outbox, fake.apiUrl, { leaseMinutes: config.notifications.leaseMinutes, retries: false });
});
afterEach(async () => {
  await fake.close();
  await db.close();
});

const posts = () => fake.calls.filter((call) => call.method === 'chat.postMessage');
const channelPosts = () => posts().filter((call) => call.args.channel === CHANNEL);
const dmsTo = (user: string) => posts().filter((call) => call.args.channel === user);

describe('sendWeeklyDigest', () => {
  it('when the digest runs, then the channel gets one message with the team averages and who became ready, and names no one negatively', async () => {
    const result = await sendWeeklyDigest({ services, config, sender: slack, now: DIGEST_NOW, team: 'northside' });

    expect(result).toEqual({ status: 'sent', key: 'northside:2026-W36', channel: CHANNEL, directMessages: 1 });
    expect(channelPosts()).toHaveLength(1);
    const text = postedText(channelPosts()[0]!.args);
    expect(text).toContain('Team averages vs baseline');
    expect(text).toMatch(/Empathy expression\*\s+60\s+\d+\s+\+\d+/);
    expect(text).toContain(`${READY_AGENT}: ready for Basic inbound`);
    expect(text).toContain('8-week trend');
    expect(text).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(text).toContain('Roleplay vs live');
    expect(text).toContain('Did Empathy expression and Active listening improve?');
    expect(text).toContain('Did it hold across call types?');
    expect(text).toContain('Did adjacent criteria improve too?');
    for (const name of NOT_READY_AGENTS) expect(text).not.toContain(name);
    expect(text).not.toContain('Needs attention');
  });

  it('when the digest runs, then each manager gets a DM copy that names who needs attention with the action', async () => {
    await sendWeeklyDigest({ services, config, sender: slack, now: DIGEST_NOW, team: 'northside' });

    expect(dmsTo(MAYA)).toHaveLength(1);
    const text = postedText(dmsTo(MAYA)[0]!.args);
    expect(text).toContain('manager copy');
    expect(text).toContain('Needs attention');
    expect(text).toMatch(
      /\*Ben Okafor\*\n• Empathy expression on basic_inbound improved then dropped [\d.]+ points: add a reinforcement coaching session\./,
    );
    expect(text).toContain(`${READY_AGENT}: ready for Basic inbound`);
  });

  it('when the digest is marked sent, then running it again for the same week sends nothing', async () => {
    await sendWeeklyDigest({ services, config, sender: slack, now: DIGEST_NOW, team: 'northside' });
    const again = await sendWeeklyDigest({
      services,
      config,
      sender: slack,
      now: new Date(DIGEST_NOW.getTime() + 3_600_000),
      team: 'northside',
    });

    expect(again).toEqual({ status: 'already_claimed', key: 'northside:2026-W36' });
    expect(posts()).toHaveLength(2);
    const run = await db.prisma.digestRun.findUniqueOrThrow({ where: { key: 'northside:2026-W36' } });
    expect(run.status).toBe('sent');
    expect(run.sentAt).not.toBeNull();
    expect(run.periodStart.toISOString()).toBe('2026-08-31T05:00:00.000Z');
    expect(run.periodEnd.toISOString()).toBe('2026-09-07T05:00:00.000Z');
  });

  it('when no one crossed the threshold in the week, then the channel says so and names no one', async () => {
    await sendWeeklyDigest({ services, config, sender: slack, now: NEXT_WEEK, team: 'northside' });

    const text = postedText(channelPosts()[0]!.args);
    expect(text).toContain('No one crossed the readiness threshold this week.');
    expect(text).not.toContain(READY_AGENT);
    for (const name of NOT_READY_AGENTS) expect(text).not.toContain(name);
  });

  it('when the team has no digest channel, then only the managers get a copy', async () => {
    await db.prisma.team.update({ where: { key: 'northside' }, data: { digestChannel: null } });

    const result = await sendWeeklyDigest({ services, config, sender: slack, now: DIGEST_NOW, team: 'northside' });

    expect(result).toMatchObject({ status: 'sent', channel: null, directMessages: 1 });
    expect(posts().map((call) => call.args.channel)).toEqual([MAYA]);
  });

  it('when Slack fails, then the error is recorded on the run and nothing is thrown', async () => {
    const real = createSlackTransport(createSlackWebClient({ botToken: 'xoxb-test-token', apiUrl: fake.apiUrl }));
    const failing = senderWith(services.outbox, {
      post: async (to, message) => {
        if (to.kind === 'channel') throw new Error('An API error occurred: channel_not_found');
        return real.post(to, message);
      },
    });

    const result = await sendWeeklyDigest({ services, config, sender: failing, now: DIGEST_NOW, team: 'northside' });

    expect(result).toMatchObject({ status: 'failed', key: 'northside:2026-W36' });
    const run = await db.prisma.digestRun.findUniqueOrThrow({ where: { key: 'northside:2026-W36' } });
    expect(run.status).toBe('failed');
    expect(run.error).toContain('channel_not_found');
    // The managers still got their copy: one failed delivery does not stop the others.
    expect(dmsTo(MAYA)).toHaveLength(1);
  });

  it('when the manager DM failed, then the next run sends only the DM: the channel never gets the digest twice', async () => {
    fake.failPosts({ channel: MAYA, error: 'internal_error', times: 1 });
    const first = await sendWeeklyDigest({ services, config, sender: slack, now: DIGEST_NOW, team: 'northside' });
    expect(first).toMatchObject({ status: 'failed', key: 'northside:2026-W36' });
    expect(channelPosts()).toHaveLength(1);

    const second = await sendWeeklyDigest({
      services,
      config,
      sender: slack,
      now: new Date(DIGEST_NOW.getTime() + 60_000),
      team: 'northside',
    });
    expect(second).toMatchObject({ status: 'sent', channel: null, directMessages: 1 });
    expect(channelPosts()).toHaveLength(1);
    expect(dmsTo(MAYA).filter((call) => !call.error)).toHaveLength(1);
    const run = await db.prisma.digestRun.findUniqueOrThrow({ where: { key: 'northside:2026-W36' } });
    expect(run).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('when the instance sending a digest died, then a run within the lease leaves it and the first run after the lease sends it', async () => {
    const team = await db.prisma.team.findUniqueOrThrow({ where: { key: 'northside' } });
    // What a run killed right after claiming leaves behind: a claim and nothing delivered.
    await db.prisma.digestRun.create({
      data: {
        key: 'northside:2026-W36',
        teamId: team.id,
        periodStart: new Date('2026-08-31T05:00:00Z'),
        periodEnd: new Date('2026-09-07T05:00:00Z'),
        claimedAt: DIGEST_NOW,
      },
    });
    const leaseMinutes = config.notifications.leaseMinutes;
    const soon = await sendWeeklyDigest({
      services: { ...services, now: () => new Date(DIGEST_NOW.getTime() + (leaseMinutes - 1) * 60_000) },
      config,
      sender: slack,
      now: DIGEST_NOW,
      team: 'northside',
    });
    expect(soon).toMatchObject({ status: 'already_claimed' });
    expect(posts()).toHaveLength(0);

    const late = await sendWeeklyDigest({
      services: { ...services, now: () => new Date(DIGEST_NOW.getTime() + (leaseMinutes + 1) * 60_000) },
      config,
      sender: slack,
      now: DIGEST_NOW,
      team: 'northside',
    });
    expect(late).toMatchObject({ status: 'sent', channel: CHANNEL, directMessages: 1 });
    expect(channelPosts()).toHaveLength(1);
    expect(dmsTo(MAYA)).toHaveLength(1);
  });
});
