import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/config-file.ts';
import { toRubricCriteria } from '../../src/config/config-lookups.ts';
import { buildAgentReadiness, type Recommendation, type ScoredCall } from '../../src/domain/readiness/index.ts';
import { buildScorecardBlocks, type ScorecardInput } from '../../src/slack/blocks/build-scorecard-blocks.ts';
import { fitMessage, SLACK_LIMITS, truncateText, type KnownBlock } from '../../src/slack/blocks/limits.ts';
import { APPROVE_READINESS_ACTION_ID, decodeApproveValue } from '../../src/slack/slack-ids.ts';
import type { AgentReadinessReport } from '../../src/use-cases/build-readiness-report.ts';
import { tableLines } from './table-lines.ts';

const config = parseConfig('', 'test.yml');
const criteria = toRubricCriteria(config);
const NOW = new Date('2026-10-01T12:00:00Z');
const DAY = 86_400_000;
const at = (iso: string, i: number, stepDays = 0.5) => new Date(Date.parse(iso) + 3_600_000 + i * stepDays * DAY);

const callsOf = (
  callType: string,
  kind: 'live' | 'roleplay',
  start: string,
  count: number,
  value: number,
  stepDays?: number,
): ScoredCall[] =>
  Array.from({ length: count }, (_, i) => ({
    callId: `${callType}-${kind}-${start}-${i}`,
    externalId: null,
    callType,
    kind,
    occurredAt: at(start, i, stepDays),
    frustration: null,
    criteria: Object.fromEntries(criteria.map((criterion) => [criterion.key, value])),
    overall: value,
  }));

/** A report from the real (pure) readiness judgement: each call type ready after a baseline and two batches. */
const reportOf = (options: { callTypes: string[]; name?: string; extra?: Recommendation[] }): AgentReadinessReport => {
  const agent = { id: 'agent-1', key: 'ana.ruiz@example.com', displayName: options.name ?? 'Ana Ruiz' };
  const calls = options.callTypes.flatMap((callType) => [
    ...callsOf(callType, 'live', '2026-07-01', 20, 60, 1),
    ...callsOf(callType, 'live', '2026-08-14', 15, 80),
    ...callsOf(callType, 'live', '2026-08-28', 15, 82),
  ]);
  const report = buildAgentReadiness({
    agent,
    program: {
      key: 'empathy-2026',
      name: 'Empathy under pressure',
      startsAt: new Date('2026-08-03'),
      completesAt: new Date('2026-08-14'),
      targetedCriteria: ['empathy'],
    },
    calls,
    criteria,
    thresholds: config.thresholds,
    approvals: [],
    now: NOW,
  });
  report.recommendations.push(...(options.extra ?? []));
  return { report, exclusions: [], team: null, teamFindings: null, rubricVersion: 1, generatedAt: NOW };
};

const input = (result: AgentReadinessReport, overrides: Partial<ScorecardInput> = {}): ScorecardInput => ({
  result,
  criteria,
  audience: 'manager',
  callTypeNames: { basic_inbound: 'Basic inbound', escalation: 'Escalation' },
  ...overrides,
});

const textsOf = (block: KnownBlock): string[] => {
  const texts: string[] = [];
  if ('text' in block && block.text && typeof block.text === 'object' && 'text' in block.text) texts.push(block.text.text);
  if (block.type === 'section') texts.push(...(block.fields ?? []).map((field) => field.text));
  if (block.type === 'context')
    for (const element of block.elements) if ('text' in element && typeof element.text === 'string') texts.push(element.text);
  return texts;
};
const allText = (blocks: KnownBlock[]): string => [...blocks.flatMap(textsOf), ...tableLines(blocks)].join('\n');
const approveButtons = (blocks: KnownBlock[]) =>
  blocks.flatMap((block) =>
    block.type === 'actions' ? block.elements.filter((e) => e.type === 'button' && e.action_id === APPROVE_READINESS_ACTION_ID) : [],
  );

/** Every limit of SLACK_LIMITS, checked on a built message. */
const expectWithinLimits = (blocks: KnownBlock[]) => {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (block.type === 'section') {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      // A cut never leaves a code block open.
      expect(((block.text?.text ?? '').split('```').length - 1) % 2).toBe(0);
    }
    if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const text of textsOf(block)) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
    }
    if (block.type === 'actions') {
      for (const element of block.elements)
        if (element.type === 'button') expect(element.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    }
  }
};

const longRecommendation = (i: number): Recommendation => ({
  rule: 'unchanged_from_baseline',
  scope: 'agent',
  agentId: 'agent-1',
  callType: 'basic_inbound',
  criterion: 'empathy',
  message: `Recommendation ${i}: ${'the training has not moved it; '.repeat(200)}`,
  dedupeKey: `k${i}`,
  evidence: {
    baseline: { scope: 'call_type', callType: 'basic_inbound', value: 60, calls: 20 },
    latestBatch: { start: NOW, end: NOW, calls: 15, value: 61 },
    delta: 1,
    band: 5,
  },
});

