import { describe, expect, it } from 'vitest';
import type { CrmCase } from '../port.ts';
import { appendNote, callTaskFields, followUpFields, leadFields, localDate } from './task-fields.ts';

const base: CrmCase = {
  id: 'mc_1',
  accountId: 'acme',
  provider: 'callrail',
  providerCallId: 'CAL1',
  callerE164: '+16025550143',
  callerName: 'Sam Sample',
  trackingE164: '+14805550100',
  source: 'Yelp',
  campaign: null,
  category: 'voicemail',
  afterHours: true,
  intent: 'new_lead',
  urgency: 'high',
  missedAt: new Date('2026-03-03T06:30:00Z'),
  slaDueAt: new Date('2026-03-03T15:15:00Z'),
  timezone: 'America/Phoenix',
  locationId: 'phoenix',
  locationName: 'Phoenix',
  vertical: 'hvac',
  locationRecordId: null,
  ringSeconds: 22,
  recordingUrl: 'https://rec.example/1',
  transcriptUrl: null,
  transcript: null,
  reasons: ['voicemail'],
  priorityScore: null,
  repeatOf: null,
  repeatCount: 0,
  escalationTier: 1,
  links: { contactId: null, contactCreated: false, callId: null, taskId: null, ownerId: null },
};

describe('Salesforce record fields', () => {
  it('takes due dates in the location zone', () => {
    // 06:30Z is still the previous evening in Phoenix (UTC-7).
    expect(localDate(base.missedAt, 'America/Phoenix')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
  });

  it('writes a completed inbound call Task, created with its subtype', () => {
    const t = callTaskFields(base, '00Q1', '005A', 'rb:mc_1:call');
    expect(t).toMatchObject({
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      Status: 'Completed',
      CallDisposition: 'Left voicemail',
      CallObject: 'CAL1',
      CallDurationInSeconds: 22,
      ActivityDate: '2026-03-02',
      WhoId: '00Q1',
      OwnerId: '005A',
      Ringback_Key__c: 'rb:mc_1:call',
    });
    expect(String(t['Description'])).toContain('Recording: https://rec.example/1');
    expect(t).not.toHaveProperty('WhatId');
  });

  it('upserts a follow-up without create-only fields, due the local day of slaDueAt', () => {
    const t = followUpFields(base, '0031', null);
    expect(t).toMatchObject({
      Status: 'Not Started',
      Priority: 'High',
      ActivityDate: '2026-03-03',
      ReminderDateTime: '2026-03-03T15:15:00.000Z',
      IsReminderSet: true,
      WhoId: '0031',
    });
    expect(t).not.toHaveProperty('WhatId');
    expect(t).not.toHaveProperty('TaskSubtype');
    expect(t).not.toHaveProperty('OwnerId');
    expect(t).not.toHaveProperty('Ringback_Key__c');
  });

  it('names a new Lead for the caller, or for what is known', () => {
    expect(leadFields(base, 'Phone Inquiry', '005A')).toEqual({
      LastName: 'Sam Sample',
      Company: 'Sam Sample',
      Phone: '+16025550143',
      LeadSource: 'Phone Inquiry',
      Ringback_Created__c: true,
      OwnerId: '005A',
    });
    expect(leadFields({ ...base, callerName: null }, null, null)).toEqual({
      LastName: 'Unknown caller',
      Company: '+16025550143',
      Phone: '+16025550143',
      Ringback_Created__c: true,
    });
  });

  it('appends notes below what the Task already says', () => {
    expect(appendNote(null, 'n')).toBe('n');
    expect(appendNote('rep notes', 'n')).toBe('rep notes\n\nn');
  });
});
