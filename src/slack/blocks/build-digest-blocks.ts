import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

import type { DigestAudience, DigestCopy, DigestCriterion, DigestGroup, DigestPeriod, WeeklyDigest } from '../../domain/digest/index.ts';
import { escapeMrkdwn, score, signedDelta } from './format.ts';
import { fitMessage, type KnownBlock, type SlackMessage } from './limits.ts';
import { chartImageBlock } from './chart-image-block.ts';
import { tableBlock, tableBlockRows, textTable, type TableData } from './table.ts';
import { joinWithAnd } from '../../domain/join-with-and.ts';
import type { PublishedChart } from '../../domain/charts/index.ts';
import { describeConsistency } from '../../domain/readiness/index.ts';

// The weekly digest as Block Kit. Two audiences: the team channel (figures, good news by name, no one
// named negatively) and each manager's DM copy (the same plus who needs attention, by name).

export interface DigestMessages {
  channel: SlackMessage;
  manager: SlackMessage;
}

/** "Mon 21 Sep – Sun 27 Sep 2026" in the team's time zone. */
export const periodLabel = (period: DigestPeriod): string => {
  const zone = tz(period.timeZone);
  const last = new Date(period.end.getTime() - 1);
  return `${format(period.start, 'EEE d MMM', { in: zone })} – ${format(last, 'EEE d MMM yyyy', { in: zone })}`;
};

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A sparkline of the values, lowest ▁ to highest █; a missing value is a "·". */
export const sparkline = (values: readonly (number | null)[]): string => {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return values.map(() => '·').join('');
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values
    .map((value) => {
      if (value === null) return '·';
      if (high - low < 1e-9) return SPARKS[3];
      return SPARKS[Math.min(SPARKS.length - 1, Math.floor(((value - low) / (high - low)) * SPARKS.length))];
    })
    .join('');
};

const delta = (value: number | null): string => (value === null ? '' : ` (${signedDelta(value)})`);
const list = joinWithAnd;
const name = (text: string): string => escapeMrkdwn(text);

/** The team averages as a table: each criterion (targeted ones starred) from baseline to the latest batches. */
export const averagesTable = (digest: WeeklyDigest): TableData => ({
  columns: [
    { header: 'criterion', wrap: true },
    { header: 'baseline', align: 'right' },
    { header: 'post-training', align: 'right' },
    { header: 'Δ', align: 'right' },
    { header: 'latest', align: 'right' },
    { header: 'threshold', align: 'right' },
  ],
  rows: [digest.overall, ...digest.criteria].map((row) => [
    `${row.name}${row.targeted ? '*' : ''}`,
    score(row.baseline),
    score(row.postTraining),
    signedDelta(row.delta) || '—',
    score(row.latest),
    String(Math.round(row.threshold)),
  ]),
});

const trendLine = (digest: WeeklyDigest): string => {
  const weeks = digest.weeklyOverall;
  const withData = weeks.filter((week) => week.overall !== null);
  if (withData.length === 0) return 'No scored live calls in the last 8 weeks.';
  const first = withData[0];
  const last = withData.at(-1);
  return `\`${sparkline(weeks.map((week) => week.overall))}\`  overall ${score(first?.overall)} → ${score(last?.overall)} over ${weeks.length} weeks (${weeks.map((week) => week.calls).reduce((a, b) => a + b, 0)} live calls)`;
};

const readyLines = (digest: WeeklyDigest): string =>
  digest.becameReady.length === 0
    ? 'No one crossed the readiness threshold this week.'
    : digest.becameReady
        .map(
          (entry) =>
            `:tada: ${name(entry.agentName)}: ready for ${name(entry.callTypeName)}${entry.status === 'approved' ? ' (approved)' : ''}`,
        )
        .join('\n');

const gapLines = (digest: WeeklyDigest, audience: DigestAudience): string =>
  digest.teamWideGaps.length === 0
    ? 'No team-wide gap: no criterion is low across the team.'
    : digest.teamWideGaps
        .map(
          (gap) =>
            `• ${name(gap.name)}: team average ${score(gap.teamMean)} against ${Math.round(gap.threshold)}, ${gap.agentsBelow} of ${gap.agentsWithData} agents below. A curriculum content gap, not individual coaching.` +
            (audience === 'manager' && gap.namesBelow.length > 0 ? ` Below: ${list(gap.namesBelow.map(name))}.` : ''),
        )
        .join('\n');

