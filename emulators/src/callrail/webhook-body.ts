/**
 * The post-call webhook body CallRail would send for a stored call. It differs from the API object
 * the way real deliveries do: the API `id` ("CAL…") travels as `resource_id` while `id` is the legacy
 * numeric id, `duration` is a string, and legacy/formatted fields (`datetime` in UTC without a zone,
 * `callernum`, `trackingnum`, `formatted_*`, `timestamp` = `start_time`) ride along. Tests and the
 * simulator post it, sign it with `signCallRailWebhook`, and can then "lose" one to exercise
 * reconciliation.
 */
import { createHash, createHmac } from 'node:crypto';
import type { CallRailApiCall } from './types.ts';

/** A stable legacy numeric id for a "CAL…" id (CallRail's real numeric ids are opaque too). */
export function legacyNumericId(resourceId: string): number {
  return Number.parseInt(createHash('sha256').update(resourceId).digest('hex').slice(0, 8), 16) % 1_000_000_000;
}

function formatted(e164: string | null): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164 ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : (e164 ?? '');
}

function utcDatetime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const FORMATTED_CALL_TYPE: Readonly<Record<string, string>> = {
  answered: 'Answered Call',
  missed: 'Missed Call',
  abandoned: 'Abandoned Call',
  voicemail: 'Voicemail',
  outbound: 'Outbound',
};

export function callRailWebhookBody(call: CallRailApiCall): Record<string, unknown> {
  const { id: resourceId, duration, ...rest } = call;
  return {
    ...rest,
    id: legacyNumericId(resourceId),
    resource_id: resourceId,
    duration: duration === null ? '' : String(duration),
    business_phone_number: call.business_phone_number ?? '',
    customer_name: call.customer_name ?? '',
    datetime: utcDatetime(call.start_time),
    timestamp: call.start_time,
    callernum: call.customer_phone_number,
    callername: call.customer_name ?? '',
    trackingnum: call.tracking_phone_number ?? '',
    formatted_call_type: FORMATTED_CALL_TYPE[call.call_type ?? ''] ?? '',
    formatted_customer_phone_number: formatted(call.customer_phone_number),
    formatted_tracking_phone_number: formatted(call.tracking_phone_number),
    formatted_duration: duration === null ? '' : `${duration}s`,
    recording: call.recording ?? '',
    transcription: call.transcription ?? '',
    value: call.value ?? '',
  };
}

/** The `Signature` header CallRail sends: base64(HMAC-SHA1(company signing key, raw body)). */
export function signCallRailWebhook(rawBody: Buffer | string, signingKey: string): string {
  return createHmac('sha1', signingKey).update(rawBody).digest('base64');
}
