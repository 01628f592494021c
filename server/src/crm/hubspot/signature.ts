/**
 * HubSpot's v3 request signature (webhooks and `hubspot.fetch`): base64(HMAC-SHA256(app client
 * secret, method + URI + raw body + timestamp)), with `X-HubSpot-Request-Timestamp` in epoch ms.
 * The URI is the public one HubSpot called (behind a proxy it is rebuilt from the public URL), with
 * the few characters HubSpot's validation guide lists decoded. Requests older than five minutes are
 * refused (replays), and the comparison never reveals where two signatures differ.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../../security/constant-time.ts';

export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function canonicalUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

/** The HMAC over exactly the URI given (no decoding): for callers that try several URI forms. */
export function signV3Exact(secret: string, method: string, uri: string, rawBody: Buffer | string, timestamp: string | number): string {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}${uri}`)
    .update(rawBody)
    .update(String(timestamp))
    .digest('base64');
}

export function signV3(secret: string, method: string, uri: string, rawBody: Buffer | string, timestamp: string | number): string {
  return signV3Exact(secret, method, canonicalUri(uri), rawBody, timestamp);
}

export type SignatureCheck = { ok: true } | { ok: false; code: 'webhook_bad_signature' | 'webhook_stale'; message: string };

export function verifyV3(input: {
  secret: string;
  method: string;
  uri: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now: number;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, code: 'webhook_bad_signature', message: 'missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp' };
  const at = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(input.now - at) > SIGNATURE_MAX_AGE_MS) {
    return { ok: false, code: 'webhook_stale', message: 'X-HubSpot-Request-Timestamp is missing or more than five minutes away' };
  }
  const expected = signV3(input.secret, input.method, input.uri, input.rawBody, timestamp);
  if (!safeEqual(Buffer.from(signature, 'base64'), Buffer.from(expected, 'base64'))) {
    return { ok: false, code: 'webhook_bad_signature', message: 'X-HubSpot-Signature-v3 does not match' };
  }
  return { ok: true };
}
