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
});
