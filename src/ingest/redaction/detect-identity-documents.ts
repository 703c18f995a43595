import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { findAfterLabel } from './find-after-label.ts';

/**
 * A document number as typed or spelled out: pieces joined by single spaces or dashes, each a run with
 * a digit, a run of capitals ("MORGA") or a single letter ("m o r g a 7 5 3 …").
 */
export const DOCUMENT_NUMBER =
  /(?<![A-Za-z0-9'])(?:[A-Za-z0-9]*\d[A-Za-z0-9]*|[A-Z]{1,6}(?![a-z])|[a-z](?![A-Za-z]))(?:[ \t-](?:[A-Za-z0-9]*\d[A-Za-z0-9]*|[A-Z]{1,6}(?![a-z])|[a-z](?![A-Za-z])))*/g;

export const shaped =
  (minLength: number, maxLength: number, minDigits: number) =>
  (value: string): boolean => {
    const compact = value.replace(/[ \t-]/g, '');
    return compact.length >= minLength && compact.length <= maxLength && compact.replace(/\D/g, '').length >= minDigits;
  };

export const PASSPORT_LABEL = /\bpassport(?:[ \t]+(?:number|no\.?|num|#))?/gi;
export const LICENCE_LABEL =
  /\b(?:(?:driving|driver'?s?)[ \t]+licen[cs]e(?:[ \t]+(?:number|no\.?|num|#))?|licen[cs]e[ \t]+(?:number|no\.?|num|#)|DL[ \t]+(?:number|no\.?|#))/gi;

/** Passport and driving-licence numbers, after their words. */
export const detectIdentityDocuments = ({ text }: DetectionInput): Candidate[] => [
  ...findAfterLabel(text, PASSPORT_LABEL, DOCUMENT_NUMBER, { accept: shaped(6, 12, 5) }).map((hit) =>
    candidate(hit.start, hit.end, 'passport', PRIORITY.labelled),
  ),
  ...findAfterLabel(text, LICENCE_LABEL, DOCUMENT_NUMBER, { accept: shaped(5, 18, 4) }).map((hit) =>
    candidate(hit.start, hit.end, 'licence', PRIORITY.labelled),
  ),
];