describe('buildScorecardBlocks', () => {
  it('when a call type is ready and a manager looks, then it shows Ready, the criteria table and one Approve button carrying agent and call type', () => {
    const { blocks, text, truncated } = buildScorecardBlocks(input(reportOf({ callTypes: ['basic_inbound'] })));
    expect(truncated).toBe(false);
    expect(text).toBe('Readiness of Ana Ruiz — Basic inbound: Ready. Approve from the scorecard.');
    const all = allText(blocks);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Readiness · Ana Ruiz', emoji: true } });
    expect(all).toContain('*Basic inbound* · :large_green_circle: *Ready*');
    expect(all).toContain('Program: *Empathy under pressure* (2026-08-03 → 2026-08-14), targets Empathy expression');
    // Every call of a batch scored the same: no spread, so a margin of ±0.
    expect(all).toMatch(/Overall\s+60\s+80 ±0 · 82 ±0\s+82 ±0\s+\+22\s+75\s+✓/);
    expect(all).toContain('Batches: 15 calls from 2026-08-14 (overall 80 ±0) · 15 calls from 2026-08-28 (overall 82 ±0)');
    const buttons = approveButtons(blocks);
    expect(buttons).toHaveLength(1);
    const [button] = buttons;
    expect(button?.type === 'button' && decodeApproveValue(button.value)).toEqual({
      agent: 'ana.ruiz@example.com',
      callType: 'basic_inbound',
      filter: null,
    });
    expect(button?.type === 'button' && button.confirm?.confirm?.text).toBe('Approve');
  });

  it('when the agent looks at their own card, then there is no Approve button and no coaching notes', () => {
    const { blocks, text } = buildScorecardBlocks(input(reportOf({ callTypes: ['basic_inbound', 'escalation'] }), { audience: 'agent' }));
    expect(approveButtons(blocks)).toEqual([]);
    expect(allText(blocks)).not.toContain('What to do');
    expect(allText(blocks)).toContain('Your own scorecard: only you can see it.');
    expect(text).toBe('Readiness of Ana Ruiz — Basic inbound: Ready; Escalation: Ready.');
  });

  it('when a roleplay-versus-live gap has quoted moments, then each is quoted under the message with mrkdwn escaped', () => {
    const gap: Recommendation = {
      rule: 'roleplay_live_gap',
      scope: 'agent',
      agentId: 'agent-1',
      criterion: 'empathy',
      message: 'Ana Ruiz scores 90.0 on Empathy expression in roleplay but 60.0 on live calls.',
      dedupeKey: 'gap',
      evidence: {
        roleplay: { calls: 5, mean: 90, since: NOW },
        live: { calls: 30, mean: 60, since: NOW },
        gap: 30,
        moments: [
          {
            callId: 'c1',
            externalId: 'CALL-7',
            occurredAt: new Date('2026-09-02T10:00:00Z'),
            score: 25,
            turn: 3,
            role: 'agent',
            quote: 'Sure, <whatever> & next',
          },
        ],
      },
    };
    const { blocks } = buildScorecardBlocks(input(reportOf({ callTypes: ['basic_inbound'], extra: [gap] })));
    const all = allText(blocks);
    expect(all).toContain('*Roleplay above live* · Empathy expression');
    expect(all).toContain('> 2026-09-02 · CALL-7 (scored 25), turn 4, agent: “Sure, &lt;whatever&gt; &amp; next”');
  });

  it('when the report is huge, then every Slack limit holds, the cut ends in "…" and a note points to the CLI, and the fallback text is there', () => {
    const callTypes = Array.from({ length: 40 }, (_, i) => `call_type_${String(i).padStart(2, '0')}`);
    const result = reportOf({
      callTypes,
      name: `Ana ${'Very-Long-Name '.repeat(20)}`,
      extra: Array.from({ length: 60 }, (_, i) => longRecommendation(i)),
    });
    const { blocks, text, truncated } = buildScorecardBlocks(input(result));
    expect(truncated).toBe(true);
    expectWithinLimits(blocks);
    expect(blocks).toHaveLength(SLACK_LIMITS.blocks);
    const header = blocks[0];
    expect(header?.type === 'header' && header.text.text.endsWith('…')).toBe(true);
    expect(allText([blocks.at(-1) as KnownBlock])).toBe(
      '… This card was shortened to fit Slack: see `npx floorready readiness ana.ruiz@example.com` for the full report.',
    );
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(text.startsWith('Readiness of Ana Very-Long-Name')).toBe(true);
  });

  it('when one recommendation is longer than a section allows, then only it is cut, with "…", and the note is added', () => {
    const { blocks, truncated } = buildScorecardBlocks(input(reportOf({ callTypes: ['basic_inbound'], extra: [longRecommendation(1)] })));
    expect(truncated).toBe(true);
    expectWithinLimits(blocks);
    expect(allText(blocks)).toMatch(/Recommendation 1: the training.*…/);
    expect(allText(blocks)).toContain('This card was shortened to fit Slack');
  });
});

describe('Slack limits', () => {
  it('when a text is cut inside a code block, then the block is closed again and the limit holds', () => {
    const cut = truncateText(`intro\n\`\`\`\n${'row\n'.repeat(2000)}\`\`\``, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('…\n```')).toBe(true);
  });

  it('when any text is cut to any limit, then it fits, and only a cut text ends in "…"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 8, max: 300 }), (text, max) => {
        const cut = truncateText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(cut).toBe(text);
        else expect(cut).toMatch(/…(\n```)?$/);
      }),
    );
  });

  it('when a message has more than 10 fields in a section, then the extra fields are left off and the note says so', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ type: 'mrkdwn' as const, text: `field ${i} ${'x'.repeat(2100)}` }));
    const { blocks, truncated } = fitMessage({ text: 'fallback', blocks: [{ type: 'section', fields }] }, 'see the CLI');
    expect(truncated).toBe(true);
    expectWithinLimits(blocks);
    expect(blocks).toHaveLength(2);
  });
});
