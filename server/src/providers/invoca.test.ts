import { readFileSync } from 'node:fs';
import type { CallEvent } from '@ringback/shared';
import { describe, expect, it } from 'vitest';
import { invoca, INVOCA_DEFAULT_TEMPLATE } from './invoca.ts';
import type { ParseResult } from './provider.ts';
import { fixture, INVOCA_TOKEN, invocaRequest, request } from './test-requests.ts';

function eventOf(result: ParseResult): CallEvent {
  if (!result.ok || result.event === null) throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

describe('Invoca token', () => {
  const body = fixture('invoca-missed.json');
  const secrets = { token: INVOCA_TOKEN };

  it('accepts the token from ?token= or X-Ringback-Token', () => {
    expect(invoca.verify(request(body, { query: { token: INVOCA_TOKEN } }), secrets)).toEqual({ ok: true });
    expect(invoca.verify(request(body, { headers: { 'x-ringback-token': INVOCA_TOKEN } }), secrets)).toEqual({
      ok: true,
    });
  });

  it('rejects a wrong, truncated or missing token, and an account without one', () => {
    const wrong = request(body, { query: { token: `${INVOCA_TOKEN}x` } });
    expect(invoca.verify(wrong, secrets)).toMatchObject({ code: 'webhook_bad_signature' });
    const short = request(body, { headers: { 'x-ringback-token': INVOCA_TOKEN.slice(0, -1) } });
    expect(invoca.verify(short, secrets)).toMatchObject({ code: 'webhook_bad_signature' });
    expect(invoca.verify(request(body), secrets)).toMatchObject({ code: 'webhook_missing_signature' });
    expect(invoca.verify(request(body, { query: { token: 'x' } }), { token: ' ' })).toMatchObject({
      code: 'webhook_not_configured',
    });
  });
});

describe('Invoca parse', () => {
  it('reads the default template: a missed call', () => {
    const result = invoca.parse(invocaRequest(fixture('invoca-missed.json')));
    expect(result).toMatchObject({ ok: true, kind: 'post_call', providerCallId: '8A1B-2C3D-4E5F-0001', note: null });
    expect(eventOf(result)).toEqual({
      provider: 'invoca',
      kind: 'post_call',
      providerCallId: '8A1B-2C3D-4E5F-0001',
      direction: 'inbound',
      callerE164: '+16025550144',
      callerRaw: '602-555-0144',
      callerName: 'PAT EXAMPLE',
      trackingE164: '+14805550100',
      startedAt: new Date('2026-03-02T16:20:00Z'),
      durationSeconds: 31,
      talkSeconds: 0,
      ringSeconds: null,
      answered: false,
      result: 'no_answer',
      terminal: true,
      voicemail: false,
      providerSpam: false,
      source: 'Google Ads',
      campaign: 'Spring Promo',
      recordingUrl: null,
      transcriptUrl: null,
      transcript: null,
      tags: [],
      value: null,
      firstCall: true,
    });
  });

  it('reads the default template: an answered call with clock durations and string times', () => {
    const event = eventOf(invoca.parse(invocaRequest(fixture('invoca-answered.json'))));
    expect(event).toMatchObject({
      result: 'answered',
      answered: true,
      durationSeconds: 245,
      talkSeconds: 185,
      startedAt: new Date('2026-03-02T17:00:00Z'),
      source: 'Display',
      campaign: null,
      firstCall: false,
      recordingUrl: 'https://recordings.example.invalid/8A1B-2C3D-4E5F-0002.mp3',
    });
  });

  it('follows a customer mapping', () => {
    const invocaMapping = {
      callId: 'call_uuid',
      caller: 'ani',
      tracking: 'promo_number',
      startTime: 'started',
      connectDuration: 'talk_time',
      result: 'outcome',
      value: 'lead_value',
      tags: 'labels',
      spam: 'flagged',
    };
    const result = invoca.parse(invocaRequest(fixture('invoca-custom-mapping.json')), { invocaMapping });
    expect(eventOf(result)).toMatchObject({
      providerCallId: 'custom-0003',
      callerE164: '+16025550146',
      trackingE164: '+14805550100',
      startedAt: new Date('2026-03-02T16:20:00Z'),
      result: 'busy',
      talkSeconds: 0,
      value: 75,
      tags: ['after-hours'],
      providerSpam: true,
    });
  });

  it('reads a form-encoded body the same way', () => {
    const event = eventOf(invoca.parse(invocaRequest(fixture('invoca-form.txt'), 'application/x-www-form-urlencoded')));
    expect(event).toMatchObject({
      providerCallId: '8A1B-2C3D-4E5F-0004',
      result: 'abandoned',
      callerE164: '+16025550147',
    });
  });

  it('stores a body without a call id, and rejects only unparseable bodies', () => {
    expect(invoca.parse(invocaRequest('{"calling_phone_number":"602-555-0144"}'))).toMatchObject({
      ok: true,
      event: null,
      providerCallId: null,
    });
    expect(invoca.parse(invocaRequest('not json'))).toMatchObject({ ok: false, code: 'webhook_malformed' });
  });

  it('documents every default template parameter in the README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const names of Object.values(INVOCA_DEFAULT_TEMPLATE)) {
      for (const name of names) expect(readme).toContain(`\`${name}\``);
    }
  });
});
