/**
 * The App Home over real HTTP on loopback: Slack's signed `app_home_opened` event callback reaches the
 * real Bolt app, which publishes the view to a fake Slack Web API. Real SQLite with the example config
 * applied and scores imported, as in readiness-over-http.test.ts: Ana (AG-101, U0ANA00001) is ready for
 * basic_inbound; Ben (AG-102, U0BEN00001) is not; Maya (U0MAYA0001) manages their team.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Services } from '../../src/services.ts';
import { buildHomeErrorView, buildHomeView, type HomeTeam } from '../../src/slack/blocks/build-home-view.ts';
import { SLACK_LIMITS } from '../../src/slack/blocks/limits.ts';
import type { ApiCall, FakeSlack } from '../fakes/slack-api.ts';
import { signature } from './slack-requests.ts';
import { SECRET, startSlackTestApp, type SlackTestApp } from './slack-test-app.ts';
import { tableLines } from './table-lines.ts';

const MAYA = 'U0MAYA0001';
const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';
const STRANGER = 'U0NOBODY01';

interface Block {
  type: string;
  text?: { text: string };
  elements?: { type: string; text?: string | { text: string } }[];
}
interface View {
  type: string;
  blocks: Block[];
}

const viewText = (view: View): string =>
  [
    ...view.blocks.flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))),
    ]),
    ...tableLines(view.blocks),
  ].join('\n');

let harness: SlackTestApp;
let services: Services;
let slack: FakeSlack;
let eventsUrl: string;
let logLines: string[];
let sequence = 0;

beforeEach(async () => {
  harness = await startSlackTestApp();
  ({ services, slack, eventsUrl, logLines } = harness);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await harness.stop();
});

/** Slack's event callback for a user opening the app's Home (or Messages) tab, signed, as JSON. */
const openTab = async (userId: string, tab: 'home' | 'messages' = 'home'): Promise<number> => {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0FAKETEAM',
    api_app_id: 'A0FLOORREADY',
    event: { type: 'app_home_opened', user: userId, channel: 'D0DIRECT01', tab, event_ts: `1700000000.00${++sequence}` },
    type: 'event_callback',
    event_id: `Ev0HOME${sequence}`,
    event_time: 1700000000,
    authorizations: [{ team_id: 'T0FAKETEAM', user_id: 'U0FLOORBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(SECRET, timestamp, body),
    },
    body,
  });
  return response.status;
};

const publishes = (userId?: string): ApiCall[] =>
  slack.calls.filter((call) => call.method === 'views.publish' && (userId === undefined || call.args.user_id === userId));

/** Opens the Home tab as this user and returns the view published for them. */
const home = async (userId: string): Promise<View> => {
  const before = publishes(userId).length;
  expect(await openTab(userId)).toBe(200);
  await vi.waitFor(() => expect(publishes(userId).length).toBeGreaterThan(before), { timeout: 5_000, interval: 20 });
  return publishes(userId).at(-1)?.args.view as View;
};

const expectWithinLimits = (view: View) => {
  expect(view.type).toBe('home');
  expect(view.blocks.length).toBeGreaterThan(0);
  expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.homeBlocks);
  for (const block of view.blocks) {
    if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  }
};

describe('the App Home over HTTP', () => {
  it('when Ana opens the Home tab, then she sees her own card and trend and none of Ben’s data', async () => {
    const view = await home(ANA);
    const text = viewText(view);
    expect(text).toContain('Readiness · Ana Ruiz');
    expect(text).toContain('Your own scorecard: only you can see it.');
    expect(text).toMatch(/Basic inbound\* · :large_green_circle: \*Ready\*/);
    expect(text).toContain('Your trend · last 8 weeks');
    expect(text).toMatch(/week of\s+calls\s+overall/);
    expect(text).not.toContain('What to do');
    expect(text).not.toContain('Your teams');
    expect(text).not.toContain('Ben');
    expect(text).not.toContain(BEN);
    expect(view.blocks.some((block) => block.type === 'actions')).toBe(false);
    expectWithinLimits(view);
    expect(logLines).toEqual([]);
  });

  it('when Maya opens the Home tab, then she sees her team as a table with Ana Ready, Ben Not ready, and the /readiness @agent hint', async () => {
    const view = await home(MAYA);
    const text = viewText(view);
    expect(text).toContain('Your teams');
    expect(text).toContain('/readiness @agent');
    expect(view.blocks.filter((block) => block.type === 'table')).toHaveLength(1);
    const rows = tableLines(view.blocks);
    expect(rows[0]).toBe('agent  Basic inbound');
    expect(rows).toContain('Ana Ruiz  Ready');
    expect(rows).toContain('Ben Okafor  Not ready');
    expect(text).not.toContain('Your own scorecard');
    expect(view.blocks.some((block) => block.type === 'actions')).toBe(false);
    expectWithinLimits(view);
  });

  it('when someone not in the config opens the Home tab, then they see how to get set up and nobody’s scores', async () => {
    const view = await home(STRANGER);
    const text = viewText(view);
    expect(text).toContain('Welcome to floorready');
    expect(text).toContain('You are not set up in floorready');
    expect(text).toContain(STRANGER);
    expect(text).not.toMatch(/Ana|Ben|Ready/);
    expectWithinLimits(view);
  });

  it('when the Messages tab is opened, then nothing is published', async () => {
    expect(await openTab(ANA, 'messages')).toBe(200);
    await home(MAYA); // a later event has been handled, so the first one had its chance
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(publishes(ANA)).toEqual([]);
  });

  it('when loading the scores fails, then the failure is logged and a short "could not load" view is published', async () => {
    vi.spyOn(services.readiness, 'effectiveCalls').mockRejectedValue(new Error('database is locked'));
    const view = await home(ANA);
    const text = viewText(view);
    expect(text).toContain('Could not load floorready');
    expect(text).toContain('something went wrong while loading your Home tab');
    expect(text).not.toContain('database is locked');
    expectWithinLimits(view);
    expect(logLines.some((line) => line.includes('could not build the Home view') && line.includes('database is locked'))).toBe(true);
  });
});

