import { describe, expect, it } from 'vitest';

import { redactSourceName } from '../../src/ingest/redact-source-name.ts';

describe('redactSourceName', () => {
  it('when the name is a Slack channel and message ts (as the channel ingest stores it), then it is kept, even when its digits pass the card check', () => {
    // 1790000000000002 passes the Luhn check: before the Slack ts was recognised it was stored as "[CARD]".
    expect(redactSourceName('C0TRANSCRIPTS/1790000000.000002')).toBe('C0TRANSCRIPTS/1790000000.000002');
    expect(redactSourceName('C07ABCDEF12/1733400000.123456')).toBe('C07ABCDEF12/1733400000.123456');
  });

  it('when a file name holds a card number or a phone, then they are still redacted', () => {
    expect(redactSourceName('calls/4111 1111 1111 1111.txt')).toBe('calls/[CARD].txt');
    expect(redactSourceName('calls/call_+447700900123_jane@x.com.txt')).not.toContain('jane@x.com');
  });

  it('when many files share folders, or a folder holds personal data, then each name is redacted as if it were the only one', () => {
    const folders = ['exports', 'jane@x.com', 'call_+447700900123', 'team_north', '4111 1111 1111 1111'];
    const names = Array.from(
      { length: 60 },
      (_, i) => `/data/${folders[i % folders.length]}/${folders[(i * 3) % folders.length]}/call_${i}.json`,
    );
    const first = names.map(redactSourceName);
    // Asked again in reverse order (answers already kept), each name gives the same text.
    expect([...names].reverse().map(redactSourceName).reverse()).toEqual(first);
    for (const name of first) {
      expect(name).not.toMatch(/jane@x\.com|447700900123|4111 1111/);
      expect(name).toMatch(/^\/data\/.+\/call_\d+\.json$/);
    }
    expect(first[0]).toBe('/data/exports/exports/call_0.json');
    expect(first[1]).toBe('/data/[EMAIL]/team_north/call_1.json');
  });
});
