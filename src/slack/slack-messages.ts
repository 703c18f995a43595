import { PLAIN, PLAIN_EVERYWHERE, type PlainEverywhereCode } from '../domain/plain-error-codes.ts';
import type { AppError, ErrorCode } from '../domain/app-error.ts';
import type { AccessAction, AccessRefusal } from '../domain/access/index.ts';
import { mention, SLACK_USER_ID } from '../domain/access/index.ts';
import { ACCEPTED_FORMATS_TEXT, LABELLED_LINE_EXAMPLE } from '../ingest/ingest-errors.ts';
import { REDACTION_CATEGORIES, REDACTION_LABELS, type RedactionCounts } from '../ingest/redact-pii.ts';
import { describeAgentFoundBy, describeRoleRule, type IngestCallResult } from '../use-cases/ingest-call.ts';
import type { CallTypeDef } from '../domain/types.ts';
import type { AgentRecord, TeamRecord } from '../domain/records.ts';
import { escapeMrkdwn } from './blocks/format.ts';
import { READINESS_COMMAND } from './slack-ids.ts';
import { isSlackAnswerError } from './slack-answer-error.ts';
import { joinWithAnd } from '../domain/join-with-and.ts';

// Every sentence the Slack surfaces say to a person, in one place: what happened, and what to do.
// All are mrkdwn with anything typed by a person or read from the config escaped. The thread replies to a
// posted transcript never quote a word of it.

const WHO_SEES_WHAT = `Scorecards are private: every agent can see their own with \`${READINESS_COMMAND}\`, and a team's managers (as listed in the floorready config) can see the scorecards of that team's agents.`;

const list = joinWithAnd;

const callTypeList = (callTypes: readonly CallTypeDef[]): string =>
  callTypes.map((type) => `\`${escapeMrkdwn(type.key)}\` (${escapeMrkdwn(type.name)})`).join(', ') || '(none configured yet)';

export const MESSAGE_FORMAT_HELP =
  "Write the details on the first line, then attach the transcript file (.txt, .vtt, .srt, .csv, .json, or a call platform's export) or paste it below that line or in a code block. " +
  'For example: `@agent basic_inbound 2026-09-30 id: CALL-123` or `Agent: @agent, Type: Billing dispute` (add `roleplay` for a role-play; the date and id are optional).';

