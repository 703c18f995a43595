import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';
import { PLACEHOLDER_PATTERN } from './redaction-categories.ts';

const REFERENCE_LABEL =
  /\b(?:order|reference|ref|ticket|case|tracking|confirmation|invoice|booking|claim|incident|transaction|receipt|parcel|shipment|consignment|complaint)\b(?:[ \t]+(?:number|no\.?|num|id|code|#))?/gi;
/**
 * A reference as written or read: "4111 1111 1111 1111", "AB-12345", "#55512", "100234, 100235", or
 * read out with pauses ("1000. 0001… 0000").
 */
const REFERENCE_VALUE =
  /(?<![A-Za-z0-9])#?[A-Za-z]{0,4}[-#]?\d[A-Za-z0-9]*(?:(?:[ ./-]|,[ \t]|\.[ \t]+|[ \t]*(?:\.{2,3}|…)[ \t]*|[ \t]+-[ \t]+)[A-Za-z]{0,4}\d[A-Za-z0-9]*)*/g;
/** An amount: "$1,250.00", "£49.99", "25 pounds" (said "twenty five pounds"); never more than two decimals. */
const PRICE =
  /(?:[$£€¥]|\b(?:USD|GBP|EUR)[ \t]?)[ \t]?\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?(?![\d,])|(?<![\d.,])\d[\d,]*(?:\.\d{1,2})?[ \t]?(?:dollars?|pounds?|euros?|quid|bucks|pence|cents?|p|usd|gbp|eur)\b/gi;
const TIME = /(?<![\d.:])\d{1,2}[:.]\d{2}(?:[ \t]?[ap]\.?m\.?)?(?![\d.:]*\d)|(?<![\d.:])\d{1,2}[ \t]?(?:[ap]\.m\.|[ap]m\b|o'clock)/gi;

const spans = (text: string, pattern: RegExp, priority: number): Candidate[] =>
  [...text.matchAll(pattern)].map((match) => candidate(match.index, match.index + match[0].length, 'keep', priority));

/**
 * What must stay readable, whatever it looks like: order, reference, ticket and case numbers after
 * their words (the resolution criterion looks for them, and a Luhn-valid one is not a card), prices,
 * times, and the placeholders of an earlier pass.
 */
export const detectKeptNumbers = ({ text }: DetectionInput): Candidate[] => [
  ...spans(text, PLACEHOLDER_PATTERN, PRIORITY.placeholder),
  ...findAfterLabel(text, REFERENCE_LABEL, REFERENCE_VALUE, { maxGap: 30 }).map((hit) =>
    candidate(hit.start, hit.end, 'keep', PRIORITY.reference),
  ),
  ...spans(text, PRICE, PRIORITY.reference),
  ...spans(text, TIME, PRIORITY.reference),
];
