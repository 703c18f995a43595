import type { AppError } from '../domain/app-error.ts';
import type { CallTypeDef } from '../domain/types.ts';
import type { AgentRecord, TeamRecord } from '../db/directory-repository.ts';
import { escapeMrkdwn } from './blocks/format.ts';
import { READINESS_COMMAND } from './slack-ids.ts';

// Every sentence the Slack surfaces say to a person, in one place: what happened, and what to do.
// All are mrkdwn with anything typed by a person or read from the config escaped.

const WHO_SEES_WHAT =
  `Scorecards are private: every agent can see their own with \`${READINESS_COMMAND}\`, and a team's managers (as listed in the floorready config) can see the scorecards of that team's agents.`;

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export const slackMessages = {
  whoSeesWhat: WHO_SEES_WHAT,

  // ------------------------------------------------------------ /readiness
  usage: `Usage: \`${READINESS_COMMAND}\` for your own scorecard, or \`${READINESS_COMMAND} @agent [call type]\` for an agent of a team you manage.`,

  notSetUp: (userId: string) =>
    `You are not set up in floorready: your Slack account (<@${userId}>) is neither an agent nor a team manager in its config. ${WHO_SEES_WHAT} ` +
    `If you should have access, ask your floorready admin to add your Slack member id \`${userId}\` to your team in the config file and run \`npx floorready config apply\`.`,

  agentAskedForOther:
    `You can only see your own scorecard: run \`${READINESS_COMMAND}\` with no name. ${WHO_SEES_WHAT} If you need to discuss someone else's scores, ask your team's manager.`,

  notYourTeam: (agent: AgentRecord, managed: readonly TeamRecord[]) =>
    `${escapeMrkdwn(agent.displayName)} is not in a team you manage (you manage ${escapeMrkdwn(list(managed.map((team) => team.name)))}), so their scorecard is not yours to see. ` +
    `${WHO_SEES_WHAT} If you manage their team now, ask your floorready admin to list you as one of its managers in the config file.`,

  managerNeedsAgent: (teams: readonly { team: TeamRecord; agents: readonly AgentRecord[] }[]) =>
    `You are not an agent, so you have no scorecard of your own. Name an agent of a team you manage: \`${READINESS_COMMAND} @agent [call type]\`.\n` +
    teams
      .map(({ team, agents }) =>
        `*${escapeMrkdwn(team.name)}*: ${agents.length === 0 ? 'no agents yet' : agents.map((agent) => (agent.slackUserId ? `<@${agent.slackUserId}>` : escapeMrkdwn(agent.displayName))).join(', ')}`,
      )
      .join('\n'),

  unknownAgent: (ref: string) =>
    `No agent ${/^[UW][A-Z0-9]+$/.test(ref) ? `<@${ref}>` : `"${escapeMrkdwn(ref)}"`} is configured in floorready. ` +
    'Name the agent with an @-mention, their email or their external id as written in the config file; if they are new, ask your floorready admin to add them to a team there and run `npx floorready config apply`.',

  unresolvedMention: (text: string) =>
    `"${escapeMrkdwn(text)}" did not come through as a Slack mention. Pick the person from the @-mention list as you type, or use their email or external id: \`${READINESS_COMMAND} @agent [call type]\`.`,

  unknownCallType: (text: string, callTypes: readonly CallTypeDef[]) =>
    `"${escapeMrkdwn(text)}" is not a call type floorready knows. Use one of: ${
      callTypes.map((type) => `\`${escapeMrkdwn(type.key)}\` (${escapeMrkdwn(type.name)})`).join(', ') || '(none configured yet)'
    }, e.g. \`${READINESS_COMMAND} @agent ${escapeMrkdwn(callTypes[0]?.key ?? 'basic_inbound')}\`.`,

  failed: (what: string) =>
    `Sorry, something went wrong while ${what}; it has been logged. Try again in a minute. If it keeps failing, tell your floorready admin (the CLI \`npx floorready readiness <agent>\` gives the same report).`,

  // ------------------------------------------------------------ Approve button
  approvalNotManager: (agent: AgentRecord, managed: readonly TeamRecord[]) =>
    `Not approved: only a manager of ${escapeMrkdwn(agent.displayName)}'s team can approve their readiness` +
    (managed.length > 0 ? ` (you manage ${escapeMrkdwn(list(managed.map((team) => team.name)))}).` : ', and you are not listed as a manager in the floorready config.') +
    ' Nothing was recorded.',

  noSelfApproval: 'Not approved: nobody can approve their own readiness; a manager of your team has to. Nothing was recorded.',

  approvalRefused: (reason: string) => `Not approved: ${escapeMrkdwn(reason)} Nothing was recorded.`,

  approvalBadButton:
    `This button is from an older or altered message and cannot be read. Run \`${READINESS_COMMAND} @agent\` again and approve from the new scorecard.`,

  approved: (userId: string, at: string, agentName: string, callTypeName: string) =>
    `:white_check_mark: *Approved* by <@${userId}> at ${at}: ${escapeMrkdwn(agentName)} handles *${escapeMrkdwn(callTypeName)}* calls alone from now on. The decision is recorded with its evidence.`,
};

type Params = Record<string, unknown>;
const as = <T>(params: Params): T => params as T;

/**
 * A core error worded for Slack from its code and parameters, or null when Slack has no wording of its
 * own for it (its plain `userMessage` is shown, escaped). One place for every such wording.
 */
export const slackWording = (error: AppError): string | null => {
  const { params } = error;
  switch (error.code) {
    case 'viewer_unknown':
      return typeof params.userId === 'string' ? slackMessages.notSetUp(params.userId) : null;
    case 'agent_missing':
      return Array.isArray(params.teams) ? slackMessages.managerNeedsAgent(as<{ teams: Parameters<typeof slackMessages.managerNeedsAgent>[0] }>(params).teams) : null;
    case 'agent_unknown':
      return typeof params.agentRef === 'string' ? slackMessages.unknownAgent(params.agentRef) : null;
    case 'scorecard_forbidden': {
      const p = as<{ reason?: string; userId: string; agent: AgentRecord; managedTeams: TeamRecord[] }>(params);
      if (p.reason === 'own_only') return slackMessages.agentAskedForOther;
      if (p.reason === 'not_set_up') return slackMessages.notSetUp(p.userId);
      if (p.reason === 'not_your_team') return slackMessages.notYourTeam(p.agent, p.managedTeams);
      return null;
    }
    case 'approval_forbidden': {
      const p = as<{ reason?: string; agent: AgentRecord; managedTeams: TeamRecord[] }>(params);
      if (p.reason === 'own_readiness') return slackMessages.noSelfApproval;
      if (p.reason === 'not_manager') return slackMessages.approvalNotManager(p.agent, p.managedTeams);
      return null;
    }
    default:
      return null;
  }
};
