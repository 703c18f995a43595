import type { AgentReadiness } from '../../domain/readiness/index.ts';
import type { Criterion } from '../../domain/types.ts';
import { describeRedactionCounts, REDACTION_CATEGORIES, REDACTION_LABELS, type RedactionCounts } from '../../ingest/redact-pii.ts';
import type { DemoCall } from './build-demo-calls.ts';
import { formatDelta, formatScore } from '../format-figures.ts';
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

export interface StoredSummary {
  imported: readonly DemoCall[];
  redactions: RedactionCounts;
}

/** Calls per agent and phase, formats, and PII redacted before storing. */
export const renderStoredSummary = ({ imported, redactions }: StoredSummary): string[] => {
  const lines: string[] = [];
  const agents = [
    ...new Set([...imported].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0)).map((call) => call.agentName)),
  ];
  lines.push(`  calls per agent: live before training, roleplay, live after training`);
  lines.push(`  ${'agent'.padEnd(14)} ${'live before'.padStart(15)}  ${'roleplay'.padStart(8)}  ${'live after'.padStart(10)}  call types`);
  for (const agent of agents) {
    const calls = imported.filter((call) => call.agentName === agent);
    const count = (phase: DemoCall['phase']) => calls.filter((call) => call.phase === phase).length;
    const types = [...new Set(calls.map((call) => call.callType))].join(', ');
    lines.push(
      `  ${agent.padEnd(14)} ${String(count('baseline')).padStart(15)}  ${String(count('roleplay')).padStart(8)}  ${String(count('post_training')).padStart(10)}  ${types}`,
    );
  }
  const formats = DEMO_FORMATS.map((format) => `${FORMAT_LABELS[format]} ${imported.filter((call) => call.format === format).length}`);
  lines.push(`  formats: ${formats.join(', ')}`);
  lines.push(`  PII redacted before storing: ${describeRedactionCounts(redactions) || 'none'}`);
  lines.push(
    `  (the transcripts are redacted before they are stored or sent to a scorer: ${REDACTION_CATEGORIES.map((category) => REDACTION_LABELS[category][1]).join(', ')})`,
  );
  return lines;
};

const cell = (value: number | null | undefined, base: number | null | undefined): string =>
  value === null || value === undefined
    ? '—'
    : base === null || base === undefined
      ? formatScore(value)
      : `${formatScore(value)} (${formatDelta(value - base)})`;

/**
 * One row per agent: live calls before and after training, and per criterion the latest batches (the
 * same figures as `team` and `readiness`) with the change from the agent's own baseline; "—" without a batch.
 */
export const renderScorecards = (reports: readonly AgentReadiness[], criteria: readonly Criterion[]): string[] => {
  const width = 11;
  const header = [
    `  ${'agent'.padEnd(14)}`,
    'live calls before / after'.padEnd(26),
    ...['Overall', ...criteria.map(shortName)].map((name) => name.padEnd(width)),
  ];
  const lines = [header.join(' ').trimEnd()];
  const notes: string[] = [];
  for (const report of reports) {
    const now = report.current;
    const base = report.baseline;
    const calls = `${base.calls} before, ${report.trends.postTraining.calls} after${base.sufficient ? '' : ' *'}`;
    const cells = [
      cell(now?.overall, base.overall),
      ...criteria.map((criterion) => cell(now?.criteria[criterion.key], base.criteria[criterion.key])),
    ];
    lines.push(
      [`  ${report.agent.displayName.padEnd(14)}`, calls.padEnd(26), ...cells.map((text) => text.padEnd(width))].join(' ').trimEnd(),
    );
    if (!base.sufficient)
      notes.push(`* ${report.agent.displayName}: ${base.note ?? 'too few calls before training for a reliable baseline'}`);
    if (!now) notes.push(`— ${report.agent.displayName}: no batch yet (a batch is 15 or more live calls in one 14-day period).`);
  }
  lines.push(
    '  scores 0–100 from the latest batch of each call type; (±n) = change in points from the agent’s own baseline before training',
  );
  return [...lines, ...notes.map((note) => `  ${note}`)];
};
