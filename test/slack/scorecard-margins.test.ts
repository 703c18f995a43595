/**
 * The /readiness card (issue 20): every batch figure with its 95% margin ("76 ±4", from the t-interval of the
 * batch's own per-call scores), how close the decision was, "inside the margin" beside a verdict that rests
 * there, a new hire's "no baseline", and the early calls to look at for the managers (never the agent).
 * The report comes from the real (pure) readiness judgement; the expected margins from a reference
 * computation with the NIST table's t quantile.
 */
import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/config/config-file.ts';
import { toRubricCriteria } from '../../src/config/config-lookups.ts';
import { buildAgentReadiness, type ProgramInfo, type ScoredCall } from '../../src/domain/readiness/index.ts';
import { buildScorecardBlocks } from '../../src/slack/blocks/build-scorecard-blocks.ts';
import type { KnownBlock } from '../../src/slack/blocks/limits.ts';
import type { AgentReadinessReport } from '../../src/use-cases/build-readiness-report.ts';
import { tableLines } from './table-lines.ts';

const config = parseConfig('', 'test.yml');
const criteria = toRubricCriteria(config);
const NOW = new Date('2026-10-01T12:00:00Z');
const DAY = 86_400_000;
const PROGRAM: ProgramInfo = {
  key: 'empathy-2026',
  name: 'Empathy under pressure',
  startsAt: new Date('2026-08-03'),
  completesAt: new Date('2026-08-14'),
  targetedCriteria: ['empathy'],
};
/** t(0.975, 14) from the NIST/SEMATECH table (14 degrees of freedom). */
const T_14 = 2.145;

const callAt = (id: string, at: Date, value: number, kind: 'live' | 'roleplay' = 'live'): ScoredCall => ({
  callId: id,
  externalId: id.toUpperCase(),
  callType: 'basic_inbound',
  kind,
  occurredAt: at,
  frustration: null,
  criteria: Object.fromEntries(criteria.map((criterion) => [criterion.key, value])),
  overall: value,
});
/** 15 calls in the 14-day period starting `start`, scored by `values` in turn. */
const batch = (start: string, values: readonly number[]): ScoredCall[] =>
  Array.from({ length: 15 }, (_, i) =>
    callAt(`${start}-${i}`, new Date(Date.parse(start) + 3_600_000 + i * 0.5 * DAY), values[i % values.length] as number),
  );

const reference = (values: readonly number[]): { mean: number; margin: number } => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, margin: (T_14 * Math.sqrt(variance)) / Math.sqrt(values.length) };
};
const fifteen = (values: readonly number[]) => Array.from({ length: 15 }, (_, i) => values[i % values.length] as number);

const resultOf = (calls: ScoredCall[], program: ProgramInfo = PROGRAM): AgentReadinessReport => ({
  report: buildAgentReadiness({
    agent: { id: 'agent-1', key: 'ana.ruiz@example.com', displayName: 'Ana Ruiz' },
    program,
    calls,
    criteria,
    thresholds: config.thresholds,
    approvals: [],
    now: NOW,
  }),
  exclusions: [],
  team: null,
  teamFindings: null,
  rubricVersion: 1,
  generatedAt: NOW,
});

const textsOf = (block: KnownBlock): string[] => {
  const texts: string[] = [];
  if ('text' in block && block.text && typeof block.text === 'object' && 'text' in block.text) texts.push(block.text.text);
  if (block.type === 'context')
    for (const element of block.elements) if ('text' in element && typeof element.text === 'string') texts.push(element.text);
  return texts;
};
const cardText = (result: AgentReadinessReport, audience: 'manager' | 'agent' = 'manager'): { rich: string; fallback: string } => {
  const message = buildScorecardBlocks({ result, criteria, audience, callTypeNames: { basic_inbound: 'Basic inbound' } });
  const fallbackBlocks = message.fallback?.blocks ?? [];
  return {
    rich: [...message.blocks.flatMap(textsOf), ...tableLines(message.blocks)].join('\n'),
    fallback: fallbackBlocks.flatMap(textsOf).join('\n'),
  };
};

