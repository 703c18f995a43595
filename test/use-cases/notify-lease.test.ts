/**
 * A `notify` run killed mid-send, on SQLite and PostgreSQL: the real `floorready notify` runs as a child
 * process against the fake Slack Web API over HTTP, which answers Maya's DM with 429 and a long
 * Retry-After; while the WebClient waits it out, the child is killed with SIGKILL. Its claim stays
 * `pending`. A later run within the lease (10 minutes) leaves it to the run that claimed it; a run past
 * the lease claims it again and sends it, exactly once. Ana (AG-101) is ready for basic_inbound and two of
 * her targeted criteria stayed at baseline: one DM to Maya bundling three outbox keys.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { afterEach, beforeEach, expect, it, vi } from 'vitest';

import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG, floorreadyProcessArgs, REPO_ROOT, runFloorready, writeConfig } from '../support/cli.ts';
import { describeEachDatabase, openSnapshot, snapshotDatabase, type DatabaseSnapshot, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, spaced, writeScenario } from '../support/score-scenarios.ts';

const MAYA = 'U0MAYA0001';
const MINUTE = 60_000;

describeEachDatabase('a notify run killed mid-send', (database) => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    db = await database.open();
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = null;
    await slack.close();
    await db.close();
  });

  const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_API_URL: slack.apiUrl });
  const notifyAt = (at: Date, configPath = EXAMPLE_CONFIG) =>
    runFloorready(['notify'], { databaseUrl: db.url, configPath, env: slackEnv(), now: () => at });
  const postsToMaya = () => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === MAYA);
  const deliveredToMaya = () => postsToMaya().filter((call) => call.error === undefined);
  const rows = () =>
    db.prisma.notification.findMany({ orderBy: { key: 'asc' }, select: { status: true, attempts: true, claimedAt: true, slackTs: true } });

  const load = async () => {
    const file = await writeScenario([
      calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(78) }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[0], 15), scores: all(80) }),
      calls({ agent: 'AG-101', at: spaced(PERIOD[1], 15), scores: all(82) }),
    ]);
    const imported = await runFloorready(['import-scores', file], { databaseUrl: db.url });
    expect(imported.code, imported.stderr).toBe(0);
  };

  /** `floorready notify` in a child process (the real entry point, real clock), killed with SIGKILL once its DM to Maya is on the wire. */
  const notifyKilledMidSend = async (): Promise<void> => {
    slack.rateLimitPosts({ channel: MAYA, retryAfterSeconds: 600, times: 1 });
    const stderr: string[] = [];
    // The CLI's own process entry: the build when it is fresh, else the sources (floorreadyProcessArgs).
    const started = spawn(process.execPath, floorreadyProcessArgs('notify'), {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, FLOORREADY_CONFIG: EXAMPLE_CONFIG, ...slackEnv() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    started.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => started.on('exit', (code, signal) => resolve(signal ?? code)));
    const deadline = Date.now() + 150_000;
    while (postsToMaya().length === 0) {
      if (started.exitCode !== null) throw new Error(`notify exited (${started.exitCode}) before it posted:\n${stderr.join('')}`);
      if (Date.now() > deadline) throw new Error(`notify never posted to Maya:\n${stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The WebClient is now waiting out the 429's Retry-After: the run dies mid-send.
    started.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  };

  /**
   * The database a run killed mid-send left (its claim pending), per provider: the test that kills a run keeps
   * a snapshot of it (ADR 0049), and the test that needs only the abandoned claim starts from a copy of it
   * (or kills a run itself, when it runs first): one notify process fewer.
   */
  let abandoned: DatabaseSnapshot | undefined;
  const killMidSend = async (): Promise<void> => {
    await load();
    await notifyKilledMidSend();
    abandoned ??= await snapshotDatabase(db);
  };
  const abandonedClaim = async (): Promise<void> => {
    if (!abandoned) return killMidSend();
    await db.close();
    db = await openSnapshot(abandoned);
  };

  it('when the run that claimed a DM is killed while Slack rate-limits it, then a run past the lease sends it exactly once', async () => {
    await killMidSend();
    expect(postsToMaya().map((call) => call.error)).toEqual(['ratelimited']);
    const abandoned = await rows();
    expect(abandoned.map((row) => [row.status, row.attempts, row.slackTs])).toEqual(Array(3).fill(['pending', 1, null]));
    const claimedAt = abandoned[0]?.claimedAt as Date;

    // Within the lease the claim may still be live: nothing is sent.
    const early = await notifyAt(new Date(claimedAt.getTime() + 9 * MINUTE));
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toContain('Sent 0, failed 0, already sent or claimed by another run 3.');
    expect(postsToMaya()).toHaveLength(1);

    // Past it, the claim is taken back and the DM goes out, once, with Slack's ts recorded.
    const late = await notifyAt(new Date(claimedAt.getTime() + 11 * MINUTE));
    expect(late.code, late.stderr).toBe(0);
    expect(late.stdout).toContain('Sent 1, failed 0, already sent or claimed by another run 0, retried 3.');
    expect(deliveredToMaya()).toHaveLength(1);
    expect(String(deliveredToMaya()[0]?.args.text)).toContain('Ana Ruiz');
    const sent = await rows();
    expect(sent.map((row) => [row.status, row.attempts])).toEqual(Array(3).fill(['sent', 2]));
    expect(new Set(sent.map((row) => row.slackTs))).toEqual(new Set(['1790000000.000001']));

    // What Slack received is never sent again, however late the next run.
    const later = await notifyAt(new Date(claimedAt.getTime() + 120 * MINUTE));
    expect(later.stdout).toContain('Sent 0, failed 0, already sent or claimed by another run 3.');
    expect(deliveredToMaya()).toHaveLength(1);
  }, 240_000);

  it('when notifications.leaseMinutes is set in the config, then an abandoned claim waits exactly that long', async () => {
    await abandonedClaim();
    const claimedAt = (await rows())[0]?.claimedAt as Date;
    const configPath = await writeConfig({ notifications: { leaseMinutes: 30 } });

    expect((await notifyAt(new Date(claimedAt.getTime() + 29 * MINUTE), configPath)).stdout).toContain('Sent 0,');
    expect((await notifyAt(new Date(claimedAt.getTime() + 31 * MINUTE), configPath)).stdout).toContain('Sent 1,');
    expect(deliveredToMaya()).toHaveLength(1);
  }, 240_000);

  it('when the run is killed after Slack took the DM but before the outbox recorded it, then the run past the lease finds it in the DM and sends nothing again', async () => {
    await load();
    // Slack takes the DM at once but answers only after 10 minutes: the child dies not knowing it was sent.
    slack.holdAnswers({ channel: MAYA, ms: 600_000 });
    const started = spawn(process.execPath, floorreadyProcessArgs('notify'), {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, FLOORREADY_CONFIG: EXAMPLE_CONFIG, ...slackEnv() },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child = started;
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => started.on('exit', (code, signal) => resolve(signal ?? code)));
    await vi.waitFor(() => expect(deliveredToMaya()).toHaveLength(1), { timeout: 150_000, interval: 100 });
    started.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const abandoned = await rows();
    expect(abandoned.map((row) => [row.status, row.slackTs])).toEqual(Array(3).fill(['pending', null]));
    const claimedAt = abandoned[0]?.claimedAt as Date;

    const late = await notifyAt(new Date(claimedAt.getTime() + 11 * MINUTE));
    expect(late.code, late.stderr).toBe(0);
    // The DM Slack already shows carries the outbox keys in its metadata: recorded as sent, not posted twice.
    expect(deliveredToMaya()).toHaveLength(1);
    expect(slack.calls.some((call) => call.method === 'conversations.history')).toBe(true);
    const sent = await rows();
    expect(sent.map((row) => row.status)).toEqual(Array(3).fill('sent'));
    expect(new Set(sent.map((row) => row.slackTs))).toEqual(new Set([deliveredToMaya()[0]?.ts]));
  }, 240_000);
});
