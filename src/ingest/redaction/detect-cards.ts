import { isLuhnValid } from '../is-luhn-valid.ts';
import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;

/** Digits in groups separated by single spaces, dashes or dots ("4111 1111 1111 1111", "4111-1111-…"). */
const DIGIT_RUN = /\d+(?:[ .-]\d+)*/g;
/**
 * What separates the groups of a card said aloud: a comma, a slash, a spaced dash, several spaces, a
 * full stop and a space, or a pause written as an ellipsis ("4000... 0001").
 */
const PAUSE = String.raw`(?:[ \t]*[,/][ \t]*|[ \t]+[-–—][ \t]*|[ \t]*[-–—][ \t]+|[ \t]*(?:\.{2,3}|…)[ \t]*|\.[ \t]+|[ \t]+)`;
/**
 * Card groups as people say and speech-to-text writes them: 3–16 digits each, after a pause
 * ("4242, 4242, 4242, 4242"). Groups of 3+ digits keep amounts ("$1,250.00") out.
 */
const LOOSE_DIGIT_RUN = new RegExp(String.raw`(?<!\d)\d{3,16}(?:${PAUSE}\d{3,16}){1,6}(?!\d)`, 'g');
/**
 * After the card's own words, any grouping at all: groups of 1–19 digits after any pause ("four, oh oh
 * oh, oh oh oh one …", "4000000, 100000001"), which out of context could be read as two phone numbers.
 */
export const CARD_WORDS = /\b(?:cards?|long number|number on the front|visa|master[ \t]?card|amex|american express|maestro|discover)\b/gi;
export const ANY_GROUPING = new RegExp(String.raw`(?<![\d.,$£€])\d{1,19}(?:${PAUSE}\d{1,19}){1,18}(?![.,]?\d)`, 'g');

/**
 * Every group-aligned stretch of 13–19 digits in one run that passes the Luhn check, leftmost first,
 * then the longest, so a card next to another number ("qty 2 4111 1111 1111 1111") is found whole.
 */
export const cardsInRun = (run: string, offset: number): { start: number; end: number }[] => {
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({ digits: match[0], from: match.index, to: match.index + match[0].length }));
  const found: { start: number; end: number }[] = [];
  let index = 0;
  while (index < groups.length) {
    let digits = '';
    let end = -1;
    for (let next = index; next < groups.length; next += 1) {
      digits += groups[next]?.digits ?? '';
      if (digits.length > MAX_CARD_DIGITS) break;
      if (digits.length >= MIN_CARD_DIGITS && isLuhnValid(digits)) end = next;
    }
    const first = groups[index];
    const last = groups[end];
    if (first && last) {
      found.push({ start: offset + first.from, end: offset + last.to });
      index = end + 1;
    } else {
      index += 1;
    }
  }
  return found;
};

/**
 * Card numbers: 13–19 digits passing the Luhn check, written or read out, in any grouping. A number
 * read as a list (commas, slashes) ranks below a phone number, so "07700 900123, 07700 900456" stays
 * two phones and never a card across the comma, unless it is the first number said after the card's
 * words ("what's the card number?" / "four oh oh oh oh oh oh, one oh oh …"): then the card wins over
 * any phone reading of its pieces. Order and reference numbers after their words are kept anyway
 * (detect-kept-numbers.ts ranks above both).
 */
export const detectCards = ({ text }: DetectionInput): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    if (match[0].replace(/\D/g, '').length < MIN_CARD_DIGITS) continue;
    for (const card of cardsInRun(match[0], match.index)) found.push(candidate(card.start, card.end, 'card', PRIORITY.card));
  }
  for (const match of text.matchAll(LOOSE_DIGIT_RUN)) {
    if (match[0].replace(/\D/g, '').length < MIN_CARD_DIGITS) continue;
    for (const card of cardsInRun(match[0], match.index)) {
      const list = /[,/]/.test(text.slice(card.start, card.end));
      found.push(candidate(card.start, card.end, 'card', list ? PRIORITY.cardList : PRIORITY.card));
    }
  }
  const enoughDigits = (run: string): boolean => run.replace(/\D/g, '').length >= MIN_CARD_DIGITS;
  for (const hit of findAfterLabel(text, CARD_WORDS, ANY_GROUPING, { maxGap: 60, accept: enoughDigits })) {
    for (const card of cardsInRun(text.slice(hit.start, hit.end), hit.start))
      found.push(candidate(card.start, card.end, 'card', PRIORITY.card));
  }
  return found;
};
