/**
 * HubSpot's v3 request signature, used by `hubspot.fetch` calls from cards and pages and by webhook
 * deliveries: `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(client secret, method + URI + raw body +
 * timestamp)), `X-HubSpot-Request-Timestamp` in milliseconds. The URI is the public https URL HubSpot
 * called, so behind a proxy it is rebuilt from the configured public origin, never from Host headers.
 */
import { canonicalUri, signV3Exact } from '../crm/hubspot/signature.ts';
import { safeEqual } from '../security/constant-time.ts';

/** Requests signed longer ago than this are refused, so a captured request cannot be replayed later. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;
/** HubSpot's clock and ours may disagree a little; a timestamp further in the future than this is refused. */
export const MAX_CLOCK_SKEW_MS = 60 * 1000;

/** The signing itself is the one the webhook receiver uses; card requests accept two URI forms. */
export { canonicalUri as decodeSignedUri, signV3Exact as signV3 } from '../crm/hubspot/signature.ts';

export type SignatureFailure = 'missing_signature' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

export interface SignedRequest {
  method: string;
  /** Absolute public URI, e.g. `https://ringback.example.com/hubspot/contact-card?portalId=1`. */
  uri: string;
  body: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** Null when the request is authentic and fresh, else why not. */
export function checkSignatureV3(secret: string, req: SignedRequest, now: number): SignatureFailure | null {
  if (!req.signature || !req.timestamp) return 'missing_signature';
  if (!/^\d{1,16}$/.test(req.timestamp)) return 'bad_timestamp';
  const at = Number(req.timestamp);
  if (now - at > MAX_SIGNATURE_AGE_MS || at - now > MAX_CLOCK_SKEW_MS) return 'stale_timestamp';
  // The documented form decodes a few escapes; the URI as sent is accepted too, because both need
  // the secret and proxies differ in what they re-encode. Each comparison is constant-time.
  const candidates = new Set([canonicalUri(req.uri), req.uri]);
  let ok = false;
  for (const uri of candidates) {
    if (safeEqual(signV3Exact(secret, req.method, uri, req.body, req.timestamp), req.signature)) ok = true;
  }
  return ok ? null : 'bad_signature';
}
