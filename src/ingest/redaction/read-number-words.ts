import { identityMapped, mappedTextBuilder, type MappedText } from './mapped-text.ts';

// Numbers as speech-to-text writes them, turned into digits: "four one one one" → "4111", "oh seven
// seven double oh" → "07700", "triple five" → "555", "forty two" → "42", "nineteen eighty five" →
// "19 85", "one hundred and twelve" → "112", "twelfth" → "12". Each digit maps back to the word(s) it
// came from, so a redaction found in the digits replaces the words that were said.

const DIGITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  o: 0,
  nought: 0,
  nil: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINAL_DIGITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
};
const ORDINAL_TEENS: Record<string, number> = {
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ORDINAL_TENS: Record<string, number> = { twentieth: 20, thirtieth: 30 };
const REPEATS: Record<string, number> = { double: 2, triple: 3 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };

type Kind = 'digit' | 'teen' | 'tens' | 'scale' | 'repeat' | 'and';

interface Word {
  word: string;
  start: number;
  end: number;
  kind: Kind;
  value: number;
  ordinal: boolean;
}

const classify = (word: string): Pick<Word, 'kind' | 'value' | 'ordinal'> | null => {
  if (word in DIGITS) return { kind: 'digit', value: DIGITS[word] ?? 0, ordinal: false };
  if (word in TEENS) return { kind: 'teen', value: TEENS[word] ?? 0, ordinal: false };
  if (word in TENS) return { kind: 'tens', value: TENS[word] ?? 0, ordinal: false };
  if (word in ORDINAL_DIGITS) return { kind: 'digit', value: ORDINAL_DIGITS[word] ?? 0, ordinal: true };
  if (word in ORDINAL_TEENS) return { kind: 'teen', value: ORDINAL_TEENS[word] ?? 0, ordinal: true };
  if (word in ORDINAL_TENS) return { kind: 'tens', value: ORDINAL_TENS[word] ?? 0, ordinal: true };
  if (word in SCALES) return { kind: 'scale', value: SCALES[word] ?? 0, ordinal: false };
  if (word in REPEATS) return { kind: 'repeat', value: REPEATS[word] ?? 0, ordinal: false };
  if (word === 'and') return { kind: 'and', value: 0, ordinal: false };
  return null;
};

/** A pause within a number read out: a comma, a full stop, an ellipsis or a dash, and spaces. */
const PAUSE_BETWEEN = /^[ \t]*(?:[,.…-]|\.{2,3})?[ \t]*$/;

/** The end of a sentence or of the text, and no more words of it. */
const SENTENCE_END = /^[ \t]*(?:[.!?…]|$)/;

/** Between two words of one spoken number: spaces, or a hyphen ("twenty-one"). */
const JOINER = /^(?:[ \t]+|[ \t]*-[ \t]*)$/;

const NUMBER_WORD = new RegExp(
  `\\b(?:${[...Object.keys(DIGITS), ...Object.keys(TEENS), ...Object.keys(TENS), ...Object.keys(ORDINAL_DIGITS), ...Object.keys(ORDINAL_TEENS), ...Object.keys(ORDINAL_TENS), ...Object.keys(REPEATS), ...Object.keys(SCALES), 'and'].join('|')})\\b(?!['’])`,
  'gi',
);

/** The words of one spoken number, each kept only where it is a number here ("double" before a digit…). */
const splitRuns = (text: string): Word[][] => {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const words: Word[] = [];
  for (const match of text.matchAll(NUMBER_WORD)) {
    const word = match[0].toLowerCase();
    words.push({
      word,
      start: match.index,
      end: match.index + match[0].length,
      ...(classify(word) as Pick<Word, 'kind' | 'value' | 'ordinal'>),
    });
  }
  const close = (): void => {
    while (run.length > 0 && (run.at(-1)?.kind === 'and' || run.at(-1)?.kind === 'repeat')) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] as Word;
    const next = words[index + 1];
    const nextJoined = next !== undefined && JOINER.test(text.slice(word.end, next.start));
    const previous = run.at(-1);
    const joined = previous !== undefined && JOINER.test(text.slice(previous.end, word.start));
    if (!joined) close();
    const isNumber =
      (word.kind !== 'and' || (run.at(-1)?.kind === 'scale' && nextJoined && next !== undefined && next.kind !== 'and')) &&
      (word.kind !== 'repeat' || (nextJoined && next?.kind === 'digit' && !next.ordinal));
    if (!isNumber) close();
    else run.push(word);
  }
  close();
  // "oh" on its own (or "oh, oh") is an exclamation, unless it sits in a number read out with pauses
  // ("one oh one oh oh. oh, oh oh eight"): a number on both sides, a pause apart (one or more such
  // "oh"s in a row). Three or more in a row are zeros anyway.
  const ohOnly = (candidate: readonly Word[]): boolean => candidate.every((word) => word.word === 'oh' || word.word === 'o');
  const pause = (from: readonly Word[] | undefined, to: readonly Word[] | undefined): boolean =>
    from !== undefined && to !== undefined && PAUSE_BETWEEN.test(text.slice((from.at(-1) as Word).end, (to[0] as Word).start));
  const kept: Word[][] = [];
  for (let index = 0; index < runs.length; ) {
    if (!ohOnly(runs[index] as Word[])) {
      kept.push(runs[index] as Word[]);
      index += 1;
      continue;
    }
    let last = index;
    while (last + 1 < runs.length && ohOnly(runs[last + 1] as Word[]) && pause(runs[last], runs[last + 1])) last += 1;
    const cluster = runs.slice(index, last + 1);
    const count = cluster.reduce((sum, candidate) => sum + candidate.length, 0);
    const before = runs[index - 1];
    const after = runs[last + 1];
    const between = before !== undefined && pause(before, cluster[0]) && (after === undefined ? false : pause(cluster.at(-1), after));
    // The last digit said after a pause, ending the sentence: "… four two. oh." (not "… four two. Oh, and …").
    const ending = before !== undefined && pause(before, cluster[0]) && SENTENCE_END.test(text.slice((cluster.at(-1)!.at(-1) as Word).end));
    if (count >= 3 || between || ending) kept.push(...cluster);
    index = last + 1;
  }
  return kept;
};

