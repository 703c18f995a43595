import { AppError, type ErrorCode } from '../domain/app-error.ts';
import { jsonTooDeepReason, MAX_JSON_DEPTH } from './json-depth.ts';

/** Stable codes of the errors raised while reading a transcript. Other modules may match on these. */
export const INGEST_ERROR_CODES = {
  empty: 'transcript_empty',
  binary: 'transcript_binary',
  tooLarge: 'transcript_too_large',
  unknownFormat: 'transcript_unknown_format',
  noSpeakers: 'transcript_no_speakers',
  invalidJson: 'transcript_invalid_json',
  tooDeep: 'transcript_too_deep',
  unlabelledTurn: 'transcript_unlabelled_turn',
  agentUnknown: 'transcript_agent_unknown',
  agentSpeakerMissing: 'transcript_agent_speaker_missing',
  singleSpeaker: 'transcript_single_speaker',
} as const satisfies Record<string, ErrorCode>;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[keyof typeof INGEST_ERROR_CODES];

/** The call platforms' own JSON exports that are read natively (each has its parser in platforms/). */
export const SUPPORTED_JSON_FORMATS_TEXT =
  'Amazon Connect Contact Lens, Amazon Transcribe (standard and Call Analytics), Genesys Cloud, Twilio Conversational Intelligence, ' +
  'Dialpad, Gong, vCon, chat-style JSON (`[{"role": "assistant" | "user", "content": "..."}]`) and JSON turns (`[{"speaker": "...", "text": "..."}]` or `{"turns": [...]}`)';

export const ACCEPTED_FORMATS_TEXT =
  'WebVTT (.vtt, starting with `WEBVTT`), SRT (.srt, numbered cues timed `00:00:01,000 --> 00:00:04,000`), ' +
  'plain text (`Speaker: text` lines), a per-utterance CSV (a header row with `speaker` or `role`, `text` and optionally `timestamp`) ' +
  `and JSON: ${SUPPORTED_JSON_FORMATS_TEXT}`;

export const LABELLED_LINE_EXAMPLE = '`Agent: Thank you for calling, how can I help?`\n`Customer: I was charged twice for my order.`';

/**
 * The fix of the agent-speaker errors, in no entry point's terms: each entry point adds how its users name
 * the agent's speaker (CLI `--agent-speaker`, HTTP "agentSpeaker"; see cli-messages.ts and http-messages.ts).
 */
export const AGENT_SPEAKER_FIX = "Name the agent's speaker label when importing, or rename it to `Agent` in the transcript.";

/** "2 MiB", "1.5 MiB", "800 KiB", "120 bytes". */
export const formatBytes = (bytes: number): string => {
  const trim = (value: number): string => String(Math.round(value * 10) / 10);
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
};

const quoteList = (names: readonly string[]): string => (names.length === 0 ? '(none)' : names.map((name) => `"${name}"`).join(', '));

const snippet = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

export const ingestMessages = {
  empty: (): string =>
    'The transcript is empty. Attach the call as a .vtt, .srt, .txt or .json file, or paste it as `Speaker: text` lines.',
  noSpokenText: (): string =>
    'The transcript has no spoken text, only headers or timings. Check the export finished and includes the captions.',
  binary: (reason: 'nul' | 'utf8'): string =>
    (reason === 'nul'
      ? 'This file is not a text transcript (it contains binary data). '
      : 'This file is not valid UTF-8 text (it may be saved in an older encoding such as Windows-1252 or Latin-1). ') +
    'Export the call as WebVTT (.vtt), SRT (.srt), plain text (.txt) or JSON, saved as UTF-8, and try again.',
  notATranscript: (kind: string, recording: boolean): string =>
    `This file is ${kind}, not a text transcript. ` +
    (recording
      ? 'floorready reads what was said, not audio: download the transcript or captions of the call from your call platform (Zoom, Teams …) as .vtt, .srt, .txt or .json and import that.'
      : 'Save or export the conversation as plain text (.txt, UTF-8, one `Speaker: text` line per turn), WebVTT (.vtt), SRT (.srt) or JSON, and import that.'),
  tooLarge: (size: number, limit: number): string =>
    `The transcript is ${formatBytes(size)}, over the ${formatBytes(limit)} limit. ` +
    'Send one call per file, or raise `ingest.maxBytes` in the config.',
  unknownFormat: (fileName?: string): string =>
    `Could not recognise the transcript format${fileName ? ` of ${fileName}` : ''}. Accepted formats: ${ACCEPTED_FORMATS_TEXT}.`,
  noSpeakers: (): string =>
    'No speaker labels were found, so the agent and the customer cannot be told apart. ' +
    `Label each line with who speaks, for example:\n${LABELLED_LINE_EXAMPLE}`,
  invalidJson: (detail: string): string =>
    `The JSON transcript is invalid: ${detail}. ` +
    'Expected an array of turns like `[{"speaker": "Agent", "text": "Hello"}]`, or `{"turns": [...]}`.',
  unlabelledTurn: (turnNumber: number, text: string): string =>
    `Turn ${turnNumber} ("${snippet(text)}") has no speaker label. Label every line with its speaker, for example:\n${LABELLED_LINE_EXAMPLE}`,
  agentUnknown: (speakers: readonly string[]): string =>
    `Could not tell which speaker is the agent. Speakers found: ${quoteList(speakers)}. ${AGENT_SPEAKER_FIX}`,
  agentAmbiguous: (candidates: readonly string[], speakers: readonly string[]): string =>
    `More than one speaker could be the agent (${quoteList(candidates)}). Speakers found: ${quoteList(speakers)}. ${AGENT_SPEAKER_FIX}`,
  agentCuesDisagree: (cues: readonly { cue: string; speaker: string }[], speakers: readonly string[]): string =>
    `The call's cues disagree about which speaker is the agent: ${cues.map(({ cue, speaker }) => `${cue} says "${speaker}"`).join('; ')}. ` +
    `Speakers found: ${quoteList(speakers)}. ${AGENT_SPEAKER_FIX}`,
  agentSpeakerMissing: (agentSpeaker: string, speakers: readonly string[]): string =>
    `The agent speaker "${agentSpeaker}" never speaks in this transcript. Speakers found: ${quoteList(speakers)}. ` +
    "Name one of these as the agent's speaker, or check that this is the right call.",
  singleSpeaker: (speakers: readonly string[]): string =>
    `Only one side of the call is in this transcript (speakers: ${quoteList(speakers)}); a scorable call needs the agent and the customer. ` +
    'Check that the export includes both sides and that each line is labelled with its speaker.',
} as const;

