import type { RawTurn } from '../raw-turn.ts';
import {
  arrayAt,
  callIdFrom,
  inTimeOrder,
  isObject,
  metadataOf,
  numberAt,
  platformFieldMissingError,
  rawTurn,
  textAt,
  type JsonObject,
  type PlatformParser,
} from './platform-parser.ts';

/** Punctuation items attach to the word before them, without a space. */
const joinItems = (items: readonly { content: string; punctuation: boolean }[]): string =>
  items.reduce((text, item) => (item.punctuation || text === '' ? `${text}${item.content}` : `${text} ${item.content}`), '').trim();

const speakerOf = (record: JsonObject): string | null => {
  const label = record.speaker_label ?? record.channel_label;
  return typeof label === 'string' && label.trim() !== '' ? label.trim() : null;
};

/** Newer jobs: `results.audio_segments[]`, one per speaker turn with its text and label. */
const fromAudioSegments = (segments: readonly unknown[]): RawTurn[] | null => {
  const turns = segments.filter(isObject).map((segment) => ({ segment, speaker: speakerOf(segment) }));
  if (turns.length === 0 || turns.some(({ speaker }) => speaker === null)) return null;
  return turns.map(({ segment, speaker }) =>
    rawTurn({ speaker, text: textAt(segment, 'transcript'), start: numberAt(segment, 'start_time') }),
  );
};

/**
 * Older jobs: words in `results.items[]`, each with `speaker_label` (or found through
 * `speaker_labels.segments[].items[].start_time`); consecutive words of one speaker make a turn.
 */
const fromItems = (results: JsonObject): RawTurn[] | null => {
  const speakerAt = new Map<string, string>();
  const labels = isObject(results.speaker_labels) ? results.speaker_labels : null;
  for (const segment of labels ? (arrayAt(labels, 'segments') ?? []) : []) {
    if (!isObject(segment)) continue;
    for (const item of arrayAt(segment, 'items') ?? []) {
      if (isObject(item) && typeof item.start_time === 'string' && typeof item.speaker_label === 'string')
        speakerAt.set(item.start_time, item.speaker_label);
    }
  }
  const turns: { speaker: string; start: number | undefined; words: { content: string; punctuation: boolean }[] }[] = [];
  for (const item of arrayAt(results, 'items') ?? []) {
    if (!isObject(item)) continue;
    const alternative = (arrayAt(item, 'alternatives') ?? [])[0];
    const content = isObject(alternative) ? textAt(alternative, 'content') : '';
    if (content === '') continue;
    const punctuation = item.type === 'punctuation';
    const previous = turns[turns.length - 1];
    const speaker =
      speakerOf(item) ??
      (typeof item.start_time === 'string' ? speakerAt.get(item.start_time) : undefined) ??
      (punctuation ? previous?.speaker : undefined);
    if (speaker === undefined) return null;
    if (previous && previous.speaker === speaker) previous.words.push({ content, punctuation });
    else turns.push({ speaker, start: numberAt(item, 'start_time'), words: [{ content, punctuation }] });
  }
  if (turns.length === 0) return null;
  return turns.map((turn) => rawTurn({ speaker: turn.speaker, text: joinItems(turn.words), start: turn.start }));
};

/**
 * Amazon Transcribe (standard batch job) output: `results.audio_segments[]` (`transcript`,
 * `start_time`, `speaker_label` spk_N or `channel_label` ch_N), or, in older output, `results.items[]`
 * with `speaker_labels`. Speakers are `spk_0`, `spk_1` …: which one is the agent is found by the
 * agent's name introduced in a turn, else `--agent-speaker spk_0`.
 * https://docs.aws.amazon.com/transcribe/latest/dg/diarization.html
 */
export const transcribe: PlatformParser = {
  id: 'transcribe',
  name: 'Amazon Transcribe',
  whatToExport:
    "the transcription job output JSON (the file at the job's TranscriptFileUri), from a job run with speaker partitioning (ShowSpeakerLabels) or channel identification",
  looksLike: (data) =>
    isObject(data) &&
    isObject(data.results) &&
    ('transcripts' in data.results || 'items' in data.results || 'audio_segments' in data.results),
  metadata: (data) => metadataOf(undefined, callIdFrom(data, 'jobName', 'JobName')),
  parse: (data) => {
    const results = (data as JsonObject).results as JsonObject;
    const segments = arrayAt(results, 'audio_segments');
    const turns = (segments && fromAudioSegments(segments)) ?? fromItems(results);
    if (turns === null) {
      throw platformFieldMissingError(
        transcribe,
        'results.speaker_labels',
        'is missing, so the agent and the customer cannot be told apart (the job ran without speaker partitioning or channel identification)',
      );
    }
    return inTimeOrder(turns);
  },
};