export const slackMessages = {
  whoSeesWhat: WHO_SEES_WHAT,

  // ------------------------------------------------------------ /readiness
  usage: `Usage: \`${READINESS_COMMAND}\` for your own scorecard, or \`${READINESS_COMMAND} @agent [call type]\` for an agent of a team you manage.`,

  notSetUp: (userId: string) =>
    `You are not set up in floorready: your Slack account (${mention(userId)}) is neither an agent nor a team manager in its config. ${WHO_SEES_WHAT} ` +
    `If you should have access, ask your floorready admin to add your Slack member id \`${userId}\` to your team in the config file and run \`npx floorready config apply\`.`,

  agentAskedForOther: `You can only see your own scorecard: run \`${READINESS_COMMAND}\` with no name. ${WHO_SEES_WHAT} If you need to discuss someone else's scores, ask your team's manager.`,

  managerNeedsAgent: (teams: readonly { team: TeamRecord; agents: readonly AgentRecord[] }[]) =>
    `You are not an agent, so you have no scorecard of your own. Name an agent of a team you manage: \`${READINESS_COMMAND} @agent [call type]\`.\n` +
    teams
      .map(
        ({ team, agents }) =>
          `*${escapeMrkdwn(team.name)}*: ${agents.length === 0 ? 'no agents yet' : agents.map((agent) => (agent.slackUserId ? mention(agent.slackUserId) : escapeMrkdwn(agent.displayName))).join(', ')}`,
      )
      .join('\n'),

  /** No such agent among those the caller may reach (`scope`: the teams they manage; null = every agent). */
  unknownAgent: (ref: string, scope: readonly string[] | null) =>
    `No agent ${SLACK_USER_ID.test(ref) ? mention(ref) : `"${escapeMrkdwn(ref)}"`} is configured ${scope === null ? 'in floorready' : `in a team you manage (${escapeMrkdwn(list(scope))})`}. ` +
    'Name the agent with an @-mention, their email or their external id as written in the config file; if they are new, ask your floorready admin to add them to a team there and run `npx floorready config apply`.',

  ambiguousAgent: (ref: string, candidates: readonly AgentRecord[]) =>
    `"${escapeMrkdwn(ref)}" names ${candidates.length} agents: ${candidates.map((agent) => (agent.slackUserId ? mention(agent.slackUserId) : escapeMrkdwn(agent.displayName))).join(', ')}. Pick one from the @-mention list.`,

  unresolvedMention: (text: string) =>
    `"${escapeMrkdwn(text)}" did not come through as a Slack mention. Pick the person from the @-mention list as you type, or use their email or external id: \`${READINESS_COMMAND} @agent [call type]\`.`,

  unknownCallType: (text: string, callTypes: readonly CallTypeDef[]) =>
    `"${escapeMrkdwn(text)}" is not a call type floorready knows. Use one of: ${callTypeList(callTypes)}, e.g. \`${READINESS_COMMAND} @agent ${escapeMrkdwn(callTypes[0]?.key ?? 'basic_inbound')}\`.`,

  failed: (what: string) =>
    `Sorry, something went wrong while ${what}; it has been logged. Try again in a minute. If it keeps failing, tell your floorready admin (the CLI \`npx floorready readiness <agent>\` gives the same report).`,

  // ------------------------------------------------------------ Approve button
  /** The same words whoever the button names, known or not: the clicker manages no team. */
  approvalNotManager:
    "Not approved: only a manager of the agent's team can approve their readiness, and you are not listed as a team manager in the floorready config. Nothing was recorded.",

  noSelfApproval: 'Not approved: nobody can approve their own readiness; a manager of your team has to. Nothing was recorded.',

  approvalRefused: (reason: string) => `Not approved: ${escapeMrkdwn(reason)} Nothing was recorded.`,

  approvalBadButton: `This button is from an older or altered message and cannot be read. Run \`${READINESS_COMMAND} @agent\` again and approve from the new scorecard.`,

  // ------------------------------------------------------------ Why this score?, Dispute, Change/Keep
  /** A call out of the clicker's reach and a call that does not exist (or was forgotten) get these same words. */
  callOutOfReach:
    "That call is not one you can open, or it is no longer in floorready: nothing was opened and nothing was recorded. A call's scores are shown to its agent and to the managers of the agent's team.",
  /** A dispute of an agent out of the clicker's reach and one that does not exist get these same words. */
  disputeOutOfReach:
    "That dispute is not one you can resolve, or it is no longer in floorready: nothing was opened and nothing was recorded. A dispute is resolved by a manager of the agent's team.",

  approved: (userId: string, at: string, agentName: string, callTypeName: string) =>
    `:white_check_mark: *Approved* by ${mention(userId)} at ${at}: ${escapeMrkdwn(agentName)} handles *${escapeMrkdwn(callTypeName)}* calls alone from now on. The decision is recorded with its evidence.`,
};

// ------------------------------------------------------------ a transcript posted in an ingest channel

export const NOTHING_STORED = 'Nothing was stored.';

const redactionText = (counts: RedactionCounts, platform: number): string => {
  const parts = REDACTION_CATEGORIES.filter((category) => counts[category] > 0).map(
    (category) => `${counts[category]} ${REDACTION_LABELS[category][counts[category] === 1 ? 0 : 1]}`,
  );
  if (platform > 0) parts.push(`${platform} already redacted by the platform`);
  return parts.length === 0 ? 'no personal data found to redact' : `redacted before storage: ${list(parts)}`;
};

const agentName = (agent: AgentRecord): string => escapeMrkdwn(agent.displayName);