const roleplayLines = (digest: WeeklyDigest): string =>
  digest.roleplayVsLive.length === 0
    ? `Not enough roleplay and live calls since training to compare (at least ${digest.questions.minCallsPerGroup} of each).`
    : digest.roleplayVsLive
        .map(
          (row) =>
            `• ${name(row.name)}: roleplay ${score(row.roleplay)}, live ${score(row.live)} (${row.gap >= 0 ? `${Math.round(row.gap)} lower live` : `${Math.round(-row.gap)} higher live`})${row.flagged ? ' :warning: scenarios not realistic enough, or the behaviour is not yet automatic: harder practice' : ''}`,
        )
        .join('\n');

const improvedAnswer = (rows: readonly DigestCriterion[], by: number, what: string): string => {
  const known = rows.filter((row) => row.delta !== null);
  if (known.length === 0) return `Not yet known: no post-training calls against a baseline for ${what}.`;
  const improved = known.filter((row) => (row.delta ?? 0) >= by - 1e-9);
  const detail = known.map((row) => `${name(row.name)} ${score(row.baseline)} → ${score(row.postTraining)}${delta(row.delta)}`).join(', ');
  if (improved.length === known.length) return `Yes: ${detail}.`;
  if (improved.length === 0) return `No (less than +${by}): ${detail}.`;
  return `Partly: ${detail}.`;
};

const heldAnswer = (groups: readonly DigestGroup[], by: number, minCalls: number, what: string): string => {
  const known = groups.filter((group) => group.delta !== null && group.calls >= minCalls);
  if (known.length === 0) return `Not yet known: too few post-training calls per ${what} (at least ${minCalls}).`;
  const detail = known.map((group) => `${name(group.label)} ${score(group.targeted)}${delta(group.delta)}`).join(', ');
  const weak = known.filter((group) => (group.delta ?? 0) < by - 1e-9);
  if (weak.length === 0) return `Yes: ${detail}.`;
  return `Not on ${list(weak.map((group) => name(group.label)))}: ${detail}. Improvement only on easier calls means the skill has not transferred under pressure.`;
};

const questionsText = (digest: WeeklyDigest): string => {
  const q = digest.questions;
  const targeted = digest.targetedCriteria.length > 0 ? list(digest.targetedCriteria.map(name)) : 'the targeted criteria';
  return [
    `*Did ${targeted} improve?* ${improvedAnswer(q.targeted, q.improvedBy, 'the targeted criteria')}`,
    `*Did it hold across call types?* ${heldAnswer(q.callTypes, q.improvedBy, q.minCallsPerGroup, 'call type')}`,
    `*…and with frustrated customers?* ${heldAnswer(q.frustration, q.improvedBy, q.minCallsPerGroup, 'frustration level')}`,
    `*Did adjacent criteria improve too?* ${improvedAnswer(q.adjacent, q.improvedBy, 'the other criteria')}`,
  ].join('\n');
};

const attentionSections = (digest: WeeklyDigest): KnownBlock[] =>
  digest.needsAttention.length === 0
    ? [section('*Needs attention*\nNo one: no individual coaching recommendation this week.')]
    : [
        section(
          `*Needs attention* (only in your copy, never in the channel): ${digest.needsAttention.length} agent${digest.needsAttention.length === 1 ? '' : 's'}`,
        ),
        ...digest.needsAttention.map((entry) =>
          section(`*${name(entry.agentName)}*\n${entry.actions.map((action) => `• ${name(action)}`).join('\n')}`),
        ),
      ];

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** The managers' count of early warnings (ADR 0032): the calls themselves are in each manager's DMs and `readiness`. */
export const earlyWarningsText = (digest: WeeklyDigest): string => {
  const early = digest.earlyWarnings;
  if (early.calls === 0) return '*Early calls to look at*\nNone: no new agent had a very low live call before their first two batches.';
  const agents = early.agents.map(
    (agent) => `${name(agent.agentName)} ${agent.calls}${agent.thisWeek > 0 ? ` (${agent.thisWeek} this week)` : ''}`,
  );
  return (
    `*Early calls to look at* (only in your copy): ${plural(early.calls, 'call')} of new agents scored very low before their first two batches, ` +
    `${early.thisWeek} of them this week: ${list(agents)}. Each came to you as a DM with its quoted moment; \`floorready readiness <agent>\` lists them.`
  );
};

const headline = (digest: WeeklyDigest): string =>
  `Weekly readiness digest for ${digest.team.name}, ${digest.period.isoWeek}: ${digest.becameReady.length} became ready, ${digest.teamWideGaps.length} team-wide gap${digest.teamWideGaps.length === 1 ? '' : 's'}.`;