export const emptyTranscriptError = (): AppError => new AppError(INGEST_ERROR_CODES.empty, ingestMessages.empty());

export const noSpokenTextError = (): AppError => new AppError(INGEST_ERROR_CODES.empty, ingestMessages.noSpokenText());

export const binaryTranscriptError = (reason: 'nul' | 'utf8', cause?: unknown): AppError =>
  new AppError(INGEST_ERROR_CODES.binary, ingestMessages.binary(reason), { cause });

/** A document, image or recording that is not a transcript (`transcript_binary`), named by its kind ("a PDF document"). */
export const notATranscriptError = (kind: string, recording: boolean): AppError =>
  new AppError(INGEST_ERROR_CODES.binary, ingestMessages.notATranscript(kind, recording));

export const transcriptTooLargeError = (size: number, limit: number): AppError =>
  new AppError(INGEST_ERROR_CODES.tooLarge, ingestMessages.tooLarge(size, limit), {
    logMessage: `transcript of ${size} bytes exceeds ingest.maxBytes ${limit}`,
  });

export const unknownFormatError = (fileName?: string): AppError =>
  new AppError(INGEST_ERROR_CODES.unknownFormat, ingestMessages.unknownFormat(fileName));

export const noSpeakersError = (): AppError => new AppError(INGEST_ERROR_CODES.noSpeakers, ingestMessages.noSpeakers());

export const invalidJsonError = (detail: string, cause?: unknown): AppError =>
  new AppError(INGEST_ERROR_CODES.invalidJson, ingestMessages.invalidJson(detail), { cause });

/** JSON nested deeper than MAX_JSON_DEPTH, refused before it is parsed: one reason for the CLI, HTTP and Slack. */
export const transcriptTooDeepError = (): AppError =>
  new AppError(INGEST_ERROR_CODES.tooDeep, jsonTooDeepReason('The transcript'), {
    logMessage: `transcript JSON nested over ${MAX_JSON_DEPTH} levels`,
  });

export const unlabelledTurnError = (turnNumber: number, text: string): AppError =>
  new AppError(INGEST_ERROR_CODES.unlabelledTurn, ingestMessages.unlabelledTurn(turnNumber, text));

export const agentUnknownError = (speakers: readonly string[]): AppError =>
  new AppError(INGEST_ERROR_CODES.agentUnknown, ingestMessages.agentUnknown(speakers));

export const agentAmbiguousError = (candidates: readonly string[], speakers: readonly string[]): AppError =>
  new AppError(INGEST_ERROR_CODES.agentUnknown, ingestMessages.agentAmbiguous(candidates, speakers));

/** Two cues of the call point at different speakers (`transcript_agent_unknown`): the user names the agent's speaker. */
export const agentCuesDisagreeError = (cues: readonly { cue: string; speaker: string }[], speakers: readonly string[]): AppError =>
  new AppError(INGEST_ERROR_CODES.agentUnknown, ingestMessages.agentCuesDisagree(cues, speakers));

export const agentSpeakerMissingError = (agentSpeaker: string, speakers: readonly string[]): AppError =>
  new AppError(INGEST_ERROR_CODES.agentSpeakerMissing, ingestMessages.agentSpeakerMissing(agentSpeaker, speakers));

export const singleSpeakerError = (speakers: readonly string[]): AppError =>
  new AppError(INGEST_ERROR_CODES.singleSpeaker, ingestMessages.singleSpeaker(speakers));
