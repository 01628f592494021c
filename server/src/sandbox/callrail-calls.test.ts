import { describe, expect, it } from 'vitest';
import { callrail } from '../providers/index.ts';
import { callRailId, inboundDelivery, outboundDelivery, type InboundCall } from './callrail-calls.ts';
import { signCallRailWebhook } from '../../../emulators/src/callrail/index.ts';
import { localIso, zonedInstant } from './zone-time.ts';

const call: InboundCall = {
  callId: callRailId('test', 1),
  startedAt: new Date('2026-07-14T16:05:09Z'),
  callerE164: '+16025550123',
  callerName: 'Pat Example',
  trackingE164: '+14805550100',
  result: 'voicemail',
  durationSeconds: 41,
  source: 'Google Ads',
  transcript: 'Our AC is not cooling at all, please call back.',
  firstCall: true,
  spam: false,
  timezone: 'America/Phoenix',
  companyName: 'Demo',
};

function parse(body: string, hint: string) {
  const parsed = callrail.parse({
    rawBody: Buffer.from(body),
    contentType: 'application/json',
    headers: {},
    query: { event: hint },
    publicUrl: '',
  });
  if (!parsed.ok || !parsed.event) throw new Error(`did not parse: ${JSON.stringify(parsed)}`);
  return parsed.event;
}

describe('simulated CallRail deliveries', () => {
  it('a voicemail reads back through the real CallRail adapter as the call it was', () => {
    const d = inboundDelivery(call);
    const e = parse(d.body, d.hint);
    expect(e).toMatchObject({
      providerCallId: call.callId,
      direction: 'inbound',
      result: 'voicemail',
      callerE164: '+16025550123',
      trackingE164: '+14805550100',
      source: 'Google Ads',
      transcript: call.transcript,
      firstCall: true,
      providerSpam: false,
    });
    expect(e.startedAt.toISOString()).toBe('2026-07-14T16:05:09.000Z');
    // Real bodies carry the legacy fields too: a string duration and a local start time with offset.
    const raw = JSON.parse(d.body);
    expect(raw.duration).toBe('41');
    expect(raw.start_time).toBe('2026-07-14T09:05:09.000-07:00');
    expect(raw.resource_id).toBe(call.callId);
  });

  it('no answer, abandoned and answered calls keep their result', () => {
    for (const result of ['no_answer', 'abandoned', 'answered'] as const) {
      const d = inboundDelivery({
        ...call,
        result,
        durationSeconds: result === 'abandoned' ? 9 : 60,
        transcript: null,
      });
      expect(parse(d.body, d.hint).result).toBe(result);
    }
  });

  it('a callback is an outbound call from the tracking number to the caller', () => {
    const d = outboundDelivery({
      callId: callRailId('cb', 1),
      startedAt: new Date('2026-07-14T16:15:00Z'),
      callerE164: call.callerE164,
      trackingE164: call.trackingE164,
      answered: true,
      durationSeconds: 95,
      timezone: 'America/Phoenix',
      companyName: 'Demo',
    });
    expect(d.hint).toBe('outbound_post_call');
    const e = parse(d.body, d.hint);
    expect(e).toMatchObject({
      direction: 'outbound',
      answered: true,
      talkSeconds: 95,
      callerE164: call.callerE164,
      trackingE164: call.trackingE164,
    });
  });

  it('the signature CallRail would send verifies with the adapter', () => {
    const d = inboundDelivery(call);
    const headers = { signature: signCallRailWebhook(d.body, 'key-1') };
    const req = { rawBody: Buffer.from(d.body), contentType: 'application/json', headers, query: {}, publicUrl: '' };
    expect(callrail.verify(req, { signingKey: 'key-1' })).toEqual({ ok: true });
    expect(callrail.verify(req, { signingKey: 'key-2' }).ok).toBe(false);
  });

  it('local times carry the zone offset, across daylight-saving changes', () => {
    expect(localIso(new Date('2026-01-15T15:00:00Z'), 'America/New_York')).toBe('2026-01-15T10:00:00.000-05:00');
    expect(localIso(new Date('2026-07-15T15:00:00Z'), 'America/New_York')).toBe('2026-07-15T11:00:00.000-04:00');
    expect(zonedInstant('2026-03-08', 9 * 60, 'America/Chicago').toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(zonedInstant('2026-03-07', 9 * 60, 'America/Chicago').toISOString()).toBe('2026-03-07T15:00:00.000Z');
  });
});
