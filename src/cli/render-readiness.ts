import { atLeast } from '../domain/readiness/averages.ts';
import { describeScorerTrust, type AgentReadiness, type CallTypeReadiness, type Recommendation, type ReadinessStatus } from '../domain/readiness/index.ts';
import { summarizeExclusions } from '../domain/summarize-exclusions.ts';
import type { Criterion } from '../domain/types.ts';
import type { AgentReadinessReport, TeamReadinessReport } from '../use-cases/build-readiness-report.ts';

// Plain-text readiness reports for a manager at a terminal: what the status is, why, and what to do.

const STATUS_WORDS: Record<ReadinessStatus, string> = {
  ready: 'READY',
  ready_pending_calibration: 'ready, pending calibration',
  approved: 'APPROVED',
  not_ready: 'not ready',
  insufficient_data: 'insufficient data',
};

const num = (value: number | null | undefined): string => (value === null || value === undefined ? '  —' : String(Math.round(value)).padStart(3));
const signed = (value: number | null | undefined): string =>
  value === null || value === undefined ? '   ' : `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value))}`.padStart(3);
const day = (date: Date): string => date.toISOString().slice(0, 10);
/**
 * A batch figure beside its threshold: rounded like `num`, except that a value below the threshold never
 * shows as the threshold (74.99 against 75 shows 74.9, not 75).
 */
const scoreCell = (value: number | null | undefined, threshold: number | undefined): string => {
  if (value === null || value === undefined || threshold === undefined) return num(value);
  if (!atLeast(value, threshold) && Math.round(value) >= threshold) return (Math.floor(value * 10) / 10).toFixed(1).padStart(3);
  return num(value);
};
/** Points missing to a threshold: whole points from 1 up, else to the hundredth (never −0 or −1 for 0.01). */
const shortBy = (gap: number): string => (gap >= 1 ? String(Math.ceil(gap - 1e-6)) : Math.max(0.01, Math.ceil(gap * 100 - 1e-6) / 100).toFixed(2));

const criterionName = (criteria: readonly Criterion[], key: string): string => criteria.find((c) => c.key === key)?.name ?? key;

const renderCallType = (entry: CallTypeReadiness, criteria: readonly Criterion[]): string[] => {
  const lines = [`  ${entry.callType}: ${STATUS_WORDS[entry.status]} — ${entry.statusReason}`];
  const batches = entry.batches.slice(-3);
  const header = ['criterion'.padEnd(26), 'baseline', ...batches.map((b) => day(b.start).slice(5).padStart(6)), ' Δ', 'need'];
  lines.push(`    ${header.join('  ')}`);
  const rows = [{ key: 'overall', name: 'Overall' }, ...criteria.filter((c) => entry.current === null || c.key in entry.current.criteria || c.key in entry.baseline.criteria)];
  for (const row of rows) {
    const isOverall = row.key === 'overall';
    const check = isOverall ? entry.overallMet : entry.criteriaMet.find((c) => c.criterion === row.key);
    const base = isOverall ? entry.baseline.overall : entry.baseline.criteria[row.key];
    const values = batches.map((b) => scoreCell(isOverall ? b.overall : b.criteria[row.key], check?.threshold).padStart(6));
    const delta = isOverall ? entry.current?.overallDeltaVsBaseline : entry.current?.deltaVsBaseline[row.key];
    const judged = check !== undefined && check.batches.length > 0;
    const mark = judged ? (check.met ? ' ✓' : ` ✗${check.gap === null ? '' : ` −${shortBy(check.gap)}`}`) : '';
    lines.push(`    ${row.name.padEnd(26)}  ${num(base).padStart(8)}  ${values.join('  ')}  ${signed(delta)}  ${check ? num(check.threshold) : '  '}${mark}`);
  }
  lines.push(
    `    baseline: ${entry.baseline.calls} calls${entry.baseline.sufficient ? '' : ` (insufficient: fewer than ${entry.baseline.minCalls})`}; ` +
      `batches: ${entry.batches.length} (${entry.batches.map((b) => `${b.calls} calls from ${day(b.start)}`).join(', ') || 'none'})` +
      (entry.incompletePeriods.length > 0 ? `; ${entry.incompletePeriods.length} period(s) below the minimum` : ''),
  );
  if (entry.approval) lines.push(`    approved by ${entry.approval.approvedBy} on ${day(entry.approval.approvedAt)}`);
  return lines;
};

