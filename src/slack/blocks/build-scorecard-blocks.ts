import {
  closestCheck,
  describeClosestCheck,
  describeScorerTrust,
  readinessMessages,
  type AgentReadinessReport,
  type EarlyWarning,
  type CallTypeReadiness,
  type Recommendation,
  type RuleId,
  type ScorecardDispute,
} from '../../domain/readiness/index.ts';
import type { ScorecardAudience } from '../../domain/access/index.ts';
import { summarizeExclusions } from '../../domain/summarize-exclusions.ts';
import type { Criterion } from '../../domain/types.ts';
import { APPROVE_READINESS_ACTION_ID, approveBlockId, encodeApproveValue } from '../slack-ids.ts';
import { shownTurn } from '../../domain/turn-number.ts';
import {
  approverMrkdwn,
  escapeMrkdwn,
  isoDay,
  momentLine,
  score,
  scoreWithMargin,
  signedDelta,
  STATUS_EMOJI,
  STATUS_WORDS,
} from './format.ts';
import { truncateText } from './limits.ts';
import { fitMessage, type KnownBlock, type SlackMessage } from './limits.ts';
import { tableBlock, type TableData } from './table.ts';

// The /readiness scorecard as Block Kit: pure data in, a message out, within Slack's limits.

export interface ScorecardInput {
  result: AgentReadinessReport;
  /** The rubric's criteria (names of the program's targeted criteria). */
  criteria: readonly Criterion[];
  /** Managers get the recommendations and the Approve buttons; an agent gets their own scores only. */
  audience: ScorecardAudience;
  /** Display names of call types by key; a key without one is shown as is. */
  callTypeNames?: Readonly<Record<string, string>>;
  /** The call type the card was narrowed to (kept in the Approve button, to redraw the card the same). */
  callTypeFilter?: string | null;
  /** A mrkdwn line shown under the header, e.g. "Approved by <@U…> at …" (already escaped). */
  notice?: string | null;
  /** Show the per-criterion rows as one `table` block (default) or as text tables only (`false`: e.g. where another table is shown). */
  tables?: boolean;
  /** The agent's open disputes (issue 19): listed, since their figures may still change and they hold approval. */
  openDisputes?: readonly ScorecardDispute[];
}

/** Open disputes listed on a card at most; the rest are counted (the CLI's `disputes` lists them all). */
const DISPUTES_SHOWN = 5;

/** The card's open disputes: what may still change, and why an approval may wait. */
export const openDisputesBlock = (input: ScorecardInput): KnownBlock | null => {
  const open = input.openDisputes ?? [];
  if (open.length === 0) return null;
  const lines = open
    .slice(0, DISPUTES_SHOWN)
    .map(
      (dispute) =>
        `• ${escapeMrkdwn(dispute.criterionName)} on call \`${escapeMrkdwn(dispute.callRef)}\` · raised ${isoDay(dispute.raisedAt)} · \`${escapeMrkdwn(dispute.id)}\``,
    );
  if (open.length > DISPUTES_SHOWN) lines.push(`…and ${open.length - DISPUTES_SHOWN} more: \`npx floorready disputes --state open\``);
  const why =
    input.audience === 'manager'
      ? 'these scores may still change, and approval waits for those on calls of the deciding batches'
      : 'a manager of your team answers each; until then those scores may change';
  return mrkdwnSection(`*Open disputes (${open.length})*: ${why}.\n${lines.join('\n')}`);
};

export const RULE_LABELS: Record<RuleId, string> = {
  unchanged_from_baseline: 'No change since baseline',
  improved_then_dropped: 'Improved, then dropped',
  call_type_variance: 'Uneven across call types',
  roleplay_live_gap: 'Roleplay above live',
  below_threshold: 'Below threshold',
  readiness_reached: 'Ready for independent handling',
  team_wide_low: 'Team-wide gap',
};

/** Where the whole report is when the card had to be cut. */
export const fullReportNote = (agentKey: string): string =>
  `This card was shortened to fit Slack: see \`npx floorready readiness ${agentKey}\` for the full report.`;

const NAME_WIDTH = 22;
const pad = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
const padLeft = (text: string, width: number): string => text.padStart(width);

const callTypeName = (input: ScorecardInput, key: string): string => input.callTypeNames?.[key] ?? key;

