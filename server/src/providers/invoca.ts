/**
 * Invoca webhooks. Invoca has no fixed body: the customer builds the webhook from named parameters.
 * Invoca documents no signing, so requests carry the account's shared token in `?token=` or the
 * `X-Ringback-Token` header, compared in constant time.
 *
 * Default template (JSON body; each key is an Invoca parameter, Invoca fills in the value). Our field
 * ← parameter(s), first non-empty wins:
 *
 *   callId          ← complete_call_id, transaction_id
 *   caller          ← calling_phone_number        ("866-555-1234" style)
 *   tracking        ← dnis, destination_phone_number
 *   startTime       ← start_time_utc (ms since epoch), start_time_local
 *   duration        ← duration                     (seconds, IVR included)
 *   connectDuration ← connect_duration             (seconds connected to the call center)
 *   hangupCause     ← hangup_cause
 *   result          ← call_result_description_detail, call_result_description
 *   campaign        ← advertiser_campaign_name
 *   source          ← call_source_description, media_type
 *   callerName      ← caller_name
 *   recordingUrl    ← recording
 *   repeatCaller    ← repeat_calling_phone_number (firstCall is its negation)
 *   transcript, tags, value, spam, direction: no default; map them to the customer's parameters.
 *
 * `ParseOptions.invocaMapping` replaces the parameter name of any field (`{ caller: "ani" }`).
 * Form-encoded bodies are read the same way as JSON.
 *
 * Result: connect_duration > 0 → answered (voicemail when the result/hangup text says so). Otherwise the
 * result/hangup text decides (busy, voicemail, abandon, cancel, fail) and a connect_duration of 0
 * without a telling word is no_answer; no connect_duration and no telling word is unknown. Invoca
 * reports no ring time, so ringSeconds is always null.
 */
import type { CallDirection, CallEvent, CallResult } from '@ringback/shared';
import { decodeForm, decodeJson, FORM_MEDIA_TYPE, mediaType } from './body.ts';
import {
  epochInstant,
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
  CallEventSource,
  InboundRequest,
  InvocaMapping,
  InvocaSecrets,
  ParseOptions,
  ParseResult,
  ProviderAdapter,
  VerifyResult,
} from './provider.ts';
import { configuredSecret, constantTimeEqual, headerValue, verifyFailure } from './signature.ts';

export const INVOCA_DEFAULT_TEMPLATE: Readonly<Record<keyof CallEventSource, readonly string[]>> = {
  callId: ['complete_call_id', 'transaction_id'],
  caller: ['calling_phone_number'],
  tracking: ['dnis', 'destination_phone_number'],
  startTime: ['start_time_utc', 'start_time_local'],
  duration: ['duration'],
  connectDuration: ['connect_duration'],
  hangupCause: ['hangup_cause'],
  result: ['call_result_description_detail', 'call_result_description'],
  campaign: ['advertiser_campaign_name'],
  source: ['call_source_description', 'media_type'],
  callerName: ['caller_name'],
  recordingUrl: ['recording'],
  transcript: [],
  tags: [],
  value: [],
  repeatCaller: ['repeat_calling_phone_number'],
  spam: [],
  direction: [],
};

function verify(req: InboundRequest, secrets: InvocaSecrets): VerifyResult {
  const token = configuredSecret(secrets.token);
  if (token === null) return verifyFailure('webhook_not_configured', 'no Invoca token is configured');
  const fromQuery = req.query['token'];
  const given =
    typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : headerValue(req.headers, 'x-ringback-token');
  if (given === null) return verifyFailure('webhook_missing_signature', 'missing token (?token= or X-Ringback-Token)');
  return constantTimeEqual(given, token)
    ? { ok: true }
    : verifyFailure('webhook_bad_signature', 'token does not match');
}

function keysFor(field: keyof CallEventSource, mapping: InvocaMapping | undefined): readonly string[] {
  const mapped = mapping?.[field];
  return typeof mapped === 'string' && mapped !== '' ? [mapped] : INVOCA_DEFAULT_TEMPLATE[field];
}