export const transcriptPostedMessages = {
  queued: (result: Extract<IngestCallResult, { status: 'imported' }>, callType: string, roleplay: boolean) =>
    `:inbox_tray: Queued: call for ${agentName(result.agent)} (${escapeMrkdwn(callType)}${roleplay ? ', role-play' : ''}), ${result.turns} turns read as ${escapeMrkdwn(result.format)}, ` +
    `${result.agentFoundBy ? `${describeAgentFoundBy(result.agentFoundBy)}, ` : ''}${describeRoleRule(result.roleRule)}, ${redactionText(result.redactions, result.platformRedactions)}. ` +
    `It is scored in the background; once scored, \`${READINESS_COMMAND} ${result.agent.slackUserId ? mention(result.agent.slackUserId) : escapeMrkdwn(result.agent.key)}\` shows it on the scorecard.`,

  duplicate: (result: Extract<IngestCallResult, { status: 'duplicate' }>) =>
    `:repeat: Already stored (duplicate): ${result.matchedBy === 'external_id' ? 'a call with this external id' : 'the same conversation'} is already stored for ${agentName(result.agent)}, so nothing new was stored.`,

  notAManager:
    'Only a team manager listed in the floorready config can post transcripts here, for the agents of their team. ' +
    `${NOTHING_STORED} If you should be able to, ask your floorready admin to add your Slack member id to your team's managers in the config and run \`npx floorready config apply\`.`,

  noTranscript: `There is no transcript in this message. ${MESSAGE_FORMAT_HELP}`,

  // The first line of a posted transcript, read by parse-transcript-message.ts.
  externalIdMissing: `\`id:\` needs the call's external id after it, e.g. \`id: CALL-123\`. ${MESSAGE_FORMAT_HELP}`,
  twoAgents: `Name one agent per message: one call is one agent's call. ${MESSAGE_FORMAT_HELP}`,
  unreadable: (words: readonly string[], callTypes: readonly CallTypeDef[]) =>
    `I could not read ${words.map((word) => `"${escapeMrkdwn(word)}"`).join(', ')} on the first line: it is not a call type, a date, \`roleplay\` or \`id: …\`. ` +
    `Call types: ${callTypeList(callTypes)}. ${MESSAGE_FORMAT_HELP}`,
  dateInvalid: (problem: string) => `The date ${escapeMrkdwn(problem)}. ${NOTHING_STORED} ${MESSAGE_FORMAT_HELP}`,
  callTypeMissing: (callTypes: readonly CallTypeDef[]) =>
    `Which call type is this? Add one of ${callTypeList(callTypes)} to the first line. ${MESSAGE_FORMAT_HELP}`,

  agentNameUnknown: (name: string) =>
    `"@${escapeMrkdwn(name)}" did not come through as a Slack mention, and it is not the name of exactly one agent of your teams. ` +
    `Pick the agent from the @-mention list as you type, or use their email or external id. ${NOTHING_STORED} ${MESSAGE_FORMAT_HELP}`,

  oneFile: 'Post one call per message: this message has several files. Post each transcript in its own message with its details.',

  // Safe versions of the ingest errors that quote the transcript.
  invalidJson:
    'The JSON transcript is not valid JSON. Expected an array of turns like `[{"speaker": "Agent", "text": "Hello"}]`, or `{"turns": [...]}`.',
  unlabelledTurn: `At least one turn has no speaker label. Label every line with who speaks, for example:\n${LABELLED_LINE_EXAMPLE}`,
  agentNotTold:
    "Could not tell which speaker is the agent: no speaker label is the agent's configured name or alias, or a label such as `Agent`. " +
    "Label the agent's lines `Agent:` in the transcript, or ask your floorready admin to add the name the agent is heard by to their aliases in the config.",
  singleSpeaker:
    'Only one side of the call is in this transcript; a scorable call needs the agent and the customer. Check the export includes both sides, each line labelled with its speaker.',
  other: (code: string) => `The transcript could not be stored (\`${escapeMrkdwn(code)}\`). Accepted formats: ${ACCEPTED_FORMATS_TEXT}.`,

  failed:
    'Sorry, something went wrong while storing this transcript; it has been logged. Post it again in a minute. If it keeps failing, tell your floorready admin (the CLI `npx floorready import` does the same).',
};

// ------------------------------------------------------------ every error code, worded for Slack