const mrkdwnSection = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (...texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts.map((text) => ({ type: 'mrkdwn' as const, text })),
});

/** Per-criterion table in a code block: baseline → latest batch, delta, threshold ✓/✗. */
const criteriaTable = (entry: CallTypeReadiness, agentBaseline: AgentReadinessReport['report']['baseline']): string => {
  // The deltas compare with the call type's own baseline when it is sufficient, else the agent's all-types one.
  const baseline = entry.current?.baselineUsed?.scope === 'all_types' ? agentBaseline : entry.baseline;
  const latest = entry.batches.at(-1) ?? null;
  const header = `${pad('criterion', NAME_WIDTH)} ${padLeft('base', 4)} ${padLeft('now', 7)} ${padLeft('Δ', 4)} ${padLeft('need', 4)}`;
  const rows = [entry.overallMet, ...entry.criteriaMet].map((check) => {
    const isOverall = check.criterion === 'overall';
    const base = isOverall ? baseline.overall : baseline.criteria[check.criterion];
    const now = latest === null ? null : isOverall ? latest.overall : latest.criteria[check.criterion];
    const margin = latest === null ? null : isOverall ? latest.overallInterval?.margin : latest.criteriaIntervals[check.criterion]?.margin;
    const delta = isOverall ? entry.current?.overallDeltaVsBaseline : entry.current?.deltaVsBaseline[check.criterion];
    const judged = check.batches.length > 0;
    const mark = judged ? (check.met ? ' ✓' : ` ✗${check.gap !== null && check.gap > 0 ? ` −${Math.ceil(check.gap)}` : ''}`) : '';
    return `${pad(check.name, NAME_WIDTH)} ${padLeft(score(base), 4)} ${padLeft(scoreWithMargin(now, margin), 7)} ${padLeft(signedDelta(delta), 4)} ${padLeft(score(check.threshold), 4)}${mark}`;
  });
  return ['```', header, ...rows, '```'].join('\n');
};

/** Which baseline a call type's deltas use: its own when sufficient, else the agent's all-types one. */
const baselineOf = (entry: CallTypeReadiness, agentBaseline: AgentReadinessReport['report']['baseline']) =>
  entry.current?.baselineUsed?.scope === 'all_types' ? agentBaseline : entry.baseline;

/**
 * Every call type's per-criterion rows as one table (Slack shows one table per message): baseline, the
 * decisive batches' means, the latest batch, the delta, the threshold and whether it was met.
 */
export const criteriaTableData = (input: ScorecardInput): TableData => {
  const entries = input.result.report.callTypes.filter((entry) => entry.criteriaMet.length > 0 || entry.batches.length > 0);
  const several = entries.length > 1;
  const columns: TableData['columns'] = [
    ...(several ? [{ header: 'call type', wrap: true }] : []),
    { header: 'criterion', wrap: true },
    { header: 'baseline', align: 'right' },
    { header: 'batches', align: 'right' },
    { header: 'now', align: 'right' },
    { header: 'Δ', align: 'right' },
    { header: 'need', align: 'right' },
    { header: 'met' },
  ];
  const rows = entries.flatMap((entry) => {
    const baseline = baselineOf(entry, input.result.report.baseline);
    const latest = entry.batches.at(-1) ?? null;
    return [entry.overallMet, ...entry.criteriaMet].map((check, index) => {
      const isOverall = check.criterion === 'overall';
      const base = isOverall ? baseline.overall : baseline.criteria[check.criterion];
      const now = latest === null ? null : isOverall ? latest.overall : latest.criteria[check.criterion];
      const delta = isOverall ? entry.current?.overallDeltaVsBaseline : entry.current?.deltaVsBaseline[check.criterion];
      const met =
        check.batches.length === 0 ? '—' : check.met ? '✓' : `✗${check.gap !== null && check.gap > 0 ? ` −${Math.ceil(check.gap)}` : ''}`;
      return [
        ...(several ? [index === 0 ? callTypeName(input, entry.callType) : ''] : []),
        check.name,
        score(base),
        check.batches.length === 0 ? '—' : check.batches.map((batch) => scoreWithMargin(batch.value, batch.margin)).join(' · '),
        scoreWithMargin(
          now,
          latest === null ? null : isOverall ? latest.overallInterval?.margin : latest.criteriaIntervals[check.criterion]?.margin,
        ),
        signedDelta(delta) || '—',
        score(check.threshold),
        met,
      ];
    });
  });
  return { columns, rows };
};

