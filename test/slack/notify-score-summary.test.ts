/**
 * The agent's private score summary over real boundaries: transcripts imported and scored by the real
 * CLI (embedded scorer) into a real SQLite database, `sendNotifications` with the real Slack WebClient
 * posting to the fake Slack Web API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { SLACK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { testSender } from '../support/test-sender.ts';
import { startFakeSlack, type ApiCall, type FakeSlack } from '../fakes/slack-api.ts';
import { EXAMPLE_CONFIG, runFloorready, writeFolder } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { NOW } from '../support/score-scenarios.ts';

const ANA = 'U0ANA00001';
const MAYA = 'U0MAYA0001';

const TRANSCRIPT = [
  'Agent: Thanks for calling, this is Ana. How can I help?',
  'Customer: I have been waiting two weeks for my refund and nobody calls me back. I am really fed up.',
  'Agent: Let me look at the account. What is the order number?',
  'Customer: It is 88213. I already gave it twice.',
  'Agent: I see the refund was approved yesterday; it reaches your card within five working days, reference R-5521.',
  'Customer: Fine.',
  'Agent: Is there anything else? Goodbye.',
].join('\n');

interface Block {
  type: string;
  text?: { text: string };
  elements?: { type: string; text?: string | { text: string } }[];
}

let db: TestDatabase;
let services: Services;
let config: Config;
let slack: FakeSlack;

const cli = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, now: () => NOW });
const notify = () => sendNotifications({ services, config, sender: testSender(services.outbox, slack.apiUrl), now: NOW });
const postsTo = (user: string): ApiCall[] => slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === user);
const blocksOf = (call: ApiCall): Block[] => (call.args.blocks as Block[] | undefined) ?? [];
const blockText = (call: ApiCall): string =>
  blocksOf(call)
    .flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))),
    ])
    .join('\n');

/** Imports the transcripts (agent AG-101 unless given) at these instants and scores them with the embedded scorer. */
const importAndScore = async (calls: { at: string; externalId: string; agent?: string }[]) => {
  const dir = await writeFolder(
    Object.fromEntries(
      calls.map((call) => [
        `${call.externalId}.txt`,
        { content: TRANSCRIPT, meta: { agent: call.agent ?? 'AG-101', type: 'escalation', at: call.at, externalId: call.externalId } },
      ]),
    ),
  );
  const imported = await cli('import', dir);
  expect(imported.code, imported.stderr).toBe(0);
  const scored = await cli('score');
  expect(scored.code, scored.stderr).toBe(0);
};

beforeEach(async () => {
  db = await withSqlite();
  services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  config = await loadConfig(EXAMPLE_CONFIG);
  slack = await startFakeSlack();
});

afterEach(async () => {
  await slack.close();
  await db.close();
});

describe('agent score summary DM', () => {
  it('when a call of Ana is scored, then Ana gets a private DM with overall, strongest, one focus with the quoted moment and its exemplary anchor, and how to dispute', async () => {
    await importAndScore([{ at: '2026-09-30T15:00:00Z', externalId: 'CALL-7001' }]);

    const run = await notify();

    expect(run.errors).toEqual([]);
    expect(run.failed).toEqual([]);
    const toAna = postsTo(ANA);
    expect(toAna).toHaveLength(1);
    const dm = toAna[0] as ApiCall;
    const text = blockText(dm);
    expect(text).toMatch(/\*Overall: \d+\* \/ 100/);
    expect(text).toMatch(/\*Strongest:\* [A-Z][a-z ]+ — \d+/);
    const focus = /\*One thing to focus on:\* ([A-Za-z ]+) — \d+/.exec(text);
    expect(focus, text).not.toBeNull();
    const focusName = focus?.[1] as string;
    const criterion = config.rubric.criteria.find((candidate) => candidate.name === focusName);
    expect(criterion, `focus ${focusName}`).toBeDefined();
    // The quoted moment is a line of the transcript; the anchor is the rubric's own exemplary text.
    const quote = /> (?:You|The customer), turn (\d+): “(.+)”/.exec(text);
    expect(quote, text).not.toBeNull();
    // Turns are numbered from 1, as `floorready show` prints them: turn N is the transcript's Nth line.
    expect(TRANSCRIPT.split('\n')[Number(quote?.[1]) - 1]).toContain((quote![2] as string).replace(/…$/, ''));
    expect(text).toContain(
      `*What good looks like:* ${criterion?.exemplary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`,
    );
    expect(text).toContain(`Press *Dispute* (call \`CALL-7001\`): <@${MAYA}> reviews it`);
    expect(text).toContain('embedded offline scorer');
    expect(String(dm.args.text)).toMatch(/^Your scores for Escalation · 2026-09-30 · CALL-7001: overall \d+\./);

    // Private: no manager got a copy, and the summary names no other agent.
    expect(postsTo(MAYA)).toEqual([]);
    expect(text).not.toMatch(/Ben|Chloe|Dev|Eli/);

    const blocks = blocksOf(dm);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of blocks) if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);

    const rows = await db.prisma.notification.findMany();
    expect(rows).toMatchObject([{ kind: 'score_summary', recipient: ANA, status: 'sent' }]);
  });

  it('when the notifications run again, then the same call is not summarised twice', async () => {
    await importAndScore([{ at: '2026-09-30T15:00:00Z', externalId: 'CALL-7001' }]);
    await notify();
    const again = await notify();

    expect(again.sent).toBe(0);
    expect(postsTo(ANA)).toHaveLength(1);
  });

  it('when scored calls are older than the summary window, then they are not summarised (a backfill does not flood the agent)', async () => {
    await importAndScore([
      { at: '2026-07-02T15:00:00Z', externalId: 'OLD-1' },
      { at: '2026-09-29T15:00:00Z', externalId: 'NEW-1' },
    ]);

    await notify();

    const toAna = postsTo(ANA);
    expect(toAna).toHaveLength(1);
    expect(String(toAna[0]?.args.text)).toContain('NEW-1');
  });
});
