/** The notification builders as data: within Slack's limits whatever the input, and text from people escaped. */
import { describe, expect, it } from 'vitest';

import { buildNotificationBlocks, type ManagerRecommendation } from '../../src/slack/blocks/build-notification-blocks.ts';
import { buildScoreSummaryBlocks, type ScoreSummaryInput } from '../../src/slack/blocks/build-score-summary-blocks.ts';
import { SLACK_LIMITS, type KnownBlock } from '../../src/slack/blocks/limits.ts';
import { APPROVE_READINESS_ACTION_ID, decodeApproveValue } from '../../src/slack/slack-ids.ts';
import type { Criterion } from '../../src/domain/types.ts';

const criteria: Criterion[] = [
  { key: 'empathy', name: 'Empathy expression', weight: 60, description: 'd', exemplary: 'Names the feeling <first> & then solves.', deficient: 'x', levels: null, callTypes: null },
  { key: 'close', name: 'Close', weight: 40, description: 'd', exemplary: 'Recaps.', deficient: 'x', levels: null, callTypes: null },
];

const within = (blocks: KnownBlock[]): void => {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'context') for (const element of block.elements) if ('text' in element && typeof element.text === 'string') expect(element.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
  }
};

const summaryInput = (over: Partial<ScoreSummaryInput> = {}): ScoreSummaryInput => ({
  agentName: 'Ana Ruiz',
  call: { id: 'c1', externalId: 'CALL-1', callTypeName: 'Escalation', kind: 'live', occurredAt: new Date('2026-09-30T10:00:00Z') },
  summary: {
    overall: 55,
    strongest: { key: 'close', name: 'Close', score: 100 },
    focus: { key: 'empathy', name: 'Empathy expression', score: 25, exemplary: criteria[0]?.exemplary ?? '', quote: { turn: 3, role: 'agent', quote: 'Calm down <now> & listen' }, rationale: null },
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
      summary: { ...base.summary, focus: { key: 'empathy', name: long, score: 0, exemplary: long, quote: { turn: 1, role: 'agent', quote: long }, rationale: long } },
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
        { start: new Date('2026-08-14T00:00:00Z'), end: new Date('2026-08-28T00:00:00Z'), calls: 15, overall: 80, criteria: { empathy: 81, close: 79 }, callIds: [] },
        { start: new Date('2026-08-28T00:00:00Z'), end: new Date('2026-09-11T00:00:00Z'), calls: 16, overall: 82, criteria: { empathy: 83, close: 80 }, callIds: [] },
      ],
    },
  };

  it('when an agent is ready, then the message carries the scorecard Approve button for that agent and call type', () => {
    const message = buildNotificationBlocks({ recommendation: readiness, agent: { key: 'ana@example.com', displayName: 'Ana', slackUserId: 'U0ANA00001' }, criteria, callTypeNames: { escalation: 'Escalation' } });
    const actions = message.blocks.filter((block) => block.type === 'actions');
    expect(actions).toHaveLength(1);
    const button = actions[0]?.type === 'actions' ? actions[0].elements[0] : undefined;
    expect(button).toMatchObject({ type: 'button', action_id: APPROVE_READINESS_ACTION_ID });
    expect(decodeApproveValue(button && 'value' in button ? button.value : undefined)).toEqual({ agent: 'ana@example.com', callType: 'escalation', filter: 'escalation' });
    expect(JSON.stringify(message.blocks)).toContain('lowest criterion Close 79');
    expect(JSON.stringify(message.blocks)).toContain('Empathy expression 80');
    within(message.blocks);
  });

  it('when a roleplay gap quotes many long moments, then the message stays within Slack limits', () => {
    const moment = { callId: 'c', externalId: 'E'.repeat(300), occurredAt: new Date('2026-09-01T00:00:00Z'), score: 25, turn: 2, role: 'agent' as const, quote: 'q'.repeat(5000) };
    const gap: ManagerRecommendation = {
      rule: 'roleplay_live_gap',
      scope: 'agent',
      agentId: 'a1',
      criterion: 'empathy',
      message: 'm'.repeat(4000),
      dedupeKey: 'k',
      evidence: { roleplay: { calls: 6, mean: 95, since: new Date() }, live: { calls: 30, mean: 70, since: new Date() }, gap: 25, moments: Array.from({ length: 20 }, () => moment) },
    };
    const message = buildNotificationBlocks({ recommendation: gap, agent: { key: 'k', displayName: 'N'.repeat(500), slackUserId: null }, criteria });
    within(message.blocks);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });
});
