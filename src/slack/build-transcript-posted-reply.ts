import type { AppError } from '../domain/app-error.ts';
import type { AgentRecord, TeamRecord } from '../db/directory-repository.ts';
import { ACCEPTED_FORMATS_TEXT, INGEST_ERROR_CODES, LABELLED_LINE_EXAMPLE } from '../ingest/ingest-errors.ts';
import { PLATFORM_FIELD_MISSING } from '../ingest/platforms/platform-parser.ts';
import { REDACTION_CATEGORIES, REDACTION_LABELS, type RedactionCounts } from '../ingest/redact-pii.ts';
import { describeRoleRule, type IngestCallResult } from '../use-cases/ingest-call.ts';
import type { PostedTranscriptOutcome } from '../use-cases/ingest-posted-transcript.ts';
import { escapeMrkdwn } from './blocks/format.ts';
import { MESSAGE_FORMAT_HELP } from './parse-transcript-message.ts';
import { isSlackAnswerError } from './slack-answer-error.ts';
import { READINESS_COMMAND } from './slack-ids.ts';

// What the thread reply says. Never a word of the transcript: the ingest errors that quote it (a turn,
// the speaker names, a JSON parser's snippet) are replaced by versions that do not.

const NOTHING_STORED = 'Nothing was stored.';

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

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
    `${describeRoleRule(result.roleRule)}, ${redactionText(result.redactions, result.platformRedactions)}. ` +
    `It is scored in the background; once scored, \`${READINESS_COMMAND} ${result.agent.slackUserId ? `<@${result.agent.slackUserId}>` : escapeMrkdwn(result.agent.key)}\` shows it on the scorecard.`,

  duplicate: (result: Extract<IngestCallResult, { status: 'duplicate' }>) =>
    `:repeat: Already stored (duplicate): ${result.matchedBy === 'external_id' ? 'a call with this external id' : 'the same conversation'} is already stored for ${agentName(result.agent)}, so nothing new was stored.`,

  notAManager:
    'Only a team manager listed in the floorready config can post transcripts here, for the agents of their team. ' +
    `${NOTHING_STORED} If you should be able to, ask your floorready admin to add your Slack member id to your team's managers in the config and run \`npx floorready config apply\`.`,

  notYourTeam: (agent: AgentRecord, managed: readonly TeamRecord[]) =>
    `${agentName(agent)} is not in a team you manage (you manage ${escapeMrkdwn(list(managed.map((team) => team.name)))}), so their calls are not yours to post. ` +
    `${NOTHING_STORED} Ask a manager of their team to post it.`,

  noTranscript: `There is no transcript in this message. ${MESSAGE_FORMAT_HELP}`,

  agentNameUnknown: (name: string) =>
    `"@${escapeMrkdwn(name)}" did not come through as a Slack mention, and it is not the name of exactly one agent of your teams. ` +
    `Pick the agent from the @-mention list as you type, or use their email or external id. ${NOTHING_STORED} ${MESSAGE_FORMAT_HELP}`,

  oneFile: 'Post one call per message: this message has several files. Post each transcript in its own message with its details.',

  // Safe versions of the ingest errors that quote the transcript.
  invalidJson: 'The JSON transcript is not valid JSON. Expected an array of turns like `[{"speaker": "Agent", "text": "Hello"}]`, or `{"turns": [...]}`.',
  unlabelledTurn:
    `At least one turn has no speaker label. Label every line with who speaks, for example:\n${LABELLED_LINE_EXAMPLE}`,
  agentNotTold:
    "Could not tell which speaker is the agent: no speaker label is the agent's configured name or alias, or a label such as `Agent`. " +
    "Label the agent's lines `Agent:` in the transcript, or ask your floorready admin to add the name the agent is heard by to their aliases in the config.",
  singleSpeaker:
    'Only one side of the call is in this transcript; a scorable call needs the agent and the customer. Check the export includes both sides, each line labelled with its speaker.',
  other: (code: string) =>
    `The transcript could not be stored (\`${escapeMrkdwn(code)}\`). Accepted formats: ${ACCEPTED_FORMATS_TEXT}.`,

  failed:
    'Sorry, something went wrong while storing this transcript; it has been logged. Post it again in a minute. If it keeps failing, tell your floorready admin (the CLI `npx floorready import` does the same).',
};

/** AppErrors whose user message quotes nothing of the transcript, shown as they are. */
const SAFE_CODES: readonly string[] = [
  INGEST_ERROR_CODES.empty,
  INGEST_ERROR_CODES.binary,
  INGEST_ERROR_CODES.tooLarge,
  INGEST_ERROR_CODES.unknownFormat,
  INGEST_ERROR_CODES.noSpeakers,
  'agent_unknown',
  'call_type_unknown',
  'call_date_invalid',
  'external_id_taken',
  'slack_file_download_failed',
  'transcript_invalid_csv',
  'transcript_several_calls',
  PLATFORM_FIELD_MISSING,
];

/** The reply for an expected error: what is wrong and how to fix it, without quoting the transcript. */
export const explainIngestError = (error: AppError): string => {
  if (isSlackAnswerError(error)) return error.userMessage;
  if (error.code === 'ingest_failed') return transcriptPostedMessages.failed;
  if (SAFE_CODES.includes(error.code)) return escapeMrkdwn(error.userMessage);
  switch (error.code) {
    case INGEST_ERROR_CODES.invalidJson:
      return transcriptPostedMessages.invalidJson;
    case INGEST_ERROR_CODES.unlabelledTurn:
      return transcriptPostedMessages.unlabelledTurn;
    case INGEST_ERROR_CODES.agentUnknown:
    case INGEST_ERROR_CODES.agentSpeakerMissing:
      return transcriptPostedMessages.agentNotTold;
    case INGEST_ERROR_CODES.singleSpeaker:
      return transcriptPostedMessages.singleSpeaker;
    default:
      return transcriptPostedMessages.other(error.code);
  }
};


/** The thread reply for what happened to a posted transcript (mrkdwn). */
export const buildTranscriptPostedReply = (outcome: PostedTranscriptOutcome): string => {
  switch (outcome.kind) {
    case 'stored':
      return outcome.result.status === 'imported'
        ? transcriptPostedMessages.queued(outcome.result, outcome.callType, outcome.roleplay)
        : transcriptPostedMessages.duplicate(outcome.result);
    case 'not_a_manager':
      return `:warning: ${transcriptPostedMessages.notAManager}`;
    case 'not_your_team':
      return `:warning: ${transcriptPostedMessages.notYourTeam(outcome.agent, outcome.managed)}`;
    case 'agent_name_unknown':
      return `:warning: ${transcriptPostedMessages.agentNameUnknown(outcome.name)}`;
    case 'several_files':
      return `:warning: ${transcriptPostedMessages.oneFile} ${NOTHING_STORED}`;
    case 'no_transcript':
      return `:warning: ${transcriptPostedMessages.noTranscript} ${NOTHING_STORED}`;
    case 'failed': {
      const explanation = explainIngestError(outcome.error);
      return `:warning: ${explanation}${explanation.includes(NOTHING_STORED) ? '' : ` ${NOTHING_STORED}`}`;
    }
  }
};
