/** `floorready digest` in-process, the way a user runs it, against a real SQLite database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { runFloorready } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { CHANNEL, DIGEST_NOW, MAYA, NOT_READY_AGENTS, READY_AGENT, seedDigestScenario } from './digest-scenario.ts';

let db: TestDatabase;
let fake: FakeSlack;
beforeEach(async () => {
  db = await withSqlite();
  await seedDigestScenario(db);
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
  await db.close();
});

const slackEnv = () => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_API_URL: fake.apiUrl });

describe('floorready digest', () => {
  it("when run with --dry-run, then it prints the channel copy and the managers' copy and claims nothing", async () => {
    const run = await runFloorready(['digest', '--dry-run', '--at', '2026-09-07'], {
      databaseUrl: db.url,
      env: slackEnv(),
      now: () => DIGEST_NOW,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('northside:2026-W36 (dry run: nothing sent, nothing claimed)');
    expect(run.stdout).toContain(`to channel ${CHANNEL}:`);
    expect(run.stdout).toContain(`DM to Maya Chen (${MAYA}):`);
    const [channelCopy, managerCopy] = run.stdout.split(`DM to Maya Chen (${MAYA}):`);
    expect(channelCopy).toContain(`${READY_AGENT}: ready for Basic inbound`);
    for (const name of NOT_READY_AGENTS) expect(channelCopy).not.toContain(name);
    expect(managerCopy).toContain('Needs attention');
    expect(managerCopy).toContain('Ben Okafor');
    expect(await db.prisma.digestRun.count()).toBe(0);
    expect(fake.calls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(0);
  });

  it("when run with a bot token, then it sends the week's digest once however often it runs", async () => {
    const options = { databaseUrl: db.url, env: slackEnv(), now: () => DIGEST_NOW };
    const first = await runFloorready(['digest', '--team', 'northside'], options);
    const second = await runFloorready(['digest', '--team', 'northside'], options);

    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`northside:2026-W36: sent to ${CHANNEL} and 1 manager DM.`);
    expect(second.stdout).toContain('northside:2026-W36: already sent');
    expect(fake.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === CHANNEL)).toHaveLength(1);
  });

  it('when run without a bot token and without --dry-run, then it says what to set and sends nothing', async () => {
    const run = await runFloorready(['digest'], { databaseUrl: db.url, now: () => DIGEST_NOW });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
    expect(run.stderr).toContain('--dry-run');
    expect(await db.prisma.digestRun.count()).toBe(0);
  });

  it('when --at is not a date, then it says what it expects', async () => {
    const run = await runFloorready(['digest', '--dry-run', '--at', 'next monday'], { databaseUrl: db.url });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--at: "next monday" is not an ISO date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM (read in America/Chicago');
  });

  it('when asked for help, then it explains the options and what each copy holds', async () => {
    const run = await runFloorready(['digest', '--help'], { databaseUrl: db.url });

    expect(run.code).toBe(0);
    for (const text of ['--team <key>', '--dry-run', '--at <ISO date>', 'names no one', 'needs attention', 'SLACK_BOT_TOKEN'])
      expect(run.stdout).toContain(text);
  });
});
