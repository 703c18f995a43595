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

/**
 * Unicode NFKC, one character at a time so every output character maps back to the one it came from:
 * full-width digits and letters become ASCII, no-break spaces spaces; digits of other scripts become
 * 0–9 and curly apostrophes straight ones. ASCII text comes back as it is.
 */
export const foldUnicode = (text: string): MappedText => {
  if (!/[^\x00-\x7f]/.test(text)) return identityMapped(text);
  const builder = mappedTextBuilder();
  let offset = 0;
  for (const char of text) {
    const size = char.length;
    let folded: string;
    if (char.charCodeAt(0) < 0x80) folded = char;
    else if (APOSTROPHES.test(char)) folded = "'";
    else {
      folded = char.normalize('NFKC');
      if (/^\p{Nd}$/u.test(folded) && !/^[0-9]$/.test(folded)) folded = String(digitValue(folded));
    }
    builder.push(folded, offset, offset + size);
    offset += size;
  }
  return builder.build();
};
