import { describe, expect, it } from 'vitest';
import { CallRailStore } from './store.ts';
import { callRailWebhookBody, legacyNumericId, signCallRailWebhook } from './webhook-body.ts';

describe('callRailWebhookBody', () => {
  const store = new CallRailStore();
  store.addAccount('ACC1', 'key');
  const call = store.addCall('ACC1', {
    start_time: '2026-03-09T10:00:00.250-05:00',
    customer_phone_number: '+16025550142',
    tracking_phone_number: '+14805550100',
    customer_name: 'Pat Example',
    duration: 27,
  });

  it('carries the API id as resource_id and a stable legacy numeric id', () => {
    const body = callRailWebhookBody(call);
    expect(call.id).toMatch(/^CAL[0-9a-f]{32}$/);
    expect(body['resource_id']).toBe(call.id);
    expect(body['id']).toBe(legacyNumericId(call.id));
    expect(Number.isInteger(body['id'])).toBe(true);
  });

  it('has the webhook quirks: string duration, zone-less UTC datetime, legacy and formatted fields', () => {
    expect(callRailWebhookBody(call)).toMatchObject({
      duration: '27',
      start_time: '2026-03-09T10:00:00.250-05:00',
      timestamp: '2026-03-09T10:00:00.250-05:00',
      datetime: '2026-03-09 15:00:00',
      call_type: 'missed',
      answered: false,
      voicemail: false,
      callernum: '+16025550142',
      trackingnum: '+14805550100',
      formatted_customer_phone_number: '602-555-0142',
      formatted_call_type: 'Missed Call',
      business_phone_number: '',
      value: '',
    });
  });

  it('defaults call_type the way CallRail classifies', () => {
    const type = (input: Partial<Parameters<CallRailStore['addCall']>[1]>) =>
      store.addCall('ACC1', { start_time: '2026-03-09T10:00:00Z', customer_phone_number: '+16025550142', ...input })
        .call_type;
    expect(type({ duration: 4 })).toBe('abandoned');
    expect(type({ duration: 15 })).toBe('missed');
    expect(type({ voicemail: true, duration: 40 })).toBe('voicemail');
    expect(type({ answered: true, duration: 90 })).toBe('answered');
    expect(type({ direction: 'outbound', answered: true })).toBe('outbound');
  });
});

describe('signCallRailWebhook', () => {
  it('is base64 HMAC-SHA1 (the well-known "quick brown fox" vector)', () => {
    expect(signCallRailWebhook('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      '3nybhbi3iqa8ino29wqQcBydtNk=',
    );
  });
});
