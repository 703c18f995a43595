import { joinWithAnd } from '../domain/join-with-and.ts';
import {
  closestCheck,
  criterionName,
  describeClosestCheck,
  describeConsistency,
  describeScorerTrust,
  readinessMessages,
  type AgentReadiness,
  type CallTypeReadiness,
  type CriterionCheck,
  type EarlyWarning,
  type Recommendation,
  type ReadinessStatus,
} from '../domain/readiness/index.ts';
import { shownTurn } from '../domain/turn-number.ts';
import { summarizeExclusions } from '../domain/summarize-exclusions.ts';
import type { Criterion } from '../domain/types.ts';
import type { AgentReadinessReport, TeamReadinessReport } from '../use-cases/build-readiness-report.ts';
import { describeMoment, describeRecommendation, type DescribeContext } from './describe-recommendation.ts';
import {
  fitLines,
  formatCount,
  formatDelta,
  formatScore,
  formatScoreAgainst,
  formatShortfall,
  formatWithMargin,
} from './format-figures.ts';

// Plain-text readiness reports for a manager at a terminal: what the status is, why, and what to do.
// Every line fits 80 columns; figures follow format-figures.ts (whole points, counts with their unit).

const WIDTH = 80;

export const STATUS_WORDS: Record<ReadinessStatus, string> = {
  ready: 'READY',
  ready_pending_calibration: 'ready, pending calibration',
  approved: 'APPROVED',
  not_ready: 'not ready',
  insufficient_data: 'not enough calls yet',
};

const day = (date: Date): string => date.toISOString().slice(0, 10);
const criterionNameIn =
  (criteria: readonly Pick<Criterion, 'key' | 'name'>[]) =>
  (key: string): string =>
    criterionName(criteria, key);

/**
 * "✓", or "✗ −n" with n the points short in the latest batch (the column beside it), as the difference of
 * the figures shown; when only an earlier decisive batch missed, that batch's shortfall.
 */
const markOf = (check: CriterionCheck): string => {
  if (check.batches.length === 0) return '';
  if (check.met) return '✓';
  const latest = check.batches.at(-1);
  const missed = latest && !latest.met ? latest : check.batches.find((batch) => !batch.met);
  return missed?.value === null || missed?.value === undefined ? '✗ no score' : `✗ −${formatShortfall(missed.value, check.threshold)}`;
};

/** Why a call type has its status; for "not ready" the criteria short of the threshold, which the table shows. */
const statusReason = (entry: CallTypeReadiness, criteria: readonly Pick<Criterion, 'key' | 'name'>[]): string => {
  if (entry.reasonCode !== 'threshold_not_met') return entry.statusReason;
  const missed = [entry.overallMet, ...entry.criteriaMet]
    .filter((check) => !check.met)
    .map((check) => check.name || criterionNameIn(criteria)(check.criterion));
  const margin = entry.marginNote ? ` ${readinessMessages.notReadyInsideMargin(entry.marginNote)}` : '';
  return `below the threshold in the last ${formatCount(entry.decisiveBatches.length, 'batch', 'batches')} on ${joinWithAnd(missed)} (✗ in the table).${margin}`;
};

/** "batches: 4 (18, 18, 18 and 18 calls, 14-day periods from 2026-08-14)" and the periods that are not batches yet. */
const describeBatches = (entry: CallTypeReadiness): string => {
  const periodDays = (period: { start: Date; end: Date }): number =>
    Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000);
  const first = entry.batches[0] ?? entry.incompletePeriods[0];
  const days = first ? periodDays(first) : null;
  const batches =
    entry.batches.length === 0
      ? 'no batch yet'
      : `${formatCount(entry.batches.length, 'batch', 'batches')} of ${days}-day periods from ${day(entry.batches[0]?.start ?? new Date(0))}, ` +
        `with ${joinWithAnd(entry.batches.map((batch) => String(batch.calls)))} calls`;
  const past = entry.incompletePeriods.filter((period) => !period.inProgress);
  const current = entry.incompletePeriods.find((period) => period.inProgress);
  const minCalls = entry.incompletePeriods[0]?.minCalls;
  const notBatches =
    (past.length === 0
      ? ''
      : `; ${formatCount(past.length, 'earlier period', 'earlier periods')} had fewer than the ${minCalls} calls a batch needs ` +
        `(${joinWithAnd(past.map((period) => String(period.calls)))} call${past.length === 1 && past[0]?.calls === 1 ? '' : 's'})`) +
    (current ? `; the current period has ${current.calls} of ${minCalls} calls so far` : '');
  return `${batches}${notBatches}`;
};

