/**
 * "Why this score?" and the dispute loop as Slack drives them: signed block_actions and view_submission
 * requests over real HTTP to the app as it runs (composeApp: Bolt, the notification loop, whose run at
 * start-up sends the score summary and whose urgent run sends a dispute's DMs at once), the fake Slack Web API (views.open/update,
 * chat.postMessage, response URLs), a real SQLite database. Ana (U0ANA00001) and Ben (U0BEN00001) are
 * agents of Maya's (U0MAYA0001) team; Sam (U0SAM00001) manages another team; U0STRANGER is nobody.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { scoringSettings, type Services } from '../../src/services.ts';
import type { SlackApp } from '../../src/slack/create-slack-app.ts';
import { slackMessages } from '../../src/slack/slack-messages.ts';
import {
  DISPUTE_ACTION_ID,
  DISPUTE_BLOCKS,
  DISPUTE_CHANGE_ACTION_ID,
  DISPUTE_CHANGE_VIEW_ID,
  DISPUTE_KEEP_ACTION_ID,
  DISPUTE_VIEW_ID,
  WHY_PAGE_ACTION_ID,
  WHY_SCORE_ACTION_ID,
} from '../../src/slack/slack-ids.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { scoreQueuedCalls } from '../../src/use-cases/score-calls.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import type { ApiCall, FakeSlack } from '../fakes/slack-api.ts';
import { writeConfig } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { NOW } from '../support/score-scenarios.ts';
import { startLoopbackSlackApp, type LoopbackApp } from '../support/start-loopback-slack-app.ts';
import { buttonClick, postSigned, slashCommand, viewSubmission } from './slack-requests.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';
const MAYA = 'U0MAYA0001';
const SAM = 'U0SAM00001';
const STRANGER = 'U0STRANGER';

const TRANSCRIPT = [
  'Agent: Thanks for calling Northside, this is Ana. How can I help?',
  'Customer: I have been waiting two weeks for my refund and nobody calls me back. I am really fed up.',
  'Agent: I am sorry about the wait. Let me look at the account. What is the order number?',
  'Customer: It is 88213.',
  'Agent: The refund was approved yesterday; it reaches your card within five working days, reference R-5521.',
  'Customer: Fine.',
  'Agent: Is there anything else? Goodbye.',
].join('\n');

let db: TestDatabase;
let services: Services;
let config: Config;
let slack: FakeSlack;
let app: SlackApp;
let running: LoopbackApp;
let eventsUrl: string;
let callId: string;
let sequence = 0;

/** Starts the app; `seed` runs once its config is applied, before the notification run at start-up. */
const startApp = async (seed?: (services: Services) => Promise<unknown>): Promise<void> => {
  running = await startLoopbackSlackApp({ db, config, signingSecret: SECRET, now: () => NOW, ...(seed ? { seed } : {}) });
  ({ services, slack, app, eventsUrl } = running);
};

beforeEach(async () => {
  db = await withSqlite();
  const path = await writeConfig({
    teams: [
      {
        key: 'northside',
        name: 'Northside Support',
        timeZone: 'America/Chicago',
        managers: [{ name: 'Maya Chen', slack: MAYA }],
        agents: [
          { name: 'Ana Ruiz', slack: ANA, externalIds: ['AG-101'] },
          { name: 'Ben Okafor', slack: BEN, externalIds: ['AG-102'] },
        ],
      },
      {
        key: 'southside',
        name: 'Southside Support',
        managers: [{ name: 'Sam Lee', slack: SAM }],
        agents: [{ name: 'Zoe Park', slack: 'U0ZOE00001' }],
      },
    ],
  });
  config = await loadConfig(path);
  // Ana's call, stored and scored before the app starts: its run at start-up sends her the score summary.
  await startApp(async (seeded) => {
    const stored = await ingestCall(
      { directory: seeded.directory, calls: seeded.calls, now: seeded.now, maxBytes: 100_000 },
      {
        content: TRANSCRIPT,
        agent: 'AG-101',
        callType: 'basic_inbound',
        kind: 'live',
        source: 'cli',
        externalId: 'CALL-9001',
        occurredAt: new Date(NOW.getTime() - 3_600_000),
      },
    );
    callId = stored.callId;
    await scoreQueuedCalls({ ...seeded, settings: scoringSettings(config) });
  });
});

afterEach(async () => {
  await running.stop();
  await db.close();
});

