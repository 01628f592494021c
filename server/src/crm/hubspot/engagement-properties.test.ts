import { describe, expect, it } from 'vitest';
import type { CrmCase } from '../port.ts';
import { DISPOSITION, callProperties, personName, taskBody, taskProperties, taskSubject } from './engagement-properties.ts';

const base: CrmCase = {
  id: 'mc_1',
  accountId: 'acme',
  provider: 'callrail',
  providerCallId: 'CAL1',
  callerE164: '+16025550143',
  callerName: 'ORTIZ LUPE',
  trackingE164: '+14805550100',
  source: 'Google Ads',
  campaign: null,
  category: 'no_answer',
  afterHours: false,
  intent: 'new_lead',
  urgency: 'high',
  missedAt: new Date('2026-03-03T21:02:11Z'),
  slaDueAt: new Date('2026-03-03T21:07:11Z'),
  timezone: 'America/Phoenix',
  locationId: 'phoenix',
  locationName: 'Phoenix',
  vertical: 'hvac',
  locationRecordId: null,
  ringSeconds: 31,
  recordingUrl: null,
  transcriptUrl: null,
  transcript: null,
  reasons: ['new demand source'],
  priorityScore: null,
  repeatOf: null,
  repeatCount: 2,
  escalationTier: 1,
  links: { contactId: null, contactCreated: false, callId: null, taskId: null, ownerId: null },
};

describe('HubSpot call and task properties', () => {
  it('writes each missed category as HubSpot records it', () => {
    expect(callProperties(base, 'k')).toMatchObject({ hs_call_direction: 'INBOUND', hs_call_status: 'NO_ANSWER', hs_call_disposition: DISPOSITION.noAnswer, hs_timestamp: '2026-03-03T21:02:11.000Z' });
    const vm = callProperties({ ...base, category: 'voicemail', recordingUrl: 'https://r.example/1' }, 'k');
    expect(vm).toMatchObject({ hs_call_status: 'NO_ANSWER', hs_call_has_voicemail: 'true', hs_call_disposition: DISPOSITION.leftVoicemail, hs_call_recording_url: 'https://r.example/1' });
    expect(callProperties({ ...base, category: 'busy' }, 'k').hs_call_status).toBe('BUSY');
    const abandoned = callProperties({ ...base, category: 'abandoned' }, 'k');
    expect(abandoned.hs_call_status).toBe('CANCELED');
    expect(abandoned.hs_call_disposition).toBeUndefined();
    expect(abandoned.hs_call_has_voicemail).toBeUndefined();
  });

  it('makes a call task due at the SLA, prioritised by urgency, with the callback script for the vertical', () => {
    const t = taskProperties(base, 'rb:mc_1:task', '71000001');
    expect(t).toMatchObject({ hs_task_type: 'CALL', hs_task_status: 'NOT_STARTED', hs_timestamp: '2026-03-03T21:07:11.000Z', hs_task_priority: 'HIGH', hubspot_owner_id: '71000001', ringback_key: 'rb:mc_1:task' });
    expect(taskProperties({ ...base, urgency: 'normal' }, 'k', null)).not.toHaveProperty('hubspot_owner_id');
    expect(taskProperties({ ...base, urgency: 'low' }, 'k', null).hs_task_priority).toBe('LOW');
    expect(taskSubject(base)).toBe('Call back Ortiz Lupe — missed call at Phoenix');
    const body = taskBody({ ...base, transcript: 'Our <AC> is out & it is 110 degrees' }, 'k', ['901']);
    expect(body).toContain('Callback script (HVAC)');
    expect(body).toContain('Called 3 times');
    expect(body).toContain('Our &#60;AC&#62; is out &#38; it is 110 degrees');
    expect(body).toContain('Other contacts with this number: 901');
    expect(taskBody({ ...base, vertical: 'underwater basket weaving' }, 'k')).toContain('Callback script (General)');
  });

  it('uses caller-ID names only when they are names', () => {
    expect(personName('DANA WHITFIELD')).toEqual({ first: 'Dana', last: 'Whitfield' });
    expect(personName('Cher')).toEqual({ first: 'Cher', last: null });
    for (const notAName of ['PHOENIX, AZ', 'WIRELESS CALLER', 'TOLL FREE CALL', '6025550143', '', null]) expect(personName(notAName)).toBeNull();
    expect(taskSubject({ ...base, callerName: 'PHOENIX, AZ' })).toBe('Call back (602) 555-0143 — missed call at Phoenix');
  });
});
