import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { isKnownName, isOrdinaryWord } from './name-lexicon.ts';
import { escapeRegExp } from '../../domain/escape-regexp.ts';

/** Words that follow "my name is" or "I'm" without being a name. */
const NOT_NAMES = new Set(
  (
    'a an the and or but so just only really very not no yes yeah ok okay fine good great well sorry afraid glad happy sure here there ' +
    'calling ringing phoning speaking from with about at in on to for of by is was am are be been being it its this that these those ' +
    'i me my mine you your he she we they them his her our their what who how why when where which still also actually trying looking ' +
    'having going wondering hoping thinking waiting getting after over off up down out back again now then today tomorrow customer ' +
    'agent caller please thanks thank hello hi hey dear sir madam mister miss mrs mr ms dr calling right correct same new old one two ' +
    'three four five six seven eight nine ten like as if ll ve re d s t m name number card account email phone address'
  ).split(' '),
);

/** The speaker naming themselves: never the customer's name in an agent turn (the agent's "my name is Ana"). */
const STRONG_INTRO = /\b(?:my[ \t]+(?:full[ \t]+)?name(?:'s|[ \t]+is)|(?:the[ \t]+)?name(?:'s|[ \t]+is))[ \t,:]+/gi;
/** Someone naming the customer, whoever speaks: the agent reading the name back too ("thanks, Mrs Quince"). */
const CUSTOMER_NAMED =
  /\b(?:(?:the[ \t]+)?name[ \t]+on[ \t]+the[ \t]+(?:card|account)(?:[ \t]+is|'s)?|account[ \t]+holder(?:[ \t]+is|'s)?|(?:mr|mrs|ms|miss|mx|mister)\.?|am[ \t]+i[ \t]+(?:speaking|talking)[ \t]+(?:with|to))[ \t,:]+/gi;
const WEAK_INTRO = /\b(?:i'm|i[ \t]+am|this[ \t]+is|it's|it[ \t]+is)[ \t]+/gi;
const WORD = /[A-Za-z][A-Za-z'-]*/y;

const isCapitalised = (word: string): boolean => /^[A-Z][a-z]/.test(word) || /^[A-Z]$/.test(word);

/**
 * The name words right after an introduction: up to three, stopping at a word that is not a name.
 * After a strong introduction ("my name is") any word counts; after a weak one ("I'm", "this is") a
 * word must be capitalised or a name compromise knows, so "I'm calling" and "I'm fine" are not names.
 */
const nameAfter = (text: string, from: number, strong: boolean): { start: number; end: number; words: string[] } | null => {
  const words: string[] = [];
  let position = from;
  let end = from;
  while (words.length < 3) {
    WORD.lastIndex = position;
    const match = WORD.exec(text);
    if (!match) break;
    const word = match[0];
    const lower = word.toLowerCase();
    if (NOT_NAMES.has(lower) || lower.endsWith('ing') || lower.length < 2) break;
    const nameLike = isCapitalised(word)
      ? !isOrdinaryWord(word) || isKnownName(word)
      : isKnownName(word) || (strong && !isOrdinaryWord(word));
    if (!nameLike) break;
    words.push(word);
    end = match.index + word.length;
    const gap = /^[ \t]+/.exec(text.slice(end));
    if (!gap) break;
    position = end + gap[0].length;
  }
  return words.length === 0 ? null : { start: from, end, words };
};

/**
 * The customer's name: where they introduce themselves ("my name is Jane Doe", "I'm Jane Doe", "Mrs
 * Doe", "the name on the card is …"), and then every other mention of that name or its parts in the
 * call (the agent's "thanks, Jane" too), as well as every mention of the names the customer's speaker
 * labels give. The agent's own introductions are not the customer's name.
 */
export const detectNames = ({ text, roleAt, names, keepNames }: DetectionInput): Candidate[] => {
  const found: Candidate[] = [];
  const kept = new Set(keepNames.flatMap((name) => name.toLowerCase().split(/[ \t]+/)).filter((word) => word.length > 1));
  const isKept = (name: string): boolean => name.split(/[ \t]+/).every((word) => kept.has(word.toLowerCase()));
  const known = new Set<string>(names.map((name) => name.trim()).filter((name) => name.length > 1 && !isKept(name)));
  for (const [pattern, strong, anyone] of [
    [STRONG_INTRO, true, false],
    [CUSTOMER_NAMED, true, true],
    [WEAK_INTRO, false, false],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const from = match.index + match[0].length;
      if (!anyone && roleAt(from) === 'agent') continue;
      const name = nameAfter(text, from, strong);
      if (!name || isKept(name.words.join(' '))) continue;
      found.push(candidate(name.start, name.end, 'name', PRIORITY.name));
      known.add(name.words.join(' '));
    }
  }
  const parts = new Set<string>();
  for (const name of known) {
    parts.add(name);
    for (const part of name.split(/[ \t]+/))
      if (part.length > 1 && !NOT_NAMES.has(part.toLowerCase()) && !kept.has(part.toLowerCase())) parts.add(part);
  }
  for (const part of [...parts].sort((a, b) => b.length - a.length)) {
    // An ordinary word ("Will", "May", "Rose") is the name only where it is capitalised.
    const flags = part.includes(' ') || !isOrdinaryWord(part) ? 'gi' : 'g';
    const capitalised = flags === 'g' ? `${part[0]?.toUpperCase()}${part.slice(1).toLowerCase()}` : part;
    for (const match of text.matchAll(
      new RegExp(`(?<![A-Za-z0-9'])${escapeRegExp(capitalised).replace(/[ \t]+/g, '[ \\t]+')}(?![A-Za-z0-9])`, flags),
    )) {
      found.push(candidate(match.index, match.index + match[0].length, 'name', PRIORITY.name));
    }
  }
  return found;
};
