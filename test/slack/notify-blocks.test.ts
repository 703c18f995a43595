/** The notification builders as data: within Slack's limits whatever the input, and text from people escaped. */
import { describe, expect, it } from 'vitest';

import type { ManagerRecommendation } from '../../src/domain/notifications/index.ts';
import { MAX_RECOMMENDATIONS_PER_MESSAGE } from '../../src/domain/notifications/index.ts';
import { buildNotificationBlocks } from '../../src/slack/blocks/build-notification-blocks.ts';
import { buildScoreSummaryBlocks, type ScoreSummaryInput } from '../../src/slack/blocks/build-score-summary-blocks.ts';
import { SLACK_LIMITS, type KnownBlock } from '../../src/slack/blocks/limits.ts';
import { APPROVE_READINESS_ACTION_ID, decodeApproveValue } from '../../src/slack/slack-ids.ts';
import type { Criterion } from '../../src/domain/types.ts';

const criteria: Criterion[] = [
  {
    key: 'empathy',
    name: 'Empathy expression',
    weight: 60,
    description: 'd',
    exemplary: 'Names the feeling <first> & then solves.',
    deficient: 'x',
    levels: null,
    callTypes: null,
  },
  { key: 'close', name: 'Close', weight: 40, description: 'd', exemplary: 'Recaps.', deficient: 'x', levels: null, callTypes: null },
];

const within = (blocks: KnownBlock[]): void => {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'context')
      for (const element of block.elements)
        if ('text' in element && typeof element.text === 'string')
          expect(element.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
  }
};

const summaryInput = (over: Partial<ScoreSummaryInput> = {}): ScoreSummaryInput => ({
  agentName: 'Ana Ruiz',
  call: { id: 'c1', externalId: 'CALL-1', callTypeName: 'Escalation', kind: 'live', occurredAt: new Date('2026-09-30T10:00:00Z') },
  summary: {
    overall: 55,
    aiOverall: 55,
    differs: false,
    allMet: false,
    strongest: { key: 'close', name: 'Close', score: 100 },
    focus: {
      key: 'empathy',
      name: 'Empathy expression',
      score: 25,
      exemplary: criteria[0]?.exemplary ?? '',
      quote: { turn: 3, role: 'agent', quote: 'Calm down <now> & listen' },
      rationale: null,
    },
    humanReviewed: false,
  },
  managers: [{ slackUserId: 'U0MAYA0001', name: 'Maya' }],
  scorer: 'llm',
  ...over,
});

describe('score summary blocks', () => {
  it('when the quote and anchor hold mrkdwn control characters, then they are escaped', () => {
    const message = buildScoreSummaryBlocks(summaryInput());
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Calm down &lt;now&gt; &amp; listen');
    expect(text).toContain('Names the feeling &lt;first&gt; &amp; then solves.');
    expect(message.truncated).toBe(false);
  });

  it('when the quote, rationale and anchor are huge, then the message stays within Slack limits', () => {
    const long = 'x'.repeat(20_000);
    const base = summaryInput();
    const message = buildScoreSummaryBlocks({
      ...base,
      agentName: long,
      call: { ...base.call, callTypeName: long, externalId: long },
      summary: {
        ...base.summary,
        focus: { key: 'empathy', name: long, score: 0, exemplary: long, quote: { turn: 1, role: 'agent', quote: long }, rationale: long },
      },
    });
    within(message.blocks);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });
});

