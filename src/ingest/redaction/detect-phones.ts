import { createRequire } from 'node:module';
import type { CountryCode } from 'libphonenumber-js/max';

import { candidate, PRIORITY, type Candidate, type DetectionInput, type PhoneFinds } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

type LibPhoneNumber = typeof import('libphonenumber-js/max');
let libPhoneNumber: LibPhoneNumber | undefined;
/**
 * libphonenumber (93 modules and its metadata, ~60 ms of CPU to load as ES modules) is loaded when a text first
 * holds a run of 7 or more digits, as CommonJS (the same build's other form, ~40 ms): a `score` whose answers
 * hold no such run never loads it (ADR 0056).
 */
const findPhoneNumbersInText: LibPhoneNumber['findPhoneNumbersInText'] = (text, region) => {
  libPhoneNumber ??= createRequire(import.meta.url)('libphonenumber-js/max') as LibPhoneNumber;
  return libPhoneNumber.findPhoneNumbersInText(text, region);
};

/**
 * The regions whose national numbers (no `+`) count as phone numbers. International numbers (`+…`,
 * `00…`) are found whatever their country.
 */
export const PHONE_REGIONS: readonly CountryCode[] = ['GB', 'US', 'IE', 'AU'];

/** A stretch that may hold phone numbers: digits with the punctuation numbers are written with, "plus" for +. */
const PHONE_RUN = /(?:(?<![A-Za-z_+])\+|\bplus[ \t]+)?(?<![\w$£€¥.,])\(?\d[\d \t().-]*\d(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5})?/gi;

/**
 * Shapes libphonenumber turns down because the range is not in service, fictional numbers included:
 * international (`+44 20 7946 0958`), North American (`(555) 123-4567`, `555-123-4567`, `5551234567`),
 * national numbers with a trunk 0 (`020 7946 0958`, `07700 900123`), `555-0199`/`555 0199` and 7-digit
 * local numbers with a separator (`555-1234`). Not after a currency sign or number punctuation and
 * not followed by more digits, so amounts, dates, times and years stay.
 */
const NANP_SEP = String.raw`(?:[ \t]?[.-][ \t]?|[ \t])?`;
const PHONE_SHAPE = new RegExp(
  String.raw`(?:(?<![A-Za-z_$£€¥@/+.,-])(?:` +
    [
      String.raw`(?:\+|\bplus[ \t]+)(?:\d{7,15}|\d{1,3}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,10}(?:[ .-]\d{1,8}){0,5})`,
      String.raw`\(\d{3}\)${NANP_SEP}\d{3}${NANP_SEP}\d{4}`,
    ].join('|') +
    String.raw`)|(?<![\w$£€¥@/+.,-])(?:` +
    [
      String.raw`00[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,8}(?:[ .-]\d{1,8}){1,5}`,
      String.raw`(?:1[ .-]?)?(?:\(\d{3}\)${NANP_SEP}|\d{3}${NANP_SEP})\d{3}${NANP_SEP}\d{4}`,
      String.raw`0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}`,
      String.raw`555[ .-]?\d{4}`,
      String.raw`\d{3}[-.]\d{4}`,
    ].join('|') +
    String.raw`))(?!(?!x\d)[\w@]|[.,-]?\d)`,
  'g',
);
export const PHONE_LABEL =
  /\b(?:phone|mobile|cell|landline|telephone|tel|number to call|call me|reach me|contact number|callback number|ring me|text me|your number|best number|a number (?:to|for|i can|we can)|(?:get |send )?(?:a )?text(?:ed)?(?: you| it)? (?:at|on|to)|(?:call|ring|reach|text) you(?: back)? (?:on|at)|sms|whats ?app)\b/gi;
/** 7–15 digits, possibly grouped or read in pieces. */
export const LABELLED_PHONE = /(?:\+|(?<![\w+])plus[ \t]+)?(?<![\d.,$£€])\d(?:(?:,[ \t]|[ \t().-]{0,2})\d){6,14}(?![.,]?\d)/g;

const digitCount = (text: string): number => text.replace(/\D/g, '').length;

/** "plus 44 …" (or "+ 44") as libphonenumber reads it, "+44 …", and how many characters that took out after the "+". */
const asTyped = (run: string): { typed: string; shift: number } => {
  const prefix = /^(?:plus|\+)[ \t]*/i.exec(run)?.[0] ?? '';
  return prefix === '' ? { typed: run, shift: 0 } : { typed: `+${run.slice(prefix.length)}`, shift: prefix.length - 1 };
};

/**
 * Where libphonenumber finds numbers in a stretch, for each region in turn: [start, end] within it. It
 * throws (and catches) an error for every piece it turns down; their stack traces are never read, and
 * capturing them took a fifth of its time (profile of the property tests), so none is captured while it runs.
 */
const findNumbers = (typed: string): PhoneFinds => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return PHONE_REGIONS.flatMap((region) =>
      findPhoneNumbersInText(typed, region).map((number) => [number.startsAt, number.endsAt] as const),
    );
  } finally {
    Error.stackTraceLimit = limit;
  }
};

/**
 * Phone numbers: libphonenumber (`findPhoneNumbersInText`, the regions above and every international
 * number) over each stretch of digits, then shapes for the numbers it turns down, then any 7–15
 * digits after a phone word ("my mobile is …"). A stretch libphonenumber has read before in the same
 * redaction (`phoneFinds`: a later pass reads again what the pass before left unchanged) is not read again.
 */
export const detectPhones = ({ text, phoneFinds }: DetectionInput): Candidate[] => {
  if (!/\d{2}/.test(text)) return [];
  const found: Candidate[] = [];
  for (const run of text.matchAll(PHONE_RUN)) {
    const digits = digitCount(run[0]);
    // A decimal ("3.14159265") is not a phone number.
    if (digits < 7 || digits > 20 || /^\d+\.\d+$/.test(run[0])) continue;
    const { typed, shift } = asTyped(run[0]);
    let finds = phoneFinds?.get(typed);
    if (finds === undefined) {
      finds = findNumbers(typed);
      phoneFinds?.set(typed, finds);
    }
    for (const [startsAt, endsAt] of finds) {
      const start = startsAt === 0 ? run.index : run.index + startsAt + shift;
      found.push(candidate(start, run.index + endsAt + shift, 'phone', PRIORITY.phone));
    }
  }
  for (const match of text.matchAll(PHONE_SHAPE)) {
    const digits = digitCount(match[0]);
    if (digits < 7 || digits > 15) continue;
    found.push(candidate(match.index, match.index + match[0].length, 'phone', PRIORITY.phoneShape));
  }
  for (const hit of findAfterLabel(text, PHONE_LABEL, LABELLED_PHONE))
    found.push(candidate(hit.start, hit.end, 'phone', PRIORITY.phoneShape));
  return found;
};
