import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import { isAppError, type AppError } from '../../../domain/app-error.ts';
import type { AgentRecord, TeamRecord } from '../../../db/directory-repository.ts';
import { ACCEPTED_FORMATS_TEXT, INGEST_ERROR_CODES, LABELLED_LINE_EXAMPLE } from '../../../ingest/ingest-errors.ts';
import type { RedactionCounts } from '../../../ingest/redact-pii.ts';
import { ingestCall, resolveAgent, type IngestCallResult } from '../../../use-cases/ingest-call.ts';
import { escapeMrkdwn } from '../../blocks/format.ts';
import { downloadSlackFile, SLACK_FILES_ORIGIN, type SlackFileRef } from '../../download-slack-file.ts';
import { MESSAGE_FORMAT_HELP, parseTranscriptMessage } from '../../parse-transcript-message.ts';
import { loadViewer } from '../../readiness-access.ts';
import { SlackAnswerError, isSlackAnswerError } from '../../slack-answer-error.ts';
import type { SlackDeps } from '../../slack-deps.ts';
import { READINESS_COMMAND } from '../../slack-ids.ts';

// What the thread reply says. Never a word of the transcript: the ingest errors that quote it (a turn,
// the speaker names, a JSON parser's snippet) are replaced by versions that do not.

const NOTHING_STORED = 'Nothing was stored.';

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const redactionText = (counts: RedactionCounts): string => {
  const parts = (
    [
      ['card', 'card number'],
      ['email', 'email'],
      ['phone', 'phone number'],
      ['ssn', 'SSN'],
    ] as const
  )
    .filter(([key]) => counts[key] > 0)
    .map(([key, word]) => `${counts[key]} ${word}${counts[key] === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no personal data found to redact' : `redacted before storage: ${list(parts)}`;
};

const agentName = (agent: AgentRecord): string => escapeMrkdwn(agent.displayName);

export const transcriptPostedMessages = {
  queued: (result: Extract<IngestCallResult, { status: 'imported' }>, callType: string, roleplay: boolean) =>
    `:inbox_tray: Queued: call for ${agentName(result.agent)} (${escapeMrkdwn(callType)}${roleplay ? ', role-play' : ''}), ${result.turns} turns, ${redactionText(result.redactions)}. ` +
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
];

/** The reply for an expected error: what is wrong and how to fix it, without quoting the transcript. */
export const explainIngestError = (error: AppError): string => {
  if (isSlackAnswerError(error)) return error.userMessage;
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

interface PostedMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  files: SlackFileRef[];
}

/** A new top-level message by a person in an ingestion channel, or null for anything to ignore. */
const postedMessage = (event: SlackEventMiddlewareArgs<'message'>['event'], channels: readonly string[]): PostedMessage | null => {
  if (!channels.includes(event.channel)) return null;
  // Edits, deletions, joins, bot posts… carry a subtype; a file posted with a comment is `file_share`.
  if (event.subtype !== undefined && event.subtype !== 'file_share') return null;
  if (('bot_id' in event && event.bot_id) || !event.user) return null;
  if (event.thread_ts && event.thread_ts !== event.ts) return null;
  return { channel: event.channel, ts: event.ts, user: event.user, text: event.text ?? '', files: (event.files ?? []) as SlackFileRef[] };
};

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * A transcript posted in an ingestion channel (`ingest.channels`): reads the details from the message,
 * checks the poster manages the agent's team, downloads the file (or takes the pasted text), stores the
 * call through the ingestion use case and answers in the thread: queued, duplicate, or what is wrong.
 */
export const handleTranscriptPosted =
  (deps: SlackDeps) =>
  async ({ event, client, context, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    const ingest = deps.ingest;
    if (!ingest) return;
    const message = postedMessage(event, ingest.channels);
    if (!message) return;
    const reply = (text: string) => client.chat.postMessage({ channel: message.channel, thread_ts: message.ts, text, unfurl_links: false, unfurl_media: false });

    let answer: string;
    try {
      const { directory } = deps.services;
      const callTypes = await directory.callTypes();
      const request = parseTranscriptMessage(message.text, callTypes);
      const viewer = await loadViewer(directory, message.user);
      // Someone who manages no team learns nothing about who is an agent.
      if (viewer.managedTeams.length === 0) throw new SlackAnswerError('ingest_forbidden', transcriptPostedMessages.notAManager);
      const agent = await resolveAgent(directory, request.agentRef);
      if (agent.teamKey === null || !viewer.managedTeams.some((team) => team.key === agent.teamKey)) {
        throw new SlackAnswerError('ingest_forbidden', transcriptPostedMessages.notYourTeam(agent, viewer.managedTeams));
      }

      const [file, ...moreFiles] = message.files;
      if (moreFiles.length > 0) throw new SlackAnswerError('ingest_several_files', transcriptPostedMessages.oneFile);
      let content: Buffer | string;
      if (file) {
        const apiOrigin = originOf(client.slackApiUrl);
        content = await downloadSlackFile(file, {
          token: context.botToken ?? '',
          maxBytes: ingest.maxBytes,
          allowedOrigins: [SLACK_FILES_ORIGIN, ...(apiOrigin ? [apiOrigin] : [])],
        });
      } else if (request.pastedText !== null) {
        content = request.pastedText;
      } else {
        throw new SlackAnswerError('ingest_no_transcript', transcriptPostedMessages.noTranscript);
      }

      const result = await ingestCall(
        { directory, calls: ingest.calls, now: deps.services.now, maxBytes: ingest.maxBytes },
        {
          content,
          ...(file?.name ? { fileName: file.name } : {}),
          agent: agent.key,
          callType: request.callType,
          kind: request.kind,
          ...(request.occurredAt === undefined ? {} : { occurredAt: request.occurredAt }),
          externalId: request.externalId,
          source: 'slack',
          sourceName: `${message.channel}/${message.ts}`,
        },
      );
      answer =
        result.status === 'imported'
          ? transcriptPostedMessages.queued(result, request.callType, request.kind === 'roleplay')
          : transcriptPostedMessages.duplicate(result);
    } catch (error) {
      if (!isAppError(error)) {
        await reply(`:warning: ${transcriptPostedMessages.failed}`).catch(() => {});
        throw error;
      }
      logger.info(`transcript in ${message.channel}/${message.ts} not stored: ${error.code}`);
      const explanation = explainIngestError(error);
      answer = `:warning: ${explanation}${explanation.includes(NOTHING_STORED) ? '' : ` ${NOTHING_STORED}`}`;
    }
    await reply(answer);
  };
