/**
 * Simulated calls as CallRail delivers them: post-call webhooks for inbound calls (missed, voicemail,
 * abandoned, answered) and outbound post-call webhooks for callbacks, built from CallRail's API call
 * object the way the CallRail emulator turns calls into webhook bodies (legacy numeric `id` plus
 * `resource_id`, string `duration`, `formatted_*` fields, local `start_time` with its UTC offset).
 */
import { createHash } from 'node:crypto';
import { callRailWebhookBody, type CallRailApiCall } from '../../../emulators/src/callrail/index.ts';
import { localIso } from './zone-time.ts';

export type InboundResult = 'no_answer' | 'voicemail' | 'abandoned' | 'answered';

export interface InboundCall {
  /** CallRail resource id (`CAL…`). */
  callId: string;
  startedAt: Date;
  callerE164: string;
  callerName: string | null;
  trackingE164: string;
  result: InboundResult;
  /** Ring time for unanswered calls, talk time for answered ones, recording length for voicemails. */
  durationSeconds: number;
  source: string;
  transcript: string | null;
  firstCall: boolean;
  /** CallRail's own spam flag. */
  spam: boolean;
  timezone: string;
  companyName: string;
}

export interface OutboundCall {
  callId: string;
  startedAt: Date;
  /** The customer called back. */
  callerE164: string;
  /** The business number the callback is placed from. */
  trackingE164: string;
  answered: boolean;
  /** Talk time when answered, ring time otherwise. */
  durationSeconds: number;
  timezone: string;
  companyName: string;
}

export interface CallRailDelivery {
  /** Exact bytes to post (the signature is computed over them). */
  body: string;
  /** CallRail's `?event=` hint for the URL the company configured for this webhook type. */
  hint: 'post_call' | 'outbound_post_call';
  callId: string;
}

/** A CallRail-looking resource id, stable for the same inputs (so a re-sent call is the same call). */
export function callRailId(...parts: Array<string | number>): string {
  return `CAL${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32)}`;
}

function baseCall(
  id: string,
  startedAt: Date,
  timezone: string,
  companyName: string,
): Omit<CallRailApiCall, 'customer_phone_number' | 'direction' | 'answered' | 'voicemail' | 'duration' | 'call_type'> {
  const start = localIso(startedAt, timezone);
  return {
    id,
    business_phone_number: null,
    customer_city: null,
    customer_country: 'US',
    customer_name: null,
    customer_state: null,
    recording: null,
    recording_duration: null,
    recording_player: null,
    start_time: start,
    tracking_phone_number: null,
    agent_email: null,
    campaign: null,
    company_id: 'COMsandbox0000000000000000000000001',
    company_name: companyName,
    company_time_zone: timezone,
    created_at: start,
    first_call: null,
    lead_status: null,
    note: null,
    prior_calls: null,
    source: null,
    source_name: null,
    tags: [],
    total_calls: null,
    tracker_id: 'TRKsandbox0000000000000000000000001',
    transcription: null,
    value: null,
    spam: false,
  };
}

export function inboundDelivery(call: InboundCall): CallRailDelivery {
  const voicemail = call.result === 'voicemail';
  const answered = call.result === 'answered';
  const api: CallRailApiCall = {
    ...baseCall(call.callId, call.startedAt, call.timezone, call.companyName),
    customer_phone_number: call.callerE164,
    customer_name: call.callerName,
    tracking_phone_number: call.trackingE164,
    direction: 'inbound',
    answered,
    voicemail,
    duration: call.durationSeconds,
    call_type: call.result === 'no_answer' ? 'missed' : call.result,
    source: call.source,
    source_name: call.source,
    first_call: call.firstCall,
    transcription: call.transcript,
    spam: call.spam,
    lead_status: answered ? 'good_lead' : null,
    ...(voicemail || answered
      ? {
          recording: `https://app.callrail.com/calls/${call.callId}/recording/redirect?access_key=sandbox`,
          recording_player: `https://app.callrail.com/calls/${call.callId}/recording?access_key=sandbox`,
          recording_duration: String(call.durationSeconds),
        }
      : {}),
  };
  return { body: JSON.stringify(callRailWebhookBody(api)), hint: 'post_call', callId: call.callId };
}

export function outboundDelivery(call: OutboundCall): CallRailDelivery {
  const api: CallRailApiCall = {
    ...baseCall(call.callId, call.startedAt, call.timezone, call.companyName),
    customer_phone_number: call.callerE164,
    tracking_phone_number: call.trackingE164,
    business_phone_number: call.trackingE164,
    direction: 'outbound',
    answered: call.answered,
    voicemail: false,
    duration: call.durationSeconds,
    call_type: 'outbound',
  };
  return { body: JSON.stringify(callRailWebhookBody(api)), hint: 'outbound_post_call', callId: call.callId };
}
