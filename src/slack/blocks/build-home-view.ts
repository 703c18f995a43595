import { describeScorerTrust, type HomeTeam, type HomeTeamAgent, type TrendWeek } from '../../domain/readiness/index.ts';
import { READINESS_COMMAND } from '../slack-ids.ts';
import { slackMessages } from '../slack-messages.ts';
import { buildScorecardBlocks, type ScorecardInput } from './build-scorecard-blocks.ts';
import { escapeMrkdwn, isoDay, score, STATUS_EMOJI, STATUS_WORDS } from './format.ts';
import { fitHomeView, type KnownBlock } from './limits.ts';

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
      teamKeys.length > 0 ? `\`npx floorready team ${escapeMrkdwn(teamKeys[0] ?? '')}\` lists every agent of a team` : `\`${READINESS_COMMAND}\` shows your scorecard`
    }.`,
};

const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
const mrkdwnSection = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** The weekly series as a small table: week start, live calls, overall. */
const trendBlocks = (weeks: readonly TrendWeek[]): KnownBlock[] => {
  const blocks: KnownBlock[] = [header(`${homeTexts.trendHeader} · last ${weeks.length} weeks`)];
  if (!weeks.some((week) => week.calls > 0)) return [...blocks, mrkdwnSection(homeTexts.noTrend)];
  const rows = weeks.map((week) => `${isoDay(week.weekStart)}  ${String(week.calls).padStart(5)}  ${score(week.overall).padStart(7)}`);
  blocks.push(mrkdwnSection(['```', `${'week of'.padEnd(10)}  ${'calls'.padStart(5)}  ${'overall'.padStart(7)}`, ...rows, '```'].join('\n')));
  blocks.push(context('Live calls only, weeks starting Monday; overall is the weighted mean of the week’s calls.'));
  return blocks;
};

const agentLine = (agent: HomeTeamAgent, callTypeNames: Readonly<Record<string, string>>): string => {
  const who = `*${escapeMrkdwn(agent.displayName)}*${agent.slackUserId ? ` <@${agent.slackUserId}>` : ''}`;
  const statuses =
    agent.callTypes.length === 0
      ? '_no scored calls yet_'
      : agent.callTypes
          .map((entry) => `${escapeMrkdwn(callTypeNames[entry.callType] ?? entry.callType)}: ${STATUS_EMOJI[entry.status]} ${STATUS_WORDS[entry.status]}`)
          .join(' · ');
  return `${who}\n${statuses}`;
};

const teamBlocks = (teams: readonly HomeTeam[], callTypeNames: Readonly<Record<string, string>>): KnownBlock[] => {
  const blocks: KnownBlock[] = [header(homeTexts.teamsHeader), context(homeTexts.teamsHint)];
  for (const team of teams) {
    blocks.push({ type: 'divider' });
    blocks.push(mrkdwnSection(`*${escapeMrkdwn(team.name)}* · ${team.agents.length} agent${team.agents.length === 1 ? '' : 's'}`));
    if (team.trust) blocks.push(context(escapeMrkdwn(describeScorerTrust(team.trust))));
    if (team.agents.length === 0) blocks.push(context('No agents in this team yet.'));
    for (const agent of team.agents) blocks.push(mrkdwnSection(agentLine(agent, callTypeNames)));
  }
  return blocks;
};

/** The Home view of one person: their own card and trend, their teams, or how to get set up. */
export const buildHomeView = (input: HomeViewInput): HomeView & { truncated: boolean } => {
  const blocks: KnownBlock[] = [];
  if (input.own) {
    // Only the viewer's own report ever comes in here: the card is rendered for the agent, whatever else.
    blocks.push(...buildScorecardBlocks({ ...input.own, audience: 'agent', callTypeFilter: null, notice: null }).blocks);
    blocks.push(...trendBlocks(input.own.result.report.trends.weeks));
  }
  if (input.teams) {
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push(...teamBlocks(input.teams, input.callTypeNames ?? {}));
  }
  if (blocks.length === 0) blocks.push(header(homeTexts.setUpHeader), mrkdwnSection(slackMessages.notSetUp(input.userId)));
  const fitted = fitHomeView(blocks, homeTexts.truncated((input.teams ?? []).map((team) => team.key)));
  return { type: 'home', blocks: fitted.blocks, truncated: fitted.truncated };
};

/** The short view published when the Home tab could not be built (the failure itself is logged). */
export const buildHomeErrorView = (): HomeView => {
  const fitted = fitHomeView([header(homeTexts.errorHeader), mrkdwnSection(`:warning: ${slackMessages.failed('loading your Home tab')}`)], '');
  return { type: 'home', blocks: fitted.blocks };
};
