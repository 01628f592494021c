/**
 * Which CallRail webhook a body is. CallRail's bodies do not name their event type (the same call
 * object is sent by pre-call, routing-complete, post-call, call-modified and the outbound events), so
 * the account can give each webhook URL an `?event=` hint; without one the kind is inferred.
 *
 * Inference rules, first that applies:
 * 1. Not a call at all: a text-message body (`content`/`message_type` with `source_number` or
 *    `destination_number`) or a form submission (`form_data`), with none of the call fields → unknown.
 * 2. Direction: `direction: "outbound"` or `call_type: "outbound"` → an outbound event.
 * 3. A `changes` array (only call-modified events carry the list of changed fields) → *_call_modified.
 * 4. Outbound without `changes` → outbound_post_call (CallRail sends outbound events only after the call).
 * 5. Inbound with post-call evidence → post_call. Evidence is anything pre-call never has: `answered`
 *    true, `voicemail` true, a `call_type` other than "missed"/"inbound", a duration above 0, a
 *    recording, a recording duration above 0, a transcription.
 * 6. Otherwise → pre_call: pre-call (and call-routing-complete) bodies always say answered=false,
 *    call_type=missed, duration=0, and must never be classified.
 */
import type { EventKind } from '@ringback/shared';
import { isRecord, looseBool, looseSeconds, looseString } from './loose.ts';

export const CALLRAIL_EVENT_HINTS = [
  'pre_call',
  'post_call',
  'call_modified',
  'outbound_post_call',
  'outbound_call_modified',
] as const;

export type CallRailEventHint = (typeof CALLRAIL_EVENT_HINTS)[number];

export function isCallRailEventHint(value: string): value is CallRailEventHint {
  return (CALLRAIL_EVENT_HINTS as readonly string[]).includes(value);
}

export interface KindDecision {
  kind: EventKind;
  /** Set when the body is not something we turn into an event (not a call, unknown hint). */
  skip: string | null;
}

const CALL_FIELDS = ['customer_phone_number', 'tracking_phone_number', 'start_time', 'callernum', 'direction'];

function isCallBody(body: Record<string, unknown>): boolean {
  return CALL_FIELDS.some((key) => body[key] !== undefined);
}

function notACall(body: Record<string, unknown>): string | null {
  if (isCallBody(body)) return null;
  const textMessage =
    (body['content'] !== undefined || body['message_type'] !== undefined) &&
    (body['source_number'] !== undefined || body['destination_number'] !== undefined);
  if (textMessage) return 'text message webhook, not a call';
  if (body['form_data'] !== undefined) return 'form submission webhook, not a call';
  return null;
}

export function isOutboundBody(body: Record<string, unknown>): boolean | null {
  const direction = looseString(body['direction'])?.toLowerCase();
  if (direction === 'outbound') return true;
  if (direction === 'inbound') return false;
  if (looseString(body['call_type'])?.toLowerCase() === 'outbound') return true;
  return null;
}

function hasPostCallEvidence(body: Record<string, unknown>): boolean {
  if (looseBool(body['answered']) === true || looseBool(body['voicemail']) === true) return true;
  const callType = looseString(body['call_type'])?.toLowerCase();
  if (callType !== undefined && callType !== 'missed' && callType !== 'inbound') return true;
  if ((looseSeconds(body['duration']) ?? 0) > 0) return true;
  if ((looseSeconds(body['recording_duration']) ?? 0) > 0) return true;
  return ['recording', 'recording_player', 'transcription'].some((key) => looseString(body[key]) !== null);
}

export function callRailKind(hint: string | undefined, body: unknown): KindDecision {
  if (hint !== undefined && hint !== '') {
    if (isCallRailEventHint(hint)) return { kind: hint, skip: null };
    return { kind: 'unknown', skip: `unknown event hint ${JSON.stringify(hint.slice(0, 64))}` };
  }
  if (!isRecord(body)) return { kind: 'unknown', skip: 'body is not a JSON object' };
  const other = notACall(body);
  if (other !== null) return { kind: 'unknown', skip: other };
  const modified = Array.isArray(body['changes']);
  if (isOutboundBody(body) === true) {
    return { kind: modified ? 'outbound_call_modified' : 'outbound_post_call', skip: null };
  }
  if (modified) return { kind: 'call_modified', skip: null };
  return { kind: hasPostCallEvidence(body) ? 'post_call' : 'pre_call', skip: null };
}
