import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHits, matchStarts, questionsIn, quoteAt } from '../../src/scoring/embedded/find-hits.ts';
import type { Turn } from '../../src/domain/types.ts';

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

  it('when a text is matched against a pattern, then the matches start where matchAll finds them, empty ones included', () => {
    // Some patterns match the empty string, and the texts hold surrogate pairs: an empty match steps on by one
    // code unit, or by a whole code point under the u flag, as matchAll does.
    const units = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '?', '😀', '\ud83d', 'é') });
    const patterns = [/a+/g, /a*/g, /(?:)/gu, /(?:)/g, /\b/g, /b?/gu, /[^.?]*\?/g, /\p{L}*/gu];
    fc.assert(
      fc.property(units, fc.constantFrom(...patterns), (source, pattern) => {
        expect(matchStarts(source, pattern)).toEqual([...source.matchAll(pattern)].map((match) => match.index));
        expect(pattern.lastIndex).toBe(0);
      }),
      { numRuns: 3_000 },
    );
  });

  it("when a role's turns are searched, then the hits are every matchAll match of their turns, quoting the sentence", () => {
    const turns = fc.array(fc.record({ role: fc.constantFrom<Turn['role']>('agent', 'customer'), text }), { maxLength: 6 });
    fc.assert(
      fc.property(turns, fc.constantFrom(/a\w*/i, /\b1\b/, /z?/i), (given, pattern) => {
        const expected = given.flatMap((turn, index) =>
          turn.role === 'agent'
            ? [...turn.text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].map((match) => ({
                turn: index,
                pos: match.index,
                quote: quoteAt(turn.text, match.index),
              }))
            : [],
        );
        expect(findHits(given, 'agent', pattern)).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('when a turn asks two things and states one, then each question is found from the end of the sentence before it', () => {
    expect(questionsIn('Is it late? It is. Can you check it? Thanks!')).toEqual([
      { index: 0, text: 'Is it late?' },
      { index: 18, text: ' Can you check it?' },
    ]);
  });
});
