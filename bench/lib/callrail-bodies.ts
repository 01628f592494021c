/**
 * Realistic CallRail post-call webhooks for the load: the legacy missed-call fixture with a distinct
 * call id and caller per request (so every request creates a case rather than hitting the duplicate
 * fast path), spread over the account's locations, started moments before it is sent (live traffic:
 * every case lands on today), signed as CallRail signs: base64(HMAC-SHA1(signing key, raw body)).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RequestSpec } from 'autocannon';

export const BENCH_ACCOUNT = 'bench';
export const BENCH_SIGNING_KEY = 'bench-callrail-signing-key';
/** One tracking number per location of the bench account (the first is the fixture's). */
export const BENCH_LOCATIONS = [
  { id: 'phoenix', tracking: '480-555-0100', vertical: 'hvac' },
  { id: 'tempe', tracking: '480-555-0101', vertical: 'plumbing' },
  { id: 'mesa', tracking: '480-555-0102', vertical: 'hvac' },
  { id: 'scottsdale', tracking: '480-555-0103', vertical: 'plumbing' },
] as const;
export const CALLRAIL_PATH = `/webhooks/callrail/${BENCH_ACCOUNT}?event=post_call`;

const FIXTURE = JSON.parse(
  readFileSync(new URL('../../server/src/providers/fixtures/callrail-post-call-missed-legacy.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const AREA_CODES = ['602', '480', '623', '520', '928'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` as CallRail's legacy payload writes it. */
function callRailTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A distinct, possible NANP number per sequence number, formatted like the fixture. */
export function callerFor(seq: number): string {
  const area = AREA_CODES[seq % AREA_CODES.length]!;
  const rest = Math.floor(seq / AREA_CODES.length);
  return `${area}-${200 + (Math.floor(rest / 10_000) % 800)}-${pad(rest % 10_000, 4)}`;
}

export interface SignedBody {
  body: string;
  headers: Record<string, string>;
}

/** The `seq`-th webhook: body and headers (content type and CallRail's `Signature`). */
export function callRailWebhook(seq: number, now = Date.now(), signingKey = BENCH_SIGNING_KEY): SignedBody {
  const body = JSON.stringify({
    ...FIXTURE,
    id: 900_000_000 + seq,
    customer_phone_number: callerFor(seq),
    tracking_phone_number: BENCH_LOCATIONS[seq % BENCH_LOCATIONS.length]!.tracking,
    // CallRail posts once the call has ended: it started its ring time (27 s in the fixture) ago.
    datetime: callRailTime(now - 27_000),
  });
  const signature = createHmac('sha1', signingKey).update(body).digest('base64');
  return { body, headers: { 'content-type': 'application/json', signature } };
}

/** Hands out sequence numbers across every run in this process, so no two requests share a call. */
let nextSeq = Math.floor(Math.random() * 1_000_000) * 1_000;
export function nextWebhook(): SignedBody {
  return callRailWebhook(nextSeq++);
}

/** The autocannon request list: one POST whose body and signature are rebuilt for every request. */
export function autocannonRequests(): RequestSpec[] {
  return [
    {
      method: 'POST',
      path: CALLRAIL_PATH,
      setupRequest: (request) => {
        const { body, headers } = nextWebhook();
        return { ...request, body, headers: { ...(request.headers ?? {}), ...headers } };
      },
    },
  ];
}
