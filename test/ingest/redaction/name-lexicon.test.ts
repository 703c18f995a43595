import { describe, expect, it } from 'vitest';
import { nameLexiconLists } from '../../../scripts/write-name-lexicon.ts';
import { NAME_WORDS, ORDINARY_WORDS } from '../../../src/ingest/redaction/name-lexicon-words.ts';
import { isKnownName, isOrdinaryWord } from '../../../src/ingest/redaction/name-lexicon.ts';

describe('name lexicon', () => {
  it('when compromise is installed, then the written word lists are its lexicon (else run scripts/write-name-lexicon.ts)', () => {
    const { names, ordinary } = nameLexiconLists();
    expect(NAME_WORDS.split('\n')).toEqual(names);
    expect(ORDINARY_WORDS.split('\n')).toEqual(ordinary);
    expect(names.length).toBeGreaterThan(4_000);
  });

  it('when a word is looked up, then any case finds it, a name is not ordinary, and an unknown word is neither', () => {
    expect(isKnownName('Jane')).toBe(true);
    expect(isKnownName('PATEL')).toBe(true);
    expect(isOrdinaryWord('Jane')).toBe(false);
    expect(isOrdinaryWord('Will')).toBe(true);
    expect(isKnownName('Will')).toBe(false);
    expect(isKnownName('grace')).toBe(true);
    expect(isOrdinaryWord('calling')).toBe(true);
    expect(isKnownName('calling')).toBe(false);
    expect(isKnownName('xqzvb')).toBe(false);
    expect(isOrdinaryWord('xqzvb')).toBe(false);
  });

  it('when a word is a property of every object, then it is not taken for a known word', () => {
    expect(isOrdinaryWord('constructor')).toBe(false);
    expect(isKnownName('__proto__')).toBe(false);
  });
});
