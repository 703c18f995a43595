import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForRedaction } from '../../../src/ingest/redaction/build-redaction-document.ts';
import { foldUnicode } from '../../../src/ingest/redaction/fold-unicode.ts';
import { composeMapped, identityMapped, type MappedText, mappedTextBuilder } from '../../../src/ingest/redaction/mapped-text.ts';
import { readNumberWords } from '../../../src/ingest/redaction/read-number-words.ts';

// foldUnicode as it was before ADR 0056: every character of a text with any non-ASCII one mapped explicitly.
const digitValue = (char: string): number => {
  let code = char.codePointAt(0) ?? 0;
  let steps = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code -= 1;
    steps += 1;
  }
  return steps % 10;
};
const foldUnicodeBefore = (text: string): MappedText => {
  if (!/[^\x00-\x7f]/.test(text)) return identityMapped(text);
  const builder = mappedTextBuilder();
  let offset = 0;
  for (const char of text) {
    const size = char.length;
    let folded: string;
    if (char.charCodeAt(0) < 0x80) folded = char;
    else if (/[\u2018\u2019\u02BC\u2032]/.test(char)) folded = "'";
    else {
      folded = char.normalize('NFKC');
      if (/^\p{Nd}$/u.test(folded) && !/^[0-9]$/.test(folded)) folded = String(digitValue(folded));
    }
    builder.push(folded, offset, offset + size);
    offset += size;
  }
  return builder.build();
};
const normalizeBefore = (text: string): MappedText => {
  const folded = foldUnicodeBefore(text);
  const read = readNumberWords(folded.text);
  return read.text === folded.text ? folded : composeMapped(folded, read);
};

/** Where each character of a mapped text came from, written out (absent maps: each character its own place). */
const explicit = ({ text, from, to }: MappedText): { text: string; from: number[]; to: number[] } => ({
  text,
  from: from ?? Array.from({ length: text.length }, (_, index) => index),
  to: to ?? Array.from({ length: text.length }, (_, index) => index + 1),
});

/** Characters each path cares about: ASCII, number words, one-for-one folds, folds that grow, pairs, other scripts' digits. */
const unit = fc.constantFrom(
  'a',
  'o',
  'one ',
  ' two',
  ' double ',
  'four',
  'forty-two',
  ' hundred and ',
  '7',
  ' ',
  '-',
  "'",
  '\u2019', // curly apostrophe: one for one
  '\u00a0', // no-break space: one for one
  'Ａ', // full-width: one for one
  '５',
  '٣', // Arabic-Indic three
  'é',
  'e\u0301',
  '\u2026', // ellipsis: three characters
  'ﬁ', // ligature: two
  '😀', // a surrogate pair
  '𝟘', // mathematical digit zero: a pair folded to one
  '\ud83d', // a lone surrogate
);
const text = fc.string({ unit, maxLength: 16 });

describe('folding Unicode for redaction', () => {
  it('when any text is folded, then its text and where each character came from are what the explicit maps said', () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(explicit(foldUnicode(source))).toEqual(explicit(foldUnicodeBefore(source)));
      }),
      { numRuns: 4_000 },
    );
  });

  it('when any text is normalised (folded, then number words read), then the result maps back as before', () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(explicit(normalizeForRedaction(source))).toEqual(explicit(normalizeBefore(source)));
      }),
      { numRuns: 4_000 },
    );
  });

  it('when a text only folds one for one, then no maps are kept; when a fold grows, they are', () => {
    expect(foldUnicode('it\u2019s Ａ')).toEqual({ text: "it's A" });
    expect(foldUnicode('so\u2026 ok')).toEqual({ text: 'so... ok', from: [0, 1, 2, 2, 2, 3, 4, 5], to: [1, 2, 3, 3, 3, 4, 5, 6] });
  });
});
