import { normalizeNewlines } from './normalize-newlines.ts';
import { parseCueText } from './parse-cue-text.ts';
import type { RawTurn } from './raw-turn.ts';
import { splitCaptionCues } from './split-caption-cues.ts';

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
const NON_CUE_BLOCK = /^(?:NOTE(?:[ \t].*)?|STYLE[ \t]*|REGION[ \t]*)$/;

/**
 * Parses WebVTT as Zoom and Microsoft Teams export it: the `WEBVTT` header (and its metadata lines),
 * NOTE/STYLE/REGION blocks skipped, cue identifiers ignored, `hh:mm:ss.ttt` or `mm:ss.ttt` timings with
 * cue settings, speakers from `<v Name>` voice spans (also `<v.class Name>`, unclosed, several per cue)
 * or a `Name:` prefix, other tags stripped, entities decoded. One raw turn per cue and speaker, speaker
 * null when the cue names none. A missing header is tolerated.
 */
export const parseVtt = (input: string): RawTurn[] => {
  const lines = normalizeNewlines(input).split('\n');
  let body = 0;
  if (HEADER.test(lines[0] ?? '')) {
    while (body < lines.length && (lines[body] ?? '').trim() !== '') body += 1;
  }
  const turns: RawTurn[] = [];
  for (const cue of splitCaptionCues(lines.slice(body), (first) => NON_CUE_BLOCK.test(first))) {
    for (const segment of parseCueText(cue.text)) {
      turns.push({ speaker: segment.speaker, text: segment.text, start: cue.start });
    }
  }
  return turns;
};
