import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { buildDigestMessages, sparkline } from '../../src/slack/blocks/build-digest-blocks.ts';
import { SLACK_LIMITS, type SlackMessage } from '../../src/slack/blocks/limits.ts';
import type { DigestCriterion, WeeklyDigest } from '../../src/domain/digest/index.ts';
import { buildTrendChart } from '../../src/domain/charts/index.ts';
import { buildDigestCopy } from '../../src/slack/blocks/build-digest-blocks.ts';
import { tableBlockRows } from '../../src/slack/blocks/table.ts';
import { scoreConsistency } from '../../src/domain/statistics/index.ts';

/** Three agents' overall call scores, 6 calls each, agents apart by 20 points, calls ±5 around their own mean. */
const TEAM_SCORES = [50, 70, 90].map((centre) => [centre - 5, centre + 5, centre - 5, centre + 5, centre, centre]);

const criterion = (key: string, name: string, targeted: boolean, delta: number): DigestCriterion => ({
  key,
  name,
  targeted,
  baseline: 60,
  postTraining: 60 + delta,
  delta,
  latest: 60 + delta,
  threshold: 75,
});

const digest = (overrides: Partial<WeeklyDigest> = {}): WeeklyDigest => {
  const criteria = [
    criterion('empathy', 'Empathy expression', true, 18),
    criterion('active_listening', 'Active listening', true, 2),
    criterion('tone_consistency', 'Tone consistency', false, 7),
  ];
  const weeks = [60, null, null, 70, 80, 82, 81, 79].map((overall, index) => ({
    weekStart: new Date(Date.UTC(2026, 6, 13 + index * 7)),
    calls: overall === null ? 0 : 10,
    overall,
  }));
  return {
    team: {
      key: 'northside',
      name: 'Northside Support',
      digestChannel: 'C0NORTHSIDE',
      managers: [{ slackUserId: 'U0MAYA0001', name: 'Maya Chen' }],
    },
    period: {
      start: new Date('2026-08-31T05:00:00Z'),
      end: new Date('2026-09-07T05:00:00Z'),
      isoWeek: '2026-W36',
      timeZone: 'America/Chicago',
    },
    rubricVersion: 1,
    agents: 2,
    callsThisWeek: 16,
    postTrainingCalls: 60,
    targetedCriteria: ['Empathy expression', 'Active listening'],
    overall: criterion('overall', 'Overall', false, 9),
    criteria,
    weeklyOverall: weeks,
    trendChart: buildTrendChart({
      subject: { kind: 'team', key: 'northside', name: 'Northside Support' },
      trends: {
        timeZone: 'America/Chicago',
        weeks: weeks.map((week) => ({ ...week, criteria: { empathy: week.overall === null ? null : week.overall - 5 } })),
      },
      criteria: [{ key: 'empathy', name: 'Empathy expression' }],
      thresholds: { readiness: { overall: 75, criteria: {} } },
      programs: [],
    }),
    becameReady: [{ agentName: 'Ana Ruiz', callType: 'basic_inbound', callTypeName: 'Basic inbound', status: 'ready' }],
    teamWideGaps: [
      {
        criterion: 'active_listening',
        name: 'Active listening',
        teamMean: 62,
        threshold: 75,
        agentsBelow: 2,
        agentsWithData: 2,
        namesBelow: ['Ben Okafor', 'Ana Ruiz'],
      },
    ],
    roleplayVsLive: [
      { criterion: 'empathy', name: 'Empathy expression', roleplay: 95, roleplayCalls: 6, live: 70, liveCalls: 30, gap: 25, flagged: true },
    ],
    questions: {
      improvedBy: 5,
      minCallsPerGroup: 5,
      targeted: criteria.slice(0, 2),
      callTypes: [
        { group: 'basic_inbound', label: 'Basic inbound', calls: 40, targeted: 80, delta: 20 },
        { group: 'escalation', label: 'Escalation', calls: 20, targeted: 61, delta: 1 },
      ],
      frustration: [{ group: 'high', label: 'highly frustrated', calls: 12, targeted: 62, delta: 2 }],
      adjacent: criteria.slice(2),
    },
    needsAttention: [
      {
        agentName: 'Ben Okafor',
        actions: ['Empathy expression on escalation improved then dropped 20.0 points: add a reinforcement coaching session.'],
      },
    ],
    earlyWarnings: { calls: 0, thisWeek: 0, agents: [] },
    consistency: scoreConsistency(TEAM_SCORES),
    ...overrides,
  };
};

