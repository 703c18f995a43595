import { decodeHtmlEntities } from './decode-html-entities.ts';
import { splitSpeakerLabel } from './split-speaker-label.ts';

export interface CueSegment {
  speaker: string | null;
  text: string;
}

/** `<v Name>`, `<v.class Name>`, `<v>`; group 1 is the annotation (the speaker). */
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v\s*>/g;
const ANY_TAG = /<[^>\n]*>/g;
/** SSA/ASS override blocks some SRT files carry (`{\an8}`). */
const SSA_OVERRIDE = /\{\\[^}]*\}/g;

const cleanText = (raw: string): string =>
  decodeHtmlEntities(raw.replace(ANY_TAG, '').replace(SSA_OVERRIDE, '')).replace(/\s+/g, ' ').trim();

/** A segment with no voice tag: the speaker may be a `Name:` prefix on its first line (Zoom, SRT). */
const fromPlainSegment = (raw: string): CueSegment => {
  const stripped = raw.replace(ANY_TAG, '').replace(SSA_OVERRIDE, '').trim();
  const newline = stripped.indexOf('\n');
  const firstLine = newline === -1 ? stripped : stripped.slice(0, newline);
  const labelled = splitSpeakerLabel(decodeHtmlEntities(firstLine));
  if (labelled) {
    const restLines = newline === -1 ? '' : stripped.slice(newline + 1);
    return { speaker: labelled.speaker, text: cleanText(`${labelled.text}\n${restLines}`) };
  }
  return { speaker: null, text: cleanText(stripped) };
};

/**
 * Splits the text of one caption cue into speaker segments: WebVTT voice spans (`<v Name>…</v>`,
 * closed or not, several per cue) or a `Name:` prefix; other tags are stripped, entities decoded,
 * lines joined with spaces. Unvoiced text after a voice span belongs to that span's speaker.
 */
export const parseCueText = (raw: string): CueSegment[] => {
  const segments: CueSegment[] = [];
  let speaker: string | null = null;
  let inVoice = false;
  let last = 0;
  const flush = (chunk: string): void => {
    if (chunk.trim() === '') return;
    const previous = segments[segments.length - 1];
    if (inVoice) {
      segments.push({ speaker, text: cleanText(chunk) });
    } else if (previous && previous.speaker !== null) {
      const text = cleanText(chunk);
      if (text !== '') previous.text = previous.text === '' ? text : `${previous.text} ${text}`;
    } else {
      segments.push(fromPlainSegment(chunk));
    }
  };
  for (const match of raw.matchAll(VOICE_TAG)) {
    flush(raw.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0].startsWith('</')) {
      inVoice = false;
    } else {
      const annotation = decodeHtmlEntities(match[1] ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      speaker = annotation === '' ? null : annotation;
      inVoice = speaker !== null;
    }
  }
  flush(raw.slice(last));
  return segments.filter((segment) => segment.text !== '');
};
