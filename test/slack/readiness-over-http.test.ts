/**
 * The real Slack app over real HTTP on loopback: Bolt's HTTP receiver, a fake Slack (Web API and
 * response URLs), a real SQLite database with the example config applied and scores imported.
 * Ana (AG-101, U0ANA00001) is ready for basic_inbound; Ben (AG-102, U0BEN00001) is not; Maya
 * (U0MAYA0001) manages their team.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Services } from '../../src/services.ts';
import { APPROVE_READINESS_ACTION_ID, approveBlockId, encodeApproveValue } from '../../src/slack/slack-ids.ts';
import type { FakeSlack } from '../fakes/slack-api.ts';
import type { TestDatabase } from '../support/database.ts';
import { runFloorready } from '../support/cli.ts';
import { NOW, PERIOD } from '../support/score-scenarios.ts';
import { buttonClick, postSigned, slashCommand } from './slack-requests.ts';
import { SECRET, startSlackTestApp, type SlackTestApp } from './slack-test-app.ts';
import { findAgent } from '../../src/use-cases/resolve-access.ts';
import { tableLines } from './table-lines.ts';

const MAYA = { id: 'U0MAYA0001', name: 'maya' };
const ANA = { id: 'U0ANA00001', name: 'ana' };
const BEN = { id: 'U0BEN00001', name: 'ben' };
const STRANGER = { id: 'U0NOBODY01', name: 'stranger' };

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { type: string; action_id?: string; value?: string; text?: string | { text: string } }[];
}
type Answer = { text?: string; blocks?: Block[]; response_type?: string; replace_original?: boolean };

const allText = (answer: Answer): string =>
  [
    answer.text ?? '',
    ...(answer.blocks ?? []).flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))),
    ]),
    ...tableLines(answer.blocks),
  ].join('\n');
const approveButtons = (answer: Answer) =>
  (answer.blocks ?? []).flatMap((block) =>
    block.type === 'actions'
      ? (block.elements ?? [])
          .filter((e) => e.action_id === APPROVE_READINESS_ACTION_ID)
          .map((e) => ({ blockId: block.block_id ?? '', value: e.value ?? '' }))
      : [],
  );

let harness: SlackTestApp;
let db: TestDatabase;
let services: Services;
let slack: FakeSlack;
let eventsUrl: string;
let logLines: string[];
let sequence = 0;

beforeEach(async () => {
  harness = await startSlackTestApp();
  ({ db, services, slack, eventsUrl, logLines } = harness);
});

afterEach(async () => {
  await harness.stop();
});

/** Runs `/readiness <text>` as this user and returns the ephemeral answer posted to the response_url. */
const readiness = async (user: { id: string; name: string }, text: string): Promise<Answer> => {
  const name = `cmd-${++sequence}`;
  const sent = await postSigned(
    eventsUrl,
    slashCommand({ userId: user.id, userName: user.name, text, responseUrl: slack.responseUrl(name) }),
    { secret: SECRET },
  );
  expect(sent.status).toBe(200);
  const [answer] = await slack.waitForResponses(name);
  return answer?.body as Answer;
};

const click = async (
  user: { id: string; name: string },
  button: { blockId: string; value: string },
  options: { ephemeral?: boolean } = {},
): Promise<Answer> => {
  const name = `click-${++sequence}`;
  const sent = await postSigned(
    eventsUrl,
    buttonClick({
      userId: user.id,
      userName: user.name,
      actionId: APPROVE_READINESS_ACTION_ID,
      blockId: button.blockId,
      value: button.value,
      responseUrl: slack.responseUrl(name),
      ...options,
    }),
    { secret: SECRET },
  );
  expect(sent.status).toBe(200);
  const [answer] = await slack.waitForResponses(name);
  return answer?.body as Answer;
};

const decisionsOf = async (agentRef: string) => {
  const agent = await findAgent(services.directory, agentRef);
  return services.readiness.decisions([agent?.id ?? '']);
};

