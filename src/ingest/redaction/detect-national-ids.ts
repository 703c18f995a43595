import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

/**
 * US SSN `123-45-6789`, `123 45 6789` or `123.45.6789`, not inside a longer dashed number; never area
 * 000, 666 or 9xx, group 00, serial 0000.
 */
const SSN = /(?<![\w.-])(?!000|666|9\d\d)\d{3}([- .])(?!00)\d{2}\1(?!0000)\d{4}(?![\w@]|[.-]\d)/g;
export const SSN_LABEL = /\b(?:ssn|ss#|social(?:[ \t]+security)?(?:[ \t]+(?:number|no\.?|#))?)/gi;
/** Nine digits however read ("one two three four five six seven eight nine", "123 456 789"). */
export const SSN_VALUE = /(?<![\d.,$£€])\d(?:(?:,?[ \t]|[.-])?\d){8}(?![.,]?\d)/g;

/**
 * UK National Insurance number: two prefix letters (never D, F, I, Q, U, V; never O second; not BG,
 * GB, KN, NK, NT, TN, ZZ; QQ is HMRC's specimen), six digits, a suffix A–D: `AB 12 34 56 C`. Typed in capitals it is enough;
 * lower case or spelled out ("q q one two three four five six c") needs its words before it.
 */
const NINO_BODY = String.raw`(?:(?!BG|GB|KN|NK|NT|TN|ZZ|bg|gb|kn|nk|nt|tn|zz)[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][ \t]?[A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z]|[Qq][ \t]?[Qq])[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-Da-d]`;
/** Said in its groups with pauses between them ("a b, one two, three four, five six, c"): only after its words. */
const PAUSE = String.raw`(?:,?[ \t]|[.-])?`;
const NINO_SPOKEN_BODY = String.raw`(?:(?!BG|GB|KN|NK|NT|TN|ZZ|bg|gb|kn|nk|nt|tn|zz)[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z]${PAUSE}[A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z]|[Qq]${PAUSE}[Qq])${PAUSE}\d${PAUSE}\d${PAUSE}\d${PAUSE}\d${PAUSE}\d${PAUSE}\d${PAUSE}[A-Da-d]`;
const NINO_TYPED = new RegExp(String.raw`(?<![A-Za-z0-9])(?=[A-Z][ \t]?[A-Z])${NINO_BODY}(?![A-Za-z0-9])`, 'g');
export const NINO_LABEL = /\b(?:national[ \t]+insurance(?:[ \t]+(?:number|no\.?))?|ni[ \t]+(?:number|no\.?)|nino)\b/gi;
export const NINO_VALUE = new RegExp(String.raw`(?<![A-Za-z0-9])${NINO_SPOKEN_BODY}(?![A-Za-z0-9])`, 'g');

/** US social security numbers and UK National Insurance numbers. */
export const detectNationalIds = ({ text }: DetectionInput): Candidate[] => [
  ...[...text.matchAll(SSN)].map((match) => candidate(match.index, match.index + match[0].length, 'ssn', PRIORITY.labelled)),
  ...findAfterLabel(text, SSN_LABEL, SSN_VALUE).map((hit) => candidate(hit.start, hit.end, 'ssn', PRIORITY.labelled)),
  ...[...text.matchAll(NINO_TYPED)].map((match) => candidate(match.index, match.index + match[0].length, 'nino', PRIORITY.labelled)),
  ...findAfterLabel(text, NINO_LABEL, NINO_VALUE).map((hit) => candidate(hit.start, hit.end, 'nino', PRIORITY.labelled)),
];
