import { describe, expect, it } from 'vitest';

import { isJsonDeeperThan, MAX_JSON_DEPTH } from '../../src/ingest/json-depth.ts';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('isJsonDeeperThan', () => {
  it('when JSON nests exactly the bound, then it is not too deep; one more level is', () => {
    expect(isJsonDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(isJsonDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(isJsonDeeperThan(`{"a":${nested(MAX_JSON_DEPTH)}}`)).toBe(true);
  });

  it('when brackets and escaped quotes are inside strings, then they do not count', () => {
    const text = JSON.stringify({ turns: [{ speaker: 'Agent', text: `${'['.repeat(500)} a \\" quote "[{" ${'{'.repeat(500)}` }] });
    expect(isJsonDeeperThan(text)).toBe(false);
    expect(JSON.parse(text)).toBeTruthy();
  });

  it('when every real export shape is read, then each is far within the bound (a Gong export nests seven levels)', () => {
    const gong = JSON.stringify({
      callTranscripts: [{ callId: '1', transcript: [{ speakerId: 's', sentences: [{ start: 0, end: 1, text: 'hi' }] }] }],
    });
    expect(isJsonDeeperThan(gong, 7)).toBe(false);
    expect(isJsonDeeperThan(gong, 6)).toBe(true);
  });
});
