import { escapeRegExp } from '../../domain/escape-regexp.ts';
import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import type { RedactionCategory } from './redaction-categories.ts';

/** Categories whose values are read back by their characters (digits, and the letters of a NINO or a passport). */
const BY_CHARACTERS: ReadonlySet<RedactionCategory> = new Set([
  'card',
  'cvv',
  'iban',
  'sortCode',
  'account',
  'routing',
  'ssn',
  'nino',
  'passport',
  'licence',
  'phone',
]);
/** What may stand between the characters of a value read back: spaces, a comma, a dash, a dot, a pause. */
const SEPARATOR = /^[ \t]*(?:[,./-]|\.{2,3}|…)?[ \t]*$/;
/** "the card ending 1111", "last four digits are 1111", "ends in 1111": the words just before the last digits. */
const ENDING =
  /\b(?:ending(?:[ \t]+(?:in|with))?|ends?[ \t]+(?:in|with)|last[ \t]+(?:four|4|three|3)(?:[ \t]+(?:digits|numbers))?(?:[ \t]+(?:are|is|of))?)[ \t:,]*$/i;
/** Shorter than this, a stretch of characters is too common to be the value again. */
const MIN_CHARACTERS = 6;
const MIN_PIECE = 4;
const ALNUM = /[A-Za-z0-9]/;

/** The text's letters and digits in capitals, each with its position in the text: values are looked up in it. */
const indexCharacters = (text: string): { compact: string; positions: number[] } => {
  let compact = '';
  const positions: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (!ALNUM.test(char)) continue;
    compact += char.toUpperCase();
    positions.push(index);
  }
  return { compact, positions };
};

/**
 * The values already found, said again anywhere in the call: the agent reading the customer's number,
 * email or address back ("you'll get a text at …", "so that's …, is that right?"), in full, as the
 * last four digits after "ending" ("the card ending 1111"), or (in the agent's turns) as one group of
 * it. `found` are the values the detectors settled on. Characters are looked up in an index of the
 * text's letters and digits, so a read-back costs a string search, not a regular expression per value.
 */
export const detectReadBacks = ({ text, turns }: Pick<DetectionInput, 'text' | 'turns'>, found: readonly Candidate[]): Candidate[] => {
  const more: Candidate[] = [];
  const values = found.filter((value) => value.category !== 'keep');
  if (values.length === 0) return more;
  const { compact, positions } = indexCharacters(text);
  const agentTurns = turns.filter((turn) => turn.role === 'agent');
  const inAgentTurn = (position: number): boolean => agentTurns.some((turn) => position >= turn.start && position < turn.end);
  const add = (start: number, end: number, category: RedactionCategory, priority: number): void => {
    more.push({ ...candidate(start, end, category, priority), again: true });
  };
  /** Every place the characters are said as one value: nothing but separators between them, no letter or digit around. */
  const places = (characters: string): { start: number; end: number }[] => {
    const hits: { start: number; end: number }[] = [];
    for (let at = compact.indexOf(characters); at >= 0; at = compact.indexOf(characters, at + 1)) {
      const start = positions[at] as number;
      const end = (positions[at + characters.length - 1] as number) + 1;
      if (ALNUM.test(text[start - 1] ?? '') || ALNUM.test(text[end] ?? '')) continue;
      let spoken = true;
      for (let index = at + 1; index < at + characters.length && spoken; index += 1) {
        spoken = SEPARATOR.test(text.slice((positions[index - 1] as number) + 1, positions[index] as number));
      }
      if (spoken) hits.push({ start, end });
    }
    return hits;
  };
  const seen = new Set<string>();
  for (const value of values) {
    const said = text.slice(value.start, value.end);
    const key = `${value.category}:${said.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const category = value.category as RedactionCategory;
    if (BY_CHARACTERS.has(category)) {
      const characters = said.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
      if (characters.length < MIN_CHARACTERS) continue;
      for (const hit of places(characters)) add(hit.start, hit.end, category, value.priority);
      const digits = characters.replace(/\D/g, '');
      if (digits.length >= 8) {
        for (const hit of places(digits.slice(-4)))
          if (ENDING.test(text.slice(Math.max(0, hit.start - 40), hit.start))) add(hit.start, hit.end, category, value.priority);
      }
      for (const piece of said.split(/[^A-Za-z0-9]+/)) {
        if (piece.length < MIN_PIECE || piece.length >= characters.length || !/\d/.test(piece)) continue;
        for (const hit of places(piece.toUpperCase())) if (inAgentTurn(hit.start)) add(hit.start, hit.end, category, PRIORITY.readBack);
      }
    } else if (category === 'email' || category === 'address') {
      const pieces = category === 'address' ? [said, ...said.split(/,[ \t]*/)] : [said];
      for (const piece of pieces) {
        if (piece.replace(/[^A-Za-z0-9]/g, '').length < MIN_CHARACTERS) continue;
        const pattern = new RegExp(
          String.raw`(?<![A-Za-z0-9])${escapeRegExp(piece.trim()).replace(/[ \t]+/g, String.raw`[ \t,]+`)}(?![A-Za-z0-9])`,
          'gi',
        );
        for (const match of text.matchAll(pattern)) add(match.index, match.index + match[0].length, category, value.priority);
      }
      const mailbox = category === 'email' ? /^([^@\s]{3,})[ \t]*@/.exec(said)?.[1] : undefined;
      if (mailbox) {
        for (const match of text.matchAll(new RegExp(String.raw`(?<![\w.@'])${escapeRegExp(mailbox)}[ \t]*@`, 'gi')))
          add(match.index, match.index + match[0].length, 'email', value.priority);
      }
    }
  }
  return more;
};