describe('the Home view as data', () => {
  it('when a manager has more agents than a Home view holds, then the view stops at 100 blocks with a note on where the rest is', () => {
    const agents = Array.from({ length: 150 }, (_, index) => ({
      displayName: `Agent ${index}`,
      slackUserId: `U0AGENT${String(index).padStart(4, '0')}`,
      callTypes: [
        { callType: 'basic_inbound', status: 'ready' as const },
        { callType: 'escalation', status: 'insufficient_data' as const },
      ],
    }));
    const teams: HomeTeam[] = [{ key: 'team-a', name: 'Team A', agents }];
    const view = buildHomeView({ userId: MAYA, own: null, teams, callTypeNames: { basic_inbound: 'Basic inbound' } });
    expect(view.truncated).toBe(true);
    // The table holds Slack's 100 rows (header and 99 agents), and the note says where the rest is.
    const rows = tableLines(view.blocks);
    expect(rows).toHaveLength(SLACK_LIMITS.tableRows);
    expect(rows[0]).toBe('agent  Basic inbound  escalation');
    expect(rows.at(-1)).toBe('Agent 98  Ready  Insufficient data');
    expect(viewText(view as View)).toContain('`npx floorready team team-a`');
    // The text fallback (a line per agent) stops at the Home's 100 blocks, with the same note.
    const fallback = view.fallback as View;
    expect(fallback.blocks).toHaveLength(SLACK_LIMITS.homeBlocks);
    expect(viewText(fallback)).toContain('`npx floorready team team-a`');
    expect(viewText(fallback)).toContain('Basic inbound: :large_green_circle: Ready · escalation: :white_circle: Insufficient data');
  });

  it('when a team has few agents, then the view is not cut', () => {
    const view = buildHomeView({ userId: MAYA, own: null, teams: [{ key: 't', name: 'T', agents: [] }] });
    expect(view.truncated).toBe(false);
    expect(viewText(view as View)).toContain('No agents in this team yet.');
  });

  it('when the Home could not be built, then the error view is short and within limits', () => {
    const view = buildHomeErrorView();
    expect(view.blocks.length).toBeLessThanOrEqual(3);
    expectWithinLimits(view as View);
  });
});

describe('the App Home with charts', () => {
  it('when Ana and then Maya open the Home tab, then each sees a trend chart: an image of a PNG the app uploaded to no channel', async () => {
    for (const [user, chartOf] of [
      [ANA, 'Ana Ruiz: 8-week trend'],
      [MAYA, 'Northside Support: 8-week trend'],
    ] as const) {
      const view = await home(user);
      const images = view.blocks.filter((block) => block.type === 'image') as unknown as {
        slack_file: { id: string };
        alt_text: string;
        title: { text: string };
      }[];
      expect(images).toHaveLength(1);
      const upload = slack.uploads.find((candidate) => candidate.id === images[0]?.slack_file.id);
      expect(upload).toMatchObject({ completed: true, channelId: undefined, title: chartOf });
      expect(upload?.bytes?.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(upload?.bytes?.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
      expect(images[0]?.alt_text).toContain(`${chartOf}.`);
      expect(images[0]?.alt_text).toMatch(/Overall: [\d, none]+; threshold 75\./);
    }
  });
});
