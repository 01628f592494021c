import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { checkSignatureV3, decodeSignedUri, signV3, MAX_SIGNATURE_AGE_MS } from './signature.ts';

// HubSpot's own Node client computes v3 signatures too: an independent oracle for our vectors.
const { Signature } = createRequire(import.meta.url)('@hubspot/api-client') as {
  Signature: { getSignature(method: string, version: 'v3', o: { clientSecret: string; requestBody: string; url: string; timestamp: number }): string };
};

// The client secret and URI of HubSpot's request-validation guide examples.
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';
const BODY = '{"example_field":"example_value"}';
const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const TS = String(NOW - 1_000);

const req = (over: Partial<Parameters<typeof checkSignatureV3>[1]> = {}) => ({
  method: 'POST',
  uri: URI,
  body: Buffer.from(BODY),
  signature: signV3(SECRET, 'POST', URI, BODY, TS),
  timestamp: TS,
  ...over,
});

describe('HubSpot v3 signature', () => {
  it('matches HubSpot client library signatures for a POST and a GET', () => {
    expect(signV3(SECRET, 'POST', URI, BODY, TS)).toBe(
      Signature.getSignature('POST', 'v3', { clientSecret: SECRET, requestBody: BODY, url: URI, timestamp: Number(TS) }),
    );
    const get = 'https://ringback.test/hubspot/contact-card?objectId=51&portalId=62515&userId=123&userEmail=a@b.co&appId=54321';
    expect(signV3(SECRET, 'GET', get, '', TS)).toBe(
      Signature.getSignature('GET', 'v3', { clientSecret: SECRET, requestBody: '', url: get, timestamp: Number(TS) }),
    );
  });

  it('pins a computed vector (base64 HMAC-SHA256 of method+URI+body+timestamp)', () => {
    expect(signV3(SECRET, 'POST', URI, BODY, '1767225599000')).toBe('88B9S3324kaeHQS2WHX67cHOzxUadEuHQXgWyapEQ2k=' /* openssl dgst -sha256 -hmac */);
  });

  it('accepts an authentic fresh request', () => {
    expect(checkSignatureV3(SECRET, req(), NOW)).toBeNull();
  });

  it('refuses a tampered body, method or URI, and another secret', () => {
    expect(checkSignatureV3(SECRET, req({ body: Buffer.from('{"example_field":"other"}') }), NOW)).toBe('bad_signature');
    expect(checkSignatureV3(SECRET, req({ method: 'PUT' }), NOW)).toBe('bad_signature');
    expect(checkSignatureV3(SECRET, req({ uri: `${URI}?portalId=2` }), NOW)).toBe('bad_signature');
    expect(checkSignatureV3('another-secret', req(), NOW)).toBe('bad_signature');
  });

  it('refuses timestamps older than five minutes, far in the future, or malformed, and missing headers', () => {
    const old = String(NOW - MAX_SIGNATURE_AGE_MS - 1);
    expect(checkSignatureV3(SECRET, req({ timestamp: old, signature: signV3(SECRET, 'POST', URI, BODY, old) }), NOW)).toBe('stale_timestamp');
    const edge = String(NOW - MAX_SIGNATURE_AGE_MS);
    expect(checkSignatureV3(SECRET, req({ timestamp: edge, signature: signV3(SECRET, 'POST', URI, BODY, edge) }), NOW)).toBeNull();
    const future = String(NOW + 10 * 60_000);
    expect(checkSignatureV3(SECRET, req({ timestamp: future, signature: signV3(SECRET, 'POST', URI, BODY, future) }), NOW)).toBe('stale_timestamp');
    expect(checkSignatureV3(SECRET, req({ timestamp: '12e5' }), NOW)).toBe('bad_timestamp');
    expect(checkSignatureV3(SECRET, req({ signature: undefined }), NOW)).toBe('missing_signature');
    expect(checkSignatureV3(SECRET, req({ timestamp: undefined }), NOW)).toBe('missing_signature');
  });

  it('verifies a URI signed with the documented escapes decoded', () => {
    const sent = 'https://ringback.test/hubspot/dashboard?portalId=1&from=2026-11-01T00%3A00%3A00Z&userEmail=a%40b.co';
    expect(decodeSignedUri(sent)).toBe('https://ringback.test/hubspot/dashboard?portalId=1&from=2026-11-01T00:00:00Z&userEmail=a@b.co');
    // An escape outside the documented list (%20) stays as sent.
    expect(decodeSignedUri('https://x.test/a?q=a%20b%2fc')).toBe('https://x.test/a?q=a%20b/c');
    const sig = signV3(SECRET, 'GET', decodeSignedUri(sent), '', TS);
    expect(checkSignatureV3(SECRET, req({ method: 'GET', uri: sent, body: Buffer.alloc(0), signature: sig }), NOW)).toBeNull();
  });
});
