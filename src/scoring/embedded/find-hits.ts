import type { Evidence, Role, Turn } from '../../domain/types.ts';

/** Where a cue was found: its turn, its position in the turn, and the quote that will be cited for it. */
export interface Hit {
  turn: number;
  pos: number;
  quote: string;
}

/** From a letter or digit to the end of its word (a run of non-space): one match per word that has one. */
const WORD_WITH_LETTER = /[\p{L}\p{N}]\S*/gu;

/**
 * Whether `text` has at least `count` words with a letter or digit in them, as
 * `text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= count` says, without splitting
 * the whole text (it stops at the `count`th word).
 */
const hasWords = (text: string, count: number): boolean => {
  WORD_WITH_LETTER.lastIndex = 0;
  let found = 0;
  while (found < count && WORD_WITH_LETTER.exec(text) !== null) found += 1;
  WORD_WITH_LETTER.lastIndex = 0;
  return found >= count;
};

const SENTENCE_END = new Set(['.', '!', '?']);
const SPACE = /\s/;

/**
 * The quote cited for a cue at `index` of `text`: its sentence, verbatim, when that has at least 3 words;
 * else the whole turn. Evidence is never a fragment (see docs/decisions: a quote is ≥ 3 words or a whole turn).
 */
export const quoteAt = (text: string, index: number): string => {
  let start = Math.min(Math.max(0, index), text.length);
  // Back to the start of the sentence: just after a [.!?] and a space.
  while (start > 0 && !(start >= 2 && SENTENCE_END.has(text[start - 2] as string) && SPACE.test(text[start - 1] as string))) start -= 1;
  const boundary = /[.!?]+(?=\s|$)/g;
  boundary.lastIndex = Math.max(start, index);
  const found = boundary.exec(text);
  const end = found === null ? text.length : found.index + found[0].length;
  const sentence = text.slice(start, end).trim();
  return hasWords(sentence, 3) ? sentence : text.trim();
};

/** A whole turn as a hit (for a behaviour shown by the turn as a whole, such as a curt reply). */
export const wholeTurn = (turns: readonly Turn[], turn: number): Hit => ({ turn, pos: 0, quote: (turns[turn]?.text ?? '').trim() });

/** Each pattern's global twin, made once and used only by `matchStarts`. */
const globals = new WeakMap<RegExp, RegExp>();
const globalise = (pattern: RegExp): RegExp => {
  let global = globals.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globals.set(pattern, global);
  }
  return global;
};

/**
 * The questions of a text, as `/[^.!?]*\?/g` finds them (each from just after the [.!?] before it, or the
 * start), in one pass: that pattern retries from every position of a sentence that ends in . or !, which
 * made it the scorer's costliest step on long turns.
 */
export const questionsIn = (text: string): { index: number; text: string }[] => {
  const questions: { index: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (!SENTENCE_END.has(char)) continue;
    if (char === '?') questions.push({ index: start, text: text.slice(start, i + 1) });
    start = i + 1;
  }
  return questions;
};

/**
 * Where each match of the global `pattern` in `text` starts, as `text.matchAll(pattern)` finds them (an empty
 * match steps on by one character, a whole code point under the `u` or `v` flag). `matchAll` copies the
 * pattern and builds an iterator for every text: for the scorer's ~50 patterns over every turn of a call that
 * cost more than the matching (ADR 0054).
 */
export const matchStarts = (text: string, global: RegExp): number[] => {
  const starts: number[] = [];
  const fullUnicode = global.unicode || global.flags.includes('v');
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    starts.push(match.index);
    if (match[0].length === 0) {
      const at = global.lastIndex;
      const code = text.charCodeAt(at);
      const pair = fullUnicode && code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
      global.lastIndex = at + (pair ? 2 : 1);
    }
  }
  global.lastIndex = 0;
  return starts;
};

/** Every match of `pattern` in the turns of `role` whose index passes `within`, as hits quoting their sentence. */
export const findHits = (turns: readonly Turn[], role: Role, pattern: RegExp, within: (turn: number) => boolean = () => true): Hit[] => {
  const hits: Hit[] = [];
  const global = globalise(pattern);
  turns.forEach((turn, index) => {
    if (turn.role !== role || !within(index)) return;
    for (const pos of matchStarts(turn.text, global)) hits.push({ turn: index, pos, quote: quoteAt(turn.text, pos) });
  });
  return hits;
};

/** Whether hit `a` comes before hit `b` in the call (an absent `b` is after everything). */
export const isBefore = (a: Hit, b: Hit | undefined): boolean => b === undefined || a.turn < b.turn || (a.turn === b.turn && a.pos < b.pos);

/** The earliest of `hits`. */
export const firstHit = (hits: readonly Hit[]): Hit | undefined =>
  hits.reduce<Hit | undefined>((min, hit) => (isBefore(hit, min) ? hit : min), undefined);

/** At most `max` hits with distinct (turn, quote), in the order given. */
export const uniqueHits = (hits: readonly Hit[], max = 3): Hit[] => {
  const seen = new Set<string>();
  return hits
    .filter((hit) => {
      const key = `${hit.turn}:${hit.quote}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, max);
};

export const toEvidence = (turns: readonly Turn[], hit: Hit): Evidence => ({
  turn: hit.turn,
  role: turns[hit.turn]?.role ?? 'agent',
  quote: hit.quote,
});

/** The agent's first turn after turn `after` (else their last turn), whole, as a hit; undefined when the agent never speaks. */
export const agentTurnAfter = (turns: readonly Turn[], after: number): Hit | undefined => {
  const next = turns.findIndex((turn, index) => index > after && turn.role === 'agent');
  const index = next >= 0 ? next : turns.findLastIndex((turn) => turn.role === 'agent');
  return index >= 0 ? wholeTurn(turns, index) : undefined;
};

/** The agent's last turn, whole, as a hit; undefined when the agent never speaks. */
export const lastAgentTurn = (turns: readonly Turn[]): Hit | undefined => agentTurnAfter(turns, turns.length);
