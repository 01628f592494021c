/**
 * CallRail webhooks: post-call, call-modified, outbound post-call (and pre-call, stored but never
 * classified). Signature: header `Signature` = base64(HMAC-SHA1(company signing key, raw body)).
 *
 * Field quirks handled (CallRail sends the API call object plus legacy fields):
 * - identity: `resource_id` ("CAL…") on newer payloads, else the legacy numeric `id` (as a string).
 * - `duration` as a number or a string; `""` for null; booleans sometimes as "true"/"false".
 * - numbers as E.164 or "770-555-5555"; `start_time` with a zone, legacy `datetime` without (UTC).
 * - `tags` as strings or `{ name }` objects; `value` as "150.00", "$150", 150 or "".
 *
 * Result, first rule that applies (inbound): voicemail flag or call_type voicemail → voicemail;
 * call_type abandoned → abandoned; answered (flag or call_type) → answered; call_type missed → no_answer;
 * answered=false without a call_type → abandoned under 15 s, else no_answer (CallRail's own threshold);
 * otherwise unknown. Outbound: voicemail → voicemail, answered → answered, answered=false → no_answer.
 *
 * Timings: CallRail sends one `duration`. Answered: talk = duration. Unanswered: talk = 0 and, unless a
 * voicemail was left (which adds recording time), ring = duration.
 */
import type { CallDirection, CallEvent, CallResult, EventKind } from '@ringback/shared';
import { decodeJson } from './body.ts';
import { callRailKind, isOutboundBody } from './callrail-kind.ts';
import {
  firstOf,
  isRecord,
  looseBool,
  looseInstant,
  looseMoney,
  looseSeconds,
  looseString,
  looseTags,
  rawString,
} from './loose.ts';
import { normalizePhone } from '@ringback/shared';
import type {
  CallRailSecrets,
  InboundRequest,
  ParseOptions,
  ParseResult,
  ProviderAdapter,
  VerifyResult,
} from './provider.ts';
import { configuredSecret, constantTimeEqual, headerValue, hmac, verifyFailure } from './signature.ts';

/** CallRail's threshold: a caller who hangs up within 15 s of ringing abandoned the call. */
const ABANDON_SECONDS = 15;

export function callRailSignature(rawBody: Buffer | string, signingKey: string): string {
  return hmac('sha1', signingKey, rawBody, 'base64');
}

function verify(req: InboundRequest, secrets: CallRailSecrets): VerifyResult {
  const key = configuredSecret(secrets.signingKey);
  if (key === null) return verifyFailure('webhook_not_configured', 'no CallRail signing key is configured');
  const given = headerValue(req.headers, 'signature');
  if (given === null) return verifyFailure('webhook_missing_signature', 'missing Signature header');
  if (!constantTimeEqual(given, callRailSignature(req.rawBody, key))) {
    return verifyFailure('webhook_bad_signature', 'Signature does not match the body');
  }
  return { ok: true };
}

/** `resource_id` when present, else the legacy numeric `id`, as a string. */
export function callRailCallId(body: Record<string, unknown>): string | null {
  return looseString(body['resource_id']) ?? looseString(body['id']);
}

/** The first key of `keys` that is present at all (even as ""), so `callerRaw` keeps what was sent. */
function presentValue(body: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (body[key] !== undefined && body[key] !== null) return body[key];
  return undefined;
}

function resultOf(body: Record<string, unknown>, direction: CallDirection, duration: number | null): CallResult {
  const callType = looseString(body['call_type'])?.toLowerCase() ?? null;
  const answered = looseBool(body['answered']);
  const voicemail = looseBool(body['voicemail']) === true || (callType?.startsWith('voicemail') ?? false);
  if (voicemail) return 'voicemail';
  if (direction === 'outbound') {
    if (answered === true) return 'answered';
    return answered === false ? 'no_answer' : 'unknown';
  }
  if (callType === 'abandoned') return 'abandoned';
  if (answered === true || callType === 'answered') return 'answered';
  if (callType === 'missed') return 'no_answer';
  if (answered === false) return duration !== null && duration < ABANDON_SECONDS ? 'abandoned' : 'no_answer';
  return 'unknown';
}