describe('/readiness over HTTP', () => {
  it('when the app starts, then it checks the bot token with auth.test on the Slack API it was given', () => {
    expect(slack.calls.map((call) => call.method)).toContain('auth.test');
    expect(slack.calls.find((call) => call.method === 'auth.test')?.authorization).toBe('Bearer xoxb-test-token');
  });

  it('when the manager asks for her agent, then she gets a private scorecard with status Ready and an Approve button', async () => {
    const answer = await readiness(MAYA, `<@${ANA.id}|ana>`);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Readiness of Ana Ruiz');
    const text = allText(answer);
    expect(text).toContain('Readiness · Ana Ruiz');
    expect(text).toContain('Empathy under pressure');
    expect(text).toMatch(/Basic inbound\* · :large_green_circle: \*Ready\*/);
    expect(text).toMatch(/Empathy expression\s+60\s+80 ±0 · 82 ±0\s+82 ±0\s+\+22\s+75\s+✓/);
    expect(text).toContain('15 calls from 2026-08-14');
    expect(text).toContain('*What to do*');
    expect(approveButtons(answer)).toEqual([
      {
        blockId: approveBlockId('basic_inbound'),
        value: encodeApproveValue({ agent: 'ana.ruiz@example.com', callType: 'basic_inbound', filter: null }),
      },
    ]);
  });

  it('when the manager names an agent by email and a call type by name, then the card is narrowed to that call type', async () => {
    const answer = await readiness(MAYA, 'ben.okafor@example.com Basic inbound');
    const text = allText(answer);
    expect(text).toContain('Readiness · Ben Okafor');
    expect(text).toMatch(/\*Not ready\*/);
    expect(text).toContain('Below the threshold in the last batches');
    expect(approveButtons(answer)).toEqual([]);
  });

  it('when a manager excluded calls of Ana through the CLI, then her scorecard says how many are excluded, why and by whom', async () => {
    const agent = await findAgent(services.directory, ANA.id);
    const [first, second] = await services.calls.list({ agentId: agent?.id as string, limit: 2 });
    const before = allText(await readiness(MAYA, `<@${ANA.id}|ana>`));
    expect(before).not.toContain('Excluded');
    for (const call of [first, second]) {
      const run = await runFloorready(['exclude', call?.id as string, '--reason', 'network outage cut the call', '--by', 'Maya Chen'], {
        databaseUrl: db.url,
        now: () => NOW,
      });
      expect(run.code, run.stderr).toBe(0);
    }
    const card = allText(await readiness(MAYA, `<@${ANA.id}|ana>`));
    // Who excluded is recorded one way, "Maya Chen (U0MAYA0001)", and shown in Slack as a mention.
    expect(card).toContain(`Excluded from every figure: 2 calls: 2 × “network outage cut the call” (by <@${MAYA.id}>)`);
    expect(allText(await readiness(ANA, ''))).toContain('Excluded from every figure: 2 calls');
  });

  it('when Ana runs /readiness with no argument, then she gets her own card without an Approve button or coaching notes', async () => {
    const answer = await readiness(ANA, '');
    const text = allText(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('Readiness · Ana Ruiz');
    expect(text).toContain('Your own scorecard: only you can see it.');
    expect(text).toMatch(/\*Ready\*/);
    expect(approveButtons(answer)).toEqual([]);
    expect(text).not.toContain('What to do');
  });

  it('when Ana names herself, then she gets her own card too', async () => {
    const answer = await readiness(ANA, `<@${ANA.id}> basic_inbound`);
    expect(allText(answer)).toContain('Readiness · Ana Ruiz');
    expect(approveButtons(answer)).toEqual([]);
  });

  it("when Ana asks for Ben's card, then she is refused politely with who may see what, and sees none of his scores", async () => {
    const answer = await readiness(ANA, `<@${BEN.id}|ben>`);
    const text = allText(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('You can only see your own scorecard');
    expect(text).toContain("a team's managers");
    expect(text).not.toContain('Ben Okafor');
    expect(text).not.toMatch(/Not ready|Ready/);
  });

  it('when someone who is neither agent nor manager runs /readiness, then they are told they are not set up and how to get access', async () => {
    const own = allText(await readiness(STRANGER, ''));
    expect(own).toContain('You are not set up in floorready');
    expect(own).toContain('U0NOBODY01');
    const other = allText(await readiness(STRANGER, `<@${ANA.id}>`));
    expect(other).toContain('You are not set up in floorready');
    expect(other).not.toContain('Ana Ruiz');
  });

  it('when the manager names someone who is not an agent or an unknown call type, then the answer says how to fix it', async () => {
    const unknownAgent = allText(await readiness(MAYA, `<@${STRANGER.id}>`));
    expect(unknownAgent).toContain(`No agent <@${STRANGER.id}> is configured`);
    expect(unknownAgent).toContain('npx floorready config apply');
    const unknownType = allText(await readiness(MAYA, `<@${ANA.id}> refunds`));
    expect(unknownType).toContain('"refunds" is not a call type floorready knows');
    expect(unknownType).toContain('`escalation` (Escalation)');
    const typedName = allText(await readiness(MAYA, '@ana'));
    expect(typedName).toContain('did not come through as a Slack mention');
  });

  it('when the manager runs /readiness with no argument, then she is told to name an agent and sees her team', async () => {
    const text = allText(await readiness(MAYA, ''));
    expect(text).toContain('Name an agent of a team you manage');
    expect(text).toContain(`<@${ANA.id}>`);
  });

  it('when the signature is wrong, then the request is refused with 401 and nothing is answered', async () => {
    const name = 'forged';
    const form = slashCommand({ userId: MAYA.id, userName: MAYA.name, text: `<@${ANA.id}>`, responseUrl: slack.responseUrl(name) });
    const sent = await postSigned(eventsUrl, form, { secret: 'not-the-secret' });
    expect(sent.status).toBe(401);
    const corrupted = await postSigned(eventsUrl, form, { secret: SECRET, signature: 'v0=deadbeef' });
    expect(corrupted.status).toBe(401);
    // A genuine command sent after them is answered: the forged ones had their turn, and got nothing.
    const marker = 'after-forged';
    const answered = await postSigned(
      eventsUrl,
      slashCommand({ userId: MAYA.id, userName: MAYA.name, text: `<@${ANA.id}>`, responseUrl: slack.responseUrl(marker) }),
      { secret: SECRET },
    );
    expect(answered.status).toBe(200);
    await slack.waitForResponses(marker, 1);
    expect(slack.responses.filter((post) => post.name === name)).toEqual([]);
  });

  it('when the timestamp is more than five minutes old, then the request is refused with 401 even with a valid signature', async () => {
    const form = slashCommand({ userId: MAYA.id, userName: MAYA.name, text: `<@${ANA.id}>`, responseUrl: slack.responseUrl('old') });
    const sent = await postSigned(eventsUrl, form, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(sent.status).toBe(401);
  });
});

describe('the Approve button over HTTP', () => {
  it('when the manager clicks Approve, then the decision is recorded with her as approver and the message is replaced', async () => {
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    const answer = await click(MAYA, button);

    const decisions = await decisionsOf('AG-101');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ callType: 'basic_inbound', approvedBy: 'Maya Chen (U0MAYA0001)', approvedAt: NOW });

    expect(answer.replace_original).toBe(true);
    const text = allText(answer);
    expect(text).toContain(`*Approved* by <@${MAYA.id}> at <!date^${Math.floor(NOW.getTime() / 1000)}^`);
    expect(text).toMatch(/Basic inbound\* · :white_check_mark: \*Approved\*/);
    expect(text).toContain(`Approved for independent handling by <@${MAYA.id}> on 2026-10-01.`);
    expect(approveButtons(answer)).toEqual([]);
  });

  it('when the manager clicks Approve in a notification DM (not ephemeral), then the decision is recorded and the DM is kept, the card coming as a new message', async () => {
    await db.prisma.readinessDecision.deleteMany({}); // start from "ready", whatever ran before
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    const answer = await click(MAYA, button, { ephemeral: false });
    expect(await decisionsOf('AG-101')).toHaveLength(1);
    expect(answer.replace_original).toBe(false);
    expect(allText(answer)).toContain(`*Approved* by <@${MAYA.id}>`);
  });

  it('when the manager clicks Approve a second time, then it is refused as already approved and nothing more is recorded', async () => {
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    await click(MAYA, button);
    const again = await click(MAYA, button);
    expect(again.replace_original).toBe(true);
    expect(allText(again)).toContain('Not approved: Ana Ruiz is already approved for basic_inbound');
    expect(await decisionsOf('AG-101')).toHaveLength(1);
  });

  it('when the agent is not ready, then Approve is refused with the reason and nothing is recorded', async () => {
    const forged = {
      blockId: approveBlockId('basic_inbound'),
      value: encodeApproveValue({ agent: 'ben.okafor@example.com', callType: 'basic_inbound', filter: null }),
    };
    const answer = await click(MAYA, forged);
    expect(allText(answer)).toContain('Not approved: Ben Okafor is not ready for basic_inbound');
    expect(await decisionsOf('AG-102')).toEqual([]);
  });

  it('when the scores behind a card turn unverified before the click, then Approve is refused with that reason and the card is redrawn without a button', async () => {
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    // A re-score could not verify the empathy evidence of three calls of Ana's latest batch.
    const latest = await db.prisma.call.findMany({
      where: { agent: { email: 'ana.ruiz@example.com' }, occurredAt: { gte: new Date(PERIOD[1]) } },
      take: 3,
    });
    await db.prisma.criterionScore.updateMany({
      where: { callId: { in: latest.map((call) => call.id) }, criterionKey: 'empathy' },
      data: { confidence: 'low' },
    });
    const answer = await click(MAYA, button);
    expect(allText(answer)).toContain('Not approved: Ana Ruiz is not ready for basic_inbound');
    expect(allText(answer)).toContain('evidence did not verify');
    expect(approveButtons(answer)).toEqual([]);
    expect(await decisionsOf('AG-101')).toEqual([]);
  });

  it('when a calibration gate is set and no reviewer has checked the scorer, then the card says "Ready, pending calibration" with no button, and a click is refused', async () => {
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    harness.config.thresholds.calibration = { minKappa: 0.6, minCalls: 20 };
    const card = await readiness(MAYA, `<@${ANA.id}>`);
    expect(allText(card)).toContain('Ready, pending calibration');
    expect(allText(card)).toContain('Not checked against this team’s human reviewers yet');
    expect(approveButtons(card)).toEqual([]);
    const answer = await click(MAYA, button);
    expect(allText(answer)).toContain('Not approved: Ana Ruiz is not ready for basic_inbound (status ready_pending_calibration)');
    expect(await decisionsOf('AG-101')).toEqual([]);
  });

  it('when Ana clicks Approve on her own card, then she is refused, the card is left alone and nothing is recorded', async () => {
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    const answer = await click(ANA, button);
    expect(answer.replace_original).toBe(false);
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer)).toContain('Not approved: nobody can approve their own readiness');
    expect(await decisionsOf('AG-101')).toEqual([]);
  });

  it("when another agent clicks Approve, then they are refused as not a manager, without the agent's name, and nothing is recorded", async () => {
    const [button] = approveButtons(await readiness(MAYA, `<@${ANA.id}>`));
    if (!button) throw new Error('expected an Approve button');
    const answer = await click(BEN, button);
    expect(answer.replace_original).toBe(false);
    expect(allText(answer)).toContain(
      "only a manager of the agent's team can approve their readiness, and you are not listed as a team manager",
    );
    expect(allText(answer)).not.toContain('Ana Ruiz');
    expect(await decisionsOf('AG-101')).toEqual([]);
  });

  it('when the button value is not one the app wrote, then the clicker is told to run the command again', async () => {
    const answer = await click(MAYA, { blockId: 'x', value: 'garbage' });
    expect(allText(answer)).toContain('cannot be read');
    expect(await decisionsOf('AG-101')).toEqual([]);
    expect(logLines).toEqual([]);
  });
});
