import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

/** Words in either case of their first letter ("Street" or "street"), the rest as written. */
const eitherCase = (words: string): string =>
  words
    .split('|')
    .map((word) => `[${word[0]?.toUpperCase()}${word[0]}]${word.slice(1)}`)
    .join('|');
const STREET_TYPES = eitherCase(
  'street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|close|crescent|cres|terrace|gardens|parkway|pkwy|square|sq|circle|hill|row|mews|grove|walk|highway|hwy|park',
);
/** A UK postcode: SW1A 1AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT. */
const UK_POSTCODE = String.raw`(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})`;
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
const ZIP_AFTER_STATE = String.raw`(?:${US_STATES}),?[ \t]+\d{5}(?:-\d{4})?`;
/** "Flat 3, ", "Apt 4B", "Unit 12" before or after the street line. */
const UNIT = String.raw`(?:(?:${eitherCase('flat|apt|apartment|unit|suite')})\.?[ \t]+[A-Za-z0-9]{1,4})`;
const PLACE_WORD = String.raw`(?:[A-Z][a-z'’]+|[a-z]{3,})`;
/**
 * A street line: a house number, one to four words and a street type ("221B Baker Street", "12 acacia
 * avenue"), with a flat or unit, a town and a postcode or ZIP after it when they follow.
 */
const STREET_LINE = new RegExp(
  String.raw`(?:\b${UNIT},?[ \t]+)?(?<![\w$£€.,])\d{1,5}[A-Za-z]?(?:[ \t]+${PLACE_WORD}){1,4}[ \t]+(?:${STREET_TYPES})\b\.?` +
    String.raw`(?:,?[ \t]+${UNIT})?(?:,[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?){0,2}(?:,?[ \t]+(?:${UK_POSTCODE}|${ZIP_AFTER_STATE}|\d{5}(?:-\d{4})?))?(?![A-Za-z0-9])`,
  'g',
);
/** Words that make a number and a street word an address rather than "2 boxes on the way". */
const ADDRESS_WORDS =
  /\b(?:live|living|lives|address|moved|move|deliver|delivered|delivery|send it|sent it|post it|posted|ship|shipped|billing|house|home|flat|apartment)\b/i;

const POSTCODE_TYPED = new RegExp(String.raw`(?<![A-Za-z0-9])${UK_POSTCODE}(?![A-Za-z0-9])`, 'g');
const STATE_ZIP = new RegExp(String.raw`(?<![A-Za-z0-9])${ZIP_AFTER_STATE}(?![\d-])`, 'g');
export const POSTCODE_LABEL = /\b(?:post[ \t]?code|postal[ \t]+code|zip(?:[ \t]?code)?)\b/gi;
/** After its word: a postcode or ZIP in any case, spaced or spelled out ("s w 1 a 1 a a", "9 0 2 1 0"). */
export const POSTCODE_SPOKEN = /(?<![A-Za-z0-9'])[A-Za-z0-9](?:[ \t]?[A-Za-z0-9]){4,7}(?![A-Za-z0-9])/g;
export const isPostcode = (value: string): boolean => {
  const compact = value.replace(/[ \t]/g, '').toUpperCase();
  return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact) || /^\d{5}(?:\d{4})?$/.test(compact);
};

/** Postal addresses: street lines (with their town and postcode), UK postcodes and US ZIP codes. */
export const detectAddresses = ({ text }: DetectionInput): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(STREET_LINE)) {
    const capitalised = /^(?:\S+[ \t]+){0,3}\d\S*[ \t]+[A-Z]/.test(match[0]);
    if (!capitalised && !ADDRESS_WORDS.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    found.push(candidate(match.index, match.index + match[0].length, 'address', PRIORITY.address));
  }
  for (const match of text.matchAll(POSTCODE_TYPED))
    found.push(candidate(match.index, match.index + match[0].length, 'address', PRIORITY.address));
  for (const match of text.matchAll(STATE_ZIP))
    found.push(candidate(match.index, match.index + match[0].length, 'address', PRIORITY.address));
  for (const hit of findAfterLabel(text, POSTCODE_LABEL, POSTCODE_SPOKEN, { accept: isPostcode })) {
    found.push(candidate(hit.start, hit.end, 'address', PRIORITY.labelled));
  }
  return found;
};
