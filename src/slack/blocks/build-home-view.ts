import { describeScorerTrust, type HomeTeam, type HomeTeamAgent, type TrendWeek } from '../../domain/readiness/index.ts';
import { READINESS_COMMAND } from '../slack-ids.ts';
import { slackMessages } from '../slack-messages.ts';
import { buildScorecardBlocks, type ScorecardInput } from './build-scorecard-blocks.ts';
import { escapeMrkdwn, isoDay, score, STATUS_EMOJI, STATUS_WORDS } from './format.ts';
import { fitHomeView, type KnownBlock } from './limits.ts';
import { chartImageBlock } from './chart-image-block.ts';
import { tableBlock, type TableData } from './table.ts';
import type { PublishedChart } from '../../domain/charts/index.ts';

// The App Home tab as Block Kit: pure data in, a `views.publish` view out, within the Home limit.
//   - an agent: their own scorecard (as the agent sees it: no recommendations, no buttons) and their weekly trend;
//   - a manager: every agent of their teams with each call type's status, and how to see more;
//   - anyone else: how to get set up.
// A person who is both sees both. Nothing about other agents reaches someone who manages no team.

/** A Home view, ready for `views.publish`. */
export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

export type { HomeTeam, HomeTeamAgent } from '../../domain/readiness/index.ts';

export interface HomeViewInput {
  userId: string;
  /** The viewer's own scorecard, when the viewer is an agent (always rendered for the agent themself). */
  own: Omit<ScorecardInput, 'audience' | 'callTypeFilter' | 'notice'> | null;
  /** The teams the viewer manages, or null when they manage none. */
  teams: HomeTeam[] | null;
  /** Display names of call types by key (the manager's list); a key without one is shown as is. */
  callTypeNames?: Readonly<Record<string, string>>;
  /** Charts uploaded for this view: the viewer's own trend, and each managed team's by team key. */
  charts?: { own?: PublishedChart | null; teams?: Readonly<Record<string, PublishedChart | null>> };
}