const texts = (message: SlackMessage): string[] =>
  message.blocks.flatMap((block) => {
    if (block.type === 'section') return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)];
    if (block.type === 'header') return [block.text.text];
    if (block.type === 'context')
      return block.elements.map((element) => ('text' in element && typeof element.text === 'string' ? element.text : ''));
    return [];
  });

const expectWithinLimits = (message: SlackMessage): void => {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  }
};

describe('buildDigestMessages', () => {
  it('when the digest has good and bad news, then the channel copy names only who became ready and the manager copy names who needs attention', () => {
    const { channel, manager } = buildDigestMessages(digest());
    const channelText = texts(channel).join('\n');
    const managerText = texts(manager).join('\n');

    expect(channelText).toContain('Ana Ruiz: ready for Basic inbound');
    expect(channelText).not.toContain('Ben Okafor');
    expect(channelText).toContain('2 of 2 agents below');
    expect(channel.text).not.toContain('Ben Okafor');
    expect(managerText).toContain('*Ben Okafor*\n• Empathy expression on escalation improved then dropped');
    expect(managerText).toContain('Below: Ben Okafor and Ana Ruiz.');
    expect(manager.text).toContain('Needs attention: Ben Okafor');
  });

  it("when improvement did not hold on a call type or with frustrated customers, then the seed's questions say where", () => {
    const text = texts(buildDigestMessages(digest()).channel).join('\n');

    expect(text).toContain(
      '*Did Empathy expression and Active listening improve?* Partly: Empathy expression 60 → 78 (+18), Active listening 60 → 62 (+2).',
    );
    expect(text).toContain('*Did it hold across call types?* Not on Escalation: Basic inbound 80 (+20), Escalation 61 (+1).');
    expect(text).toContain('*…and with frustrated customers?* Not on highly frustrated');
    expect(text).toContain('*Did adjacent criteria improve too?* Yes: Tone consistency 60 → 67 (+7).');
    expect(text).toContain(':warning:');
  });

  it('when forty agents need attention with long actions, then both copies stay within Slack limits and say they were shortened', () => {
    const needsAttention = Array.from({ length: 40 }, (_, index) => ({
      agentName: `Agent ${index} ${'x'.repeat(200)}`,
      actions: Array.from({ length: 30 }, () => 'a'.repeat(150)),
    }));
    const { channel, manager } = buildDigestMessages(digest({ needsAttention, team: { ...digest().team, name: 'N'.repeat(300) } }));

    expectWithinLimits(channel);
    expectWithinLimits(manager);
    expect(texts(manager).at(-1)).toContain('shortened');
  });

  it('when names carry mrkdwn control characters, then they are escaped', () => {
    const text = texts(
      buildDigestMessages(digest({ becameReady: [{ agentName: 'Ana <@U1> & co', callType: 'x', callTypeName: 'X', status: 'ready' }] }))
        .channel,
    ).join('\n');
    expect(text).toContain('Ana &lt;@U1&gt; &amp; co');
  });
});

