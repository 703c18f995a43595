import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOPWORDS, contentStems } from '../../src/scoring/embedded/content-stems.ts';

/** contentStems as it was written first: the matches of one regular expression in the lower-cased text. */
const contentStemsByRegExp = (text: string): Set<string> => {
  const stems = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z]+|\d+(?:[.,]\d+)?/g) ?? []) {
    if (/^\d/.test(raw)) stems.add(raw);
    else if (raw.length >= 4 && !STOPWORDS.has(raw)) stems.add(raw.slice(0, 5));
  }
  return stems;
};

/** Letters (some upper-case, some whose lower case is not ASCII), digits, decimal marks, spaces, punctuation. */
const text = fc.string({
  unit: fc.constantFrom('a', 'b', 'e', 'r', 'T', 'H', 'İ', 'É', 'ß', '1', '0', '9', '.', ',', ' ', "'", '-', '\n', '٣'),
  maxLength: 60,
});

describe('contentStems', () => {
  it('when any text is read, then its stems and numbers are what the regular expression found', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.constantFrom('That this there 12.50, 1,000,000 and 3.x', 'Thet ab12,3.4 brrrrr')), (source) => {
        expect(contentStems(source)).toEqual(contentStemsByRegExp(source));
      }),
      { numRuns: 3_000 },
    );
  });

  it('when a sentence is read, then long words are cut to five letters, stop words and short words dropped, numbers kept', () => {
    expect([...contentStems('That refund of £12.50 arrived on 1,000,000 Tuesdays, okay?')]).toEqual([
      'refun',
      '12.50',
      'arriv',
      '1,000',
      '000',
      'tuesd',
    ]);
  });
});
