import { candidate, MONTHS, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

export const DOB_LABEL =
  /\b(?:date[ \t]+of[ \t]+birth|d\.?[ \t]?o\.?[ \t]?b\.?|birth[ \t]?date|birthday|born(?:[ \t]+(?:on|in))?)(?![A-Za-z])/gi;
/** A year as written or read: 1985, "19 85" (said "nineteen eighty five"), '85. */
const YEAR = String.raw`(?:\d{4}|\d{2}[ \t]\d{2}|'?\d{2})`;
const DAY = String.raw`(?:the[ \t]+)?\d{1,2}(?:st|nd|rd|th)?`;
/**
 * A date: 12/03/1985, 1985-03-12, "12 03 85", "the 12 of March 19 85", "March 12th, 1985",
 * "12 March", "March 1985", or a year alone after "born in".
 */
export const DATE = new RegExp(
  [
    String.raw`(?<!\d)\d{4}[ \t]*[/.-][ \t]*\d{1,2}[ \t]*[/.-][ \t]*\d{1,2}(?!\d)`,
    String.raw`(?<!\d)\d{1,2}[ \t]*[/.-][ \t]*\d{1,2}[ \t]*[/.-][ \t]*${YEAR}(?!\d)`,
    String.raw`(?<!\d)\d{1,2}[ \t]\d{1,2}[ \t]${YEAR}(?!\d)`,
    String.raw`\b${DAY}(?:[ \t]+of)?[ \t]+(?:${MONTHS})\b(?:,?[ \t]+${YEAR}(?!\d))?`,
    String.raw`\b(?:${MONTHS})[ \t]+${DAY}(?!\d)(?:,?[ \t]+${YEAR}(?!\d))?`,
    String.raw`\b(?:${MONTHS})[ \t,]+${YEAR}(?!\d)`,
    String.raw`(?<!\d)(?:19|20)[ \t]?\d{2}(?!\d)`,
  ].join('|'),
  'gi',
);

/** Dates of birth: a date after "date of birth", "DOB", "born", "birthday". */
export const detectDatesOfBirth = ({ text }: DetectionInput): Candidate[] =>
  findAfterLabel(text, DOB_LABEL, DATE).map((hit) => candidate(hit.start, hit.end, 'dob', PRIORITY.labelled));