export const renderRecommendation = (recommendation: Recommendation): string => {
  const where = [recommendation.callType, recommendation.criterion].filter(Boolean).join(', ');
  const lines = [`  • [${recommendation.rule}${where ? ` · ${where}` : ''}] ${recommendation.message}`];
  if (recommendation.rule === 'roleplay_live_gap' || recommendation.rule === 'below_threshold') {
    for (const moment of recommendation.evidence.moments) {
      const call = moment.externalId ?? moment.callId;
      lines.push(`      ${day(moment.occurredAt)} ${call} (scored ${Math.round(moment.score)}), turn ${moment.turn} ${moment.role}: "${moment.quote}"`);
    }
  }
  return lines.join('\n');
};

export const renderAgentReadiness = (report: AgentReadiness, criteria: readonly Criterion[]): string[] => {
  const lines = [`${report.agent.displayName}`];
  lines.push(
    report.program
      ? `  program: ${report.program.name} (${day(report.program.startsAt)} → ${day(report.program.completesAt)}), targets ${report.program.targetedCriteria.map((k) => criterionName(criteria, k)).join(', ')}`
      : '  program: none — not enrolled in a training program, so there is no baseline to compare with',
  );
  if (report.trust) lines.push(`  scores: ${describeScorerTrust(report.trust)}`);
  if (report.callTypes.length === 0) lines.push('  no scored calls yet');
  for (const entry of report.callTypes) lines.push(...renderCallType(entry, criteria));
  const adjacent = report.trends.adjacentCriteria.filter((a) => a.delta !== null);
  if (adjacent.length > 0) {
    lines.push(`  untargeted criteria since training: ${adjacent.map((a) => `${a.name} ${signed(a.delta).trim()}`).join(', ')}`);
  }
  const split = report.trends.frustrationSplit;
  const parts = (['none', 'mild', 'high'] as const).filter((level) => split[level].calls > 0).map((level) => `${level} ${num(split[level].overall).trim()} (${split[level].calls})`);
  if (parts.length > 0) lines.push(`  overall by customer frustration: ${parts.join(', ')}`);
  lines.push(report.recommendations.length > 0 ? '  what to do:' : '  what to do: nothing flagged');
  for (const recommendation of report.recommendations) lines.push(`  ${renderRecommendation(recommendation)}`);
  return lines;
};

/** How many calls a manager excluded, and why (the list is in `calls` and `readiness --json`). */
const renderExclusions = (result: AgentReadinessReport): string[] => {
  const summary = summarizeExclusions(result.exclusions);
  if (summary.calls === 0) return [];
  return [
    `  excluded from every figure: ${summary.calls} call${summary.calls === 1 ? '' : 's'}`,
    ...summary.reasons.map((entry) => `    ${entry.calls} × "${entry.reason}" (by ${entry.by.join(', ')})`),
  ];
};

export const renderReadinessReport = (result: AgentReadinessReport, criteria: readonly Criterion[]): string =>
  [
    ...renderAgentReadiness(result.report, criteria),
    ...renderExclusions(result),
    `  (rubric v${result.rubricVersion}; ✓/✗ = met or missed the threshold in the last batches, −n = points short)`,
  ].join('\n');

export const renderTeamReport = (result: TeamReadinessReport): string => {
  const lines = [`${result.team.name} — ${result.agents.length} agents (rubric v${result.rubricVersion})`, `  scores: ${describeScorerTrust(result.trust)}`];
  for (const report of result.agents) {
    const statuses = report.callTypes.map((entry) => `${entry.callType} ${STATUS_WORDS[entry.status]}`).join(', ') || 'no scored calls';
    lines.push(`  ${report.agent.displayName.padEnd(22)} overall now ${num(report.current?.overall).trim().padStart(3)}   ${statuses}`);
  }
  lines.push('  team averages (latest batches) vs threshold:');
  for (const finding of result.findings.criteria) {
    lines.push(
      `    ${finding.name.padEnd(26)} ${scoreCell(finding.teamMean, finding.threshold)} / ${finding.threshold}  ${finding.agentsBelow} of ${finding.agentsWithData} below${finding.fired ? '  ← team-wide gap' : ''}`,
    );
  }
  const weeks = result.trends.weeks.filter((week) => week.calls > 0);
  if (weeks.length > 0) lines.push(`  weekly overall: ${weeks.map((week) => `${day(week.weekStart).slice(5)} ${num(week.overall).trim()}`).join('  ')}`);
  const recommendations = [...result.findings.recommendations, ...result.agents.flatMap((report) => report.recommendations)];
  lines.push(recommendations.length > 0 ? '  what to do:' : '  what to do: nothing flagged');
  for (const recommendation of result.findings.recommendations) lines.push(`  ${renderRecommendation(recommendation)}`);
  for (const report of result.agents) {
    for (const recommendation of report.recommendations) lines.push(`  ${renderRecommendation(recommendation).replace('] ', `] ${report.agent.displayName}: `)}`);
  }
  return lines.join('\n');
};
