import { describe, expect, it } from 'vitest';
import { pickLeadSource } from './lead-source.ts';

const values = (...v: string[]) => v.map((value) => ({ value, active: true }));

describe('LeadSource for a new Lead', () => {
  it("uses the call's source when the picklist lists it (case-insensitive), else Phone Inquiry", () => {
    const restricted = {
      name: 'LeadSource',
      restrictedPicklist: true,
      picklistValues: values('Web', 'Phone Inquiry', 'Yelp'),
    };
    expect(pickLeadSource(restricted, 'yelp')).toBe('Yelp');
    expect(pickLeadSource(restricted, 'Google Ads')).toBe('Phone Inquiry');
    expect(pickLeadSource(restricted, null)).toBe('Phone Inquiry');
  });

  it('leaves the field out when a restricted picklist has neither value', () => {
    expect(
      pickLeadSource({ name: 'LeadSource', restrictedPicklist: true, picklistValues: values('Web') }, 'Yelp'),
    ).toBeNull();
    expect(
      pickLeadSource(
        { name: 'LeadSource', restrictedPicklist: true, picklistValues: [{ value: 'Yelp', active: false }] },
        'Yelp',
      ),
    ).toBeNull();
  });

  it('accepts any source when the picklist is not restricted, and nothing when the field is not visible', () => {
    expect(
      pickLeadSource({ name: 'LeadSource', restrictedPicklist: false, picklistValues: values('Web') }, 'Google Ads'),
    ).toBe('Google Ads');
    expect(pickLeadSource(null, 'Web')).toBeNull();
  });
});
