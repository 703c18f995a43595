import { parseTimestamp } from './parse-timestamp.ts';

export interface CaptionCue {
  /** Seconds of the cue start. */
  start: number;
  /** The cue's text lines, joined with `\n`, tags still in. */
  text: string;
}

const CUE_TIME = String.raw`(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** `00:00:01.000 --> 00:00:04.000 align:start` (WebVTT) or `00:00:01,000 --> 00:00:04,000` (SRT). */
export const CUE_TIMING = new RegExp(String.raw`^\s*(${CUE_TIME})\s*-->\s*(${CUE_TIME})(?:[ \t].*)?$`);
/** Cue identifiers: SRT numbers, Zoom numbers, Teams UUIDs (`3f2a…-…/12-0`). */
const CUE_ID = /^\s*(?:\d+|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?:\/\d+-\d+)?)\s*$/;

/**
 * Splits caption text (after any header) into cues: blocks separated by blank lines, each an optional
 * identifier line, a timing line and text lines. `skipBlock` drops whole blocks (WebVTT NOTE, STYLE,
 * REGION). Blocks with no timing line are ignored; a timing line inside a block (a missing blank line)
 * starts a new cue, and an identifier right before it is not taken as text.
 */
export const splitCaptionCues = (lines: readonly string[], skipBlock: (firstLine: string) => boolean = () => false): CaptionCue[] => {
  const cues: CaptionCue[] = [];
  let block: string[] = [];
  const flushBlock = (): void => {
    const first = block[0];
    if (first === undefined || skipBlock(first)) {
      block = [];
      return;
    }
    let current: { start: number; lines: string[] } | null = null;
    for (const line of block) {
      const timing = CUE_TIMING.exec(line);
      const start = timing ? parseTimestamp(timing[1] ?? '') : null;
      if (start !== null) {
        if (current) {
          const previousLine = current.lines[current.lines.length - 1];
          if (previousLine !== undefined && CUE_ID.test(previousLine)) current.lines.pop();
          cues.push({ start: current.start, text: current.lines.join('\n') });
        }
        current = { start, lines: [] };
      } else if (current) {
        current.lines.push(line);
      }
    }
    if (current) cues.push({ start: current.start, text: current.lines.join('\n') });
    block = [];
  };
  for (const line of lines) {
    if (line.trim() === '') flushBlock();
    else block.push(line);
  }
  flushBlock();
  return cues;
};
