import { normalizeNewlines } from './normalize-newlines.ts';
import { parseCueText } from './parse-cue-text.ts';
import type { RawTurn } from './raw-turn.ts';
import { splitCaptionCues } from './split-caption-cues.ts';

/**
 * Parses SRT: numbered cues, `00:00:01,000 --> 00:00:04,000` timings (a `.` is accepted too),
 * multi-line text joined with spaces, speakers from a `Name:` prefix on the cue's first line,
 * `<i>`/`<b>`/`<font>` tags and `{\an8}` overrides stripped. Speaker null when a cue names none.
 */
export const parseSrt = (input: string): RawTurn[] =>
  splitCaptionCues(normalizeNewlines(input).split('\n')).flatMap((cue) =>
    parseCueText(cue.text).map((segment) => ({ speaker: segment.speaker, text: segment.text, start: cue.start })),
  );
