import { describe, expect, it } from 'vitest';

import { checkSignature, checkSignatureHeaders, signIntegrationRequest } from '../../src/http/verify-integration-signature.ts';

const SECRET = 'example-secret-0123456789abcdef';
const BODY = '{"externalId":"zoom-42"}';
/** `printf 'v1:%s:%s' 1790000000 "$BODY" | openssl dgst -sha256 -hmac "$SECRET"`, as in the README. */
const OPENSSL_SIGNATURE = 'v1=539d5162a7a3875357fada093261b77233fe86f7d7ec020a4869cb60ea787cf1';
const AT = new Date(1_790_000_000 * 1000);

describe('the integration signature', () => {
  it('when a body is signed, then the signature is the one openssl computes for "v1:<timestamp>:<body>"', () => {
    expect(signIntegrationRequest(SECRET, 1_790_000_000, BODY)).toBe(OPENSSL_SIGNATURE);
    expect(signIntegrationRequest(SECRET, '1790000000', Buffer.from(BODY))).toBe(OPENSSL_SIGNATURE);
  });

  it('when the signature and timestamp match, then both checks pass (hex in either case)', () => {
    const headers = { timestamp: '1790000000', signature: OPENSSL_SIGNATURE.toUpperCase().replace('V1=', 'v1=') };
    expect(checkSignatureHeaders(headers, AT)).toEqual({ ok: true });
    expect(checkSignature(SECRET, headers, Buffer.from(BODY))).toEqual({ ok: true });
  });

  it('when one byte of the body differs, then the signature check fails', () => {
    const headers = { timestamp: '1790000000', signature: OPENSSL_SIGNATURE };
    expect(checkSignature(SECRET, headers, Buffer.from(`${BODY} `)).ok).toBe(false);
  });

  it('when the timestamp is exactly 300 seconds off, then it passes; at 301, then it fails either way', () => {
    const headersAt = (offset: number) => ({ timestamp: String(1_790_000_000 + offset), signature: OPENSSL_SIGNATURE });
    expect(checkSignatureHeaders(headersAt(-300), AT).ok).toBe(true);
    expect(checkSignatureHeaders(headersAt(300), AT).ok).toBe(true);
    expect(checkSignatureHeaders(headersAt(-301), AT)).toMatchObject({ ok: false, message: expect.stringContaining('301 seconds behind') });
    expect(checkSignatureHeaders(headersAt(301), AT)).toMatchObject({
      ok: false,
      message: expect.stringContaining('301 seconds ahead of'),
    });
  });

  it('when the timestamp is not whole seconds, then the header check says so', () => {
    expect(checkSignatureHeaders({ timestamp: '2026-09-30T12:00:00Z', signature: OPENSSL_SIGNATURE }, AT)).toMatchObject({
      ok: false,
      message: expect.stringContaining('must be the unix time in whole seconds'),
    });
  });
});
