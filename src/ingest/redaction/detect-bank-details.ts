import { countrySpecs, isValidIBAN } from 'ibantools';

import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

/**
 * Where an IBAN may begin: a country code and two check digits, typed ("GB29"), grouped ("GB 29") or
 * spelled out ("g b 2 9" after number words are digits).
 */
const IBAN_START = /(?<![A-Za-z0-9])([A-Za-z])[ \t]?([A-Za-z])[ \t-]?(\d)[ \t-]?(\d)/g;

/**
 * IBANs: a country's exact IBAN length of letters and digits (spaces, dashes and spelling allowed
 * between them) whose checksum ibantools accepts, so a random run of letters and digits is not one.
 */
const detectIbans = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const country = `${match[1]}${match[2]}`.toUpperCase();
    const spec = countrySpecs[country];
    if (!spec?.chars) continue;
    let compact = `${country}${match[3]}${match[4]}`;
    let position = match.index + match[0].length;
    while (compact.length < spec.chars && position < text.length) {
      const char = text[position] as string;
      if (/[A-Za-z0-9]/.test(char)) compact += char.toUpperCase();
      else if (!/[ \t-]/.test(char) || /[ \t-]/.test(text[position - 1] ?? '')) break;
      position += 1;
    }
    if (compact.length !== spec.chars || /[A-Za-z0-9]/.test(text[position] ?? '') || !isValidIBAN(compact)) continue;
    found.push(candidate(match.index, position, 'iban', PRIORITY.iban));
  }
  return found;
};

export const SORT_CODE_LABEL = /\bsort[ -]?code\b/gi;
export const SORT_CODE_VALUE = /(?<!\d)\d{2}[ \t.,-]*\d{2}[ \t.,-]*\d{2}(?![ \t.,-]*\d)/g;
/** "account number", "acct", "bank account": not a bare "account" ("the email on the account"). */
export const ACCOUNT_LABEL = /\b(?:(?:bank[ \t]+)?account[ \t]+(?:number|no\.?|num|#)|bank[ \t]+account|acct|a\/c)\b/gi;
/** 6–17 digits, possibly grouped or read in pieces ("1644, 2480" said with a pause). */
export const ACCOUNT_VALUE = /(?<![\d.,$£€+])\d(?:(?:,?[ \t]|[-.])?\d){5,16}(?![.,]?\d)/g;
export const ROUTING_LABEL = /\b(?:routing|aba|transit|bsb)(?:[ \t]+(?:number|no\.?|num|#))?/gi;
export const ROUTING_VALUE = /(?<![\d.,$£€+])\d(?:(?:,?[ \t]|[-.])?\d){5,8}(?![.,]?\d)/g;

/** IBANs (checksum), and sort codes, account and routing numbers after their words. */
export const detectBankDetails = ({ text }: DetectionInput): Candidate[] => [
  ...detectIbans(text),
  ...findAfterLabel(text, SORT_CODE_LABEL, SORT_CODE_VALUE).map((hit) => candidate(hit.start, hit.end, 'sortCode', PRIORITY.labelled)),
  ...findAfterLabel(text, ACCOUNT_LABEL, ACCOUNT_VALUE).map((hit) => candidate(hit.start, hit.end, 'account', PRIORITY.labelled)),
  ...findAfterLabel(text, ROUTING_LABEL, ROUTING_VALUE).map((hit) => candidate(hit.start, hit.end, 'routing', PRIORITY.labelled)),
];