const notify = () => sendNotifications({ services, config, sender: app.sender, now: NOW });
const dmsTo = (user: string): ApiCall[] => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === user);
const buttonsOf = (call: ApiCall): { action_id: string; value: string; text: { text: string } }[] =>
  ((call.args.blocks as { type: string; elements?: unknown[]; accessory?: unknown }[] | undefined) ?? []).flatMap((block) => [
    ...(block.type === 'actions' ? (block.elements as { action_id: string; value: string; text: { text: string } }[]) : []),
    ...(block.accessory ? [block.accessory as { action_id: string; value: string; text: { text: string } }] : []),
  ]);
const button = (call: ApiCall, actionId: string) => {
  const found = buttonsOf(call).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no ${actionId} button`);
  return found;
};

const click = async (userId: string, actionId: string, value: string) => {
  sequence += 1;
  const name = `click-${sequence}`;
  const response = await postSigned(
    eventsUrl,
    buttonClick({ userId, userName: userId, actionId, blockId: 'b', value, responseUrl: slack.responseUrl(name), ephemeral: false }),
    { secret: SECRET },
  );
  expect(response.status).toBe(200);
  return name;
};
const submit = async (
  userId: string,
  callbackId: string,
  viewId: string,
  privateMetadata: string,
  values: Parameters<typeof viewSubmission>[0]['values'],
) => {
  const response = await postSigned(eventsUrl, viewSubmission({ userId, callbackId, viewId, privateMetadata, values }), { secret: SECRET });
  expect(response.status).toBe(200);
  return response.body === ''
    ? {}
    : (JSON.parse(response.body) as {
        response_action?: string;
        errors?: Record<string, string>;
        view?: { blocks: { text?: { text: string } }[] };
      });
};
const viewsOpened = () => slack.calls.filter((call) => call.method === 'views.open');
const privateAnswer = async (name: string): Promise<string> => String((await slack.waitForResponses(name, 1))[0]?.body.text ?? '');

/** The score summary DM (with its buttons), sent by the app's notification run at start-up. */
const summaryToAna = async (): Promise<ApiCall> => {
  const [summary] = dmsTo(ANA);
  if (!summary) throw new Error('no summary sent to Ana');
  return summary;
};

/** Ana opens the dispute modal from her summary and submits it; returns the modal and the answer. */
const disputeAsAna = async (reason: string, viewId = 'V0DISPUTE1') => {
  const summary = await summaryToAna();
  await click(ANA, DISPUTE_ACTION_ID, button(summary, DISPUTE_ACTION_ID).value);
  const modal = await vi.waitFor(() => {
    const opened = viewsOpened().at(-1);
    if (!opened) throw new Error('no modal');
    return opened.args.view as {
      private_metadata: string;
      blocks: { block_id: string; element: { options?: { value: string; text: { text: string } }[] } }[];
    };
  });
  const criterion = modal.blocks.find((block) => block.block_id === DISPUTE_BLOCKS.criterion)?.element.options?.[0]?.value as string;
  const answer = await submit(ANA, DISPUTE_VIEW_ID, viewId, modal.private_metadata, {
    [DISPUTE_BLOCKS.criterion]: { selected_option: { value: criterion } },
    [DISPUTE_BLOCKS.level]: { selected_option: { value: '4' } },
    [DISPUTE_BLOCKS.reason]: { value: reason },
  });
  return { modal, criterion, answer };
};

describe('the dispute loop over signed HTTP', () => {
  it('when Ana disputes, Maya changes the score and Ana is told, then the human score replaces the AI one in readiness', async () => {
    const summary = await summaryToAna();
    expect(buttonsOf(summary).map((b) => b.text.text)).toEqual(['Why this score?', 'Dispute']);

    const { criterion, answer } = await disputeAsAna('The customer hung up before I could close: the call was cut off.');
    expect(answer.response_action).toBe('update');
    const [dispute] = await db.prisma.dispute.findMany();
    expect(dispute).toMatchObject({ state: 'open', criterionKey: criterion, proposedLevel: 4, raisedBy: ANA });

    // The app's urgent notification run sends Maya the dispute at once, not at the loop's next run.
    const toMaya = await vi.waitFor(
      () => {
        const found = dmsTo(MAYA).find((call) => String(call.args.text).includes('disputes'));
        if (!found) throw new Error('no dispute DM to Maya yet');
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(String(toMaya?.args.text)).toContain('Ana Ruiz disputes');
    expect(JSON.stringify(toMaya?.args.blocks)).toContain('the call was cut off');
    expect(buttonsOf(toMaya as ApiCall).map((b) => b.text.text)).toEqual(['Change the score', 'Keep the score', 'Why this score?']);

    const before = (await services.readiness.effectiveCalls([dispute!.agentId])).find((call) => call.callId === callId);
    await click(MAYA, DISPUTE_CHANGE_ACTION_ID, button(toMaya as ApiCall, DISPUTE_CHANGE_ACTION_ID).value);
    const change = await vi.waitFor(() => {
      const opened = viewsOpened().at(-1)?.args.view as {
        callback_id: string;
        private_metadata: string;
        blocks: { block_id: string; element: { options?: { value: string }[] } }[];
      };
      if (opened?.callback_id !== DISPUTE_CHANGE_VIEW_ID) throw new Error('no change modal');
      return opened;
    });
    expect(change.blocks.find((block) => block.block_id === DISPUTE_BLOCKS.newLevel)?.element.options?.map((o) => o.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    const missingNote = await submit(MAYA, DISPUTE_CHANGE_VIEW_ID, 'V0CHANGE1', change.private_metadata, {
      [DISPUTE_BLOCKS.newLevel]: { selected_option: { value: '5' } },
      [DISPUTE_BLOCKS.note]: { value: '   ' },
    });
    expect(missingNote).toMatchObject({
      response_action: 'errors',
      errors: { [DISPUTE_BLOCKS.note]: expect.stringContaining('required') },
    });
    const done = await submit(MAYA, DISPUTE_CHANGE_VIEW_ID, 'V0CHANGE1', change.private_metadata, {
      [DISPUTE_BLOCKS.newLevel]: { selected_option: { value: '5' } },
      [DISPUTE_BLOCKS.note]: { value: 'Agreed: the line dropped, the close was not yours to make.' },
    });
    expect(done.response_action).toBe('update');

    const after = (await services.readiness.effectiveCalls([dispute!.agentId])).find((call) => call.callId === callId);
    expect(after?.criteria[criterion]).toBe(100);
    expect(after?.criteria[criterion]).not.toBe(before?.criteria[criterion]);
    expect(after?.humanCriteria).toContain(criterion);
    const human = (await services.scores.currentScores([callId])).find((row) => row.source === 'human' && row.criterionKey === criterion);
    expect(human).toMatchObject({ level: 5, score: 100, reviewer: `Maya Chen (${MAYA})`, scorer: 'dispute' });

    // Ana is told at once too.
    const outcome = await vi.waitFor(
      () => {
        const found = dmsTo(ANA).find((call) => String(call.args.text).includes('accepted'));
        if (!found) throw new Error('no outcome DM to Ana yet');
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(String(outcome?.args.text)).toContain('the score is now level 5');
    expect(String(outcome?.args.text)).toContain('the line dropped');

    // A second click on the resolved dispute says who resolved it and when, privately.
    const again = await click(MAYA, DISPUTE_KEEP_ACTION_ID, button(toMaya as ApiCall, DISPUTE_KEEP_ACTION_ID).value);
    expect(await privateAnswer(again)).toMatch(/already resolved \(score changed\) by Maya Chen \(U0MAYA0001\) on 2026-10-01 12:00 UTC/);
  });

  it('when a dispute is open, then the /readiness scorecard lists it for the manager and for the agent, and not once resolved', async () => {
    const readiness = async (userId: string, text: string): Promise<string> => {
      sequence += 1;
      const name = `readiness-${sequence}`;
      const sent = await postSigned(eventsUrl, slashCommand({ userId, userName: userId, text, responseUrl: slack.responseUrl(name) }), {
        secret: SECRET,
      });
      expect(sent.status).toBe(200);
      const [answer] = await slack.waitForResponses(name, 1);
      return JSON.stringify(answer?.body);
    };
    expect(await readiness(MAYA, `<@${ANA}>`)).not.toContain('Open disputes');
    const { criterion } = await disputeAsAna('The line dropped before the close.');
    const [dispute] = await db.prisma.dispute.findMany();
    const name = (await services.directory.currentRubric())?.criteria.find((c) => c.key === criterion)?.name as string;

    const toMaya = await readiness(MAYA, `<@${ANA}>`);
    expect(toMaya).toContain(
      '*Open disputes (1)*: these scores may still change, and approval waits for those on calls of the deciding batches.',
    );
    expect(toMaya).toContain(`• ${name} on call \`CALL-9001\``);
    expect(toMaya).toContain(dispute!.id);
    expect(toMaya).toContain('Open disputes: 1.');
    const toAna = await readiness(ANA, '');
    expect(toAna).toContain('*Open disputes (1)*: a manager of your team answers each');

    await services.disputes.resolve({ id: dispute!.id, state: 'kept', by: 'Maya Chen (U0MAYA0001)', note: 'Kept.', level: null, at: NOW });
    expect(await readiness(MAYA, `<@${ANA}>`)).not.toContain('Open disputes');
  });

  it('when the reason is empty, then the modal shows the error on the reason block and nothing is stored', async () => {
    const { answer } = await disputeAsAna('   ');
    expect(answer).toEqual({ response_action: 'errors', errors: { [DISPUTE_BLOCKS.reason]: 'A reason is required.' } });
    const long = await submit(ANA, DISPUTE_VIEW_ID, 'V0LONG', `fr1:call:${callId}`, {
      [DISPUTE_BLOCKS.criterion]: { selected_option: { value: 'empathy' } },
      [DISPUTE_BLOCKS.reason]: { value: 'x'.repeat(1001) },
    });
    expect(long.errors?.[DISPUTE_BLOCKS.reason]).toContain('1000 characters');
    expect(await db.prisma.dispute.count()).toBe(0);
  });

  it('when Slack retries the submission, then one dispute is stored; a second dispute of the same criterion is refused', async () => {
    const { modal, criterion } = await disputeAsAna('Cut off.', 'V0RETRY');
    const retried = await submit(ANA, DISPUTE_VIEW_ID, 'V0RETRY', modal.private_metadata, {
      [DISPUTE_BLOCKS.criterion]: { selected_option: { value: criterion } },
      [DISPUTE_BLOCKS.reason]: { value: 'Cut off.' },
    });
    expect(retried.response_action).toBe('update');
    expect(await db.prisma.dispute.count()).toBe(1);

    const second = await submit(ANA, DISPUTE_VIEW_ID, 'V0OTHER', modal.private_metadata, {
      [DISPUTE_BLOCKS.criterion]: { selected_option: { value: criterion } },
      [DISPUTE_BLOCKS.reason]: { value: 'Again.' },
    });
    expect(second.errors?.[DISPUTE_BLOCKS.criterion]).toContain('already have an open dispute');
    expect(await db.prisma.dispute.count()).toBe(1);
  });

  it("when Ana clicks Why this score?, then a modal opens within Slack's 3 s window with every criterion, its evidence turns and anchors", async () => {
    const summary = await summaryToAna();
    await click(ANA, WHY_SCORE_ACTION_ID, button(summary, WHY_SCORE_ACTION_ID).value);
    await vi.waitFor(() => expect(viewsOpened()).toHaveLength(1), { timeout: 3_000, interval: 10 });
    const updated = await vi.waitFor(() => {
      const call = slack.calls.find((c) => c.method === 'views.update');
      if (!call) throw new Error('no views.update');
      return call.args.view as { blocks: unknown[]; title: { text: string } };
    });
    const text = JSON.stringify(updated.blocks);
    expect(updated.title.text).toBe('Why this score?');
    expect(updated.blocks.length).toBeLessThanOrEqual(100);
    const rubric = await services.directory.currentRubric();
    for (const criterion of rubric?.criteria ?? []) expect(text).toContain(criterion.name);
    expect(text).toContain('Exemplary looks like');
    expect(text).toMatch(/Scored by/);
    expect(text).toMatch(/\\n\d+\. (agent|customer): /);
  });

  it('when the call is forgotten while its Why modal is open, then Previous/Next turn the modal into the refusal anyone hears, showing no figure', async () => {
    const summary = await summaryToAna();
    const value = button(summary, WHY_SCORE_ACTION_ID).value;
    await click(ANA, WHY_SCORE_ACTION_ID, value);
    const viewId = await vi.waitFor(() => {
      const opened = slack.calls.find((c) => c.method === 'views.update');
      if (!opened) throw new Error('no views.update');
      return String(opened.args.view_id);
    });
    const pageClick = async (userId: string, pageValue: string): Promise<{ title: string; text: string }> => {
      const before = slack.calls.filter((c) => c.method === 'views.update').length;
      const response = await postSigned(
        eventsUrl,
        buttonClick({
          userId,
          userName: userId,
          actionId: `${WHY_PAGE_ACTION_ID}:next`,
          blockId: 'b',
          value: pageValue,
          responseUrl: '',
          viewId,
        }),
        { secret: SECRET },
      );
      expect(response.status).toBe(200);
      return vi.waitFor(() => {
        const updates = slack.calls.filter((c) => c.method === 'views.update');
        if (updates.length === before) throw new Error('no views.update after the click');
        const update = updates.at(-1)!;
        expect(update.args.view_id).toBe(viewId);
        const view = update.args.view as { title: { text: string }; blocks: unknown[] };
        return { title: view.title.text, text: JSON.stringify(view.blocks) };
      });
    };

    // While the call is there, a page click shows the explanation again.
    expect((await pageClick(ANA, `${value}|1`)).text).toContain('Exemplary looks like');
    // A value floorready did not write is answered in the modal, not left unanswered.
    expect((await pageClick(ANA, 'fr1:call:|x')).text).toContain('not one floorready wrote');

    await db.prisma.call.delete({ where: { id: callId } });
    const gone = await pageClick(ANA, `${value}|1`);
    expect(gone.title).toBe('Why this score?');
    expect(gone.text).toContain(slackMessages.callOutOfReach);
    expect(gone.text).not.toMatch(/Ana|Ruiz|CALL-9001|Exemplary|\d{2,}/);
  });

  it('when another agent, another team\u2019s manager or a stranger clicks Why or Dispute on Ana\u2019s call, then each is refused privately, naming no one and showing no figure', async () => {
    const summary = await summaryToAna();
    const why = button(summary, WHY_SCORE_ACTION_ID).value;
    const dispute = button(summary, DISPUTE_ACTION_ID).value;
    const answers: string[] = [];
    for (const [user, action, value] of [
      [BEN, WHY_SCORE_ACTION_ID, why],
      [SAM, WHY_SCORE_ACTION_ID, why],
      [STRANGER, WHY_SCORE_ACTION_ID, why],
      [BEN, DISPUTE_ACTION_ID, dispute],
      [MAYA, DISPUTE_ACTION_ID, dispute],
      [STRANGER, DISPUTE_ACTION_ID, dispute],
    ] as const) {
      answers.push(await privateAnswer(await click(user, action, value)));
    }
    expect(viewsOpened()).toHaveLength(0);
    // Ben (an agent of the team) and Sam (another team's manager) hear what anyone hears of a call that does not exist.
    expect(answers[0]).toBe(`:warning: ${slackMessages.callOutOfReach}`);
    expect(answers[1]).toBe(`:warning: ${slackMessages.callOutOfReach}`);
    expect(answers[2]).toContain("Only the call's agent and their team's managers may see why this call scored");
    expect(answers[3]).toBe(`:warning: ${slackMessages.callOutOfReach}`);
    expect(answers[4]).toContain("Only the call's agent may dispute this score.");
    expect(answers[5]).toContain("Only the call's agent may dispute this score.");
    for (const answer of answers) {
      expect(answer).not.toMatch(/Ana|Ruiz|CALL-9001|\d{2,}/);
    }
    expect(await db.prisma.dispute.count()).toBe(0);
  });

  it('when a button value was not written by floorready, then the clicker is told so privately', async () => {
    expect(await privateAnswer(await click(ANA, DISPUTE_ACTION_ID, '{"call":"anything"}'))).toContain('not one floorready wrote');
    expect(viewsOpened()).toHaveLength(0);
  });

  it('when a call or dispute is not the clicker\u2019s, then Why, Dispute and Change are answered with the same words (and code) as one that does not exist or was forgotten', async () => {
    const summary = await summaryToAna();
    const { answer } = await disputeAsAna('Cut off.');
    expect(answer.response_action).toBe('update');
    const [dispute] = await db.prisma.dispute.findMany();
    const missingCall = 'fr1:call:cnotacall0000000000000000';
    const missingDispute = 'fr1:dispute:cnotadispute00000000000000';

    const why = {
      notYours: await privateAnswer(await click(BEN, WHY_SCORE_ACTION_ID, button(summary, WHY_SCORE_ACTION_ID).value)),
      otherTeam: await privateAnswer(await click(SAM, WHY_SCORE_ACTION_ID, button(summary, WHY_SCORE_ACTION_ID).value)),
      missing: await privateAnswer(await click(BEN, WHY_SCORE_ACTION_ID, missingCall)),
    };
    const disputeWords = {
      notYours: await privateAnswer(await click(BEN, DISPUTE_ACTION_ID, button(summary, DISPUTE_ACTION_ID).value)),
      missing: await privateAnswer(await click(BEN, DISPUTE_ACTION_ID, missingCall)),
    };
    const resolve = {
      otherTeam: await privateAnswer(await click(SAM, DISPUTE_CHANGE_ACTION_ID, `fr1:dispute:${dispute!.id}`)),
      missing: await privateAnswer(await click(SAM, DISPUTE_CHANGE_ACTION_ID, missingDispute)),
      missingToMaya: await privateAnswer(await click(MAYA, DISPUTE_KEEP_ACTION_ID, missingDispute)),
    };
    expect(why.notYours).toBe(`:warning: ${slackMessages.callOutOfReach}`);
    expect(why.otherTeam).toBe(why.missing);
    expect(why.notYours).toBe(why.missing);
    expect(disputeWords.notYours).toBe(disputeWords.missing);
    expect(disputeWords.notYours).toBe(`:warning: ${slackMessages.callOutOfReach}`);
    expect(resolve.otherTeam).toBe(resolve.missing);
    expect(resolve.missing).toBe(resolve.missingToMaya);
    expect(resolve.otherTeam).toBe(`:warning: ${slackMessages.disputeOutOfReach}`);

    // Forgotten: Ana's own call, gone, reads as any call she may not see.
    await db.prisma.call.delete({ where: { id: callId } });
    expect(await privateAnswer(await click(ANA, WHY_SCORE_ACTION_ID, button(summary, WHY_SCORE_ACTION_ID).value))).toBe(why.notYours);
    expect(await privateAnswer(await click(ANA, DISPUTE_ACTION_ID, button(summary, DISPUTE_ACTION_ID).value))).toBe(disputeWords.notYours);
    expect(
      viewsOpened().filter((call) => call.args.view && (call.args.view as { callback_id?: string }).callback_id !== DISPUTE_VIEW_ID),
    ).toHaveLength(0);
  });

  it('when Slack refuses the managers\u2019 DM and the app stops before it is delivered, then the restarted app delivers it once', async () => {
    slack.failPosts({ channel: MAYA, error: 'internal_error' });
    await disputeAsAna('Cut off mid-sentence.');
    const disputeDmsIn = (calls: ApiCall[]) =>
      calls.filter(
        (call) => call.method === 'chat.postMessage' && call.args.channel === MAYA && String(call.args.text).includes('disputes'),
      );
    // The dispute is stored and its DM was tried, and refused, before the app stops.
    await vi.waitFor(() => expect(disputeDmsIn(slack.calls).filter((call) => call.error === 'internal_error').length).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 20,
    });
    expect(disputeDmsIn(slack.calls).filter((call) => call.error === undefined)).toEqual([]);
    expect(await db.prisma.dispute.count({ where: { state: 'open' } })).toBe(1);
    await running.stop();
    // The restarted app (a fresh fake Slack that takes posts) delivers it at start-up, and later runs leave it.
    await startApp();
    await vi.waitFor(() => expect(disputeDmsIn(slack.calls)).toHaveLength(1), { timeout: 10_000, interval: 20 });
    await notify();
    await notify();
    const delivered = disputeDmsIn(slack.calls);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.error).toBeUndefined();
    expect(String(delivered[0]?.args.text)).toContain('Ana Ruiz');
  });

  it('when the app restarts after the dispute was stored and its DM sent, then later runs do not send the managers\u2019 DM again', async () => {
    await disputeAsAna('Cut off.');
    const disputeDms = () => dmsTo(MAYA).filter((call) => String(call.args.text).includes('disputes'));
    await vi.waitFor(() => expect(disputeDms()).toHaveLength(1), { timeout: 10_000, interval: 20 });
    await running.stop();
    // The restarted app's run at start-up, and two more runs, find the DM sent (a fresh fake Slack counts them).
    await startApp();
    await notify();
    await notify();
    expect(disputeDms()).toEqual([]);
    expect(dmsTo(ANA)).toEqual([]);
  });
});
