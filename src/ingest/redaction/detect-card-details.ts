import { candidate, MONTHS, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

const CVV_LABEL =
  /\b(?:cvv2?|cvc2?|csc|cv2|security (?:code|number|digits)|verification (?:code|number|value)|(?:three|3|four|4)[ -]digit (?:code|number)|(?:code|digits|numbers?) on the back)\b/gi;
/** Three or four digits, possibly read in pieces ("2 19"), that are not part of an amount, a time or a longer number. */
const CVV_VALUE = /(?<![\d.,:$£€])\d(?:[ ]?\d){2,3}(?!\d|[.,:]\d)/g;

const EXPIRY_LABEL = /\b(?:expir(?:y|es|ation|ing)|exp\.?|valid (?:thru|through|until|till|to|from)|good (?:thru|through)|end date)\b/gi;
const YEAR = String.raw`(?:20[ ]?\d{2}|\d{2})`;
/** 04/27, 4-2027, "04 27" (said "oh four twenty seven"), 0427, April 2027, "April 20 27". */
const EXPIRY_VALUE = new RegExp(
  [
    String.raw`(?<!\d)(?:0?[1-9]|1[0-2])[ \t]*[/.-][ \t]*${YEAR}(?!\d)`,
    String.raw`(?<!\d)(?:0[1-9]|1[0-2])[ \t]+${YEAR}(?!\d)`,
    String.raw`(?<!\d)(?:0[1-9]|1[0-2])(?:20)?\d{2}(?!\d)`,
    String.raw`\b(?:${MONTHS})[ \t,]+(?:of[ \t]+)?${YEAR}(?!\d)`,
  ].join('|'),
  'gi',
);

/** What may stand between a card number and its expiry or security code ("…, and it expires 04/27, code 219"). */
const FILLER =
  /^(?:[\s,.;:!?-]|\b(?:and|then|the|code|is|it's|its|it|expiry|expires|expiration|date|security|cvv|cvc|last|three|digits|on|back|okay|ok|mm-hm|mhm|yeah|yes|that's|thats|uh|um|er|erm|so|with|exp|valid|until|thru|through|great|thanks|thank|you|number|and|of|end|month|year)\b)*$/i;

const firstAfter = (text: string, from: number, value: RegExp): { start: number; end: number } | null => {
  value.lastIndex = from;
  const hit = value.exec(text.slice(0, from + 120));
  // Not across a turn: what the other side says next ("4111 1111, go on") is not the card's expiry.
  const between = text.slice(from, hit?.index ?? from);
  if (!hit || hit.index > from + 80 || between.includes('\n\n') || !FILLER.test(between)) return null;
  return { start: hit.index, end: hit.index + hit[0].length };
};

/**
 * A card's security code and expiry date: after their words ("security code two one nine", "expires
 * 04/27"), or right after a card number with only small words between ("4111 …, 04/27, 219").
 * `cards` are the card numbers found in the same text.
 */
export const detectCardDetails = ({ text }: DetectionInput, cards: readonly Candidate[]): Candidate[] => {
  const found: Candidate[] = [];
  for (const hit of findAfterLabel(text, CVV_LABEL, CVV_VALUE)) found.push(candidate(hit.start, hit.end, 'cvv', PRIORITY.labelled));
  for (const hit of findAfterLabel(text, EXPIRY_LABEL, EXPIRY_VALUE))
    found.push(candidate(hit.start, hit.end, 'expiry', PRIORITY.labelled));
  for (const card of cards) {
    let from = card.end;
    for (let step = 0; step < 2; step += 1) {
      const expiry = firstAfter(text, from, EXPIRY_VALUE);
      const cvv = firstAfter(text, from, CVV_VALUE);
      const next =
        expiry && (!cvv || expiry.start <= cvv.start)
          ? { ...expiry, category: 'expiry' as const }
          : cvv
            ? { ...cvv, category: 'cvv' as const }
            : null;
      if (!next) break;
      found.push(candidate(next.start, next.end, next.category, PRIORITY.nearCard));
      from = next.end;
    }
  }
  return found;
};