/** What the actions' refusals say (the dispute loop may word its own). */
const ACTION_WORDS: Record<AccessAction, string> = {
  see_scorecard: 'see this scorecard',
  approve: 'approve readiness',
  exclude: 'exclude a call',
  see_why: 'see why this call scored as it did',
  dispute: 'dispute this score',
  resolve_dispute: 'resolve this dispute',
  post_call: 'post this call',
};

const WHO_MAY: Record<AccessAction, string> = {
  see_scorecard: "the agent and their team's managers",
  approve: "a manager of the agent's team",
  exclude: "a manager of the agent's team",
  see_why: "the call's agent and their team's managers",
  dispute: "the call's agent",
  resolve_dispute: "a manager of the agent's team",
  post_call: "a manager of the agent's team",
};

/** A refusal from the access rules: the same words for any target (it depends on who asks only). */
const accessRefusedWords = (refusal: AccessRefusal): string => {
  const { action, reason } = refusal;
  if (action === 'see_scorecard' && reason === 'unknown_person') return slackMessages.notSetUp(refusal.actor);
  if (action === 'see_scorecard' && reason === 'others') return slackMessages.agentAskedForOther;
  if (action === 'approve' && reason === 'self') return slackMessages.noSelfApproval;
  if (action === 'approve') return slackMessages.approvalNotManager;
  if (reason === 'self') return `Nobody may ${ACTION_WORDS[action]} for themself: ${WHO_MAY[action]} decides. Nothing was recorded.`;
  return `Only ${WHO_MAY[action]} may ${ACTION_WORDS[action]}. ${WHO_SEES_WHAT}`;
};

/** The error's own userMessage, escaped (or as it is when the Slack layer wrote it in mrkdwn). */
type SlackWording<C extends ErrorCode> = ((error: AppError<C>) => string) | typeof PLAIN;

/** The codes this entry point words its own way, or plain where the others do not. */
const SLACK_OWN_WORDING: { [C in Exclude<ErrorCode, PlainEverywhereCode>]: SlackWording<C> } = {
  access_refused: (error) => accessRefusedWords(error.params),
  agent_unknown: (error) => slackMessages.unknownAgent(error.params.agentRef, error.params.scope),
  agent_ambiguous: (error) => slackMessages.ambiguousAgent(error.params.agentRef, error.params.candidates),
  agent_missing: (error) => slackMessages.managerNeedsAgent(error.params.teams),
  // The agents searched are those of the poster's teams only: the answer names no one else.
  agent_not_given: (error) =>
    error.params.several
      ? `${escapeMrkdwn(error.userMessage)} Name the agent on the first line with an @-mention, their email or their external id. ${NOTHING_STORED}`
      : "No agent is named on the first line, and the call names none of your teams' agents (as a speaker label, in the agent's introduction or by the customer). " +
        `Name the agent on the first line with an @-mention, their email or their external id. ${NOTHING_STORED}`,
  actor_missing: PLAIN,
  approver_missing: PLAIN,
  call_unknown: () => slackMessages.callOutOfReach,
  dispute_unknown: () => slackMessages.disputeOutOfReach,
  transcript_agent_unknown: PLAIN,
  transcript_agent_speaker_missing: PLAIN,
};

/**
 * How Slack words every error code: its own sentence from the code's parameters, or `plain` (the
 * userMessage, escaped). The compiler checks every code of the union has an entry, here or in
 * PLAIN_EVERYWHERE (the codes every entry point words plainly, listed once).
 */
export const SLACK_WORDING: { [C in ErrorCode]: SlackWording<C> } = { ...PLAIN_EVERYWHERE, ...SLACK_OWN_WORDING };

/** A core error worded for Slack (mrkdwn) from its code and parameters: SLACK_WORDING's entry for its code. */
export const slackWording = <C extends ErrorCode>(error: AppError<C>): string => {
  const wording: SlackWording<C> = SLACK_WORDING[error.code];
  if (wording !== PLAIN) return wording(error);
  return isSlackAnswerError(error) ? error.userMessage : escapeMrkdwn(error.userMessage);
};
