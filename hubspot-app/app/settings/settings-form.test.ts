import { describe, expect, it } from 'vitest';
import {
  applyPolicy,
  locationDraft,
  locationErrors,
  locationPatch,
  policyDraft,
  policyErrors,
  splitList,
} from './settings-form.ts';
import { settings } from '../cards/fixtures/settings.ts';

describe('settings forms', () => {
  it('reads lists typed one per line or comma-separated', () => {
    expect(splitList(' +16025550100,\n\n+1 (602) 555-0101 , ')).toEqual(['+16025550100', '+1 (602) 555-0101']);
  });

  it('turns an unchanged location back into the same fields it came from', () => {
    const phoenix = settings.locations[0]!;
    expect(locationPatch(locationDraft(phoenix, 'UTC'))).toEqual({
      name: phoenix.name,
      timezone: phoenix.timezone,
      vertical: 'hvac',
      trackingNumbers: phoenix.trackingNumbers,
      crmRecordId: '8801',
      managerOwnerId: '70001',
      owners: phoenix.owners,
      unavailableOwners: [],
      holidays: ['2026-12-25'],
      businessHours: phoenix.businessHours,
    });
  });

  it('refuses hours, dates and company ids in the wrong shape, and clearing every day of configured hours', () => {
    const d = locationDraft(settings.locations[0]!, 'UTC');
    expect(locationErrors({ ...d, crmRecordId: 'acme', holidays: '2026-12-25, Dec 31' }, false, true)).toEqual({
      crmRecordId: 'The HubSpot company record id (digits)',
      holidays: 'Not a date (YYYY-MM-DD): Dec 31',
    });
    const cleared = { ...d, hours: { mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' } };
    expect(Object.keys(locationErrors(cleared, false, true))).toEqual(['hours.mon']);
    expect(locationErrors(cleared, false, false)).toEqual({});
  });

  it('writes back the whole policy with edits applied, blanks removed and unknown keys kept', () => {
    const policy = {
      sla: { newLead: '15m', afterHours: 'nextOpen+30m' },
      contactMinTalkSeconds: 20,
      repeatDialWindow: '1h',
    };
    const draft = {
      ...policyDraft(policy),
      'sla.afterHours': '',
      'attributionWindow.revenue': '14d',
      contactMinTalkSeconds: '45',
    };
    expect(policyErrors(draft)).toEqual({});
    expect(applyPolicy(policy, draft)).toEqual({
      sla: { newLead: '15m' },
      contactMinTalkSeconds: 45,
      repeatDialWindow: '1h',
      attributionWindow: { revenue: '14d' },
    });
    expect(policy.sla.afterHours).toBe('nextOpen+30m');
    expect(policyErrors({ ...draft, 'sla.afterHours': '15m', contactMinTalkSeconds: '3.5' })).toEqual({
      'sla.afterHours': 'nextOpen+<duration>, e.g. nextOpen+15m',
      contactMinTalkSeconds: 'Whole seconds, e.g. 30',
    });
  });
});
