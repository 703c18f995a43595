import { parseTimestamp } from './parse-timestamp.ts';

export interface SpeakerLine {
  speaker: string;
  text: string;
  /** Seconds, when the line carried a time (`[00:01:02] Name:` or `Name (00:01):`). */
  start?: number;
}

const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 4;

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
/** `[00:01:02] ` or `(00:01) ` or `00:01:02 ` before the label. */
const LEADING_TIME = new RegExp(String.raw`^(?:\[(${TIME})\]|\((${TIME})\)|(${TIME}))\s+`);
/** `Label:` or `Label (00:01):` or `Label [00:01:02]:`, then the text (which may be empty). */
const LABEL = new RegExp(String.raw`^([^:\n]{1,60}?)\s*(?:[\[(](${TIME})[\])])?\s*:(?:\s+([\s\S]*))?$`, 'u');
const LABEL_CHARS = /^[\p{L}\p{M}\p{N} .'’\-&()/_,]+$/u;
/** `[Agent] text` or `[Agent]: text` (some call recorders); the bracket must hold a name, not a time. */
const BRACKET_LABEL = /^\[([^\]\n]{1,40})\]\s*:?\s*([\s\S]*)$/u;
/** Sound notes in brackets (`[inaudible]`, `[crosstalk]`) are not speakers. */
const SOUND_NOTES = new Set([
  'inaudible',
  'crosstalk',
  'cross talk',
  'music',
  'laughter',
  'laughs',
  'silence',
  'noise',
  'pause',
  'overlapping',
  'unintelligible',
  'hold music',
  'applause',
  'beep',
]);

/** Labels that are metadata keys, not people ("Date: …", "Note: …"). */
const NOT_SPEAKERS = new Set([
  'note',
  'notes',
  'nb',
  'ps',
  'p.s',
  'p.s.',
  're',
  'fwd',
  'fw',
  'subject',
  'date',
  'time',
  'duration',
  'call',
  'ticket',
  'order',
  'ref',
  'reference',
  'case',
  'account',
  'email',
  'e-mail',
  'phone',
  'tel',
  'mobile',
  'fax',
  'address',
  'url',
  'link',
  'summary',
  'transcript',
  'recording',
  'language',
  'kind',
  'title',
  'start',
  'end',
  'started',
  'ended',
  'total',
  'price',
  'amount',
  'cost',
  'step',
  'example',
  'warning',
  'error',
  'tip',
  'http',
  'https',
  'www',
  'mailto',
  'topic',
  'meeting',
  'location',
  'attendees',
  'participants',
  'status',
]);
/** A label ending in one of these is a field ("Agent ID: 42", "Order number: …"). */
const FIELD_SUFFIXES = new Set(['id', 'number', 'no', 'no.', '#', 'date', 'time', 'name', 'code', 'type']);
/** A lowercase one of these in a multi-word label means it is a sentence, not a name ("And then she said: …"). */
const SENTENCE_WORDS = new Set([
  'a',
  'an',
  'and',
  'or',
  'but',
  'so',
  'then',
  'i',
  'me',
  'my',
  'we',
  'our',
  'you',
  'your',
  'he',
  'she',
  'it',
  'they',
  'them',
  'his',
  'her',
  'their',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'have',
  'has',
  'had',
  'do',
  'did',
  'does',
  'said',
  'says',
  'say',
  'asked',
  'asks',
  'told',
  'tell',
  'replied',
  'wrote',
  'to',
  'for',
  'with',
  'on',
  'in',
  'at',
  'from',
  'that',
  'this',
  'these',
  'those',
  'if',
  'when',
  'what',
  'why',
  'how',
  'just',
  'also',
  'because',
  'please',
  'not',
  'no',
  'yes',
  'will',
  'would',
  'can',
  'could',
  'should',
  'here',
  'there',
  'which',
  'who',
]);

const isSpeakerLabel = (label: string): boolean => {
  if (label.length === 0 || label.length > MAX_LABEL_CHARS) return false;
  if (!/^\p{L}/u.test(label) || !LABEL_CHARS.test(label)) return false;
  const words = label.split(/\s+/);
  if (words.length > MAX_LABEL_WORDS) return false;
  const lower = label.toLowerCase();
  if (NOT_SPEAKERS.has(lower)) return false;
  const last = words[words.length - 1]?.toLowerCase() ?? '';
  if (words.length > 1 && FIELD_SUFFIXES.has(last)) return false;
  if (words.length > 1 && words.some((word) => SENTENCE_WORDS.has(word))) return false;
  return true;
};

/**
 * Splits a `Speaker: text` line into its label and text. Also reads `[00:01:02] Speaker: text` and
 * `Speaker (00:01): text`. Returns null when the line does not start with a plausible speaker label:
 * a time (`10:30`), a URL (`https://…`), a metadata key (`Date:`), a long phrase or a sentence.
 */
export const splitSpeakerLabel = (line: string): SpeakerLine | null => {
  let rest = line.trim();
  let start: number | undefined;
  const leading = LEADING_TIME.exec(rest);
  if (leading) {
    const time = leading[1] ?? leading[2] ?? leading[3] ?? '';
    start = parseTimestamp(time) ?? undefined;
    rest = rest.slice(leading[0].length);
  }
  const bracket = BRACKET_LABEL.exec(rest);
  if (bracket) {
    const label = (bracket[1] ?? '').trim().replace(/\s+/g, ' ');
    if (isSpeakerLabel(label) && !SOUND_NOTES.has(label.toLowerCase())) {
      const text = (bracket[2] ?? '').replace(/\s+/g, ' ').trim();
      return start === undefined ? { speaker: label, text } : { speaker: label, text, start };
    }
  }
  const match = LABEL.exec(rest);
  if (!match) return null;
  const label = (match[1] ?? '').trim().replace(/\s+/g, ' ');
  if (!isSpeakerLabel(label)) return null;
  if (match[2] !== undefined) start = parseTimestamp(match[2]) ?? start;
  const text = (match[3] ?? '').replace(/\s+/g, ' ').trim();
  return start === undefined ? { speaker: label, text } : { speaker: label, text, start };
};

/** `Ana Ruiz  0:03` (Otter), `Speaker 1 00:01:02` or `[Ana Ruiz] 14:03:22` (Zoom saved captions): a label and a time alone. */
const SPEAKER_HEADER = new RegExp(String.raw`^(?:\[([^\]\n]{1,40})\]|([^:\n]{1,40}?))[ \t]+[\[(]?(${TIME})[\])]?$`, 'u');
/** A line holding only a time (`00:01:00`, `[00:05]`): a section mark in Google Meet and Docs transcripts. */
const TIME_ONLY = new RegExp(String.raw`^[\[(]?${TIME}[\])]?$`);

/**
 * Reads a speaker header line, the label and time alone with the words on the lines below it, as Otter
 * (`Ana Ruiz  0:03`) and Zoom's saved captions (`[Ana Ruiz] 14:03:22`) write them. Null for any other line.
 */
export const splitSpeakerHeader = (line: string): { speaker: string; start: number } | null => {
  const match = SPEAKER_HEADER.exec(line.trim());
  if (!match) return null;
  const label = (match[1] ?? match[2] ?? '').trim().replace(/\s+/g, ' ');
  const start = parseTimestamp(match[3] ?? '');
  if (start === null || !isSpeakerLabel(label) || SOUND_NOTES.has(label.toLowerCase())) return null;
  return { speaker: label, start };
};

/** Whether the line is only a time, a section mark rather than spoken words. */
export const isTimeOnlyLine = (line: string): boolean => TIME_ONLY.test(line.trim());
