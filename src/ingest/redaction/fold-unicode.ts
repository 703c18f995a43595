import { identityMapped, mappedTextBuilder, type MappedText } from './mapped-text.ts';

/** The value of a decimal digit of any script (Arabic-Indic, Devanagari…): Unicode lays digits out in runs of ten from 0. */
const digitValue = (char: string): number => {
  let code = char.codePointAt(0) ?? 0;
  let steps = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code -= 1;
    steps += 1;
  }
  return steps % 10;
};

const APOSTROPHES = /[\u2018\u2019\u02BC\u2032]/;

/** One character (a code point) folded. */
const foldChar = (char: string): string => {
  if (char.charCodeAt(0) < 0x80) return char;
  if (APOSTROPHES.test(char)) return "'";
  const folded = char.normalize('NFKC');
  return /^\p{Nd}$/u.test(folded) && !/^[0-9]$/.test(folded) ? String(digitValue(folded)) : folded;
};

/**
 * Unicode NFKC, one character at a time so every output character maps back to the one it came from:
 * full-width digits and letters become ASCII, no-break spaces spaces; digits of other scripts become
 * 0–9 and curly apostrophes straight ones. ASCII text comes back as it is. When every character is one
 * code unit and folds to one (a curly apostrophe, a full-width letter), each maps back to its own place:
 * the text is returned without maps, as the original's are (ADR 0056).
 */
export const foldUnicode = (text: string): MappedText => {
  if (!/[^\x00-\x7f]/.test(text)) return identityMapped(text);
  const pieces: string[] = [];
  let folded = '';
  let oneForOne = true;
  for (const char of text) {
    const piece = foldChar(char);
    pieces.push(piece);
    folded += piece;
    if (char.length !== 1 || piece.length !== 1) oneForOne = false;
  }
  if (oneForOne) return { text: folded };
  const builder = mappedTextBuilder();
  let offset = 0;
  let index = 0;
  for (const char of text) {
    builder.push(pieces[index] as string, offset, offset + char.length);
    offset += char.length;
    index += 1;
  }
  return builder.build();
};
