import { describe, expect, it } from 'vitest';
import { hoursFromForm, hoursToForm, listFromText, policyFromForm, policyToForm } from './setup-forms.ts';

describe('setup forms', () => {
  it('a policy survives the round trip through the form; blank fields inherit', () => {
    const policy = { sla: { newLead: '10m', afterHours: 'nextOpen+30m' }, contactMinTalkSeconds: 45, lostAfter: '5d' };
    const form = policyToForm(policy);
    expect(form['sla.highUrgency']).toBe('');
    expect(policyFromForm(form)).toEqual({ ok: true, value: policy });
    expect(policyFromForm(policyToForm({}))).toEqual({ ok: true, value: {} });
  });

  it('refuses what the server would refuse, naming the field', () => {
    const form = policyToForm({});
    expect(policyFromForm({ ...form, 'sla.newLead': 'soon' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^SLA, new lead: a duration/),
    });
    expect(policyFromForm({ ...form, 'sla.afterHours': '15m' })).toEqual({
      ok: false,
      error: expect.stringMatching(/nextOpen\+/),
    });
    expect(policyFromForm({ ...form, noiseMaxSeconds: '5s' })).toEqual({
      ok: false,
      error: expect.stringMatching(/whole number/),
    });
  });

  it('business hours: days as typed, blank days closed, never-open refused, or always open', () => {
    const form = hoursToForm({ mon: '08:00-18:00', sat: '09:00-13:00' });
    expect(form.alwaysOpen).toBe(false);
    expect(hoursFromForm(form)).toEqual({ ok: true, value: { mon: '08:00-18:00', sat: '09:00-13:00' } });
    expect(hoursFromForm({ ...form, days: { ...form.days, tue: '07:00-12:00, 13:00-19:00' } })).toMatchObject({
      ok: true,
      value: { tue: '07:00-12:00, 13:00-19:00' },
    });
    expect(hoursFromForm({ ...form, days: { ...form.days, mon: '8 to 6' } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Monday/),
    });
    expect(hoursFromForm(hoursToForm({}))).toEqual({ ok: false, error: expect.stringMatching(/at least one day/) });
    expect(hoursFromForm(hoursToForm(null))).toEqual({ ok: true, value: undefined });
  });

  it('lists split on commas and lines', () => {
    expect(listFromText(' a, b\n\nc ,')).toEqual(['a', 'b', 'c']);
  });
});
