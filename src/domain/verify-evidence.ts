import { normaliseText } from './normalise-text.ts';
import type { Criterion, CriterionResult, Evidence, Role, Turn } from './types.ts';

/**
 * Evidence verification (pure). A quote backs a score only if it is really what was said, by the person
 * whose behaviour the criterion judges:
 * - it occurs in a turn of an allowed role (`criterionEvidenceRoles`: agent turns for agent behaviours,
 *   the default), in the turn it cites or else the nearest allowed turn (the turn and role are corrected);
 * - it starts and ends on word boundaries ("can" does not verify inside "can't", "how" not inside "show");
 * - it has at least 3 words, unless it is the whole turn ("Yes." can only be quoted whole);
 * - it has at most one elision ("…" or "..." between two parts; one at either end is not an elision), and
 *   the elided words hold no negation ("I will … refund it today" does not verify from "I will not be
 *   able to refund it today").
 * Matching ignores case, runs of whitespace, typographic quotes and dashes, Unicode compatibility forms
 * and format characters (`normaliseText`) and punctuation at the quote's edges.
 * A quote that fails is dropped and its criterion gets `confidence: 'low'`; a criterion scored with no
 * surviving evidence is `low` too.
 *
 * `turns` must be the turns exactly as they were sent to the scorer (e.g. with the agent's names masked
 * as `[AGENT]`), so that a quote of masked text verifies. Turn indexes are 0-based indexes into `turns`.
 */

/** Words an elision may not remove: each one can turn the quoted sentence into its opposite. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nor',
  'neither',
  'none',
  'nobody',
  'nothing',
  'nowhere',
  'cannot',
  'unable',
  'without',
  'refuse',
  'refused',
  'impossible',
]);

/** Fewest words a quote needs unless it is its turn's whole text. */
export const MIN_QUOTE_WORDS = 3;

/** Which turns may back a criterion: the roles of whose behaviour it judges (default: the agent's). */
export const criterionEvidenceRoles = (criterion: Pick<Criterion, 'about'> | undefined): readonly Role[] => {
  switch (criterion?.about ?? 'agent') {
    case 'customer':
      return ['customer'];
    case 'call':
      return ['agent', 'customer'];
    default:
      return ['agent'];
  }
};

interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`, the start of the original characters it came from. */
  map: number[];
  /** For each UTF-16 unit of `text`, the end (exclusive) of the original characters it came from. */
  ends: number[];
}

const FOLDS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u02BC': "'",
  '\u2032': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
};

const WHITESPACE = /^\s+$/u;
/** A base character with its combining marks, so NFKC can compose them as one unit. */

const CLUSTER_AT = /\P{M}\p{M}*|\p{M}+/uy;

/** Lower-case, NFKC, format characters removed, typographic punctuation folded, whitespace runs as one space. */
const normalise = (input: string): Normalised => {
  let text = '';
  const map: number[] = [];
  const ends: number[] = [];
  let pendingSpace = false;
  const push = (folded: string, start: number, end: number): void => {
    if (pendingSpace) {
      text += ' ';
      map.push(start);
      ends.push(start);
      pendingSpace = false;
    }
    text += folded;
    for (let k = 0; k < folded.length; k += 1) {
      map.push(start);
      ends.push(end);
    }
  };
  for (let start = 0; start < input.length; ) {
    const code = input.charCodeAt(start);
    // ASCII not followed by a combining mark is its own NFKC form: the fast path (most of every transcript).
    if (code < 0x80 && !(input.charCodeAt(start + 1) >= 0x300)) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (text.length > 0) pendingSpace = true;
      } else {
        push(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : code === 0x60 ? "'" : input[start]!, start, start + 1);
      }
      start += 1;
      continue;
    }
    CLUSTER_AT.lastIndex = start;
    const cluster = CLUSTER_AT.exec(input)?.[0] ?? input[start]!;
    const end = start + cluster.length;
    for (const char of normaliseText(cluster)) {
      const folded = (FOLDS[char] ?? char).toLowerCase();
      if (WHITESPACE.test(folded)) {
        if (text.length > 0) pendingSpace = true;
      } else {
        push(folded, start, end);
      }
    }
    start = end;
  }
  return { text, map, ends };
};

/** Sentence punctuation and quote marks at a quote's edges (not brackets: `[AGENT]` must survive). */
const EDGES = /^[\s.,;:!?"'()*-]+|[\s.,;:!?"'()*-]+$/gu;
const ELISION = /\s*\.{3,}\s*/u;
const WORD = /[\p{L}\p{N}\p{M}]+(?:'[\p{L}\p{N}\p{M}]+)*/gu;
const LETTER = /[\p{L}\p{N}\p{M}]/u;

const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

const hasNegation = (text: string): boolean => wordsOf(text).some((word) => NEGATIONS.has(word) || word.endsWith("n't"));

const charAt = (text: string, index: number): string => {
  if (index < 0 || index >= text.length) return '';
  const code = text.charCodeAt(index);
  // The low half of a surrogate pair: read the whole code point from its high half.
  const at = code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index;
  return String.fromCodePoint(text.codePointAt(at) ?? 0);
};

/** Whether the character at `index` belongs to a word (letters, digits, marks, an apostrophe inside a word). */
const inWord = (text: string, index: number): boolean => {
  const char = charAt(text, index);
  if (LETTER.test(char)) return true;
  return char === "'" && LETTER.test(charAt(text, index - 1)) && LETTER.test(charAt(text, index + 1));
};

/** Whether a match of [start, end) in `text` cuts no word in two. */
const onWordBoundaries = (text: string, start: number, end: number): boolean =>
  !(inWord(text, start - 1) && inWord(text, start)) && !(inWord(text, end - 1) && inWord(text, end));

/** Start offsets of `fragment` in `text` that sit on word boundaries. */
const occurrences = (text: string, fragment: string): number[] => {
  const found: number[] = [];
  for (let at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
    if (onWordBoundaries(text, at, at + fragment.length)) found.push(at);
  }
  return found;
};

/** The quote's parts: split at ellipses, edge punctuation removed, empty ones (an ellipsis at an edge) dropped. */
const quoteFragments = (quote: string): string[] =>
  normalise(quote)
    .text.split(ELISION)
    .map((fragment) => fragment.replace(EDGES, ''))
    .filter((fragment) => fragment.length > 0);

/** The [start, end) spans of `fragments` in the normalised turn that satisfy the rules, or null. */
const matchSpans = (haystack: string, fragments: readonly string[]): [number, number][] | null => {
  const [first, second] = fragments;
  if (first === undefined) return null;
  const firsts = occurrences(haystack, first);
  if (second === undefined) return firsts.length > 0 ? [[firsts[0]!, firsts[0]! + first.length]] : null;
  for (const at of occurrences(haystack, second)) {
    // The nearest first part before this second part elides the least; a farther one elides a superset.
    const before = firsts.filter((start) => start + first.length <= at).at(-1);
    if (before === undefined) continue;
    if (hasNegation(haystack.slice(before + first.length, at))) continue;
    return [
      [before, before + first.length],
      [at, at + second.length],
    ];
  }
  return null;
};

/** The original-text slice of a normalised span. */
const originalSlice = (turnText: string, normalised: Normalised, [start, end]: [number, number]): string =>
  turnText.slice(normalised.map[start] ?? 0, normalised.ends[end - 1] ?? turnText.length);

/**
 * Where `quote` occurs under the rules above: the cited turn first, else the nearest turn of an allowed
 * role that contains it (earlier on a tie). Returns the evidence with the transcript's own wording, turn
 * index and role, or null when it does not verify.
 */
export const locateQuote = (
  quote: string,
  turns: readonly Turn[],
  citedTurn: number,
  roles: readonly Role[] = ['agent', 'customer'],
): Evidence | null => locate(quote, turns, citedTurn, roles, normalisedTurns(turns));

/** Each turn normalised once, when first needed. */
const normalisedTurns = (turns: readonly Turn[]): ((index: number) => Normalised) => {
  const cache = new Map<number, Normalised>();
  return (index) => {
    let normalised = cache.get(index);
    if (normalised === undefined) {
      normalised = normalise(turns[index]!.text);
      cache.set(index, normalised);
    }
    return normalised;
  };
};

const locate = (
  quote: string,
  turns: readonly Turn[],
  citedTurn: number,
  roles: readonly Role[],
  haystackOf: (index: number) => Normalised,
): Evidence | null => {
  const fragments = quoteFragments(quote);
  if (fragments.length === 0 || fragments.length > 2) return null;
  const words = fragments.reduce((sum, fragment) => sum + wordsOf(fragment).length, 0);
  if (fragments.some((fragment) => wordsOf(fragment).length === 0)) return null;
  const order = turns
    .map((_, index) => index)
    .filter((index) => roles.includes(turns[index]!.role))
    .sort((a, b) => {
      const byDistance = Math.abs(a - citedTurn) - Math.abs(b - citedTurn);
      return byDistance !== 0 ? byDistance : a - b;
    });
  for (const index of order) {
    const turn = turns[index]!;
    const haystack = haystackOf(index);
    if (words < MIN_QUOTE_WORDS && !(fragments.length === 1 && haystack.text.replace(EDGES, '') === fragments[0])) continue;
    const spans = matchSpans(haystack.text, fragments);
    if (spans !== null)
      return { turn: index, role: turn.role, quote: spans.map((span) => originalSlice(turn.text, haystack, span)).join(' … ') };
  }
  return null;
};

/**
 * Checks every criterion's evidence against `turns` (as sent to the scorer); see the module comment.
 * `rubric` says whose behaviour each criterion judges (`about`); a criterion it does not list is the agent's.
 */
export const verifyEvidence = (
  criteria: readonly CriterionResult[],
  turns: readonly Turn[],
  rubric: readonly Pick<Criterion, 'key' | 'about'>[] = [],
): CriterionResult[] => {
  const haystackOf = normalisedTurns(turns);
  return criteria.map((criterion) => {
    const roles = criterionEvidenceRoles(rubric.find((c) => c.key === criterion.key));
    const kept: Evidence[] = [];
    let dropped = 0;
    for (const evidence of criterion.evidence) {
      const located = locate(evidence.quote, turns, evidence.turn, roles, haystackOf);
      if (located === null) {
        dropped += 1;
        continue;
      }
      if (!kept.some((k) => k.turn === located.turn && k.quote === located.quote)) kept.push(located);
    }
    const scoredWithoutEvidence = criterion.applicable && criterion.level !== null && kept.length === 0;
    const confidence = dropped > 0 || scoredWithoutEvidence ? 'low' : criterion.confidence;
    return { ...criterion, evidence: kept, confidence };
  });
};