describe('manager notification blocks', () => {
  const readiness: ManagerRecommendation = {
    rule: 'readiness_reached',
    scope: 'agent',
    agentId: 'a1',
    callType: 'escalation',
    message: 'Met the threshold.',
    dedupeKey: 'readiness_reached:a1:escalation:-:2026-08-28',
    evidence: {
      threshold: { overall: 75, criteria: { empathy: 80 } },
      batches: [
        {
          start: new Date('2026-08-14T00:00:00Z'),
          end: new Date('2026-08-28T00:00:00Z'),
          calls: 15,
          overall: 80,
          criteria: { empathy: 81, close: 79 },
          callIds: [],
        },
        {
          start: new Date('2026-08-28T00:00:00Z'),
          end: new Date('2026-09-11T00:00:00Z'),
          calls: 16,
          overall: 82,
          criteria: { empathy: 83, close: 80 },
          callIds: [],
        },
      ],
    },
  };

  it('when an agent is ready, then the message carries the scorecard Approve button for that agent and call type', () => {
    const message = buildNotificationBlocks({
      recommendations: [readiness],
      agent: { key: 'ana@example.com', displayName: 'Ana', slackUserId: 'U0ANA00001' },
      criteria,
      callTypeNames: { escalation: 'Escalation' },
    });
    const actions = message.blocks.filter((block) => block.type === 'actions');
    expect(actions).toHaveLength(1);
    const button = actions[0]?.type === 'actions' ? actions[0].elements[0] : undefined;
    expect(button).toMatchObject({ type: 'button', action_id: APPROVE_READINESS_ACTION_ID });
    expect(decodeApproveValue(button && 'value' in button ? button.value : undefined)).toEqual({
      agent: 'ana@example.com',
      callType: 'escalation',
      filter: 'escalation',
    });
    expect(JSON.stringify(message.blocks)).toContain('lowest criterion Close 79');
    expect(JSON.stringify(message.blocks)).toContain('Empathy expression 80');
    within(message.blocks);
  });

  it('when a roleplay gap quotes many long moments, then the message stays within Slack limits', () => {
    const moment = {
      callId: 'c',
      externalId: 'E'.repeat(300),
      occurredAt: new Date('2026-09-01T00:00:00Z'),
      score: 25,
      turn: 2,
      role: 'agent' as const,
      quote: 'q'.repeat(5000),
    };
    const gap: ManagerRecommendation = {
      rule: 'roleplay_live_gap',
      scope: 'agent',
      agentId: 'a1',
      criterion: 'empathy',
      message: 'm'.repeat(4000),
      dedupeKey: 'k',
      evidence: {
        roleplay: { calls: 6, mean: 95, since: new Date() },
        live: { calls: 30, mean: 70, since: new Date() },
        gap: 25,
        moments: Array.from({ length: 20 }, () => moment),
      },
    };
    const message = buildNotificationBlocks({
      recommendations: [gap],
      agent: { key: 'k', displayName: 'N'.repeat(500), slackUserId: null },
      criteria,
    });
    within(message.blocks);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });
  const readinessFor = (callType: string): ManagerRecommendation =>
    ({ ...readiness, callType, dedupeKey: `readiness_reached:a1:${callType}:-:2026-08-28` }) as ManagerRecommendation;
  const unchanged = (criterion: string): ManagerRecommendation =>
    ({
      rule: 'unchanged_from_baseline',
      scope: 'agent',
      agentId: 'a1',
      callType: 'escalation',
      criterion,
      teamWide: false,
      message: `No change on ${criterion} <since> baseline.`,
      dedupeKey: `unchanged_from_baseline:a1:escalation:${criterion}:2026-08-28`,
      evidence: {
        baseline: { scope: 'call_type', callType: 'escalation', value: 70, calls: 20 },
        latestBatch: { start: new Date('2026-08-28T00:00:00Z'), calls: 15, value: 72 },
        delta: 2,
        band: 5,
      },
    }) as ManagerRecommendation;
  const ana = { key: 'ana@example.com', displayName: 'Ana', slackUserId: 'U0ANA00001' };
  const sectionTexts = (blocks: KnownBlock[]): string[] =>
    blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
  const approveValues = (blocks: KnownBlock[]) =>
    blocks.flatMap((block) =>
      block.type === 'actions'
        ? block.elements.flatMap((element) =>
            element.type === 'button' && element.action_id === APPROVE_READINESS_ACTION_ID ? [decodeApproveValue(element.value)] : [],
          )
        : [],
    );

  it('when readiness and two coaching recommendations are bundled, then readiness comes first with its Approve button, then each coaching with its evidence', () => {
    // Given coaching first: the builder still leads with the decision to make.
    const message = buildNotificationBlocks({
      recommendations: [unchanged('empathy'), readiness, unchanged('close')],
      agent: ana,
      criteria,
      callTypeNames: { escalation: 'Escalation' },
    });

    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Ana: ready for Escalation · 2 coaching recommendations' } });
    const sections = sectionTexts(message.blocks);
    expect(sections).toHaveLength(3);
    expect(sections[0]).toContain('met the readiness threshold for *Escalation* calls');
    expect(sections[0]).toContain('lowest criterion Close 79');
    expect(sections[1]).toContain('*No change since baseline*');
    expect(sections[1]).toContain('Escalation, Empathy expression');
    expect(sections[1]).toContain('No change on empathy &lt;since&gt; baseline.');
    expect(sections[1]).toContain('• Change: +2');
    expect(sections[2]).toContain('Escalation, Close');
    // The Approve button sits right under the readiness it approves, before any coaching.
    const actionsAt = message.blocks.findIndex((block) => block.type === 'actions');
    expect(actionsAt).toBe(2);
    expect(approveValues(message.blocks)).toEqual([{ agent: 'ana@example.com', callType: 'escalation', filter: 'escalation' }]);
    expect(message.text.split('\n')).toEqual([
      'Ana is ready for independent handling of Escalation calls: approve it from this message or the scorecard.',
      'Coaching for Ana: No change on empathy <since> baseline.',
      'Coaching for Ana: No change on close <since> baseline.',
    ]);
    expect(message.truncated).toBe(false);
    within(message.blocks);
  });

  it('when an agent is ready for two call types, then the bundle has one Approve button per call type, each in its own block', () => {
    const message = buildNotificationBlocks({
      recommendations: [readinessFor('escalation'), readinessFor('billing_dispute')],
      agent: ana,
      criteria,
    });

    expect(approveValues(message.blocks).map((value) => value?.callType)).toEqual(['escalation', 'billing_dispute']);
    const blockIds = message.blocks.flatMap((block) => (block.type === 'actions' && block.block_id ? [block.block_id] : []));
    expect(new Set(blockIds).size).toBe(2);
  });

  it('when a bundle holds the most recommendations a message takes, all readiness, then every Approve button fits within Slack limits', () => {
    const types = Array.from({ length: MAX_RECOMMENDATIONS_PER_MESSAGE }, (_, index) => `type_${index}`);
    const message = buildNotificationBlocks({ recommendations: types.map(readinessFor), agent: ana, criteria });

    expect(message.truncated).toBe(false);
    expect(approveValues(message.blocks).map((value) => value?.callType)).toEqual(types);
    within(message.blocks);
  });

  it('when a bundle mixes huge coaching evidence with readiness, then it stays within Slack limits and keeps the Approve button', () => {
    const huge = { ...unchanged('empathy'), message: 'm'.repeat(10_000) } as ManagerRecommendation;
    const message = buildNotificationBlocks({
      recommendations: [...Array.from({ length: MAX_RECOMMENDATIONS_PER_MESSAGE - 1 }, () => huge), readiness],
      agent: { ...ana, displayName: 'N'.repeat(500) },
      criteria,
    });

    within(message.blocks);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(approveValues(message.blocks)).toHaveLength(1);
    expect(message.truncated).toBe(true);
  });
});
