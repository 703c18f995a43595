import { noSpeakersError } from './ingest-errors.ts';
import { normalizeNewlines } from './normalize-newlines.ts';
import type { RawTurn } from './raw-turn.ts';
import { isTimeOnlyLine, splitSpeakerHeader, splitSpeakerLabel } from './split-speaker-label.ts';

/** Footers transcription services append (`Transcribed by https://otter.ai`). */
const SERVICE_FOOTER = /^transcribed by\b/i;

/**
 * Parses plain-text transcripts: `Speaker: text` lines (also `[00:01:02] Speaker: text` and
 * `Speaker (00:01): text`), or a `Speaker  0:03` header line with the words below it (Otter, Zoom saved
 * captions); a line without a label continues the previous turn; blank lines, lines holding only a time
 * (Google Meet section marks) and a "Transcribed by …" footer are ignored, and so are unlabelled lines
 * before the first label (a title or header). A time (`10:30`),
 * a URL, a metadata key (`Date:`) or a sentence is not taken for a label.
 * Throws `transcript_no_speakers` when no line has a label.
 */
export const parseText = (input: string): RawTurn[] => {
  const turns: RawTurn[] = [];
  for (const line of normalizeNewlines(input).split('\n')) {
    if (line.trim() === '' || isTimeOnlyLine(line) || SERVICE_FOOTER.test(line.trim())) continue;
    const header = splitSpeakerHeader(line);
    const labelled = header ? { ...header, text: '' } : splitSpeakerLabel(line);
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
