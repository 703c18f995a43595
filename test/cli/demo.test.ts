import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-context.ts';
import { buildDemoCalls, DEMO_NOW } from '../../src/cli/demo/build-demo-calls.ts';
import { openDatabase } from '../../src/db/client.ts';

interface RecommendationJson {
  rule: string;
  callType?: string;
  criterion?: string;
  evidence: Record<string, unknown>;
}
interface TeamJson {
  agents: {
    agent: { name: string };
    callTypes: { callType: string; status: string }[];
    recommendations: RecommendationJson[];
  }[];
  recommendations: RecommendationJson[];
}

/** The CLI's io; `onTerminal`: as on a terminal, the progress bars drawn into `drawn()`. */
const ioFor = (env: Record<string, string | undefined>, cwd = process.cwd(), onTerminal = false) => {
  const out: string[] = [];
  const err: string[] = [];
  let drawn = '';
  const progressStream = new PassThrough();
  progressStream.on('data', (chunk: Buffer) => {
    drawn += chunk.toString('utf8');
  });
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: onTerminal,
    ...(onTerminal ? { progressStream } : {}),
    env,
    cwd,
    now: () => DEMO_NOW,
  };
  return { io, out, err, drawn: () => drawn };
};

describe('floorready demo', () => {
  let dir: string;
  let database: string;
  /** `floorready demo --verbose`: the whole walkthrough. */
  let demo: { code: number; out: string[]; err: string[] };
  /** `floorready demo`: the manager's view, run as on a terminal (`drawn`: its progress bars). */
  let brief: { code: number; out: string[]; err: string[]; drawn: string };
  let team: TeamJson;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'floorready-demo-'));
    database = path.join(dir, 'demo.db');
    const run = ioFor({});
    demo = { code: await runCli(['demo', '--verbose', '--database', database], run.io), out: run.out, err: run.err };
    // Run from the demo's folder, on a terminal, as someone trying it would: the paths it prints are then as
    // short as on their machine, and progress bars are drawn (on stderr, never among the results).
    const short = ioFor({}, dir, true);
    brief = { code: await runCli(['demo', '--database', 'brief.db'], short.io), out: short.out, err: short.err, drawn: short.drawn() };
    const query = ioFor({ DATABASE_URL: `file:${database}`, FLOORREADY_CONFIG: 'floorready.config.example.yml' });
    const code = await runCli(['team', 'northside', '--json'], query.io);
    expect(code, query.err.join('\n')).toBe(0);
    team = JSON.parse(query.out.join('\n')) as TeamJson;
  }, 240_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const agent = (name: string) => {
    const found = team.agents.find((entry) => entry.agent.name === name);
    if (!found) throw new Error(`no agent ${name} in the team report`);
    return found;
  };
  const rulesOf = (name: string) => agent(name).recommendations.map((recommendation) => recommendation.rule);
  /** The agent's story rules: below_threshold is the next step every not-ready agent gets beside them. */
  const storyOf = (name: string) => agent(name).recommendations.filter((recommendation) => recommendation.rule !== 'below_threshold');
  const belowThresholdOf = (name: string) =>
    agent(name)
      .recommendations.filter((recommendation) => recommendation.rule === 'below_threshold')
      .map((recommendation) => recommendation.criterion);

  it('when the demo runs on a fresh database, then it exits 0 and says it used the embedded offline scorer and a fixed clock', () => {
    expect(demo.code, demo.err.join('\n')).toBe(0);
    const text = demo.out.join('\n');
    expect(text).toContain('embedded offline scorer');
    expect(text).toContain('2026-10-09T17:00:00.000Z');
    expect(text).toMatch(/imported (\d+) of \1 transcripts, duplicates 0, failed 0/);
    expect(text).toContain('3 duplicates, nothing stored twice');
    expect(text).toMatch(/failed exports\/NS-BROKEN\.json: The JSON transcript is invalid/);
  });

  it('when the transcripts are stored, then no card number, email or phone number from them is printed or kept', () => {
    const text = demo.out.join('\n');
    expect(text).toMatch(/PII redacted before storing: \d+ card numbers, \d+ account numbers, \d+ phone numbers, \d+ email addresses/);
    expect(text).toContain('[EMAIL]');
    const sample = buildDemoCalls()[0];
    const email = /[\w.]+@example\.com/.exec(sample?.content ?? '')?.[0];
    expect(email).toBeDefined();
    expect(text).not.toContain(email);
  });

  it('when the readiness is built, then Ana Ruiz is ready on basic_inbound and nobody else is ready on anything', () => {
    expect(agent('Ana Ruiz').callTypes.find((entry) => entry.callType === 'basic_inbound')?.status).toBe('ready');
    const readyElsewhere = team.agents.flatMap((entry) =>
      entry.callTypes.filter((callType) => callType.status === 'ready').map((callType) => `${entry.agent.name}/${callType.callType}`),
    );
    expect(readyElsewhere).toEqual(['Ana Ruiz/basic_inbound']);
    expect(rulesOf('Ana Ruiz')).toEqual(['readiness_reached']);
  });

  it('when Ben Okafor’s empathy stays where it was, then unchanged_from_baseline fires for him on empathy', () => {
    const ben = storyOf('Ben Okafor');
    expect(ben.some((r) => r.rule === 'unchanged_from_baseline' && r.criterion === 'empathy' && r.callType === 'basic_inbound')).toBe(true);
    expect(new Set(ben.map((r) => r.rule))).toEqual(new Set(['unchanged_from_baseline']));
  });

  it('when Chloe Martin’s empathy rises and then falls, then improved_then_dropped fires for her on empathy', () => {
    const chloe = storyOf('Chloe Martin');
    expect(chloe.map((r) => [r.rule, r.criterion])).toEqual([['improved_then_dropped', 'empathy']]);
  });

  it('when Dev Patel does well on basic inbound but not on escalations, then call_type_variance names escalation and high frustration', () => {
    const dev = storyOf('Dev Patel');
    expect(dev.map((r) => r.rule)).toEqual(['call_type_variance']);
    const evidence = dev[0]?.evidence as { weakCallTypes: { group: string }[]; weakFrustrationLevels: { group: string }[] };
    expect(evidence.weakCallTypes.map((group) => group.group)).toEqual(['escalation']);
    expect(evidence.weakFrustrationLevels.map((group) => group.group)).toContain('high');
  });

  it('when Eli Brooks shows empathy in roleplay but not live, then roleplay_live_gap fires for him with quoted moments', async () => {
    expect(agent('Eli Brooks').recommendations.map((r) => [r.rule, r.criterion])).toEqual([['roleplay_live_gap', 'empathy']]);
    const query = ioFor({ DATABASE_URL: `file:${database}`, FLOORREADY_CONFIG: 'floorready.config.example.yml' });
    expect(await runCli(['readiness', 'AG-105', '--json'], query.io), query.err.join('\n')).toBe(0);
    const eli = (JSON.parse(query.out.join('\n')) as { recommendations: RecommendationJson[] }).recommendations;
    const moments = (eli.find((r) => r.rule === 'roleplay_live_gap')!.evidence as { moments: { role: string; quote: string }[] }).moments;
    expect(moments.length).toBeGreaterThan(0);
    expect(moments.every((moment) => moment.role === 'agent' && moment.quote.length > 0)).toBe(true);
    expect(agent('Eli Brooks').callTypes.every((entry) => entry.status === 'insufficient_data')).toBe(true);
  });

  it('when most of the team skips the recap at the close, then team_wide_low fires for close_follow_through only', () => {
    expect(team.recommendations.map((r) => [r.rule, r.criterion])).toEqual([['team_wide_low', 'close_follow_through']]);
    for (const name of ['Ben Okafor', 'Chloe Martin', 'Dev Patel']) expect(belowThresholdOf(name), name).toEqual(['close_follow_through']);
  });

  describe('section 7, the Slack messages', () => {
    const SLACK_TITLE = '7. Slack: the messages it would send (dry run: nothing is sent)';
    const slackSection = () => {
      const start = demo.out.indexOf(SLACK_TITLE);
      expect(start, 'section 7 is printed').toBeGreaterThan(0);
      const end = demo.out.findIndex((line, index) => index > start && line.startsWith('Done in '));
      return demo.out.slice(start, end);
    };
    const NOT_READY = ['Ben Okafor', 'Chloe Martin', 'Dev Patel', 'Eli Brooks'];

    it('when the demo runs with --verbose, then it walks through every step in order and shows the Slack messages last', () => {
      const section = slackSection();
      expect(section.length).toBeGreaterThan(5);
      const titles = ['1. Import', '2. Score', '3. Scorecards', '4. Readiness', '5. Team', '6. Calibration', '7. Slack'].map((title) =>
        demo.out.findIndex((line) => line.startsWith(title)),
      );
      expect(titles.every((index) => index > 0)).toBe(true);
      expect([...titles].sort((a, b) => a - b)).toEqual(titles);
    });

    it('when Ana Ruiz is ready, then it shows the DM to Maya Chen that says so, with the Approve button', () => {
      const text = slackSection().join('\n');
      expect(text).toMatch(
        /→ Maya Chen \(U0MAYA0001\) · readiness \(Approve button\) · about Ana Ruiz\n\s+Ana Ruiz is ready for independent handling of Basic inbound calls[^\n]*\n\s+\[Approve for Basic inbound\]/,
      );
    });

    it('when the rules recommend coaching and calls were scored this week, then it shows one coaching DM and one agent score summary', () => {
      const text = slackSection().join('\n');
      expect(text).toMatch(/→ Maya Chen \(U0MAYA0001\) · coaching · about Chloe Martin\n\s+Coaching for Chloe Martin: [^\n]*rose to/);
      expect(text).toMatch(
        /→ Chloe Martin \(U0CHLOE001\) · score summary · about Chloe Martin\n\s+Your scores for Billing dispute · \d{4}-\d{2}-\d{2} · NS-\d{4}: overall \d+\./,
      );
    });

    it('when the weekly digest is shown, then it is the channel copy of the week before the demo clock and names no agent who is not ready', async () => {
      const section = slackSection();
      const start = section.findIndex((line) => line.includes('→ channel C0NORTHSIDE · weekly digest northside:2026-W40'));
      expect(start).toBeGreaterThan(0);
      const digest = section.slice(
        start,
        section.findIndex((line, index) => index > start && /^ {2}\d+ messages would go out/.test(line)),
      );
      expect(digest.join('\n')).toContain('Weekly readiness digest: Northside Support');
      expect(digest.join('\n')).toContain('Team-wide gaps');
      for (const name of NOT_READY) expect(digest.join('\n')).not.toContain(name);

      // The part the demo cuts names no one either: the whole channel copy, as `digest --dry-run` prints it.
      const query = ioFor({ DATABASE_URL: `file:${database}`, FLOORREADY_CONFIG: 'floorready.config.example.yml' });
      expect(await runCli(['digest', '--dry-run', '--at', DEMO_NOW.toISOString()], query.io), query.err.join('\n')).toBe(0);
      const printed = query.out.join('\n').split('\n');
      const channelCopy = printed.slice(
        printed.findIndex((line) => line.startsWith('── to channel')),
        printed.findIndex((line) => line.startsWith('── DM to')),
      );
      expect(channelCopy.length).toBeGreaterThan(10);
      for (const name of NOT_READY) expect(channelCopy.join('\n')).not.toContain(name);
    });

    it('when the messages are counted, then one line gives the total by kind, and the demo claimed no outbox row', async () => {
      const count = slackSection().find((line) => /^ {2}\d+ messages would go out, by kind: /.test(line));
      expect(count).toBeDefined();
      expect(count).toMatch(/readiness \(Approve button\) 1\b/);
      expect(count).toMatch(/coaching \d+/);
      expect(count).toMatch(/score summary \d+/);
      expect(count).toContain('weekly digest to the channel 1, weekly digest DM to managers 1');
      const counted = [...(count ?? '').matchAll(/ (\d+)(?=[,.])/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      expect(Number(/^ {2}(\d+)/.exec(count ?? '')?.[1])).toBe(counted);

      const db = await openDatabase(`file:${database}`);
      try {
        expect(await db.prisma.notification.count()).toBe(0);
        expect(await db.prisma.digestRun.count()).toBe(0);
      } finally {
        await db.close();
      }
    });
  });

  describe('the manager’s view (the default, without --verbose)', () => {
    const TEAM_TITLE = '1. The team at a glance (as `floorready team northside` prints it)';
    const AGENT_TITLE = '2. One agent in depth: Chloe Martin (as `floorready readiness AG-103` prints it)';
    const SLACK = '3. What Slack would receive (dry run: nothing is sent)';
    const between = (from: string, to: string) => brief.out.slice(brief.out.indexOf(from), brief.out.indexOf(to));

    it('when the demo runs, then it exits 0 and every line fits 80 columns', () => {
      expect(brief.code, brief.err.join('\n')).toBe(0);
      const lines = brief.out.flatMap((line) => line.split('\n'));
      expect(lines.filter((line) => [...line].length > 80)).toEqual([]);
      // 160 before issue 20 added the ICC, the early calls and the early-warning DM.
      expect(lines.length).toBeLessThanOrEqual(175);
    });

    it('when the demo runs on a terminal, then its import and scoring show progress, and no bar is among the results', () => {
      expect(brief.drawn).toMatch(/importing \[[█░]+\] \d+\/\d+/);
      expect(brief.drawn).toMatch(/scoring \[[█░]+\] \d+\/\d+/);
      // No bar on stdout (the digest's sparkline may use █ in the results: that is not a bar).
      expect(brief.out.join('\n')).not.toMatch(/\[[█░]+\] \d+\/\d+/);
    });

    it("when the demo runs, then it writes the team's and the in-depth agent's trend charts beside its database, as PNGs at least 800 px wide, and says where", async () => {
      const { readFile } = await import('node:fs/promises');
      for (const name of ['trend-team-northside.png', 'trend-agent-chloe.martin-example.com.png']) {
        const png = await readFile(path.join(dir, name));
        expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
        expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
        expect(brief.out.join('\n')).toContain(name);
      }
    });

    it('when the demo runs, then the team’s status comes first, then one agent in depth, then what Slack would receive', () => {
      const [teamAt = -1, agentAt = -1, slackAt = -1] = [TEAM_TITLE, AGENT_TITLE, SLACK].map((title) => brief.out.indexOf(title));
      expect(teamAt, 'team title').toBeGreaterThan(0);
      expect(teamAt).toBeLessThan(10);
      expect(agentAt).toBeGreaterThan(teamAt);
      expect(slackAt).toBeGreaterThan(agentAt);
      const status = between(TEAM_TITLE, AGENT_TITLE).join('\n');
      for (const name of ['Ana Ruiz', 'Ben Okafor', 'Chloe Martin', 'Dev Patel', 'Eli Brooks']) expect(status).toContain(name);
      // Ready by the method's rule, but her close clears 75 by less than its margin of error (issue 20).
      expect(status).toMatch(/Ana Ruiz\s+basic_inbound\s+READY, inside the margin\s+\d+ ±\d+/);
      expect(status).toMatch(/early calls to look at: Eli Brooks \d+ calls/);
      expect(status).toMatch(/Eli Brooks\s+basic_inbound\s+not enough calls yet\s+—/);
    });

    it('when the team view lists what to do, then each recommendation appears once, and coaching on a team-wide gap is folded into the team finding', () => {
      const status = between(TEAM_TITLE, AGENT_TITLE);
      const bullets = status.filter((line) => line.startsWith('  • '));
      const own = team.agents.flatMap((entry) =>
        entry.recommendations.filter((r) => !(r as { teamWide?: boolean }).teamWide).map((r) => `${entry.agent.name}: ${r.rule}`),
      );
      expect(bullets).toHaveLength(team.recommendations.length + own.length);
      expect(new Set(bullets).size).toBe(bullets.length);
      expect(bullets.filter((line) => line.startsWith('  • Team: '))).toHaveLength(1);
      expect(status.join('\n')).toMatch(/below: Ben Okafor, Chloe Martin and Dev Patel/);
      // Nobody is named twice in one line ("Ben Okafor: Ben Okafor's …").
      for (const name of ['Ana Ruiz', 'Ben Okafor', 'Chloe Martin', 'Dev Patel', 'Eli Brooks']) {
        expect(status.join(' ').split(`• ${name}: ${name}`)).toHaveLength(1);
      }
    });

    it('when a figure is printed, then it carries its unit in words, plurals agree and no jargon is left unexplained', () => {
      const text = brief.out.join('\n').replace(/\n\s+/g, ' ');
      expect(text).not.toMatch(/period\(s\)|\bnone \d+ \(|with none |\[below_threshold|\[unchanged|\$0\.0000|rubric changed/);
      expect(text).not.toMatch(/\b1 (calls|agents|teams|batches|periods|transcripts)\b/);
      expect(text).not.toMatch(/\b(before|after) \d+\b/);
      expect(text).toMatch(/\b1 broken file refused\b/);
      expect(text).toMatch(/overall score since training: \d+ with mildly frustrated customers \(\d+ calls\)/);
      expect(text).toMatch(/baseline: 25 calls before training; 4 batches of 14-day periods/);
    });

    it('when the text says how many points short, then the table beside it shows the same figures (one rounding rule)', () => {
      const agent = between(AGENT_TITLE, SLACK).join('\n');
      const sentence = /Close and follow-through on billing_dispute is (\d+) in the latest batch, (\d+) points short of (\d+)/.exec(
        agent.replace(/\n\s+/g, ' '),
      );
      expect(sentence, 'the below-threshold sentence').not.toBeNull();
      const [value, short, threshold] = (sentence ?? []).slice(1).map(Number) as [number, number, number];
      expect(threshold - value).toBe(short);
      const row = agent.split('\n').find((line) => /^\s+Close and follow-through\s+\d/.test(line));
      expect(row).toMatch(new RegExp(`\\s${value} ±\\d+\\s+[−+±]\\d+\\s+${threshold} ✗ −${short}$`));
    });

    it('when the scorecard quotes a call, then it names the call id and a turn that `floorready show` prints with the same words', async () => {
      const agent = between(AGENT_TITLE, SLACK);
      const quoted = agent
        .map((line) => /^\s+(NS-\d{4}) · \d{4}-\d{2}-\d{2} · scored \d+ · turn (\d+), agent: "(.+)"$/.exec(line))
        .find(Boolean);
      expect(quoted, 'a quoted moment').toBeTruthy();
      const [, call, turn, quote] = quoted ?? [];
      const query = ioFor({ DATABASE_URL: `file:${path.join(dir, 'brief.db')}`, FLOORREADY_CONFIG: 'floorready.config.example.yml' });
      expect(await runCli(['show', call ?? ''], query.io), query.err.join('\n')).toBe(0);
      const shown = query.out.join('\n').split('\n');
      const words = (quote ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(
        shown.some((line) => new RegExp(`^\\s+${turn}\\s+\\S+\\s+agent\\s+${words}`).test(line)),
        `turn ${turn} of ${call} in show`,
      ).toBe(true);
    });

    it('when Eli Brooks has very low live calls before any batch, then the Slack section shows an early-warning DM to Maya naming the call', () => {
      const slackText = brief.out.slice(brief.out.indexOf(SLACK)).join('\n');
      expect(slackText).toMatch(/→ Maya Chen \(U0MAYA0001\) · early warning \(coaching\) · about Eli Brooks/);
      expect(slackText.replace(/\n\s+/g, ' ')).toMatch(
        /Early call to look at: Eli Brooks's Basic inbound call NS-\d+ on 2026-\d\d-\d\d scored \d+/,
      );
      expect(slackText).toMatch(/early warning \(coaching\) \d+/);
    });

    it('when the Slack messages are shown, then the readiness DM, a coaching DM and the digest are there, and no outbox row was claimed', () => {
      const slack = brief.out.slice(brief.out.indexOf(SLACK)).join('\n');
      expect(slack).toContain('→ Maya Chen (U0MAYA0001) · readiness (Approve button) · about Ana Ruiz');
      expect(slack).toContain('→ Maya Chen (U0MAYA0001) · coaching · about Chloe Martin');
      expect(slack).toContain('Weekly readiness digest: Northside Support');
      expect(slack).toMatch(/Nothing sent, no outbox row claimed/);
      expect(brief.out.join('\n')).toContain('npm run demo -- --verbose');
      expect(brief.out.join('\n')).not.toContain('6. Calibration');
    });
  });

  it('when the demo calls are built twice, then they are identical (seeded, no clock)', () => {
    const first = buildDemoCalls();
    const second = buildDemoCalls();
    expect(second).toEqual(first);
    expect(new Set(first.map((call) => call.format)).size).toBe(5);
    expect(first.length).toBeGreaterThanOrEqual(450);
    expect(first.length).toBeLessThanOrEqual(700);
  });
});
