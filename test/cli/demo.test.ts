import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/cli-context.ts';
import { buildDemoCalls, DEMO_NOW } from '../../src/cli/demo/build-demo-calls.ts';

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

const ioFor = (env: Record<string, string | undefined>) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), interactive: false, env, cwd: process.cwd(), now: () => DEMO_NOW };
  return { io, out, err };
};

describe('floorready demo', () => {
  let dir: string;
  let database: string;
  let demo: { code: number; out: string[]; err: string[] };
  let team: TeamJson;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'floorready-demo-'));
    database = path.join(dir, 'demo.db');
    const run = ioFor({});
    demo = { code: await runCli(['demo', '--database', database], run.io), out: run.out, err: run.err };
    const query = ioFor({ DATABASE_URL: `file:${database}`, FLOORREADY_CONFIG: 'floorready.config.example.yml' });
    const code = await runCli(['team', 'northside', '--json'], query.io);
    expect(code, query.err.join('\n')).toBe(0);
    team = JSON.parse(query.out.join('\n')) as TeamJson;
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const agent = (name: string) => {
    const found = team.agents.find((entry) => entry.agent.name === name);
    if (!found) throw new Error(`no agent ${name} in the team report`);
    return found;
  };
  const rulesOf = (name: string) => agent(name).recommendations.map((recommendation) => recommendation.rule);

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
    expect(text).toMatch(/PII redacted before storing: \d+ card, \d+ email, \d+ phone/);
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
    const ben = agent('Ben Okafor').recommendations;
    expect(ben.some((r) => r.rule === 'unchanged_from_baseline' && r.criterion === 'empathy' && r.callType === 'basic_inbound')).toBe(true);
    expect(new Set(ben.map((r) => r.rule))).toEqual(new Set(['unchanged_from_baseline']));
  });

  it('when Chloe Martin’s empathy rises and then falls, then improved_then_dropped fires for her on empathy', () => {
    const chloe = agent('Chloe Martin').recommendations;
    expect(chloe.map((r) => [r.rule, r.criterion])).toEqual([['improved_then_dropped', 'empathy']]);
  });

  it('when Dev Patel does well on basic inbound but not on escalations, then call_type_variance names escalation and high frustration', () => {
    const dev = agent('Dev Patel').recommendations;
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
    const moments = (eli.find((r) => r.rule === 'roleplay_live_gap')?.evidence as { moments: { role: string; quote: string }[] }).moments;
    expect(moments.length).toBeGreaterThan(0);
    expect(moments.every((moment) => moment.role === 'agent' && moment.quote.length > 0)).toBe(true);
    expect(agent('Eli Brooks').callTypes.every((entry) => entry.status === 'insufficient_data')).toBe(true);
  });

  it('when most of the team skips the recap at the close, then team_wide_low fires for close_follow_through only', () => {
    expect(team.recommendations.map((r) => [r.rule, r.criterion])).toEqual([['team_wide_low', 'close_follow_through']]);
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
