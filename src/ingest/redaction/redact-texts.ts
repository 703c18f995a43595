import type { Role } from '../../domain/types.ts';
import { buildRedactionDocument, type RedactionDocument, type RedactionInput } from './build-redaction-document.ts';
import type { Candidate, DetectionInput } from './candidate.ts';
import { detectAddresses } from './detect-addresses.ts';
import { detectBankDetails } from './detect-bank-details.ts';
import { detectCardDetails } from './detect-card-details.ts';
import { detectCards } from './detect-cards.ts';
import { detectDatesOfBirth } from './detect-dates-of-birth.ts';
import { detectEmails } from './detect-emails.ts';
import { detectIdentityDocuments } from './detect-identity-documents.ts';
import { detectKeptNumbers } from './detect-kept-numbers.ts';
import { detectNames } from './detect-names.ts';
import { detectNationalIds } from './detect-national-ids.ts';
import { detectPhones } from './detect-phones.ts';
import { originalRange } from './mapped-text.ts';
import { emptyRedactionCounts, REDACTION_PLACEHOLDERS, type RedactionCategory, type RedactionCounts } from './redaction-categories.ts';

export interface RedactionOptions {
  /** Names the customer is known by (their speaker labels), redacted wherever they occur. */
  names?: readonly string[];
}

const overlaps = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end;

/** The role speaking at a position of the document. */
const roleLookup =
  (document: RedactionDocument) =>
  (position: number): Role | null => {
    let low = 0;
    let high = document.segments.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const segment = document.segments[middle];
      if (!segment) break;
      if (position < segment.start) high = middle - 1;
      else if (position > segment.end) low = middle + 1;
      else return segment.role;
    }
    return null;
  };

/** Every detector's candidates: what to keep readable, then each category. */
const detectAll = (input: DetectionInput): Candidate[] => {
  const kept = detectKeptNumbers(input);
  const cards = detectCards(input).filter((card) => !kept.some((keep) => overlaps(keep, card)));
  return [
    ...kept,
    ...detectEmails(input),
    ...detectBankDetails(input),
    ...cards,
    ...detectCardDetails(input, cards),
    ...detectNationalIds(input),
    ...detectIdentityDocuments(input),
    ...detectPhones(input),
    ...detectDatesOfBirth(input),
    ...detectAddresses(input),
    ...detectNames(input),
  ];
};

/** Where candidates overlap, the higher priority wins, then the longer, then the earlier. */
const resolve = (candidates: Candidate[]): Candidate[] => {
  const sorted = candidates
    .filter((found) => found.end > found.start)
    .sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: Candidate[] = [];
  for (const found of sorted) if (!accepted.some((taken) => overlaps(taken, found))) accepted.push(found);
  return accepted.filter((found) => found.category !== 'keep');
};

interface Replacement {
  start: number;
  end: number;
  category: RedactionCategory;
}

/** Replaces the stretches (overlapping ones merged) with their placeholders. */
const applyReplacements = (text: string, replacements: Replacement[]): string => {
  const sorted = [...replacements].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Replacement[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.start < last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  let out = '';
  let cursor = 0;
  for (const replacement of merged) {
    out += text.slice(cursor, replacement.start) + REDACTION_PLACEHOLDERS[replacement.category];
    cursor = replacement.end;
  }
  return out + text.slice(cursor);
};

/** One pass: detect over the whole document, replace in each input. */
const redactOnce = (inputs: readonly RedactionInput[], options: RedactionOptions, counts: RedactionCounts): string[] => {
  const document = buildRedactionDocument(inputs);
  const found = resolve(detectAll({ text: document.text, roleAt: roleLookup(document), names: options.names ?? [] }));
  const replacements: Replacement[][] = inputs.map(() => []);
  for (const hit of found) {
    counts[hit.category as RedactionCategory] += 1;
    for (const segment of document.segments) {
      if (segment.end <= hit.start || segment.start >= hit.end) continue;
      const range = originalRange(segment.mapped, Math.max(hit.start, segment.start) - segment.start, Math.min(hit.end, segment.end) - segment.start);
      if (range) replacements[segment.input]?.push({ ...range, category: hit.category as RedactionCategory });
    }
  }
  return inputs.map((input, index) => {
    const list = replacements[index] ?? [];
    return list.length === 0 ? input.text : applyReplacements(input.text, list);
  });
};

/** More passes than this never change anything in practice; the cap only guards against a loop. */
const MAX_PASSES = 4;

/**
 * Redacts customer PII from texts read together (the turns of one call, in order): each value found
 * becomes its category's placeholder and is counted once, even when it spans two turns. The passes
 * repeat until nothing changes (a replacement can bring two pieces of a number together), so
 * redacting the result again changes nothing.
 */
export const redactTexts = (inputs: readonly RedactionInput[], options: RedactionOptions = {}): { texts: string[]; counts: RedactionCounts } => {
  const counts = emptyRedactionCounts();
  let texts = inputs.map((input) => input.text);
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = redactOnce(
      inputs.map((input, index) => ({ ...input, text: texts[index] ?? '' })),
      options,
      counts,
    );
    const changed = next.some((text, index) => text !== texts[index]);
    texts = next;
    if (!changed) break;
  }
  return { texts, counts };
};
