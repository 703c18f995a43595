import type { Role } from '../../domain/types.ts';
import { foldUnicode } from './fold-unicode.ts';
import { composeMapped, dropLeading, type MappedText } from './mapped-text.ts';
import { readNumberWords } from './read-number-words.ts';

/** One text to redact: a turn, or any other stored text (role null). */
export interface RedactionInput {
  text: string;
  role: Role | null;
}

/** Where one input's normalised text sits in the document. */
export interface DocumentSegment {
  input: number;
  role: Role | null;
  /** Whether it continues the segment before it (a number read on after the other side's filler). */
  joined: boolean;
  start: number;
  end: number;
  mapped: MappedText;
}

/** Every input's normalised text, joined into one text detectors read, and where each one sits in it. */
export interface RedactionDocument {
  text: string;
  segments: DocumentSegment[];
}

/** Between turns: nothing a pattern reads across. */
const TURN_BREAK = '\n\n';
/** What an agent says between two pieces of a number without interrupting it. */
const FILLER_WORDS =
  'mm+[ -]?hm+|m+hm+|uh[ -]?huh|okay|ok|yes|yeah|yep|yup|right|go on|go ahead|carry on|keep going|and the rest|the rest|got it|got that|' +
  'sure|alright|all right|and|then|next|continue|i see|great|perfect|lovely|brilliant|cool|noted|thanks|thank you|please|' +
  "i'?m (?:listening|with you|ready|writing (?:it|that) down)|with you|writing (?:it|that) down|uh|um|erm|er|hmm+|mm+|ah|aha";
/** A short acknowledgement that does not interrupt a number being read out ("go on", "yes", "mm-hm, go ahead"). */
const BACKCHANNEL = new RegExp(String.raw`^[\s,.!?…-]*(?:(?:${FILLER_WORDS})[\s,.!?…-]*){1,6}$`, 'i');
/** The agent writing the first piece down aloud and asking for the rest ("4111 1111, yes, go on"). */
const ECHO = new RegExp(
  String.raw`^[\s,.!?…-]*(?:(?:${FILLER_WORDS})[\s,.!?…-]*){0,3}\d[\d\s,.-]*(?:[\s,.!?…-]*(?:${FILLER_WORDS}))*[\s,.!?…-]*$`,
  'i',
);
const ENDS_WITH_DIGIT = /\d(?:[\s,.…-]|\b(?:and|then|uh|um|erm|er)\b)*$/i;
/** The words a customer may put before the rest of a number ("and then", "the rest is"). */
const LEADING_FILLER =
  /^[\s,.…-]*(?:(?:and|then|uh|um|erm|er|okay|ok|so|yes|yeah|right|sure|next|after that|the rest is|the rest|rest is|it's|its|then it's|and then|next is)[\s,.…-]+){0,3}/i;
const STARTS_WITH_DIGIT = new RegExp(`${LEADING_FILLER.source}\\d`, 'i');

/** A turn of the other side that lets a number run on: a backchannel, or the agent echoing the digits so far. */
const isFiller = (text: string, normalized: string): boolean => BACKCHANNEL.test(text) || ECHO.test(normalized);

/** Unicode folded, then number words read as digits: each character mapped back to the input. */
export const normalizeForRedaction = (text: string): MappedText => {
  const folded = foldUnicode(text);
  const read = readNumberWords(folded.text);
  return read.text === folded.text ? folded : composeMapped(folded, read);
};

/**
 * Joins the inputs into one text. A number the customer continues in their next turn after the
 * agent's backchannel ("it's 4000 1234" / "mm-hm" / "5678 9010") is joined by a space, so it reads as
 * one number; the backchannel turns follow it. Every other turn stands apart.
 */
export const buildRedactionDocument = (inputs: readonly RedactionInput[]): RedactionDocument => {
  const normalized = inputs.map((input) => normalizeForRedaction(input.text));
  const order: { index: number; joined: boolean }[] = [];
  const placed = new Set<number>();
  for (let index = 0; index < inputs.length; index += 1) {
    if (placed.has(index)) continue;
    order.push({ index, joined: false });
    placed.add(index);
    let current = index;
    for (;;) {
      const input = inputs[current] as RedactionInput;
      if (input.role === null || !ENDS_WITH_DIGIT.test(normalized[current]?.text ?? '')) break;
      let next = current + 1;
      const skipped: number[] = [];
      while (
        next < inputs.length &&
        inputs[next]?.role !== input.role &&
        isFiller(inputs[next]?.text ?? '', normalized[next]?.text ?? '') &&
        skipped.length < 2
      ) {
        skipped.push(next);
        next += 1;
      }
      if (next >= inputs.length || inputs[next]?.role !== input.role || !STARTS_WITH_DIGIT.test(normalized[next]?.text ?? '')) break;
      order.push({ index: next, joined: true });
      placed.add(next);
      // The backchannel turns come right after the joined number.
      for (const turn of skipped) {
        order.push({ index: turn, joined: false });
        placed.add(turn);
      }
      current = next;
    }
  }
  let text = '';
  const segments: DocumentSegment[] = [];
  for (const { index, joined } of order) {
    if (segments.length > 0) text += joined ? ' ' : TURN_BREAK;
    const whole = normalized[index] as MappedText;
    // "and then 1111 1111": the words before the rest of the number are left out of the joined number.
    const mapped = joined ? dropLeading(whole, LEADING_FILLER.exec(whole.text)?.[0].length ?? 0) : whole;
    segments.push({
      input: index,
      role: inputs[index]?.role ?? null,
      joined,
      start: text.length,
      end: text.length + mapped.text.length,
      mapped,
    });
    text += mapped.text;
  }
  return { text, segments };
};
