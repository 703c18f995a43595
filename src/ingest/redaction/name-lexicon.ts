import { NAME_WORDS, ORDINARY_WORDS } from './name-lexicon-words.ts';

// compromise's lexicon, as two word lists written from it ahead of time (scripts/write-name-lexicon.ts,
// ADR 0051): building it at start-up cost `floorready score` about 0.9 s of CPU. It knows ~4,000 first
// and last names and which words are ordinary English.

const NAMES: ReadonlySet<string> = new Set(NAME_WORDS.split('\n'));
const ORDINARY: ReadonlySet<string> = new Set(ORDINARY_WORDS.split('\n'));

/** Whether compromise knows the word as a person's name ("jane", "patel"). */
export const isKnownName = (word: string): boolean => NAMES.has(word.toLowerCase());

/** Whether compromise knows the word as something other than a name ("will", "may", "grace" is a name). */
export const isOrdinaryWord = (word: string): boolean => ORDINARY.has(word.toLowerCase());
