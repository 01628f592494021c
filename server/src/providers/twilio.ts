/**
 * Twilio Voice: status callbacks (`CallStatus`) and `<Dial>` action callbacks (`DialCallStatus`),
 * form-encoded. Contract §3:
 * - missed = an inbound parent call whose final `CallStatus` is no-answer/busy/failed/canceled, or a
 *   `<Dial>` action whose `DialCallStatus` is one of those;
 * - `outbound-api` = a callback attempt (talk = `CallDuration` once completed);
 * - `outbound-dial` legs are the forward to staff: no event.
 * providerCallId is always the parent call's `CallSid`.
 *
 * Spam: Twilio documents no spam verdict on voice webhooks. The nearest documented signal is
 * `StirVerstat` (SHAKEN/STIR), present on inbound calls: a `TN-Validation-Failed…` value means the
 * caller ID's signature did not verify (likely spoofed), and only that sets `providerSpam`.
 * `No-TN-Validation` is common for honest callers and is ignored. `AnsweredBy` (answering machine
 * detection on outbound calls) is not spam: a machine answer makes a callback attempt a `voicemail`.
 *
 * Note for the case builder: the inbound parent leg's final status is usually `completed` even when
 * nobody on staff picked up (Twilio itself answered to run the TwiML); when a `<Dial>` action said
 * no-answer for the same CallSid, that verdict is the one that matters.
 */
import type { CallDirection, CallEvent, CallResult, EventKind } from '@ringback/shared';
import { decodeForm, FORM_MEDIA_TYPE, mediaType } from './body.ts';
import { looseSeconds, looseString, rawString, rfc2822Instant } from './loose.ts';
import { normalizePhone } from '@ringback/shared';
import type {
  InboundRequest,
  ParseOptions,
  ParseResult,
  ProviderAdapter,
  TwilioSecrets,
  VerifyResult,
} from './provider.ts';
import { configuredSecret, constantTimeEqual, headerValue, verifyFailure } from './signature.ts';
import { twilioSignature, twilioUrlVariants } from './twilio-signature.ts';

const FINAL_STATUS: Readonly<Record<string, CallResult>> = {
  completed: 'answered',
  answered: 'answered', // DialCallStatus only
  'no-answer': 'no_answer',
  busy: 'busy',
  failed: 'failed',
  canceled: 'canceled',
};
const PROGRESS_STATUS = new Set(['queued', 'initiated', 'ringing', 'in-progress']);

function formParams(req: InboundRequest): Array<[string, string]> {
  return mediaType(req.contentType) === FORM_MEDIA_TYPE ? decodeForm(req.rawBody) : [];
}

function verify(req: InboundRequest, secrets: TwilioSecrets): VerifyResult {
  const token = configuredSecret(secrets.authToken);
  if (token === null) return verifyFailure('webhook_not_configured', 'no Twilio auth token is configured');
  const given = headerValue(req.headers, 'x-twilio-signature');
  if (given === null) return verifyFailure('webhook_missing_signature', 'missing X-Twilio-Signature header');
  const params = formParams(req);
  // Every variant is compared (no early exit), so timing does not tell which URL form matched.
  let matched = false;
  for (const url of twilioUrlVariants(req.publicUrl)) {
    matched = constantTimeEqual(given, twilioSignature(url, params, token)) || matched;
  }
  return matched ? { ok: true } : verifyFailure('webhook_bad_signature', 'X-Twilio-Signature does not match');
}

interface Outcome {
  result: CallResult;
  terminal: boolean;
}

function outcomeOf(status: string | null): Outcome {
  if (status === null) return { result: 'unknown', terminal: false };
  const final = FINAL_STATUS[status];
  if (final !== undefined) return { result: final, terminal: true };
  return { result: PROGRESS_STATUS.has(status) ? 'in_progress' : 'unknown', terminal: false };
}

function skip(kind: EventKind, providerCallId: string | null, note: string): ParseResult {
  return { ok: true, kind, providerCallId, event: null, note };
}