function startOf(body: Record<string, unknown>): Date | null {
  // `timestamp` equals `start_time` in CallRail bodies; `created_at` is the last resort.
  return firstOf(body, ['start_time', 'datetime', 'timestamp', 'created_at'], looseInstant);
}

function buildEvent(
  body: Record<string, unknown>,
  kind: EventKind,
  providerCallId: string,
  options: ParseOptions | undefined,
  notes: string[],
): CallEvent {
  const outboundBody = isOutboundBody(body);
  // The body's own direction wins; without one, the hint (outbound_*) decides.
  const direction: CallDirection = (outboundBody ?? kind.startsWith('outbound_')) ? 'outbound' : 'inbound';
  const duration = looseSeconds(body['duration']);
  const result = resultOf(body, direction, duration);
  const answeredFlag = looseBool(body['answered']);
  const answered = result === 'answered' ? true : result === 'unknown' ? answeredFlag : false;
  const voicemail = result === 'voicemail';
  const callerRaw = rawString(presentValue(body, ['customer_phone_number', 'callernum']));
  const callerE164 = normalizePhone(callerRaw);
  if (callerE164 === null) notes.push('caller number withheld or unparseable');
  const trackingKeys =
    direction === 'outbound'
      ? ['tracking_phone_number', 'business_phone_number', 'trackingnum']
      : ['tracking_phone_number', 'trackingnum'];
  const trackingE164 = firstOf(body, trackingKeys, (v) => normalizePhone(looseString(v)));
  let startedAt = startOf(body);
  if (startedAt === null) {
    notes.push('no usable start_time; used the receipt time');
    startedAt = options?.receivedAt ?? new Date();
  }
  const unanswered = result !== 'answered' && result !== 'unknown';
  return {
    provider: 'callrail',
    kind,
    providerCallId,
    direction,
    callerE164,
    callerRaw,
    callerName: firstOf(body, ['customer_name', 'callername'], looseString),
    trackingE164,
    startedAt,
    durationSeconds: duration,
    talkSeconds: result === 'answered' ? duration : unanswered ? 0 : null,
    ringSeconds: unanswered && !voicemail ? duration : null,
    answered,
    result,
    terminal: true,
    voicemail,
    providerSpam: looseBool(body['spam']) === true,
    source: firstOf(body, ['source', 'source_name'], looseString),
    campaign: looseString(body['campaign']),
    // The player page opens for a person in the CRM; `recording` may be an API URL needing a key.
    recordingUrl: firstOf(body, ['recording_player', 'recording'], looseString),
    transcriptUrl: null,
    transcript: firstOf(body, ['transcription', 'conversational_transcript'], looseString),
    tags: looseTags(body['tags'] ?? body['tag']),
    value: looseMoney(body['value']),
    firstCall: looseBool(body['first_call']),
  };
}

function parse(req: InboundRequest, options?: ParseOptions): ParseResult {
  const decoded = decodeJson(req.rawBody);
  if (!decoded.ok) return { ok: false, code: 'webhook_malformed', message: decoded.message };
  const body = decoded.value;
  const decision = callRailKind(req.query['event'], body);
  if (!isRecord(body)) {
    return { ok: true, kind: decision.kind, providerCallId: null, event: null, note: 'body is not a JSON object' };
  }
  const providerCallId = callRailCallId(body);
  if (decision.skip !== null) {
    return { ok: true, kind: decision.kind, providerCallId, event: null, note: decision.skip };
  }
  if (decision.kind === 'pre_call') {
    return { ok: true, kind: 'pre_call', providerCallId, event: null, note: 'pre_call is never classified' };
  }
  if (providerCallId === null) {
    return { ok: true, kind: decision.kind, providerCallId, event: null, note: 'no resource_id or id in the body' };
  }
  const notes: string[] = [];
  const event = buildEvent(body, decision.kind, providerCallId, options, notes);
  return { ok: true, kind: decision.kind, providerCallId, event, note: notes.length > 0 ? notes.join('; ') : null };
}

export const callrail: ProviderAdapter<CallRailSecrets> = { id: 'callrail', verify, parse };