const renderCallType = (entry: CallTypeReadiness, criteria: readonly Criterion[]): string[] => {
  const lines = fitLines([`  ${entry.callType}: ${STATUS_WORDS[entry.status]} — ${statusReason(entry, criteria)}`], WIDTH, 4);
  // A new hire with no practice has no baseline: its columns go, and one line says why instead of a delta.
  const noBaseline =
    entry.baseline.kind === 'none' && entry.baseline.calls === 0 && entry.baseline.note !== readinessMessages.baselineNoProgram;
  const baseLabel = entry.baseline.kind === 'practice' ? 'practice' : 'baseline';
  // The last two batches (the deciding ones), each mean with its 95% margin: "76 ±4".
  const batches = entry.batches.slice(-2);
  const header = [
    '    ',
    'criterion'.padEnd(24),
    noBaseline ? '' : baseLabel.padStart(9),
    ...batches.map((b) => day(b.start).slice(5).padStart(10)),
    noBaseline ? '' : 'change'.padStart(7),
    'need'.padStart(5),
  ];
  lines.push(header.join('').trimEnd());
  const rows = [
    { key: 'overall', name: 'Overall' },
    ...criteria.filter((c) => entry.current === null || c.key in entry.current.criteria || c.key in entry.baseline.criteria),
  ];
  for (const row of rows) {
    const isOverall = row.key === 'overall';
    const check = isOverall ? entry.overallMet : entry.criteriaMet.find((c) => c.criterion === row.key);
    const base = isOverall ? entry.baseline.overall : entry.baseline.criteria[row.key];
    const values = batches.map((b) =>
      formatWithMargin(
        isOverall ? b.overall : b.criteria[row.key],
        isOverall ? b.overallInterval?.margin : b.criteriaIntervals[row.key]?.margin,
        check?.threshold,
      ).padStart(10),
    );
    const delta = isOverall ? entry.current?.overallDeltaVsBaseline : entry.current?.deltaVsBaseline[row.key];
    const cells = [
      '    ',
      row.name.padEnd(24),
      noBaseline ? '' : formatScore(base).padStart(9),
      ...values,
      noBaseline ? '' : (delta === null || delta === undefined ? '' : formatDelta(delta)).padStart(7),
      (check ? String(check.threshold) : '').padStart(5),
      check ? ` ${markOf(check)}` : '',
    ];
    lines.push(cells.join('').trimEnd());
  }
  const baseline = noBaseline
    ? `${readinessMessages.noBaselineNewHire} (the program has baseline: none and there was no roleplay practice)`
    : entry.baseline.kind === 'practice'
      ? `practice baseline: ${formatCount(entry.baseline.calls, 'roleplay call')} before the first live call (new hire; practice, not live work)`
      : `${formatCount(entry.baseline.calls, 'call')} before training${entry.baseline.sufficient ? '' : ` (too few for a reliable comparison: ${entry.baseline.minCalls} needed)`}`;
  lines.push(...fitLines([`    baseline: ${baseline}; ${describeBatches(entry)}`], WIDTH, 2));
  // How close the decision was, as the Slack card says it (the deciding check nearest its threshold).
  const closest = closestCheck(entry);
  if (closest) lines.push(...fitLines([`    ${describeClosestCheck(closest, formatScore)}`], WIDTH, 2));
  if (entry.approval) lines.push(`    approved by ${entry.approval.approvedBy} on ${day(entry.approval.approvedAt)}`);
  return lines;
};

const FRUSTRATION_WORDS = { none: 'calm', mild: 'mildly frustrated', high: 'highly frustrated' } as const;

/** A recommendation as a bullet: the sentence, then the quoted moments with the call ids to open. */
export const renderRecommendation = (
  recommendation: Recommendation,
  context: DescribeContext,
  options: { who?: string; moments?: boolean } = {},
): string[] => {
  const { text, moments } = describeRecommendation(recommendation, context);
  const lines = fitLines([`  • ${options.who ? `${options.who}: ` : ''}${text}`], WIDTH, 4);
  if (options.moments === false) return lines;
  for (const moment of moments) lines.push(...fitLines([`      ${describeMoment(moment)}`], WIDTH, 4));
  return lines;
};

