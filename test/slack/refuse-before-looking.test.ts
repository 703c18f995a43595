/**
 * Issue 17, items 1 and 2, from outside: the real Slack app over signed HTTP against the fake Slack API,
 * with two teams. Northside (the example: Maya manages Ana Ruiz AG-101 and Ben) and Bravo (Sam manages
 * another Ana Ruiz and Cara Bravo, B-202). A caller who may not act learns nothing about the target:
 * not whether it exists, not its name, not that a name is shared. The refusal reads the same whatever
 * the target is, existing or not.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { APPROVE_READINESS_ACTION_ID } from '../../src/slack/slack-ids.ts';
import { findAgent } from '../../src/use-cases/resolve-access.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { buttonClick, postSigned, slashCommand } from './slack-requests.ts';
import { SECRET, startSlackTestApp, type SlackTestApp } from './slack-test-app.ts';

const MAYA = { id: 'U0MAYA0001', name: 'maya' };
const BEN = { id: 'U0BEN00001', name: 'ben' };
const STRANGER = { id: 'U0NOBODY01', name: 'stranger' };

type Answer = { text?: string; blocks?: { text?: { text: string } }[] };
const allText = (answer: Answer | undefined): string =>
  [answer?.text ?? '', ...(answer?.blocks ?? []).map((block) => block.text?.text ?? '')].join('\n');

let harness: SlackTestApp;
let sequence = 0;

beforeAll(async () => {
  const example = parse(readFileSync(EXAMPLE_CONFIG, 'utf8')) as { teams: Record<string, unknown>[] };
  const bravo = {
    key: 'bravo',
    name: 'Bravo Support',
    timeZone: 'UTC',
    managers: [{ name: 'Sam Lee', slack: 'U0SAM00001', email: 'sam.lee@bravo.test' }],
    agents: [
      { name: 'Ana Ruiz', slack: 'U0ANA00002', email: 'ana.ruiz@bravo.test', externalIds: ['B-201'] },
      { name: 'Cara Bravo', slack: 'U0CARA0001', email: 'cara.bravo@bravo.test', externalIds: ['B-202'] },
    ],
  };
  const folder = await mkdtemp(path.join(tmpdir(), 'floorready-two-teams-'));
  try {
    const file = path.join(folder, 'floorready.config.yml');
    await writeFile(file, stringify({ ...example, teams: [...example.teams, bravo] }));
    harness = await startSlackTestApp({ config: await loadConfig(file) });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}, 180_000);

afterAll(async () => {
  await harness?.stop();
});

const readiness = async (user: { id: string; name: string }, text: string): Promise<string> => {
  const name = `cmd-${++sequence}`;
  const body = slashCommand({ userId: user.id, userName: user.name, text, responseUrl: harness.slack.responseUrl(name) });
  expect((await postSigned(harness.eventsUrl, body, { secret: SECRET })).status).toBe(200);
  const [answer] = await harness.slack.waitForResponses(name);
  return allText(answer?.body as Answer);
};

const clickApprove = async (user: { id: string; name: string }, value: string): Promise<string> => {
  const name = `click-${++sequence}`;
  const body = buttonClick({
    userId: user.id,
    userName: user.name,
    actionId: APPROVE_READINESS_ACTION_ID,
    blockId: 'approve_readiness:basic_inbound',
    value,
    responseUrl: harness.slack.responseUrl(name),
  });
  expect((await postSigned(harness.eventsUrl, body, { secret: SECRET })).status).toBe(200);
  const [answer] = await harness.slack.waitForResponses(name);
  return allText(answer?.body as Answer);
};

const forged = (agent: string): string => JSON.stringify({ a: agent, t: 'basic_inbound', f: null });

const decisionsOf = async (ref: string) => {
  const agent = await findAgent(harness.services.directory, ref);
  return harness.services.readiness.decisions([agent?.id ?? '']);
};

describe('refuse before looking, over signed HTTP', () => {
  it('when a stranger runs /readiness ana_ruiz (a name two agents share), then the answer names nobody and reads as for a name nobody has', async () => {
    const shared = await readiness(STRANGER, 'ana_ruiz');
    expect(shared).toContain('You are not set up in floorready');
    for (const secret of ['Ana Ruiz', 'ana.ruiz@', 'names 2', 'Bravo', 'Northside']) expect(shared).not.toContain(secret);
    expect(await readiness(STRANGER, 'nobody_at_all')).toBe(shared);
    expect(await readiness(STRANGER, '<@U0CARA0001>')).toBe(shared);
    expect(await readiness(STRANGER, 'B-202')).toBe(shared);
  });

  it('when a forged Approve button names an agent, then a stranger and a non-manager get the same words as for an agent that does not exist, and nothing is recorded', async () => {
    for (const clicker of [STRANGER, BEN]) {
      const real = await clickApprove(clicker, forged('B-202'));
      expect(real).toContain('Not approved');
      expect(real).not.toContain('Cara');
      expect(real).not.toContain('No agent');
      expect(await clickApprove(clicker, forged('NO-SUCH-AGENT'))).toBe(real);
      expect(await clickApprove(clicker, forged('AG-101'))).toBe(real);
    }
    expect(await decisionsOf('B-202')).toEqual([]);
    expect(await decisionsOf('AG-101')).toEqual([]);
  });

  it('when a manager names an agent of another team, then the answer reads as for an agent that does not exist: no name, no team', async () => {
    const other = await readiness(MAYA, 'B-202');
    const none = await readiness(MAYA, 'B-999');
    expect(other).toContain('No agent "B-202" is configured in a team you manage (Northside Support)');
    expect(other.replaceAll('B-202', 'B-999')).toBe(none);
    expect(other).not.toContain('Cara');
    const click = await clickApprove(MAYA, forged('B-202'));
    expect(click.replaceAll('B-202', 'B-999')).toBe(await clickApprove(MAYA, forged('B-999')));
    expect(click).not.toContain('Cara');
    expect(await decisionsOf('B-202')).toEqual([]);
  });

  it('when a manager names a name shared with an agent of another team, then only her own team is searched and she gets her agent', async () => {
    const card = await readiness(MAYA, 'ana_ruiz');
    expect(card).toContain('Readiness of Ana Ruiz');
    expect(card).not.toContain('names 2');
    expect(card).not.toContain('bravo.test');
  });
});
