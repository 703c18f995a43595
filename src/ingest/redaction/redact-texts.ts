import type { Role } from '../../domain/types.ts';
import { buildRedactionDocument, type RedactionDocument, type RedactionInput } from './build-redaction-document.ts';
import type { Candidate, DetectionInput, PhoneFinds } from './candidate.ts';
import { detectAskedValues } from './asked-values.ts';
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
import { detectReadBacks } from './detect-read-backs.ts';
import { originalRange } from './mapped-text.ts';
import { emptyRedactionCounts, REDACTION_PLACEHOLDERS, type RedactionCategory, type RedactionCounts } from './redaction-categories.ts';
import { escapeRegExp } from '../../domain/escape-regexp.ts';

export interface RedactionOptions {
  /** Names the customer is known by (their speaker labels), redacted wherever they occur. */
  names?: readonly string[];
  /** Names that are never the customer's (the agent's own names and aliases, the company's): they stay. */
  keepNames?: readonly string[];
}

const overlaps = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end;
const within = (inner: Candidate, outer: Candidate): boolean => inner.start >= outer.start && inner.end <= outer.end;

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
  const cards = detectCards(input).filter((card) => !kept.some((keep) => within(card, keep)));
  // A card redacted earlier ("[CARD], 04/27") still has its details after it.
  const card = REDACTION_PLACEHOLDERS.card;
  const redactedCards = [...input.text.matchAll(new RegExp(escapeRegExp(card), 'g'))].map((match) => ({
    start: match.index,
    end: match.index + card.length,
    category: 'card' as const,
    priority: 0,
  }));
  return [
    ...kept,
    ...detectEmails(input),
    ...detectBankDetails(input),
    ...cards,
    ...detectCardDetails(input, [...cards, ...redactedCards]),
    ...detectNationalIds(input),
    ...detectIdentityDocuments(input),
    ...detectPhones(input),
    ...detectDatesOfBirth(input),
    ...detectAddresses(input),
    ...detectNames(input),
    ...detectAskedValues(input),
  ];
};

/**
 * What is replaced. A candidate inside a stretch to keep (a reference, a price) is dropped; one that
 * reaches beyond it is not (a time does not shield the card number it touches). Where the rest
 * overlap, the higher priority wins, then the longer, then the earlier.
 */
const resolve = (candidates: Candidate[]): Candidate[] => {
  const kept = candidates.filter((found) => found.category === 'keep');
  const sorted = candidates
    .filter((found) => found.end > found.start && found.category !== 'keep' && !kept.some((keep) => within(found, keep)))
    .sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: Candidate[] = [];
  for (const found of sorted) if (!accepted.some((taken) => overlaps(taken, found))) accepted.push(found);
  return accepted;
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
const redactOnce = (
  inputs: readonly RedactionInput[],
  options: RedactionOptions,
  counts: RedactionCounts,
  phoneFinds: Map<string, PhoneFinds>,
): string[] => {
  const document = buildRedactionDocument(inputs);
  const input: DetectionInput = {
    text: document.text,
    roleAt: roleLookup(document),
    names: options.names ?? [],
    keepNames: options.keepNames ?? [],
    turns: document.segments.map(({ start, end, role, joined }) => ({ start, end, role, joined })),
    phoneFinds,
  };
  const candidates = detectAll(input);
  let found = resolve(candidates);
  // What was found, said again (the agent reading it back) is the same value.
  const again = detectReadBacks(input, found);
  if (again.length > 0) found = resolve([...candidates, ...again]);
  const replacements: Replacement[][] = inputs.map(() => []);
  for (const hit of found) {
    if (!hit.again) counts[hit.category as RedactionCategory] += 1;
    for (const segment of document.segments) {
      if (segment.end <= hit.start || segment.start >= hit.end) continue;
      const range = originalRange(
        segment.mapped,
        Math.max(hit.start, segment.start) - segment.start,
        Math.min(hit.end, segment.end) - segment.start,
      );
      if (range) replacements[segment.input]?.push({ ...range, category: hit.category as RedactionCategory });
    }
  }
  return inputs.map((input, index) => {
    const list = replacements[index] ?? [];
    return list.length === 0 ? input.text : applyReplacements(input.text, list);
  });
};

/** More passes than this never change anything in practice; the cap only guards against a loop. */
const MAX_PASSES = 6;

/**
 * Redacts customer PII from texts read together (the turns of one call, in order): each value found
 * becomes its category's placeholder and is counted once, even when it spans two turns. The passes
 * repeat until nothing changes (a replacement can bring two pieces of a number together), so
 * redacting the result again changes nothing. A later pass reads only the texts the previous pass
 * changed and their neighbours: nothing else can have changed.
 */
export const redactTexts = (
  inputs: readonly RedactionInput[],
  options: RedactionOptions = {},
): { texts: string[]; counts: RedactionCounts } => {
  const counts = emptyRedactionCounts();
  const texts = inputs.map((input) => input.text);
  let indexes = inputs.map((_, index) => index);
  // Dropped with this call: it holds the customer's digits, so it never outlives their redaction.
  const phoneFinds = new Map<string, PhoneFinds>();
  for (let pass = 0; pass < MAX_PASSES && indexes.length > 0; pass += 1) {
    const next = redactOnce(
      indexes.map((index) => ({ role: inputs[index]?.role ?? null, text: texts[index] ?? '' })),
      options,
      counts,
      phoneFinds,
    );
    const changed = new Set<number>();
    next.forEach((text, position) => {
      const index = indexes[position] as number;
      if (text === texts[index]) return;
      texts[index] = text;
      changed.add(index);
    });
    indexes = indexes.filter((index) => changed.has(index) || changed.has(index - 1) || changed.has(index + 1));
  }
  return { texts, counts };
};
