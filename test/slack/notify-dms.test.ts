/**
 * Notifications over real boundaries: a real SQLite database with the example config applied and
 * scores imported, the real Slack WebClient posting to the fake Slack Web API on loopback. Ana
 * (AG-101, U0ANA00001) reaches readiness for basic_inbound; Ben (AG-102, U0BEN00001) improves, then
 * drops; Maya (U0MAYA0001) manages their team.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { SLACK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { APPROVE_READINESS_ACTION_ID, decodeApproveValue } from '../../src/slack/slack-ids.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { testSender } from '../support/test-sender.ts';
import { startFakeSlack, type ApiCall, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, scoresCsv, spaced } from '../support/score-scenarios.ts';

const MAYA = 'U0MAYA0001';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; action_id?: string; value?: string; text?: string | { text: string } }[];
}

let db: TestDatabase;
let services: Services;
let config: Config;
let slack: FakeSlack;

const batch = (agent: string, k: number, score: number) => calls({ agent, at: spaced(PERIOD[k] as string, 15), scores: all(score) });
const baseline = (agent: string) => calls({ agent, at: daily('2026-07-01', 20), scores: all(60) });

const notify = (on: Services = services) =>
  sendNotifications({ services: on, config, sender: testSender(on.outbox, slack.apiUrl), now: NOW });

const posts = (): ApiCall[] => slack.calls.filter((call) => call.method === 'chat.postMessage');
const postsTo = (user: string): ApiCall[] => posts().filter((call) => call.args.channel === user);
const blocksOf = (call: ApiCall): Block[] => (call.args.blocks as Block[] | undefined) ?? [];
const textOf = (call: ApiCall): string =>
  [
    String(call.args.text ?? ''),
    ...blocksOf(call).flatMap((block) => [
      block.text?.text ?? '',
      ...(block.fields ?? []).map((field) => field.text),
      ...(block.elements ?? []).map((element) => (typeof element.text === 'string' ? element.text : (element.text?.text ?? ''))),
    ]),
  ].join('\n');
const approveButtons = (call: ApiCall) =>
  blocksOf(call).flatMap((block) =>
    block.type === 'actions' ? (block.elements ?? []).filter((element) => element.action_id === APPROVE_READINESS_ACTION_ID) : [],
  );

/** Every Slack limit the builders promise to respect, checked on what reached Slack. */
const expectWithinSlackLimits = (call: ApiCall): void => {
  const blocks = blocksOf(call);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(String(call.args.text).length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.block_id) expect(block.block_id.length).toBeLessThanOrEqual(SLACK_LIMITS.blockId);
    for (const element of block.elements ?? []) {
      if (element.value !== undefined) expect(element.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
      if (element.type === 'button' && typeof element.text === 'object')
        expect(element.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    }
  }
};

const outboxRows = () => db.prisma.notification.findMany({ orderBy: { createdAt: 'asc' } });

beforeEach(async () => {
  db = await withSqlite();
  services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  config = await loadConfig(EXAMPLE_CONFIG);
  await applyConfig(services, config);
  slack = await startFakeSlack();
});

afterEach(async () => {
  await slack.close();
  await db.close();
});

describe('manager DMs', () => {
  beforeEach(async () => {
    await importScores(services, scoresCsv([baseline('AG-101'), batch('AG-101', 0, 80), batch('AG-101', 1, 82)]));
  });

  it('when Ana becomes ready, then Maya gets one DM with an Approve button for Ana and basic_inbound', async () => {
    const run = await notify();

    expect(run.failed).toEqual([]);
    expect(run.errors).toEqual([]);
    const toMaya = postsTo(MAYA);
    expect(toMaya).toHaveLength(1);
    const dm = toMaya[0] as ApiCall;
    expect(dm.authorization).toBe('Bearer xoxb-test-token');
    expect(textOf(dm)).toContain('Ana Ruiz is ready for independent handling of Basic inbound calls');
    expect(textOf(dm)).toMatch(/Batch from 2026-08-14 to 2026-08-27: 15 calls, overall \*80\*/);
    const [button] = approveButtons(dm);
    expect(button).toBeDefined();
    expect(decodeApproveValue(button?.value)).toEqual({
      agent: 'ana.ruiz@example.com',
      callType: 'basic_inbound',
      filter: 'basic_inbound',
    });
    expectWithinSlackLimits(dm);

    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'readiness', recipient: MAYA, status: 'sent' });
    expect(rows[0]?.key).toMatch(/^readiness_reached:.*:U0MAYA0001$/);
  });

  it('when the notifications run again for the same state, then no second DM goes out', async () => {
    await notify();
    const again = await notify();

    expect(postsTo(MAYA)).toHaveLength(1);
    expect(again.sent).toBe(0);
    expect(again.planned).toEqual([]);
    expect(await outboxRows()).toHaveLength(1);
  });

  it('when two runs race on separate database connections, then Maya gets exactly one DM', async () => {
    const other = await openDatabase(db.url, { migrate: false });
    try {
      const otherServices = createServices(other, { scorer: createEmbeddedScorer(), now: () => NOW });
      const [first, second] = await Promise.all([notify(), notify(otherServices)]);

      expect(postsTo(MAYA)).toHaveLength(1);
      expect(first.sent + second.sent).toBe(1);
      expect(first.errors.concat(second.errors)).toEqual([]);
      expect(await outboxRows()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('coaching DMs', () => {
  it('when Ben improves and then drops, then Maya gets one DM bundling each coaching recommendation with its evidence and no Approve button', async () => {
    await importScores(services, scoresCsv([baseline('AG-102'), batch('AG-102', 0, 90), batch('AG-102', 1, 70)]));

    const run = await notify();

    expect(run.errors).toEqual([]);
    const toMaya = postsTo(MAYA);
    expect(toMaya).toHaveLength(1);
    const dm = toMaya[0] as ApiCall;
    const text = textOf(dm);
    expect(text).toContain('Improved, then dropped');
    expect(text).toContain('Ben Okafor');
    expect(text).toContain('reinforcement coaching session');
    expect(text).toMatch(/Rose to 90 in the batch from 2026-08-14 \(15 calls\)/);
    expect(text).toMatch(/Fell to 70 in the batch from 2026-08-28 \(15 calls\)/);
    expect(approveButtons(dm)).toEqual([]);
    expectWithinSlackLimits(dm);
    const rows = await outboxRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.kind === 'coaching' && row.recipient === MAYA && row.status === 'sent')).toBe(true);
    // Every recommendation claimed is in the one DM: a section and a fallback line each.
    expect(blocksOf(dm).filter((block) => block.type === 'section' && block.text?.text.startsWith(':large_orange_circle:'))).toHaveLength(
      rows.length,
    );
    expect(String(dm.args.text).split('\n')).toHaveLength(rows.length);
    expect(run.sent).toBe(1);
    expect(run.planned).toEqual([expect.objectContaining({ kind: 'coaching', recipient: MAYA, keys: rows.map((row) => row.key) })]);
  });

  it('when a criterion is low across the whole team, then its coaching is not sent agent by agent', async () => {
    const agents = ['AG-101', 'AG-102', 'AG-103'];
    // Empathy unchanged from baseline for everyone: a curriculum gap, told in the digest.
    await importScores(services, scoresCsv(agents.flatMap((agent) => [baseline(agent), batch(agent, 0, 62), batch(agent, 1, 61)])));

    const run = await notify();

    expect(run.skipped.teamWide).toBeGreaterThan(0);
    expect(posts().filter((call) => textOf(call).includes('No change since baseline'))).toEqual([]);
  });
});

describe('one DM per manager and agent', () => {
  // Ana: ready for basic_inbound (80 then 82), and her two targeted criteria (empathy, active listening)
  // stayed within 5 points of a baseline of 78: readiness and two coaching rules at once.
  const anaReadyButUnchanged = () =>
    scoresCsv([calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(78) }), batch('AG-101', 0, 80), batch('AG-101', 1, 82)]);
  const escalationBatch = () =>
    scoresCsv([calls({ agent: 'AG-101', callType: 'escalation', at: spaced(PERIOD[1] as string, 15), scores: all(60) })]);
  const sections = (call: ApiCall): string[] =>
    blocksOf(call).flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));

  beforeEach(async () => {
    await importScores(services, anaReadyButUnchanged());
  });

  it('when Ana is ready and two coaching rules fire, then Maya gets one DM: readiness with its Approve button first, then both coaching recommendations with their evidence', async () => {
    const run = await notify();

    expect(run.errors).toEqual([]);
    expect(run.failed).toEqual([]);
    const toMaya = postsTo(MAYA);
    expect(toMaya).toHaveLength(1);
    const dm = toMaya[0] as ApiCall;
    expect(blocksOf(dm)[0]?.text?.text).toBe('Ana Ruiz: ready for Basic inbound · 2 coaching recommendations');
    const [ready, empathy, listening] = sections(dm);
    expect(ready).toContain('met the readiness threshold for *Basic inbound* calls');
    expect(ready).toMatch(/Batch from 2026-08-28 to 2026-09-10: 15 calls, overall \*82\*/);
    expect(empathy).toContain('*No change since baseline* · <@U0ANA00001> · Basic inbound, Empathy expression');
    expect(empathy).toMatch(/• Baseline: 78 \(20 calls, Basic inbound\)\n• Now: 82 in the batch from 2026-08-28 \(15 calls\)/);
    expect(listening).toContain('Basic inbound, Active listening');
    // The Approve button comes right after the readiness, before the coaching.
    const types = blocksOf(dm).map((block) => block.type);
    expect(types.indexOf('actions')).toBeLessThan(blocksOf(dm).findIndex((block) => block.text?.text === empathy));
    expect(approveButtons(dm).map((button) => decodeApproveValue(button.value))).toEqual([
      { agent: 'ana.ruiz@example.com', callType: 'basic_inbound', filter: 'basic_inbound' },
    ]);
    expect(String(dm.args.text).split('\n')).toEqual([
      'Ana Ruiz is ready for independent handling of Basic inbound calls: approve it from this message or the scorecard.',
      expect.stringMatching(/^Coaching for Ana Ruiz: Ana Ruiz's Empathy expression on basic_inbound calls is 82\.0/),
      expect.stringMatching(/^Coaching for Ana Ruiz: Ana Ruiz's Active listening on basic_inbound calls is 82\.0/),
    ]);
    expectWithinSlackLimits(dm);

    // Each recommendation keeps its own outbox key, all recorded sent.
    const rows = await outboxRows();
    expect(rows.map((row) => [row.key.split(':')[0], row.kind, row.recipient, row.status]).sort()).toEqual([
      ['readiness_reached', 'readiness', MAYA, 'sent'],
      ['unchanged_from_baseline', 'coaching', MAYA, 'sent'],
      ['unchanged_from_baseline', 'coaching', MAYA, 'sent'],
    ]);
    expect(rows.every((row) => row.key.endsWith(`:${MAYA}`))).toBe(true);
    expect(run).toMatchObject({ sent: 1, alreadyClaimed: 0 });
    expect(run.planned).toEqual([expect.objectContaining({ kind: 'readiness', recipient: MAYA, agentKey: 'ana.ruiz@example.com' })]);
    expect(run.planned[0]?.keys).toHaveLength(3);
    expect(run.planned[0]?.key).toMatch(/^readiness_reached:/);
  });

  it('when the notifications run again for the same state, then nothing is sent', async () => {
    await notify();
    const again = await notify();

    expect(postsTo(MAYA)).toHaveLength(1);
    expect(again).toMatchObject({ sent: 0, planned: [], alreadyClaimed: 3, failed: [], errors: [] });
    expect(await outboxRows()).toHaveLength(3);
  });

  it('when a new batch adds a recommendation, then the next DM holds only the new one', async () => {
    await notify();
    // Escalation calls far below basic inbound: the call-type spread rule fires; the others keep their state.
    await importScores(services, escalationBatch());

    const run = await notify();

    expect(run.errors).toEqual([]);
    const toMaya = postsTo(MAYA);
    expect(toMaya).toHaveLength(2);
    const dm = toMaya[1] as ApiCall;
    expect(sections(dm)).toHaveLength(1);
    expect(textOf(dm)).toContain('Uneven across call types');
    expect(textOf(dm)).not.toContain('No change since baseline');
    expect(approveButtons(dm)).toEqual([]);
    expect(run).toMatchObject({ sent: 1, alreadyClaimed: 3 });
    expect(run.planned.map((message) => message.keys)).toEqual([[expect.stringMatching(/^call_type_variance:.*:U0MAYA0001$/)]]);
    expect(await outboxRows()).toHaveLength(4);
  });

  it('when another run already claimed part of the bundle, then only the unclaimed recommendations go out', async () => {
    const [planned] = (await sendNotifications({ services, config, sender: testSender(services.outbox, null), now: NOW, dryRun: true }))
      .planned;
    const readinessKey = planned?.keys.find((key) => key.startsWith('readiness_reached:')) as string;
    await services.outbox.claimNotification({ key: readinessKey, kind: 'readiness', recipient: MAYA, payload: {}, at: NOW });

    const run = await notify();

    const toMaya = postsTo(MAYA);
    expect(toMaya).toHaveLength(1);
    const dm = toMaya[0] as ApiCall;
    expect(approveButtons(dm)).toEqual([]);
    expect(sections(dm)).toHaveLength(2);
    expect(textOf(dm)).not.toContain('met the readiness threshold');
    expect(blocksOf(dm)[0]?.text?.text).toBe('Ana Ruiz: 2 coaching recommendations');
    expect(run).toMatchObject({ sent: 1, alreadyClaimed: 1 });
    expect((await outboxRows()).map((row) => row.status).sort()).toEqual(['pending', 'sent', 'sent']);
  });

  it('when two runs race over the same bundle on separate connections, then each recommendation reaches Maya exactly once', async () => {
    const other = await openDatabase(db.url, { migrate: false });
    try {
      const otherServices = createServices(other, { scorer: createEmbeddedScorer(), now: () => NOW });
      const [first, second] = await Promise.all([notify(), notify(otherServices)]);

      // Whichever way the race goes, each recommendation reaches Maya exactly once.
      expect(first.sent + second.sent).toBeGreaterThanOrEqual(1);
      const delivered = postsTo(MAYA).flatMap((call) => String(call.args.text).split('\n'));
      expect(delivered).toHaveLength(3);
      expect(new Set(delivered).size).toBe(3);
      expect(first.alreadyClaimed + second.alreadyClaimed).toBe(3);
      expect(await outboxRows()).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});
