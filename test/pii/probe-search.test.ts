/**
 * The PII corpus checks read each large text once for all their probes (probeSearch, PatternSet) and take
 * the decoys out in one pass. These find exactly what the probe-by-probe search finds: the same places
 * for every planted value, leaked or not, and the same text with the decoys taken out.
 */
import { describe, expect, it } from 'vitest';

import { buildPiiCorpus, CORPUS_FORMATS, renderCall } from '../fixtures/pii/corpus.ts';
import { MODEL_LEAKS, placesOf, probeSearch, withoutDecoys, withoutOwnRandomValues, withoutRowIds } from '../fixtures/pii/corpus-check.ts';
import { newRowId } from '../../src/db/new-row-id.ts';
import { PatternSet } from '../fixtures/pii/pattern-set.ts';

/** A small deterministic generator (the texts differ per seed, never per run). */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('PatternSet', () => {
  it('when patterns overlap, nest or repeat, then it finds exactly those that `includes` finds', () => {
    expect([...new PatternSet(['he', 'she', 'his', 'hers', 'ers', 'x', 'sh', 'he']).occurringIn('ushers')].sort()).toEqual([
      'ers',
      'he',
      'hers',
      'sh',
      'she',
    ]);
    const next = random(7);
    const word = (length: number) => Array.from({ length }, () => 'ab1 é'[Math.floor(next() * 5)]).join('');
    for (let round = 0; round < 200; round += 1) {
      const patterns = Array.from({ length: 1 + Math.floor(next() * 12) }, () => word(1 + Math.floor(next() * 5)));
      const text = word(Math.floor(next() * 60));
      expect([...new PatternSet(patterns).occurringIn(text)].sort(), `${JSON.stringify(patterns)} in ${JSON.stringify(text)}`).toEqual(
        [...new Set(patterns.filter((pattern) => text.includes(pattern)))].sort(),
      );
    }
  });
});

describe('probeSearch and withoutDecoys on the PII corpus', () => {
  const corpus = buildPiiCorpus(24, 5);
  const values = [...corpus.flatMap((call) => call.planted), ...MODEL_LEAKS];
  const decoys = corpus.flatMap((call) => call.decoys);
  const rendered = corpus.map((call, index) => renderCall(call, CORPUS_FORMATS[index % CORPUS_FORMATS.length] ?? 'txt').content);
  // What a store could hold: half the calls as written (every planted value of theirs leaks, in some
  // form: said, upper-cased, or as a probe's own text), the other half with nothing planted.
  const leaky = rendered.filter((_, index) => index % 2 === 0).join('\n');
  const shouted = values
    .filter((_, index) => index % 3 === 0)
    .map((value) => value.said.toUpperCase())
    .join(' | ');
  const haystacks = { stored: `${leaky}\n${shouted}`, requests: rendered.filter((_, index) => index % 2 === 1).join('\n'), none: '' };

  it('when values leak into some texts and not others, then probeSearch names the places placesOf names, value by value', () => {
    const short = { 'model request': withoutDecoys(haystacks.requests, decoys), stored: withoutDecoys(haystacks.stored, decoys) };
    const search = probeSearch(values);
    const places = values.map((value) => placesOf(value, haystacks, short));
    expect(places.filter((found) => found.length > 0).length).toBeGreaterThan(values.length / 3);
    expect(places.filter((found) => found.length === 0).length).toBeGreaterThan(0);
    expect(values.map((value) => search.placesOf(value, haystacks, short))).toEqual(places);
  });

  it('when decoys are taken out, then the text is the one taking them out one after another gives', () => {
    for (const text of [haystacks.stored, haystacks.requests, `${decoys[0]?.text}${decoys[0]?.text}[decoy]`]) {
      const oneByOne = decoys.reduce((rest, decoy) => rest.split(decoy.text).join('[decoy]'), text);
      expect(withoutDecoys(text, decoys)).toBe(oneByOne);
    }
    expect(withoutDecoys(haystacks.requests, decoys)).not.toBe(haystacks.requests);
    // Decoys that overlap each other are taken out one after another, as before.
    const overlapping = [
      { kind: 'order number' as const, text: '1234 56' },
      { kind: 'order number' as const, text: '56 789' },
      { kind: 'order number' as const, text: '34 5' },
    ];
    expect(withoutDecoys('x 1234 56 789 y', overlapping)).toBe('x [decoy] 789 y');
  });

  it('when a short digit group turns up only inside a row id, then it is no leak; beside one, it still is', () => {
    const value = values.find((planted) => planted.textProbes.length > 0);
    const group = value?.textProbes[0]?.source.match(/\d{4}/)?.[0];
    expect(group).toMatch(/^\d{4}$/);
    // A row id with the group inside it, bounded by letters, as a random id can be ("cmiq5x6019…").
    const id = `${newRowId(0).slice(0, 9)}x${group}q${newRowId(0).slice(15)}`.slice(0, 25);
    expect(id).toMatch(/^c[0-9a-z]{24}$/);
    const button = JSON.stringify({ action_id: 'why', value: id });
    const search = probeSearch(values);
    const places = (text: string) => search.placesOf(value as (typeof values)[number], {}, { 'Slack message': text });
    expect(places(button)).not.toEqual([]);
    expect(places(withoutRowIds(button))).toEqual([]);
    expect(places(withoutRowIds(`${button} card ending ${group}.`))).not.toEqual([]);
    expect(withoutRowIds(`${id} ${newRowId()} C0GENERAL1 U0AGENT01`)).toBe('[row id] [row id] C0GENERAL1 U0AGENT01');
  });

  it('when a planted digit group turns up only in what floorready made up at random, then it is no leak; in a text, it still is', () => {
    const zip = values.find((planted) => /^\d{5}$/.test(planted.said));
    expect(zip, 'the corpus plants a 5-digit zip code').toBeDefined();
    const said = (zip as (typeof values)[number]).said;
    const search = probeSearch(values);
    const stored = (text: string) => search.placesOf(zip as (typeof values)[number], { 'PostgreSQL rows': text });
    const id = `c${said}${newRowId(0).slice(6)}`.slice(0, 25);
    const rows = [`{"id":"${id}","latencyMs":${said},"promptTokens":812}`, `{"id":"${newRowId()}","callId":"${id}"}`].join('\n');
    expect(stored(rows)).not.toEqual([]);
    expect(stored(withoutOwnRandomValues(rows))).toEqual([]);
    expect(stored(withoutOwnRandomValues(`${rows}\n{"text":"Zip code ${said}."}`))).not.toEqual([]);
    expect(stored(withoutOwnRandomValues(`{"rationale":"latencyMs ${said}"}`))).not.toEqual([]);
  });
});
