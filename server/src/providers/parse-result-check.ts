/**
 * Test support: the invariants every `ParseResult` must satisfy, whatever the body was. Used by the
 * property tests; returns the list of violations (empty when the result is well-typed).
 */
import type { CallEvent, Provider } from '@ringback/shared';
import type { ParseResult } from './provider.ts';

const KINDS = new Set([
  'pre_call',
  'post_call',
  'call_modified',
  'outbound_post_call',
  'outbound_call_modified',
  'status_callback',
  'dial_action',
  'unknown',
]);
const RESULTS = new Set([
  'answered',
  'no_answer',
  'voicemail',
  'abandoned',
  'busy',
  'failed',
  'canceled',
  'in_progress',
  'unknown',
]);
const E164 = /^\+[1-9]\d{5,14}$/;

const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isNullableNonEmpty = (v: unknown): boolean => v === null || (typeof v === 'string' && v.trim() !== '');
const isNullableBool = (v: unknown): boolean => v === null || typeof v === 'boolean';
const isNullableSeconds = (v: unknown): boolean =>
  v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

function eventProblems(event: CallEvent, provider: Provider): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  check(event.provider === provider, 'provider');
  check(KINDS.has(event.kind), 'kind');
  check(typeof event.providerCallId === 'string' && event.providerCallId.trim() !== '', 'providerCallId');
  check(event.direction === 'inbound' || event.direction === 'outbound', 'direction');
  check(event.callerE164 === null || E164.test(event.callerE164), 'callerE164');
  check(event.trackingE164 === null || E164.test(event.trackingE164), 'trackingE164');
  check(isNullableString(event.callerRaw), 'callerRaw');
  for (const key of ['callerName', 'source', 'campaign', 'recordingUrl', 'transcriptUrl', 'transcript'] as const) {
    check(isNullableNonEmpty(event[key]), key);
  }
  check(event.startedAt instanceof Date && Number.isFinite(event.startedAt.getTime()), 'startedAt');
  check(isNullableSeconds(event.durationSeconds), 'durationSeconds');
  check(isNullableSeconds(event.talkSeconds), 'talkSeconds');
  check(isNullableSeconds(event.ringSeconds), 'ringSeconds');
  check(isNullableBool(event.answered), 'answered');
  check(RESULTS.has(event.result), 'result');
  check(typeof event.terminal === 'boolean', 'terminal');
  check(typeof event.voicemail === 'boolean' && event.voicemail === (event.result === 'voicemail'), 'voicemail');
  check(typeof event.providerSpam === 'boolean', 'providerSpam');
  check(Array.isArray(event.tags) && event.tags.every((t) => typeof t === 'string' && t.trim() !== ''), 'tags');
  check(event.value === null || (typeof event.value === 'number' && Number.isFinite(event.value)), 'value');
  check(isNullableBool(event.firstCall), 'firstCall');
  check(event.result !== 'in_progress' || !event.terminal, 'in_progress must not be terminal');
  check(event.answered !== true || event.result === 'answered', 'answered implies result answered');
  return problems;
}

export function parseResultProblems(result: ParseResult, provider: Provider): string[] {
  if (!result.ok) {
    const codes = ['webhook_malformed', 'webhook_unsupported_media_type'];
    return codes.includes(result.code) && typeof result.message === 'string' ? [] : ['error shape'];
  }
  const problems: string[] = [];
  if (!KINDS.has(result.kind)) problems.push('result kind');
  if (!isNullableNonEmpty(result.providerCallId)) problems.push('result providerCallId');
  if (!isNullableString(result.note)) problems.push('note');
  if (result.event !== null) {
    problems.push(...eventProblems(result.event, provider));
    if (result.event.kind !== result.kind) problems.push('event kind differs from result kind');
    if (result.event.providerCallId !== result.providerCallId) problems.push('event id differs from result id');
  }
  return problems;
}