interface Group {
  text: string;
  /** Per character of text: the original range. */
  from: number[];
  to: number[];
}

interface Compound {
  total: number;
  current: number;
  start: number;
  end: number;
  /** A unit may follow ("forty" → "forty two"). */
  units: boolean;
  afterScale: boolean;
}

/** One run of number words as digit groups: digit words join into one group, compounds stand alone. */
const readRun = (run: readonly Word[]): Group[] => {
  const groups: Group[] = [];
  let digits = null as Group | null;
  let compound = null as Compound | null;

  const closeCompound = (): void => {
    if (!compound) return;
    const text = String(compound.total + compound.current);
    groups.push({ text, from: Array(text.length).fill(compound.start), to: Array(text.length).fill(compound.end) });
    compound = null;
  };
  const closeDigits = (): void => {
    if (digits && digits.text.length > 0) groups.push(digits);
    digits = null;
  };
  const openCompound = (value: number, word: Word, units: boolean): void => {
    closeDigits();
    closeCompound();
    compound = { total: 0, current: value, start: word.start, end: word.end, units, afterScale: false };
  };

  for (let index = 0; index < run.length; index += 1) {
    const word = run[index] as Word;
    const open = compound;
    if (word.kind === 'and') continue;
    if (word.kind === 'repeat') {
      const next = run[index + 1] as Word;
      closeCompound();
      digits ??= { text: '', from: [], to: [] };
      for (let copy = 0; copy < word.value; copy += 1) {
        digits.text += String(next.value);
        digits.from.push(word.start);
        digits.to.push(next.end);
      }
      index += 1;
      continue;
    }
    if (word.kind === 'scale') {
      if (open && open.current > 0 && open.current < 100 && word.value === 100 && !open.afterScale) {
        open.current *= 100;
      } else if (open && word.value === 1000) {
        open.total += (open.current || 1) * 1000;
        open.current = 0;
      } else {
        // "eight hundred": the digit said just before is the multiplier.
        let multiplier = 1;
        let start = word.start;
        const last = digits;
        if (last && last.text.length > 0 && run[index - 1]?.kind === 'digit') {
          multiplier = Number(last.text.at(-1));
          start = last.from.at(-1) ?? start;
          last.text = last.text.slice(0, -1);
          last.from.pop();
          last.to.pop();
        }
        openCompound(0, word, false);
        compound = {
          total: word.value === 1000 ? multiplier * 1000 : 0,
          current: word.value === 1000 ? 0 : multiplier * 100,
          start,
          end: word.end,
          units: false,
          afterScale: true,
        };
      }
      if (compound) {
        compound.end = word.end;
        compound.afterScale = true;
        compound.units = false;
      }
      continue;
    }
    if (word.kind === 'digit') {
      // "four thousand one hundred": the digit multiplies the hundred that follows.
      const following = run[index + 1];
      if (open?.afterScale && open.current === 0 && following?.kind === 'scale' && following.value === 100) {
        open.current = word.value * 100;
        open.end = following.end;
        index += 1;
        continue;
      }
      // "one hundred and five" is 105; "eight hundred five five five" is 800 555 (a phone number read out).
      const afterAnd = run[index - 1]?.kind === 'and';
      if (open && (open.units || (open.afterScale && afterAnd && open.current % 100 === 0)) && word.value > 0) {
        open.current += word.value;
        open.end = word.end;
        open.units = false;
        open.afterScale = false;
        if (word.ordinal) closeCompound();
        continue;
      }
      closeCompound();
      digits ??= { text: '', from: [], to: [] };
      digits.text += String(word.value);
      digits.from.push(word.start);
      digits.to.push(word.end);
      if (word.ordinal) closeDigits();
      continue;
    }
    // teen or tens
    if (open?.afterScale && open.current % 100 === 0) {
      open.current += word.value;
      open.end = word.end;
      open.units = word.kind === 'tens';
      open.afterScale = false;
    } else {
      openCompound(word.value, word, word.kind === 'tens');
    }
    if (word.ordinal) closeCompound();
  }
  closeDigits();
  closeCompound();
  return groups;
};

/**
 * The text with spoken numbers written as digits, mapped back to the words. Words that are not part
 * of a number are copied as they are; so is everything when the text holds no number word.
 */
export const readNumberWords = (text: string): MappedText => {
  const runs = splitRuns(text);
  if (runs.length === 0) return identityMapped(text);
  const builder = mappedTextBuilder();
  let cursor = 0;
  for (const run of runs) {
    const groups = readRun(run);
    if (groups.length === 0) continue;
    const first = run[0] as Word;
    const last = run.at(-1) as Word;
    builder.copy(text.slice(cursor, first.start), cursor);
    groups.forEach((group, index) => {
      if (index > 0) builder.push(' ', group.from[0] ?? first.start, group.from[0] ?? first.start);
      for (let char = 0; char < group.text.length; char += 1)
        builder.push(group.text[char] as string, group.from[char] ?? 0, group.to[char] ?? 0);
    });
    cursor = last.end;
  }
  builder.copy(text.slice(cursor), cursor);
  return builder.build();
};
