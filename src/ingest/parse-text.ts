import { noSpeakersError } from './ingest-errors.ts';
import { normalizeNewlines } from './normalize-newlines.ts';
import type { RawTurn } from './raw-turn.ts';
import { splitSpeakerLabel } from './split-speaker-label.ts';

/**
 * Parses plain-text transcripts: `Speaker: text` lines (also `[00:01:02] Speaker: text` and
 * `Speaker (00:01): text`); a line without a label continues the previous turn; blank lines are
 * ignored, and so are unlabelled lines before the first label (a title or header). A time (`10:30`),
 * a URL, a metadata key (`Date:`) or a sentence is not taken for a label.
 * Throws `transcript_no_speakers` when no line has a label.
 */
export const parseText = (input: string): RawTurn[] => {
  const turns: RawTurn[] = [];
  for (const line of normalizeNewlines(input).split('\n')) {
    if (line.trim() === '') continue;
    const labelled = splitSpeakerLabel(line);
    const previous = turns[turns.length - 1];
    if (labelled) {
      turns.push(labelled.start === undefined ? { speaker: labelled.speaker, text: labelled.text } : { ...labelled });
    } else if (previous) {
      const text = line.trim().replace(/\s+/g, ' ');
      previous.text = previous.text === '' ? text : `${previous.text} ${text}`;
    }
  }
  if (turns.length === 0) throw noSpeakersError();
  return turns.filter((turn) => turn.text !== '');
};
