import type { Role } from '../../domain/types.ts';
import { foldUnicode } from './fold-unicode.ts';
import { composeMapped, type MappedText } from './mapped-text.ts';
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
/** A short acknowledgement that does not interrupt a number being read out. */
const BACKCHANNEL =
  /^[\s,.!?…-]*(?:(?:mm+[ -]?hm+|m+hm+|uh[ -]?huh|okay|ok|yes|yeah|yep|yup|right|go on|got it|sure|alright|all right|and|then|next|continue|i see|great|perfect|thanks|thank you|uh|um|erm|er|hmm+|mm+|ah|aha)[\s,.!?…-]*){1,4}$/i;
const ENDS_WITH_DIGIT = /\d[\s,.…-]*$/;
const STARTS_WITH_DIGIT = /^[\s,.…-]*(?:(?:and|then|uh|um|erm|er)[\s,.…-]+)?\d/i;

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
      while (next < inputs.length && inputs[next]?.role !== input.role && BACKCHANNEL.test(inputs[next]?.text ?? '') && skipped.length < 2) {
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
    const mapped = normalized[index] as MappedText;
    segments.push({ input: index, role: inputs[index]?.role ?? null, start: text.length, end: text.length + mapped.text.length, mapped });
    text += mapped.text;
  }
  return { text, segments };
};
