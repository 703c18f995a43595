import type { CalibrationReport, CalibrationRow } from '../../domain/calibration/index.ts';
import type { AgentReadiness } from '../../domain/readiness/index.ts';
import type { Criterion } from '../../domain/types.ts';
import { describeRedactionCounts, REDACTION_CATEGORIES, REDACTION_LABELS, type RedactionCounts } from '../../ingest/redact-pii.ts';
import type { DemoCall } from './build-demo-calls.ts';
import { DEMO_FORMATS, FORMAT_LABELS } from './render-transcript.ts';

// Plain-text sections of `floorready demo` that no other command prints: what was stored, the
// per-agent scorecards and the calibration table. Pure: data in, lines out.

const SHORT_NAMES: Record<string, string> = {
  empathy: 'Empathy',
  active_listening: 'Listening',
  tone_consistency: 'Tone',
  problem_resolution: 'Resolution',
  close_follow_through: 'Close',
};
const shortName = (criterion: Pick<Criterion, 'key' | 'name'>): string => SHORT_NAMES[criterion.key] ?? criterion.name;
const round = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : String(Math.round(value)));
const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value))}`;

export interface StoredSummary {
  imported: readonly DemoCall[];
  redactions: RedactionCounts;
}

/** Calls per agent and phase, formats, and PII redacted before storing. */
export const renderStoredSummary = ({ imported, redactions }: StoredSummary): string[] => {
  const lines: string[] = [];
  const agents = [...new Set([...imported].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0)).map((call) => call.agentName))];
  lines.push(`  ${'agent'.padEnd(14)} ${'before training'.padStart(15)}  ${'roleplay'.padStart(8)}  ${'live after'.padStart(10)}  call types`);
  for (const agent of agents) {
    const calls = imported.filter((call) => call.agentName === agent);
    const count = (phase: DemoCall['phase']) => calls.filter((call) => call.phase === phase).length;
    const types = [...new Set(calls.map((call) => call.callType))].join(', ');
    lines.push(`  ${agent.padEnd(14)} ${String(count('baseline')).padStart(15)}  ${String(count('roleplay')).padStart(8)}  ${String(count('post_training')).padStart(10)}  ${types}`);
  }
  const formats = DEMO_FORMATS.map((format) => `${FORMAT_LABELS[format]} ${imported.filter((call) => call.format === format).length}`);
  lines.push(`  formats: ${formats.join(', ')}`);
  lines.push(`  PII redacted before storing: ${describeRedactionCounts(redactions) || 'none'}`);
  lines.push(`  (the transcripts are redacted before they are stored or sent to a scorer: ${REDACTION_CATEGORIES.map((category) => REDACTION_LABELS[category][1]).join(', ')})`);
  return lines;
};

/** Where an agent stands now: the latest batch of each call type pooled, else all post-training live calls. */
const nowFigures = (report: AgentReadiness): { overall: number | null; criteria: Record<string, number | null>; fromBatches: boolean } =>
  report.current
    ? { overall: report.current.overall, criteria: report.current.criteria, fromBatches: true }
    : { overall: report.trends.postTraining.overall, criteria: report.trends.postTraining.criteria, fromBatches: false };

const cell = (value: number | null | undefined, base: number | null | undefined): string =>
  value === null || value === undefined ? '—' : base === null || base === undefined ? round(value) : `${round(value)} (${signed(value - base)})`;

/** One row per agent: live calls before and after training, and per criterion now versus the baseline. */
export const renderScorecards = (reports: readonly AgentReadiness[], criteria: readonly Criterion[]): string[] => {
  const width = 12;
  const header = [`  ${'agent'.padEnd(14)}`, 'before'.padStart(6), 'after'.padStart(6), '  ', ...['Overall', ...criteria.map(shortName)].map((name) => name.padEnd(width))];
  const lines = [header.join(' ').trimEnd()];
  const notes: string[] = [];
  for (const report of reports) {
    const now = nowFigures(report);
    const base = report.baseline;
    const marks = `${base.sufficient ? ' ' : '*'}${now.fromBatches ? ' ' : '†'}`;
    const cells = [cell(now.overall, base.overall), ...criteria.map((criterion) => cell(now.criteria[criterion.key], base.criteria[criterion.key]))];
    lines.push(
      [`  ${report.agent.displayName.padEnd(14)}`, String(base.calls).padStart(6), String(report.trends.postTraining.calls).padStart(6), marks, ...cells.map((text) => text.padEnd(width))].join(' ').trimEnd(),
    );
    if (!base.sufficient) notes.push(`* ${report.agent.displayName}: ${base.note ?? 'insufficient baseline'}`);
    if (!now.fromBatches) notes.push(`† ${report.agent.displayName}: no 14-day period has 15 live calls yet, so these are all post-training live calls, not a batch.`);
  }
  lines.push('  now = latest batch of each call type (0–100); (±n) = change from the agent’s own pre-training baseline');
  return [...lines, ...notes.map((note) => `  ${note}`)];
};

const pct = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);
const calibrationRow = (row: CalibrationRow, name: string): string =>
  [
    `  ${name.padEnd(24)}`,
    String(row.count).padStart(5),
    (row.kappa === null ? '—' : row.kappa.toFixed(2)).padStart(6),
    (row.band ?? row.kappaUndefined ?? '').padEnd(15),
    pct(row.exactAgreement).padStart(6),
    pct(row.withinOneAgreement).padStart(9),
    (row.meanAbsoluteDifference === null ? '—' : row.meanAbsoluteDifference.toFixed(1)).padStart(5),
  ].join(' ');

/** AI versus human per criterion: quadratic weighted kappa, its Landis–Koch band, agreement and mean difference. */
export const renderCalibration = (report: CalibrationReport, criteria: readonly Criterion[]): string[] => {
  if (report.all.count === 0) return ['  no call has both an AI and a human score yet'];
  const nameOf = (key: string) => criteria.find((criterion) => criterion.key === key)?.name ?? key;
  return [
    `  ${'criterion'.padEnd(24)} ${'pairs'.padStart(5)} ${'kappa'.padStart(6)} ${'agreement'.padEnd(15)} ${'exact'.padStart(6)} ${'within 1'.padStart(9)} ${'MAD'.padStart(5)}`,
    ...report.criteria.map((row) => calibrationRow(row, nameOf(row.criterionKey))),
    calibrationRow(report.all, 'all criteria'),
    '  kappa: quadratic weighted on the 1–5 levels; MAD: mean absolute difference in points',
  ];
};