function buildEvent(
  p: Map<string, string>,
  kind: EventKind,
  callSid: string,
  direction: CallDirection,
  options: ParseOptions | undefined,
  notes: string[],
): CallEvent {
  const dial = kind === 'dial_action';
  const status = looseString(p.get(dial ? 'DialCallStatus' : 'CallStatus'))?.toLowerCase() ?? null;
  const outcome = outcomeOf(status);
  const terminal = outcome.terminal;
  let result = outcome.result;
  if (result === 'unknown') notes.push(`unrecognized status ${JSON.stringify(status ?? '')}`);
  const answeredBy = looseString(p.get('AnsweredBy'))?.toLowerCase() ?? '';
  if (direction === 'outbound' && result === 'answered' && (answeredBy.startsWith('machine') || answeredBy === 'fax')) {
    result = 'voicemail';
  }
  const duration = dial ? null : looseSeconds(p.get('CallDuration'));
  const talk = dial ? looseSeconds(p.get('DialCallDuration')) : duration;
  const answered = result === 'answered' ? true : terminal ? false : null;
  if (direction === 'inbound' && !dial && status === 'completed') {
    notes.push('parent leg completed: Twilio answered it; a <Dial> action tells whether staff did');
  }
  const callerRaw = rawString(direction === 'inbound' ? (p.get('From') ?? p.get('Caller')) : p.get('To'));
  const trackingRaw = direction === 'inbound' ? (p.get('To') ?? p.get('Called')) : p.get('From');
  const callerE164 = normalizePhone(callerRaw);
  if (callerE164 === null) notes.push('caller number withheld or unparseable');
  let startedAt = rfc2822Instant(p.get('Timestamp'));
  if (startedAt === null) {
    notes.push('no Timestamp; used the receipt time');
    startedAt = options?.receivedAt ?? new Date();
  }
  return {
    provider: 'twilio',
    kind,
    providerCallId: callSid,
    direction,
    callerE164,
    callerRaw,
    callerName: looseString(p.get('CallerName')),
    trackingE164: normalizePhone(trackingRaw),
    startedAt,
    durationSeconds: duration,
    talkSeconds: result === 'answered' ? talk : terminal ? 0 : null,
    ringSeconds: null,
    answered,
    result,
    terminal,
    voicemail: result === 'voicemail',
    providerSpam: (looseString(p.get('StirVerstat')) ?? '').toLowerCase().startsWith('tn-validation-failed'),
    source: null,
    campaign: null,
    recordingUrl: looseString(p.get('RecordingUrl')),
    transcriptUrl: null,
    transcript: null,
    tags: [],
    value: null,
    firstCall: null,
  };
}

function parse(req: InboundRequest, options?: ParseOptions): ParseResult {
  const type = mediaType(req.contentType);
  if (type !== FORM_MEDIA_TYPE) {
    return {
      ok: false,
      code: 'webhook_unsupported_media_type',
      message: `expected ${FORM_MEDIA_TYPE}, got ${type ?? 'no content type'}`,
    };
  }
  if (req.rawBody.length === 0) return { ok: false, code: 'webhook_malformed', message: 'empty body' };
  // The first value of a repeated name wins; Twilio does not repeat the parameters read here.
  const p = new Map<string, string>();
  for (const [name, value] of decodeForm(req.rawBody)) if (!p.has(name)) p.set(name, value);

  const kind: EventKind = p.has('DialCallStatus') ? 'dial_action' : p.has('CallStatus') ? 'status_callback' : 'unknown';
  const callSid = looseString(p.get('CallSid'));
  const parentSid = looseString(p.get('ParentCallSid'));
  const directionParam = looseString(p.get('Direction'))?.toLowerCase() ?? null;

  if (directionParam === 'outbound-dial') {
    return skip(kind, parentSid ?? callSid, 'outbound-dial leg: the forward to staff, not a callback attempt');
  }
  if (kind === 'unknown') return skip(kind, callSid, 'neither CallStatus nor DialCallStatus in the body');
  if (callSid === null) return skip(kind, null, 'no CallSid in the body');
  const direction: CallDirection | null =
    directionParam === 'inbound' ? 'inbound' : directionParam === 'outbound-api' ? 'outbound' : null;
  if (direction === null) return skip(kind, callSid, `unsupported Direction ${JSON.stringify(directionParam ?? '')}`);
  if (kind === 'dial_action' && direction !== 'inbound') {
    return skip(kind, callSid, 'a <Dial> action on an outbound call is not understood');
  }
  const notes: string[] = [];
  const event = buildEvent(p, kind, callSid, direction, options, notes);
  return { ok: true, kind, providerCallId: callSid, event, note: notes.length > 0 ? notes.join('; ') : null };
}

export const twilio: ProviderAdapter<TwilioSecrets> = { id: 'twilio', verify, parse };