export const renderAgentReadiness = (report: AgentReadiness, criteria: readonly Criterion[]): string[] => {
  const name = criterionNameIn(criteria);
  const lines = [`${report.agent.displayName} (${report.agent.key})`];
  lines.push(
    report.program
      ? `  program: ${report.program.name} (${day(report.program.startsAt)} → ${day(report.program.completesAt)}), targets ${joinWithAnd(report.program.targetedCriteria.map(name))}`
      : '  program: none — not enrolled in a training program, so there is no baseline to compare with',
  );
  if (report.trust) lines.push(`  scores: ${describeScorerTrust(report.trust)}`);
  if (report.callTypes.length === 0) lines.push('  no scored calls yet');
  for (const entry of report.callTypes) lines.push(...renderCallType(entry, criteria));
  if (report.callTypes.some((entry) => entry.batches.length > 0 || entry.baseline.calls > 0)) {
    lines.push(
      '    (scores 0–100; baseline = before training; dated columns = the last two batches, each mean ±its 95% margin of error; ' +
        'change = latest batch − baseline; need = threshold; ✗ −n = n points short)',
    );
  }
  const adjacent = report.trends.adjacentCriteria.filter((a) => a.delta !== null);
  if (adjacent.length > 0) {
    lines.push(
      `  criteria the training did not target, change since training: ${adjacent.map((a) => `${a.name} ${formatDelta(a.delta)}`).join(', ')}`,
    );
  }
  const split = report.trends.frustrationSplit;
  const parts = (['none', 'mild', 'high'] as const)
    .filter((level) => split[level].calls > 0)
    .map(
      (level) =>
        `${formatScore(split[level].overall)} with ${FRUSTRATION_WORDS[level]} customers (${formatCount(split[level].calls, 'call')})`,
    );
  if (parts.length > 0) lines.push(`  overall score since training: ${parts.join(', ')}`);
  if (report.earlyWarnings.length > 0) {
    lines.push(
      `  early calls to look at (live calls below ${report.earlyWarnings[0]?.threshold.overall} overall or at level ${report.earlyWarnings[0]?.threshold.level} on a criterion, before two batches):`,
    );
    for (const warning of report.earlyWarnings) lines.push(...fitLines([`    • ${describeEarlyWarning(warning)}`], WIDTH, 6));
  }
  for (const skipped of report.skippedRules)
    lines.push(...fitLines([`  not checked: ${skipped.rule.replaceAll('_', ' ')} (${skipped.reason})`], WIDTH, 4));
  lines.push(
    report.recommendations.length > 0
      ? '  what to do:'
      : report.earlyWarnings.length > 0
        ? '  what to do: coach on the early calls above'
        : '  what to do: nothing flagged',
  );
  const context = { criterionName: name, agentKey: report.agent.key };
  for (const recommendation of report.recommendations) lines.push(...renderRecommendation(recommendation, context));
  if (report.recommendations.some((recommendation) => describeRecommendation(recommendation, context).moments.length > 0)) {
    lines.push('    (open a quoted call with `floorready show <call>`; turns count from 1)');
  }
  return fitLines(lines, WIDTH, 4);
};

/** "call ZD-4411 (2026-09-02, basic_inbound) scored 14: Empathy expression at level 1, turn 3: “…”". */
export const describeEarlyWarning = (warning: EarlyWarning): string => {
  const call = warning.externalId ?? warning.callId;
  const low = warning.criteria.map((entry) => `${entry.name} at level ${entry.level}`);
  const quote = warning.moment ? `; turn ${shownTurn(warning.moment.turn)}: “${warning.moment.quote}”` : '';
  return `call ${call} (${day(warning.occurredAt)}, ${warning.callType}) scored ${formatScore(warning.overall)}${low.length > 0 ? `: ${joinWithAnd(low)}` : ''}${quote}`;
};

/** How many calls a manager excluded, and why (the list is in `calls` and `readiness --json`). */
const renderExclusions = (result: AgentReadinessReport): string[] => {
  const summary = summarizeExclusions(result.exclusions);
  if (summary.calls === 0) return [];
  return fitLines(
    [
      `  excluded from every figure: ${formatCount(summary.calls, 'call')}`,
      ...summary.reasons.map((entry) => `    ${entry.calls} × "${entry.reason}" (by ${entry.by.join(', ')})`),
    ],
    WIDTH,
    4,
  );
};

export const renderReadinessReport = (result: AgentReadinessReport, criteria: readonly Criterion[]): string =>
  [...renderAgentReadiness(result.report, criteria), ...renderExclusions(result), `  (rubric version ${result.rubricVersion})`].join('\n');

/**
 * A team at a glance, manager first: each agent's status per call type, the team's averages against the
 * thresholds, the weekly trend, and what to do, each recommendation once: an agent's coaching on a
 * criterion that is low team-wide is folded into the team finding, which names the agents below.
 */
