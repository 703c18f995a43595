import { createHmac, timingSafeEqual } from 'node:crypto';

// The call-platform signature: `x-floorready-signature: v1=<hex HMAC-SHA256(secret, "v1:<timestamp>:<raw body>")>`
// with `x-floorready-timestamp: <unix seconds>`. Pure: the clock is passed in.

export const SIGNATURE_HEADER = 'x-floorready-signature';
export const TIMESTAMP_HEADER = 'x-floorready-timestamp';
export const SIGNATURE_VERSION = 'v1';
/** How far the timestamp may be from the server's clock, either way: 5 minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SIGNATURE_FORMAT = /^v1=([0-9a-f]{64})$/i;
const TIMESTAMP_FORMAT = /^\d{1,15}$/;

const HOW_TO_SIGN =
  `Sign each request: ${SIGNATURE_HEADER}: v1=<hex HMAC-SHA256 of "v1:<timestamp>:<raw body>" with the shared secret>, ` +
  `and ${TIMESTAMP_HEADER}: <the same timestamp, in unix seconds>.`;

/** The raw bytes that are signed: `v1:<timestamp>:` followed by the body exactly as sent. */
const signedPayload = (timestamp: string, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`${SIGNATURE_VERSION}:${timestamp}:`, 'utf8'), body]);

const hmac = (secret: string, timestamp: string, body: Buffer): Buffer =>
  createHmac('sha256', secret).update(signedPayload(timestamp, body)).digest();

/** The `x-floorready-signature` value for a body sent at `timestamp` (unix seconds). */
export const signIntegrationRequest = (secret: string, timestamp: number | string, body: Buffer | string): string =>
  `${SIGNATURE_VERSION}=${hmac(secret, String(timestamp), typeof body === 'string' ? Buffer.from(body, 'utf8') : body).toString('hex')}`;

export type SignatureCheck = { ok: true } | { ok: false; message: string };

export interface SignatureHeaders {
  timestamp: string | undefined;
  signature: string | undefined;
}

/**
 * The checks that need no body: both headers present and well formed, and the timestamp within the
 * tolerance of `now` (an old request replayed, or a sender's clock far off, is refused).
 */
export const checkSignatureHeaders = (
  headers: SignatureHeaders,
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck => {
  const timestamp = headers.timestamp?.trim();
  const signature = headers.signature?.trim();
  if (!timestamp || !signature) {
    const missing = [!signature && SIGNATURE_HEADER, !timestamp && TIMESTAMP_HEADER].filter(Boolean).join(' and ');
    return { ok: false, message: `The request is not signed: the ${missing} header is missing. ${HOW_TO_SIGN}` };
  }
  if (!TIMESTAMP_FORMAT.test(timestamp)) {
    return {
      ok: false,
      message: `${TIMESTAMP_HEADER} must be the unix time in whole seconds (e.g. 1790000000), got "${timestamp.slice(0, 40)}".`,
    };
  }
  if (!SIGNATURE_FORMAT.test(signature)) {
    return { ok: false, message: `${SIGNATURE_HEADER} must be "v1=" followed by 64 hex characters (a hex HMAC-SHA256). ${HOW_TO_SIGN}` };
  }
  const offBy = Math.round(Number(timestamp) - now.getTime() / 1000);
  if (Math.abs(offBy) > toleranceSeconds) {
    const milliseconds = Number(timestamp) > 1e11 ? ' It looks like milliseconds: send seconds.' : '';
    return {
      ok: false,
      message:
        `${TIMESTAMP_HEADER} is ${Math.abs(offBy)} seconds ${offBy < 0 ? 'behind' : 'ahead of'} the server's clock; at most ${toleranceSeconds} are allowed, ` +
        `so an old request cannot be replayed. Sign each request with the current time (and keep the sender's clock in sync).${milliseconds}`,
    };
  }
  return { ok: true };
};

/** Checks the signature over the raw body in constant time; call after `checkSignatureHeaders` passed. */
export const checkSignature = (secret: string, headers: SignatureHeaders, body: Buffer): SignatureCheck => {
  const timestamp = headers.timestamp?.trim() ?? '';
  const given = SIGNATURE_FORMAT.exec(headers.signature?.trim() ?? '')?.[1];
  const expected = hmac(secret, timestamp, body);
  const actual = given === undefined ? Buffer.alloc(0) : Buffer.from(given, 'hex');
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return { ok: true };
  return {
    ok: false,
    message:
      `The signature does not match. Compute the hex HMAC-SHA256, with the shared secret (FLOORREADY_INTEGRATION_SECRET), of ` +
      `"v1:" + the ${TIMESTAMP_HEADER} value + ":" + the request body byte for byte as sent, and send it as ${SIGNATURE_HEADER}: v1=<hex>.`,
  };
};