const baseline = Array.from({ length: 20 }, (_, i) => callAt(`base-${i}`, new Date(Date.parse('2026-07-01') + i * DAY), 60));

describe('the /readiness card states its margins', () => {
  // Two batches spread ±6 around the threshold: 70 and 82 in turn (8 × 70 + 7 × 82) / 15 = 75.6.
  const spread = [70, 82];

  it('when the batches are spread around the threshold, then each batch shows "mean ±margin" from the t-interval, and READY says it is inside the margin', () => {
    const result = resultOf([...baseline, ...batch('2026-08-14', spread), ...batch('2026-08-28', spread)]);
    const entry = result.report.callTypes[0];
    expect(entry?.status).toBe('ready');
    const { mean, margin } = reference(fifteen(spread));
    expect(Math.round(margin)).toBeGreaterThan(0);
    const figure = `${Math.round(mean)} ±${Math.round(margin)}`;
    const { rich, fallback } = cardText(result);
    // Batches and "now" in the table block, the text table of the fallback, and the batch summary.
    expect(rich).toContain(`${figure} · ${figure}`);
    expect(rich).toContain(`(overall ${figure})`);
    expect(fallback).toContain(figure);
    expect(rich).toContain('Ready, inside the margin');
    expect(rich).toContain('the threshold is inside its 95% margin, so this one could go either way');
    expect(rich).not.toMatch(/undefined|NaN/);
  });

  it('when the batches clear the threshold by far, then the card says how far, in points and in margins', () => {
    const clear = [88, 92];
    const result = resultOf([...baseline, ...batch('2026-08-14', clear), ...batch('2026-08-28', clear)]);
    expect(result.report.callTypes[0]?.status).toBe('ready');
    const { mean, margin } = reference(fifteen(clear));
    const points = mean - 75;
    const { rich } = cardText(result);
    expect(rich).not.toContain('inside the margin');
    expect(rich).toContain(`${Math.round(points)} points above the threshold, ${(points / margin).toFixed(1)} margins clear`);
  });

  it('when requireMargin is off and a batch is short by less than its margin, then NOT READY says it is inside the margin', () => {
    const result = resultOf([...baseline, ...batch('2026-08-14', [68, 80]), ...batch('2026-08-28', [68, 80])]);
    expect(result.report.callTypes[0]?.status).toBe('not_ready');
    const { rich } = cardText(result);
    expect(rich).toContain('Not ready, inside the margin');
  });
});

describe('the /readiness card for a new hire', () => {
  const NEW_HIRES: ProgramInfo = { ...PROGRAM, baseline: 'none' };
  const live = (i: number, value: number) => callAt(`live-${i}`, new Date(PROGRAM.completesAt.getTime() + (i + 1) * DAY), value);
  const calls = [live(0, 80), live(1, 10), live(2, 80), live(3, 20)];

  it('when a new hire had very low live calls before two batches, then the managers’ card lists them as early calls to look at', () => {
    const result = resultOf(calls, NEW_HIRES);
    expect(result.report.earlyWarnings.map((warning) => warning.externalId)).toEqual(['LIVE-1', 'LIVE-3']);
    const { rich } = cardText(result);
    expect(rich).toContain('*Early calls to look at* (live calls below 40 overall or at level 1 on a criterion, before two batches):');
    expect(rich).toContain('`LIVE-1` (2026-08-16, Basic inbound) scored *10*');
    expect(rich).toContain('`LIVE-3` (2026-08-18, Basic inbound) scored *20*');
    expect(rich).toContain('*What to do:* coach on the early calls above.');
    expect(rich).not.toContain('nothing flagged');
    expect(rich).toContain('No baseline: new hire · Batches: none yet');
  });

  it('when the agent opens their own card, then the early calls are not listed there (they are coaching for the managers)', () => {
    const { rich } = cardText(resultOf(calls, NEW_HIRES), 'agent');
    expect(rich).not.toContain('Early calls to look at');
  });
});
