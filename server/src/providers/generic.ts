/**
 * Ringback's generic webhook: the body defined in generic-schema.ts, signed with
 * `X-Ringback-Signature` = hex(HMAC-SHA256(secret, raw body)). A `sha256=` prefix and upper-case hex
 * are accepted (what common signing libraries emit); the comparison is constant-time either way.
 */
import type { CallDirection, CallEvent } from '@ringback/shared';
import { decodeJson } from './body.ts';
import { genericCallSchema } from './generic-schema.ts';
import type { GenericCall } from './generic-schema.ts';
import { isRecord, looseString } from './loose.ts';
import { normalizePhone } from '@ringback/shared';
import type {
  GenericSecrets,
  InboundRequest,
  ParseOptions,
  ParseResult,
  ProviderAdapter,
  VerifyResult,
} from './provider.ts';
import { configuredSecret, constantTimeEqual, headerValue, hmac, verifyFailure } from './signature.ts';

export function genericSignature(rawBody: Buffer | string, secret: string): string {
  return hmac('sha256', secret, rawBody, 'hex');
}

function verify(req: InboundRequest, secrets: GenericSecrets): VerifyResult {
  const secret = configuredSecret(secrets.secret);
  if (secret === null) return verifyFailure('webhook_not_configured', 'no generic webhook secret is configured');
  const header = headerValue(req.headers, 'x-ringback-signature');
  if (header === null) return verifyFailure('webhook_missing_signature', 'missing X-Ringback-Signature header');
  const given = header.replace(/^sha256=/i, '').toLowerCase();
  if (!constantTimeEqual(given, genericSignature(req.rawBody, secret))) {
    return verifyFailure('webhook_bad_signature', 'X-Ringback-Signature does not match the body');
  }
  return { ok: true };
}

function toEvent(call: GenericCall): CallEvent {
  const direction: CallDirection = call.direction;
  const inbound = direction === 'inbound';
  const callerRaw = inbound ? call.from : call.to;
  const answered = call.result === 'answered';
  const duration = call.durationSeconds ?? null;
  return {
    provider: 'generic',
    kind: inbound ? 'post_call' : 'outbound_post_call',
    providerCallId: call.callId,
    direction,
    callerE164: normalizePhone(callerRaw),
    callerRaw,
    callerName: looseString(call.callerName),
    trackingE164: normalizePhone(inbound ? call.to : call.from),
    startedAt: new Date(call.startedAt),
    durationSeconds: duration,
    talkSeconds: call.talkSeconds ?? (answered ? duration : 0),
    ringSeconds: call.ringSeconds ?? null,
    answered,
    result: call.result,
    terminal: true,
    voicemail: call.result === 'voicemail',
    providerSpam: call.spam === true,
    source: looseString(call.source),
    campaign: looseString(call.campaign),
    recordingUrl: call.recordingUrl ?? null,
    transcriptUrl: call.transcriptUrl ?? null,
    transcript: looseString(call.transcript),
    tags: [...new Set((call.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''))],
    value: call.value ?? null,
    firstCall: call.firstCall ?? null,
  };
}

function parse(req: InboundRequest, _options?: ParseOptions): ParseResult {
  const decoded = decodeJson(req.rawBody);
  if (!decoded.ok) return { ok: false, code: 'webhook_malformed', message: decoded.message };
  const body = decoded.value;
  if (!isRecord(body)) {
    return { ok: true, kind: 'unknown', providerCallId: null, event: null, note: 'body is not a JSON object' };
  }
  const providerCallId = looseString(body['callId']);
  const checked = genericCallSchema.safeParse(body);
  if (!checked.success) {
    const issues = checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    return {
      ok: true,
      kind: 'unknown',
      providerCallId,
      event: null,
      note: `does not match the generic schema: ${issues}`,
    };
  }
  const event = toEvent(checked.data);
  const note = event.callerE164 === null ? 'caller number withheld or unparseable' : null;
  return { ok: true, kind: event.kind, providerCallId: event.providerCallId, event, note };
}

export const generic: ProviderAdapter<GenericSecrets> = { id: 'generic', verify, parse };