export const homeTexts = {
  teamsHeader: 'Your teams',
  teamsHint: `Use \`${READINESS_COMMAND} @agent\` for an agent's full scorecard (criteria, batches, what to do) and to approve a Ready call type.`,
  trendHeader: 'Your trend',
  noTrend: 'No live calls scored in these weeks yet.',
  setUpHeader: 'Welcome to floorready',
  errorHeader: 'Could not load floorready',
  truncated: (teamKeys: readonly string[]) =>
    `Not everything fits on this tab: ${
      teamKeys.length > 0
        ? `\`npx floorready team ${escapeMrkdwn(teamKeys[0] ?? '')}\` lists every agent of a team`
        : `\`${READINESS_COMMAND}\` shows your scorecard`
    }.`,
};

const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
const mrkdwnSection = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** The weekly series as a small table (week start, live calls, overall), and the chart above it when uploaded. */
const trendBlocks = (weeks: readonly TrendWeek[], chart: PublishedChart | null): KnownBlock[] => {
  const blocks: KnownBlock[] = [header(`${homeTexts.trendHeader} · last ${weeks.length} weeks`)];
  if (!weeks.some((week) => week.calls > 0)) return [...blocks, mrkdwnSection(homeTexts.noTrend)];
  if (chart) blocks.push(chartImageBlock(chart));
  const rows = weeks.map((week) => `${isoDay(week.weekStart)}  ${String(week.calls).padStart(5)}  ${score(week.overall).padStart(7)}`);
  blocks.push(
    mrkdwnSection(['```', `${'week of'.padEnd(10)}  ${'calls'.padStart(5)}  ${'overall'.padStart(7)}`, ...rows, '```'].join('\n')),
  );
  blocks.push(context('Live calls only, weeks starting Monday; overall is the weighted mean of the week’s calls.'));
  return blocks;
};

const agentLine = (agent: HomeTeamAgent, callTypeNames: Readonly<Record<string, string>>): string => {
  const who = `*${escapeMrkdwn(agent.displayName)}*${agent.slackUserId ? ` <@${agent.slackUserId}>` : ''}`;
  const statuses =
    agent.callTypes.length === 0
      ? '_no scored calls yet_'
      : agent.callTypes
          .map(
            (entry) =>
              `${escapeMrkdwn(callTypeNames[entry.callType] ?? entry.callType)}: ${STATUS_EMOJI[entry.status]} ${STATUS_WORDS[entry.status]}`,
          )
          .join(' · ');
  return `${who}\n${statuses}`;
};

/**
 * Every agent of the viewer's teams as one table (Slack shows one table per surface): a row per agent, a
 * column per call type with its status in words (a team column when there are several teams).
 */
export const teamTableData = (teams: readonly HomeTeam[], callTypeNames: Readonly<Record<string, string>>): TableData => {
  const callTypes = [
    ...new Set(teams.flatMap((team) => team.agents.flatMap((agent) => agent.callTypes.map((entry) => entry.callType)))),
  ].sort();
  const several = teams.length > 1;
  return {
    columns: [
      ...(several ? [{ header: 'team', wrap: true }] : []),
      { header: 'agent', wrap: true },
      ...(callTypes.length === 0 ? [{ header: 'status' }] : callTypes.map((key) => ({ header: callTypeNames[key] ?? key, wrap: true }))),
    ],
    rows: teams.flatMap((team) =>
      team.agents.map((agent, index) => [
        ...(several ? [index === 0 ? team.name : ''] : []),
        agent.displayName,
        ...(callTypes.length === 0
          ? ['no scored calls yet']
          : callTypes.map((key) => {
              const entry = agent.callTypes.find((candidate) => candidate.callType === key);
              return entry ? STATUS_WORDS[entry.status] : '—';
            })),
      ]),
    ),
  };
};

/** The teams: each with its size, scorer trust and chart; agents as one table (`rich`) or a line each. */
const teamBlocks = (
  teams: readonly HomeTeam[],
  callTypeNames: Readonly<Record<string, string>>,
  rich: { charts: Readonly<Record<string, PublishedChart | null>> } | null,
): KnownBlock[] => {
  const blocks: KnownBlock[] = [header(homeTexts.teamsHeader), context(homeTexts.teamsHint)];
  for (const team of teams) {
    blocks.push({ type: 'divider' });
    blocks.push(mrkdwnSection(`*${escapeMrkdwn(team.name)}* · ${team.agents.length} agent${team.agents.length === 1 ? '' : 's'}`));
    if (team.trust) blocks.push(context(escapeMrkdwn(describeScorerTrust(team.trust))));
    const chart = rich?.charts[team.key];
    if (chart) blocks.push(chartImageBlock(chart));
    if (team.agents.length === 0) blocks.push(context('No agents in this team yet.'));
    if (!rich) for (const agent of team.agents) blocks.push(mrkdwnSection(agentLine(agent, callTypeNames)));
  }
  if (rich && teams.some((team) => team.agents.length > 0))
    blocks.push({ type: 'divider' }, tableBlock(teamTableData(teams, callTypeNames)));
  return blocks;
};

/**
 * The Home blocks: `rich` with the charts as images and one table (the team view, else the own
 * scorecard's), otherwise text tables only (what is published when Slack refuses the rich view).
 */
const homeBlocks = (input: HomeViewInput, rich: boolean): KnownBlock[] => {
  const blocks: KnownBlock[] = [];
  if (input.own) {
    // Only the viewer's own report ever comes in here: the card is rendered for the agent, whatever else.
    // One table per view: the scorecard's rows are a table block only when no team table follows.
    const card = buildScorecardBlocks({
      ...input.own,
      audience: 'agent',
      callTypeFilter: null,
      notice: null,
      tables: rich && !input.teams,
    });
    blocks.push(...card.blocks);
    blocks.push(...trendBlocks(input.own.result.report.trends.weeks, rich ? (input.charts?.own ?? null) : null));
  }
  if (input.teams) {
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push(...teamBlocks(input.teams, input.callTypeNames ?? {}, rich ? { charts: input.charts?.teams ?? {} } : null));
  }
  if (blocks.length === 0) blocks.push(header(homeTexts.setUpHeader), mrkdwnSection(slackMessages.notSetUp(input.userId)));
  return blocks;
};

/** The Home view of one person (their own card and trend, their teams, or how to get set up), with its text-only fallback. */
export const buildHomeView = (input: HomeViewInput): HomeView & { truncated: boolean; fallback?: HomeView } => {
  const fitted = fitHomeView(
    homeBlocks(input, true),
    homeTexts.truncated((input.teams ?? []).map((team) => team.key)),
    homeBlocks(input, false),
  );
  return { type: 'home', blocks: fitted.blocks, truncated: fitted.truncated, ...(fitted.fallback ? { fallback: fitted.fallback } : {}) };
};

/** The short view published when the Home tab could not be built (the failure itself is logged). */
export const buildHomeErrorView = (): HomeView => {
  const fitted = fitHomeView(
    [header(homeTexts.errorHeader), mrkdwnSection(`:warning: ${slackMessages.failed('loading your Home tab')}`)],
    '',
  );
  return { type: 'home', blocks: fitted.blocks };
};