/**
 * One copy's blocks. `rich`: the averages as a `table` block and the chart (when uploaded) as an
 * `image` block; otherwise the averages as a text table and no picture (the fallback Slack gets when it
 * refuses the rich blocks).
 */
const copyBlocks = (digest: WeeklyDigest, audience: DigestAudience, rich: { chart: PublishedChart | null } | null): KnownBlock[] => {
  const averages = averagesTable(digest);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: `Weekly readiness digest: ${digest.team.name}${audience === 'manager' ? ' (manager copy)' : ''}` },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${digest.period.isoWeek} (${periodLabel(digest.period)}, ${digest.period.timeZone}) · ${digest.agents} agents · ${digest.callsThisWeek} live calls this week · rubric v${digest.rubricVersion} · * = targeted by the training`,
        },
      ],
    },
    ...(rich
      ? [section('*Team averages vs baseline*'), tableBlock(averages)]
      : [section(`*Team averages vs baseline*\n${textTable(averages)}`)]),
    section(`*8-week trend*\n${trendLine(digest)}`),
    ...(rich?.chart ? [chartImageBlock(rich.chart)] : []),
    // How much one call says about an agent (ICC), from this team's own scores, or why it cannot be said yet.
    section(`*How much one call tells*\n${escapeMrkdwn(describeConsistency(digest.consistency))}`),
    section(`*Became ready this week*\n${readyLines(digest)}`),
    section(`*Team-wide gaps*\n${gapLines(digest, audience)}`),
    section(`*Roleplay vs live*\n${roleplayLines(digest)}`),
    { type: 'divider' },
    section(questionsText(digest)),
  ];
  if (audience === 'manager') blocks.push({ type: 'divider' }, section(earlyWarningsText(digest)), ...attentionSections(digest));
  else blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Managers get their own copy with who needs attention.' }] });
  return blocks;
};

const buildOne = (digest: WeeklyDigest, audience: DigestAudience, chart: PublishedChart | null = null): SlackMessage => {
  const attention =
    audience === 'manager' && digest.needsAttention.length > 0
      ? ` Needs attention: ${digest.needsAttention.map((entry) => `${entry.agentName} (${entry.actions[0] ?? ''})`).join('; ')}`
      : '';
  const early = audience === 'manager' && digest.earlyWarnings.calls > 0 ? ` Early calls to look at: ${digest.earlyWarnings.calls}.` : '';
  const text = `${headline(digest)}${attention}${early}`;
  const fitted = fitMessage(
    { text, blocks: copyBlocks(digest, audience, { chart }), fallback: { text, blocks: copyBlocks(digest, audience, null) } },
    'The digest was shortened to fit Slack: `floorready team <team>` has the full report.',
  );
  return { text: fitted.text, blocks: fitted.blocks, ...(fitted.fallback ? { fallback: fitted.fallback } : {}) };
};

/** One copy of a weekly digest, as the sender posts it: tables as table blocks, the chart as an image, and the text fallback. */
export const buildDigestCopy = (copy: DigestCopy): SlackMessage => buildOne(copy.digest, copy.audience, copy.chart ?? null);

/** The channel copy and the managers' copy of a weekly digest. */
export const buildDigestMessages = (digest: WeeklyDigest): DigestMessages => ({
  channel: buildOne(digest, 'channel'),
  manager: buildOne(digest, 'manager'),
});

/** A message as plain text (its blocks' texts, in order), e.g. for `floorready digest --dry-run`. */
export const messageAsText = (message: Pick<SlackMessage, 'blocks'>): string =>
  message.blocks
    .flatMap((block) => {
      if (block.type === 'table') {
        const [header = [], ...rows] = tableBlockRows(block);
        return [textTable({ columns: header.map((cell) => ({ header: cell })), rows }).replace(/^```\n|\n```$/g, ''), ''];
      }
      if (block.type === 'image') return [`[image: ${block.alt_text}]`, ''];
      if (block.type === 'header') return [block.text.text, '='.repeat(Math.min(block.text.text.length, 60))];
      if (block.type === 'section') return [block.text?.text ?? '', ''];
      if (block.type === 'context')
        return [block.elements.map((element) => ('text' in element && typeof element.text === 'string' ? element.text : '')).join(' '), ''];
      if (block.type === 'divider') return ['---', ''];
      return [];
    })
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trimEnd();