const batchesSummary = (entry: CallTypeReadiness, agentBaseline: AgentReadinessReport['report']['baseline']): string => {
  const baselineUsed = entry.current?.baselineUsed;
  const baseline = baselineUsed?.scope === 'all_types' ? agentBaseline : entry.baseline;
  const baselinePart =
    baseline.calls === 0
      ? baseline.kind === 'none' && entry.baseline.note !== readinessMessages.baselineNoProgram
        ? `${readinessMessages.noBaselineNewHire.charAt(0).toUpperCase()}${readinessMessages.noBaselineNewHire.slice(1)}`
        : 'Baseline: none'
      : `${baseline.kind === 'practice' ? 'Practice baseline (roleplay before the first live call)' : 'Baseline'}: ${baseline.calls} calls${baseline.from && baseline.to ? ` (${isoDay(baseline.from)} → ${isoDay(baseline.to)})` : ''}` +
        (baselineUsed?.scope === 'all_types' ? ', all call types' : '') +
        (baseline.sufficient ? '' : ` — insufficient, fewer than ${baseline.minCalls}`);
  const batches =
    entry.batches.length === 0
      ? 'Batches: none yet'
      : `Batches: ${entry.batches
          .map(
            (batch) =>
              `${batch.calls} calls from ${isoDay(batch.start)} (overall ${scoreWithMargin(batch.overall, batch.overallInterval?.margin)}${batch.inProgress ? ', in progress' : ''})`,
          )
          .join(' · ')}`;
  const incomplete =
    entry.incompletePeriods.length > 0
      ? ` · ${entry.incompletePeriods.length} period${entry.incompletePeriods.length === 1 ? '' : 's'} below ${entry.incompletePeriods[0]?.minCalls ?? ''} calls`
      : '';
  return `${baselinePart} · ${batches}${incomplete} · ${entry.postTrainingCalls} post-training live calls`;
};

const statusLine = (input: ScorecardInput, entry: CallTypeReadiness): string => {
  // A verdict that rests inside the margin of error says so beside the status (the reason has the figures).
  const inside = entry.marginNote && (entry.status === 'ready' || entry.status === 'not_ready') ? ', inside the margin' : '';
  const title = `*${escapeMrkdwn(callTypeName(input, entry.callType))}* · ${STATUS_EMOJI[entry.status]} *${STATUS_WORDS[entry.status]}${inside}*`;
  const reason =
    entry.status === 'approved' && entry.approval
      ? `Approved for independent handling by ${approverMrkdwn(entry.approval.approvedBy)} on ${isoDay(entry.approval.approvedAt)}.`
      : escapeMrkdwn(entry.statusReason);
  return `${title}\n${reason}`;
};

