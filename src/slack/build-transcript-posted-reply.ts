import type { AppError, ErrorCode } from '../domain/app-error.ts';
import { INGEST_ERROR_CODES } from '../ingest/ingest-errors.ts';
import { PLATFORM_FIELD_MISSING } from '../ingest/platforms/platform-parser.ts';
import type { PostedTranscriptOutcome } from '../use-cases/ingest-posted-transcript.ts';
import { escapeMrkdwn } from './blocks/format.ts';
import { isSlackAnswerError } from './slack-answer-error.ts';
import { NOTHING_STORED, slackWording, transcriptPostedMessages } from './slack-messages.ts';

// Which sentence of the catalogue (slack-messages.ts) the thread reply says. Never a word of the
// transcript: the ingest errors that quote it (a turn, the speaker names, a JSON parser's snippet) are
// replaced by versions that do not.

/** AppErrors whose user message quotes nothing of the transcript, shown as they are. */
const SAFE_CODES: readonly ErrorCode[] = [
  INGEST_ERROR_CODES.empty,
  INGEST_ERROR_CODES.binary,
  INGEST_ERROR_CODES.tooLarge,
  INGEST_ERROR_CODES.unknownFormat,
  INGEST_ERROR_CODES.noSpeakers,
  INGEST_ERROR_CODES.tooDeep,
  'agent_unknown',
  'call_type_unknown',
  'call_date_invalid',
  'call_date_out_of_range',
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
    // No agent on the first line and none of the poster's agents (or several) named in the call: configured names only.
    case 'agent_not_given':
      return slackWording(error);
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