describe('the digest’s early calls and consistency (issue 20)', () => {
  const early = {
    calls: 3,
    thisWeek: 1,
    agents: [
      { agentName: 'Eli Park', agentKey: 'AG-105', calls: 2, thisWeek: 1 },
      { agentName: 'Dev Patel', agentKey: 'AG-104', calls: 1, thisWeek: 0 },
    ],
  };

  it('when new agents had early warnings, then the managers’ copy counts them per agent and the channel copy names no one', () => {
    const { channel, manager } = buildDigestMessages(digest({ earlyWarnings: early }));
    const managerText = texts(manager).join('\n');
    expect(managerText).toContain(
      '*Early calls to look at* (only in your copy): 3 calls of new agents scored very low before their first two batches, 1 of them this week: Eli Park 2 (1 this week) and Dev Patel 1.',
    );
    expect(manager.text).toContain('Early calls to look at: 3.');
    const channelText = `${texts(channel).join('\n')}\n${channel.text}`;
    expect(channelText).not.toContain('Early calls');
    expect(channelText).not.toContain('Eli Park');
  });

  it('when no new agent had an early warning, then the managers’ copy says so rather than leaving it out', () => {
    const managerText = texts(buildDigestMessages(digest()).manager).join('\n');
    expect(managerText).toContain('*Early calls to look at*\nNone: no new agent had a very low live call before their first two batches.');
  });

  it('when the team has enough calls, then both copies give the ICC from its scores and the calls for ±5 points', () => {
    const consistency = scoreConsistency(TEAM_SCORES);
    if (!consistency.enough) throw new Error('the fixture should be enough');
    // Reference, by hand: agents' means 50, 70, 90, n = 6 each: MSB = 6 × (400 + 0 + 400) / 2 = 2400; MSW = 3 × 100 / 15 = 20.
    const reference = (2400 - 20) / (2400 + 5 * 20);
    expect(consistency.icc).toBeCloseTo(reference, 12);
    for (const copy of Object.values(buildDigestMessages(digest({ consistency })))) {
      const text = texts(copy).join('\n');
      expect(text).toContain('*How much one call tells*');
      expect(text).toContain(`(ICC ${reference.toFixed(2)}, from 18 live calls of 3 agents since training)`);
      expect(text).toContain(`about ${consistency.callsForMargin} calls to be within ±5 points`);
    }
  });

  it('when too few agents have calls, then the digest says there is too little data instead of a figure', () => {
    const text = texts(buildDigestMessages(digest({ consistency: scoreConsistency(TEAM_SCORES.slice(0, 2)) })).manager).join('\n');
    expect(text).toContain(
      'Too little data to say how consistent a single call is: 2 agents have 5 or more live calls since training; 3 are needed.',
    );
    expect(text).not.toMatch(/ICC|NaN|undefined/);
  });
});

describe('buildDigestCopy', () => {
  const chart = {
    fileId: 'F0CHART0001',
    title: 'Northside Support: 8-week trend',
    altText: 'Overall: 60, none, none, 70, 80, 82, 81, 79; threshold 75.',
  };

  it('when the chart was uploaded, then the copy shows the averages as one table block and the chart as an image of that file, and its fallback has neither', () => {
    const message = buildDigestCopy({ audience: 'channel', digest: digest(), chart });

    const tables = message.blocks.filter((block) => block.type === 'table');
    expect(tables).toHaveLength(1);
    const rows = tableBlockRows(tables[0] as Parameters<typeof tableBlockRows>[0]);
    expect(rows[0]).toEqual(['criterion', 'baseline', 'post-training', 'Δ', 'latest', 'threshold']);
    expect(rows[1]).toEqual(['Overall', '60', '69', '+9', '69', '75']);
    expect(rows[2]).toEqual(['Empathy expression*', '60', '78', '+18', '78', '75']);
    expect(message.blocks.filter((block) => block.type === 'image')).toEqual([
      { type: 'image', slack_file: { id: 'F0CHART0001' }, alt_text: chart.altText, title: { type: 'plain_text', text: chart.title } },
    ]);

    const fallback = message.fallback;
    expect(fallback?.text).toBe(message.text);
    expect(fallback?.blocks.some((block) => block.type === 'table' || block.type === 'image')).toBe(false);
    expect(texts(fallback as SlackMessage).join('\n')).toMatch(
      /```\ncriterion +baseline +post-training +Δ +latest +threshold\nOverall +60 +69 +\+9 +69 +75\n/,
    );
  });

  it('when no chart was uploaded, then the copy has the table and no image block', () => {
    const message = buildDigestCopy({ audience: 'manager', digest: digest(), chart: null });
    expect(message.blocks.some((block) => block.type === 'table')).toBe(true);
    expect(message.blocks.some((block) => block.type === 'image')).toBe(false);
  });
});

describe('sparkline', () => {
  it('when given any weekly values, then there is one mark per week, missing weeks dotted, the highest █ and the lowest ▁', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { maxLength: 12 }), (values) => {
        const line = sparkline(values);
        expect([...line]).toHaveLength(values.length);
        values.forEach((value, index) => expect([...line][index] === '·').toBe(value === null));
        const present = values.filter((value): value is number => value !== null);
        if (present.length > 0 && Math.max(...present) - Math.min(...present) > 1e-9) {
          expect(line).toContain('█');
          expect(line).toContain('▁');
        }
      }),
    );
  });
});
