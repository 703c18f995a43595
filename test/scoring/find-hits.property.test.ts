import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionsIn, quoteAt } from '../../src/scoring/embedded/find-hits.ts';

/** Texts made of the characters the scanners care about: sentence ends, spaces of several kinds, letters, digits. */
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', ' ', '\t', '\n', '\u00a0', '.', '!', '?', ',', "'", 'é') });

/** quoteAt as it was written first (a slice and a regular expression per character walked back). */
const quoteAtByRegExp = (source: string, index: number): string => {
  let start = Math.min(Math.max(0, index), source.length);
  while (start > 0 && !/[.!?]\s/.test(source.slice(start - 2, start))) start -= 1;
  const boundary = /[.!?]+(?=\s|$)/g;
  boundary.lastIndex = Math.max(start, index);
  const found = boundary.exec(source);
  const end = found === null ? source.length : found.index + found[0].length;
  const sentence = source.slice(start, end).trim();
  return sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= 3 ? sentence : source.trim();
};

describe('find-hits scanners', () => {
  it('when a text is scanned for questions, then it finds what /[^.!?]*\\?/g finds, at the same places', () => {
    fc.assert(
      fc.property(text, (source) => {
        const byRegExp = [...source.matchAll(/[^.!?]*\?/g)].map((match) => ({ index: match.index, text: match[0] }));
        expect(questionsIn(source)).toEqual(byRegExp);
      }),
      { numRuns: 2_000 },
    );
  });

  it('when a quote is taken at any index, then it is the one the regular expressions took', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -2, max: 40 }), (source, index) => {
        expect(quoteAt(source, index)).toBe(quoteAtByRegExp(source, index));
      }),
      { numRuns: 2_000 },
    );
  });

  it('when a turn asks two things and states one, then each question is found from the end of the sentence before it', () => {
    expect(questionsIn('Is it late? It is. Can you check it? Thanks!')).toEqual([
      { index: 0, text: 'Is it late?' },
      { index: 18, text: ' Can you check it?' },
    ]);
  });
});