const approveBlock = (input: ScorecardInput, entry: CallTypeReadiness): KnownBlock => {
  const agent = input.result.report.agent;
  const name = callTypeName(input, entry.callType);
  return {
    type: 'actions',
    block_id: approveBlockId(entry.callType),
    elements: [
      {
        type: 'button',
        action_id: APPROVE_READINESS_ACTION_ID,
        style: 'primary',
        text: { type: 'plain_text', text: `Approve for ${name}`.slice(0, 75), emoji: true },
        value: encodeApproveValue({ agent: agent.key, callType: entry.callType, filter: input.callTypeFilter ?? null }),
        confirm: {
          title: { type: 'plain_text', text: 'Approve readiness?' },
          text: {
            type: 'mrkdwn',
            text: `${escapeMrkdwn(agent.displayName)} will handle *${escapeMrkdwn(name)}* calls alone. The decision is recorded with the scores of the last ${entry.decisiveBatches.length} batches and your name.`.slice(
              0,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
    ],
  };
};

const callTypeBlocks = (input: ScorecardInput, entry: CallTypeReadiness, textTables: boolean): KnownBlock[] => {
  const agentBaseline = input.result.report.baseline;
  const blocks: KnownBlock[] = [mrkdwnSection(statusLine(input, entry))];
  if (textTables && (entry.criteriaMet.length > 0 || entry.batches.length > 0))
    blocks.push(mrkdwnSection(criteriaTable(entry, agentBaseline)));
  blocks.push(context(escapeMrkdwn(batchesSummary(entry, agentBaseline))));
  // How close the decision was: the deciding check nearest its threshold, in its own margins.
  const closest = closestCheck(entry);
  if (closest) blocks.push(context(escapeMrkdwn(describeClosestCheck(closest, score))));
  if (input.audience === 'manager' && entry.status === 'ready') blocks.push(approveBlock(input, entry));
  blocks.push({ type: 'divider' });
  return blocks;
};

const recommendationText = (input: ScorecardInput, recommendation: Recommendation): string => {
  const where = [
    recommendation.callType ? callTypeName(input, recommendation.callType) : null,
    recommendation.criterion
      ? (input.criteria.find((criterion) => criterion.key === recommendation.criterion)?.name ?? recommendation.criterion)
      : null,
  ].filter(Boolean);
  const lines = [
    `*${RULE_LABELS[recommendation.rule]}*${where.length > 0 ? ` · ${escapeMrkdwn(where.join(', '))}` : ''}${recommendation.teamWide ? ' · _team-wide_' : ''}`,
    escapeMrkdwn(recommendation.message),
  ];
  if (recommendation.rule === 'roleplay_live_gap' || recommendation.rule === 'below_threshold') {
    lines.push(...recommendation.evidence.moments.map(momentLine));
  }
  return lines.join('\n');
};

/** Early calls listed on the card; the rest are counted, with where to find them. */
export const EARLY_CALLS_SHOWN = 5;

/** "• `ZD-4411` (2026-09-02, Basic inbound) scored *14*: Empathy expression at level 1 — turn 3: “…”". */
const earlyCallLine = (warning: EarlyWarning, input: ScorecardInput): string => {
  const low = warning.criteria.map((entry) => `${escapeMrkdwn(entry.name)} at level ${entry.level}`);
  const quote = warning.moment
    ? ` — turn ${shownTurn(warning.moment.turn)}: “${escapeMrkdwn(truncateText(warning.moment.quote, 200))}”`
    : '';
  return `• \`${escapeMrkdwn(warning.externalId ?? warning.callId)}\` (${isoDay(warning.occurredAt)}, ${escapeMrkdwn(callTypeName(input, warning.callType))}) scored *${score(warning.overall)}*${low.length > 0 ? `: ${low.join(', ')}` : ''}${quote}`;
};

/** A new agent's very low live calls before two batches (ADR 0032), for the managers' card. */
const earlyCallsBlock = (warnings: readonly EarlyWarning[], input: ScorecardInput): KnownBlock => {
  const first = warnings[0] as EarlyWarning;
  const head = `*Early calls to look at* (live calls below ${first.threshold.overall} overall or at level ${first.threshold.level} on a criterion, before two batches):`;
  const lines = warnings.slice(0, EARLY_CALLS_SHOWN).map((warning) => earlyCallLine(warning, input));
  const more = warnings.length - EARLY_CALLS_SHOWN;
  if (more > 0)
    lines.push(
      `…and ${more} more: \`npx floorready readiness ${escapeMrkdwn(input.result.report.agent.key)}\` lists ${more === 1 ? 'it' : 'them'}.`,
    );
  return mrkdwnSection(truncateText([head, ...lines].join('\n'), 2900));
};

const headerContext = (input: ScorecardInput): string => {
  const { report, team, rubricVersion, generatedAt } = input.result;
  const program = report.program
    ? `Program: *${escapeMrkdwn(report.program.name)}* (${isoDay(report.program.startsAt)} → ${isoDay(report.program.completesAt)}), targets ${escapeMrkdwn(
        report.program.targetedCriteria.map((key) => input.criteria.find((criterion) => criterion.key === key)?.name ?? key).join(', '),
      )}`
    : 'Not enrolled in a training program: there is no baseline to compare with.';
  const parts = [
    program,
    ...(team ? [`Team: ${escapeMrkdwn(team.name)}`] : []),
    `rubric v${rubricVersion}`,
    `as of ${isoDay(generatedAt)}`,
  ];
  return parts.join(' · ');
};

const trendLine = (input: ScorecardInput): string | null => {
  const weeks = input.result.report.trends.weeks;
  if (!weeks.some((week) => week.calls > 0)) return null;
  return `Weekly overall, last ${weeks.length} weeks: ${weeks.map((week) => score(week.overall)).join(' · ')}`;
};

const fallbackText = (input: ScorecardInput): string => {
  const { report } = input.result;
  const statuses = report.callTypes.map((entry) => `${callTypeName(input, entry.callType)}: ${STATUS_WORDS[entry.status]}`).join('; ');
  const ready = input.audience === 'manager' && report.callTypes.some((entry) => entry.status === 'ready');
  const open = input.openDisputes?.length ?? 0;
  return `Readiness of ${report.agent.displayName} — ${statuses || 'no scored calls yet'}.${open > 0 ? ` Open disputes: ${open}.` : ''}${ready ? ' Approve from the scorecard.' : ''}`;
};

/** The scorecard's blocks: the per-criterion rows as one table block (`rich`) or as a text table per call type. */
const scorecardBlocks = (input: ScorecardInput, rich: boolean): KnownBlock[] => {
  const { report } = input.result;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Readiness · ${report.agent.displayName}`, emoji: true } },
  ];
  if (input.notice) blocks.push(mrkdwnSection(input.notice));
  blocks.push(
    context(input.audience === 'agent' ? `Your own scorecard: only you can see it. ${headerContext(input)}` : headerContext(input)),
  );
  if (report.trust) blocks.push(context(escapeMrkdwn(describeScorerTrust(report.trust))));
  blocks.push({ type: 'divider' });

  if (report.callTypes.length === 0) {
    blocks.push(
      mrkdwnSection(
        input.callTypeFilter
          ? `No scored calls of type ${escapeMrkdwn(callTypeName(input, input.callTypeFilter))} yet.`
          : 'No scored calls yet.',
      ),
    );
  }
  for (const entry of report.callTypes) blocks.push(...callTypeBlocks(input, entry, !rich));
  const table = criteriaTableData(input);
  if (rich && table.rows.length > 0) blocks.push(mrkdwnSection('*Per criterion*'), tableBlock(table));

  const disputes = openDisputesBlock(input);
  if (disputes) blocks.push(disputes);
  const trend = trendLine(input);
  if (trend) blocks.push(context(trend));
  const excluded = summarizeExclusions(input.result.exclusions);
  if (excluded.calls > 0) {
    const reasons = excluded.reasons.map(
      (entry) => `${entry.calls} × “${escapeMrkdwn(entry.reason)}” (by ${entry.by.map(approverMrkdwn).join(', ')})`,
    );
    blocks.push(context(`Excluded from every figure: ${excluded.calls} call${excluded.calls === 1 ? '' : 's'}: ${reasons.join(' · ')}`));
  }

  if (input.audience === 'manager') {
    if (report.earlyWarnings.length > 0) blocks.push(earlyCallsBlock(report.earlyWarnings, input));
    if (report.recommendations.length === 0) {
      blocks.push(
        mrkdwnSection(report.earlyWarnings.length > 0 ? '*What to do:* coach on the early calls above.' : '*What to do:* nothing flagged.'),
      );
    } else {
      blocks.push(mrkdwnSection('*What to do*'));
      for (const recommendation of report.recommendations) blocks.push(mrkdwnSection(recommendationText(input, recommendation)));
    }
  }
  blocks.push(
    context(
      `${rich ? 'batches = the last batches\u2019 means, ' : 'base = baseline, '}now = latest batch, ±n = its 95% margin of error, need = threshold; ✓/✗ = met or missed in every one of the last batches, −n = points short. Full report: \`npx floorready readiness ${escapeMrkdwn(report.agent.key)}\``,
    ),
  );
  return blocks;
};

/**
 * The scorecard of one agent for a manager (with recommendations and Approve buttons) or for the agent
 * themself: the per-criterion rows as a `table` block, with the text tables as the fallback Slack gets
 * when it refuses the table.
 */
export const buildScorecardBlocks = (input: ScorecardInput): SlackMessage & { truncated: boolean } => {
  const { report } = input.result;
  const text = fallbackText(input);
  const note = fullReportNote(escapeMrkdwn(report.agent.key));
  if (input.tables === false) return fitMessage({ text, blocks: scorecardBlocks(input, false) }, note);
  return fitMessage({ text, blocks: scorecardBlocks(input, true), fallback: { text, blocks: scorecardBlocks(input, false) } }, note);
};