export const renderTeamLines = (result: TeamReadinessReport, criteria: readonly Pick<Criterion, 'key' | 'name'>[] = []): string[] => {
  const name = criterionNameIn([
    ...criteria,
    ...result.findings.criteria.map((finding) => ({ key: finding.criterion, name: finding.name })),
  ]);
  const lines = [
    `${result.team.name}: ${formatCount(result.agents.length, 'agent')}, rubric version ${result.rubricVersion}`,
    ...fitLines([`  scores: ${describeScorerTrust(result.trust)}`], WIDTH, 4),
    '',
    `  ${'agent'.padEnd(16)}${'call type'.padEnd(18)}${'status'.padEnd(28)}overall`,
  ];
  for (const report of result.agents) {
    if (report.callTypes.length === 0) lines.push(`  ${report.agent.displayName.padEnd(16)}${'—'.padEnd(18)}no scored calls`);
    for (const [index, entry] of report.callTypes.entries()) {
      const who = index === 0 ? report.agent.displayName : '';
      const latest = entry.batches.at(-1);
      const overall = formatWithMargin(entry.current?.overall, latest?.overallInterval?.margin, entry.overallMet.threshold);
      // A ready verdict that rests inside the margin of error says so, here too (the reason has the figures).
      const status = entry.status === 'ready' && entry.marginNote ? 'READY, inside the margin' : STATUS_WORDS[entry.status];
      lines.push(`  ${who.padEnd(16)}${entry.callType.padEnd(18)}${status.padEnd(28)}${overall.padStart(9)}`);
    }
  }
  lines.push('  (overall = latest batch, 0–100, ±its 95% margin; — = no batch yet: a batch is 15 or more live calls in one 14-day period)');
  if (result.findings.criteria.length > 0) {
    lines.push('', '  team average per criterion, latest batches, against the threshold:');
    for (const finding of result.findings.criteria) {
      lines.push(
        `    ${finding.name.padEnd(26)}${formatScoreAgainst(finding.teamMean, finding.threshold).padStart(6)} of ${finding.threshold}  ` +
          `${finding.agentsBelow} of ${formatCount(finding.agentsWithData, 'agent')} below${finding.fired ? '  ← team-wide gap' : ''}`,
      );
    }
  }
  lines.push(...fitLines([`  ${describeConsistency(result.consistency)}`], WIDTH, 4));
  const early = result.agents.filter((report) => report.earlyWarnings.length > 0);
  if (early.length > 0) {
    lines.push(
      ...fitLines(
        [
          `  early calls to look at: ${early.map((report) => `${report.agent.displayName} ${formatCount(report.earlyWarnings.length, 'call')}`).join(', ')} (\`floorready readiness <agent>\` lists them)`,
        ],
        WIDTH,
        4,
      ),
    );
  }
  const weeks = result.trends.weeks.filter((week) => week.calls > 0);
  if (weeks.length > 0) {
    lines.push(
      `  team overall by week (week starting): ${weeks.map((week) => `${day(week.weekStart).slice(5)} ${formatScore(week.overall)}`).join(', ')}`,
    );
  }

  const namesById = new Map(result.agents.map((report) => [report.agent.id, report.agent.displayName]));
  const ownSteps = result.agents.flatMap((report) =>
    report.recommendations.filter((recommendation) => !recommendation.teamWide).map((recommendation) => ({ report, recommendation })),
  );
  lines.push(
    '',
    result.findings.recommendations.length + ownSteps.length > 0
      ? '  what to do (each once):'
      : early.length > 0
        ? '  what to do: coach on the early calls above'
        : '  what to do: nothing flagged',
  );
  for (const finding of result.findings.recommendations) {
    const below = finding.evidence.agentIdsBelow.map((id) => namesById.get(id) ?? id);
    lines.push(...renderRecommendation(finding, { criterionName: name, agentKey: '' }, { who: 'Team' }));
    if (below.length > 0) lines.push(...fitLines([`      below: ${joinWithAnd(below)} (coach them together, not one by one)`], WIDTH, 4));
  }
  for (const { report, recommendation } of ownSteps) {
    lines.push(
      ...renderRecommendation(
        recommendation,
        { criterionName: name, agentKey: report.agent.key },
        { who: report.agent.displayName, moments: false },
      ),
    );
  }
  if (ownSteps.length > 0) lines.push('  (each agent in depth, with the calls behind it: `floorready readiness <agent>`)');
  return fitLines(lines, WIDTH, 4);
};

export const renderTeamReport = (result: TeamReadinessReport, criteria: readonly Pick<Criterion, 'key' | 'name'>[] = []): string =>
  renderTeamLines(result, criteria).join('\n');