function resultOf(connect: number | null, text: string): CallResult {
  const says = (pattern: RegExp): boolean => pattern.test(text);
  if (says(/voice ?mail/)) return 'voicemail';
  if (connect !== null && connect > 0) return 'answered';
  if (says(/busy/)) return 'busy';
  if (says(/abandon/)) return 'abandoned';
  if (says(/cancel/)) return 'canceled';
  if (says(/fail|error|invalid/)) return 'failed';
  if (connect === 0 || says(/no.?answer|unanswered|missed/)) return 'no_answer';
  return 'unknown';
}

function readBody(req: InboundRequest): { ok: true; body: unknown } | { ok: false; message: string } {
  if (mediaType(req.contentType) === FORM_MEDIA_TYPE) {
    if (req.rawBody.length === 0) return { ok: false, message: 'empty body' };
    return { ok: true, body: Object.fromEntries(decodeForm(req.rawBody)) };
  }
  const decoded = decodeJson(req.rawBody);
  return decoded.ok ? { ok: true, body: decoded.value } : decoded;
}

function buildEvent(
  body: Record<string, unknown>,
  callId: string,
  options: ParseOptions | undefined,
  notes: string[],
): CallEvent {
  const keys = (field: keyof CallEventSource): readonly string[] => keysFor(field, options?.invocaMapping);
  const text = (field: keyof CallEventSource): string => firstOf(body, keys(field), looseString) ?? '';
  const direction: CallDirection = text('direction').toLowerCase().startsWith('out') ? 'outbound' : 'inbound';
  const connect = firstOf(body, keys('connectDuration'), looseSeconds);
  const result = resultOf(connect, `${text('result')} ${text('hangupCause')}`.toLowerCase());
  const miss = result !== 'answered' && result !== 'unknown';
  const callerKey = keys('caller').find((key) => body[key] !== undefined && body[key] !== null);
  const callerRaw = callerKey === undefined ? null : rawString(body[callerKey]);
  const callerE164 = normalizePhone(callerRaw);
  if (callerE164 === null) notes.push('caller number withheld or unparseable');
  let startedAt = firstOf(body, keys('startTime'), (v) => epochInstant(v) ?? looseInstant(v));
  if (startedAt === null) {
    notes.push('no usable start time; used the receipt time');
    startedAt = options?.receivedAt ?? new Date();
  }
  const repeat = firstOf(body, keys('repeatCaller'), looseBool);
  return {
    provider: 'invoca',
    kind: direction === 'outbound' ? 'outbound_post_call' : 'post_call',
    providerCallId: callId,
    direction,
    callerE164,
    callerRaw,
    callerName: firstOf(body, keys('callerName'), looseString),
    trackingE164: firstOf(body, keys('tracking'), (v) => normalizePhone(looseString(v))),
    startedAt,
    durationSeconds: firstOf(body, keys('duration'), looseSeconds),
    talkSeconds: result === 'answered' ? connect : miss ? 0 : null,
    ringSeconds: null,
    answered: result === 'answered' ? true : miss ? false : null,
    result,
    terminal: true,
    voicemail: result === 'voicemail',
    providerSpam: firstOf(body, keys('spam'), looseBool) === true,
    source: firstOf(body, keys('source'), looseString),
    campaign: firstOf(body, keys('campaign'), looseString),
    recordingUrl: firstOf(body, keys('recordingUrl'), looseString),
    transcriptUrl: null,
    transcript: firstOf(body, keys('transcript'), looseString),
    tags: keys('tags').flatMap((key) => looseTags(body[key])),
    value: firstOf(body, keys('value'), looseMoney),
    firstCall: repeat === null ? null : !repeat,
  };
}

function parse(req: InboundRequest, options?: ParseOptions): ParseResult {
  const read = readBody(req);
  if (!read.ok) return { ok: false, code: 'webhook_malformed', message: read.message };
  if (!isRecord(read.body)) {
    return { ok: true, kind: 'unknown', providerCallId: null, event: null, note: 'body is not a JSON object' };
  }
  const body = read.body;
  const callId = firstOf(body, keysFor('callId', options?.invocaMapping), looseString);
  if (callId === null) {
    return { ok: true, kind: 'unknown', providerCallId: null, event: null, note: 'no call id (complete_call_id)' };
  }
  const notes: string[] = [];
  const event = buildEvent(body, callId, options, notes);
  return {
    ok: true,
    kind: event.kind,
    providerCallId: callId,
    event,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

export const invoca: ProviderAdapter<InvocaSecrets> = { id: 'invoca', verify, parse };
