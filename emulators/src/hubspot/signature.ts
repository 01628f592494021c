import { createHash, createHmac } from 'node:crypto';

// HubSpot request signatures (webhooks, hubspot.fetch):
// v3 = base64(HMAC-SHA256(client secret, method + URI + raw body + timestamp)), with X-HubSpot-Request-Timestamp
// in epoch ms; v1 = hex(SHA-256(client secret + raw body)), still sent for backwards compatibility.

// HubSpot signs the URI with these URL-encoded characters decoded (its validation guide lists them).
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

export function signedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

export function signatureV3(
  clientSecret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: number,
): string {
  return createHmac('sha256', clientSecret)
    .update(`${method.toUpperCase()}${signedUri(uri)}${body}${timestamp}`, 'utf8')
    .digest('base64');
}

export function signatureV1(clientSecret: string, body: string): string {
  return createHash('sha256').update(`${clientSecret}${body}`, 'utf8').digest('hex');
}
