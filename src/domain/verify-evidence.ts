import type { CriterionResult, Evidence, Turn } from './types.ts';

/**
 * Evidence verification (pure). A quote backs a score only if it occurs in the transcript the scorer saw:
 * in the turn it cites (whitespace, case and typographic-punctuation normalised, punctuation at the
 * quote's edges ignored), or else anywhere in the transcript, and then the turn index and role are
 * corrected. A quote found nowhere is invented: it is dropped and its criterion gets `confidence: 'low'`.
 * A criterion scored with no surviving evidence is `low` too.
 *
 * `turns` must be the turns exactly as they were sent to the scorer (e.g. with the agent's names masked
 * as `[AGENT]`), so that a quote of masked text verifies. Turn indexes are 0-based indexes into `turns`.
 */

interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original string of the character it came from. */
  map: number[];
}

const FOLDS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u02BC': "'", '\u2032': "'", '`': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\u00A0': ' ',
};

const WHITESPACE = /\s/u;

const normalise = (input: string): Normalised => {
  let text = '';
  const map: number[] = [];
  let pendingSpace = false;
  for (let i = 0; i < input.length; ) {
    const codePoint = input.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    const folded = (FOLDS[char] ?? char).toLowerCase();
    if (WHITESPACE.test(folded)) {
      if (text.length > 0) pendingSpace = true;
    } else {
      if (pendingSpace) {
        text += ' ';
        map.push(i);
        pendingSpace = false;
      }
      text += folded;
      for (let k = 0; k < folded.length; k += 1) map.push(i);
    }
    i += char.length;
  }
  return { text, map };
};

/** Sentence punctuation and quote marks at a quote's edges (not brackets: `[AGENT]` must survive). */
const EDGES = /^[\s.,;:!?"'()*-]+|[\s.,;:!?"'()*-]+$/gu;

/** The quote's normalised fragments: split at ellipses, edge punctuation removed, empty ones dropped. */
const quoteFragments = (quote: string): string[] =>
  normalise(quote)
    .text.split(/\s*\.{3,}\s*/u)
    .map((fragment) => fragment.replace(EDGES, ''))
    .filter((fragment) => fragment.length > 0);

/** The original-text slices of `fragments` found in order in `turnText`, or null. */
const findFragments = (turnText: string, fragments: readonly string[]): string[] | null => {
  const haystack = normalise(turnText);
  const slices: string[] = [];
  let from = 0;
  for (const fragment of fragments) {
    const at = haystack.text.indexOf(fragment, from);
    if (at < 0) return null;
    const endUnit = at + fragment.length - 1;
    const start = haystack.map[at] ?? 0;
    const lastStart = haystack.map[endUnit] ?? start;
    const lastChar = String.fromCodePoint(turnText.codePointAt(lastStart) ?? 0);
    slices.push(turnText.slice(start, lastStart + lastChar.length));
    from = at + fragment.length;
  }
  return slices;
};

/**
 * Where `quote` occurs: the cited turn first, else the nearest turn that contains it (earlier on a tie).
 * Returns the evidence with the transcript's own wording, turn index and role, or null when it occurs nowhere.
 */
export const locateQuote = (quote: string, turns: readonly Turn[], citedTurn: number): Evidence | null => {
  const fragments = quoteFragments(quote);
  if (fragments.length === 0) return null;
  const order = turns
    .map((_, index) => index)
    .sort((a, b) => {
      const byDistance = Math.abs(a - citedTurn) - Math.abs(b - citedTurn);
      return byDistance !== 0 ? byDistance : a - b;
    });
  for (const index of order) {
    const turn = turns[index];
    if (turn === undefined) continue;
    const slices = findFragments(turn.text, fragments);
    if (slices !== null) return { turn: index, role: turn.role, quote: slices.join(' … ') };
  }
  return null;
};

/** Checks every criterion's evidence against `turns` (as sent to the scorer); see the module comment. */
export const verifyEvidence = (criteria: readonly CriterionResult[], turns: readonly Turn[]): CriterionResult[] =>
  criteria.map((criterion) => {
    const kept: Evidence[] = [];
    let dropped = 0;
    for (const evidence of criterion.evidence) {
      const located = locateQuote(evidence.quote, turns, evidence.turn);
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
