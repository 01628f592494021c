import { describe, expect, it } from 'vitest';
import { classifyHubSpot, classifySalesforce } from './crm-call-classes.ts';

describe('classifyHubSpot', () => {
  it('counts the case-write requests as writes', () => {
    for (const [method, path] of [
      ['POST', '/crm/v3/objects/contacts/search'],
      ['POST', '/crm/v3/objects/contacts/batch/upsert'],
      ['POST', '/crm/v3/objects/calls/batch/create'],
      ['POST', '/crm/v3/objects/tasks/batch/create'],
      ['GET', '/crm/v3/objects/contacts/1234'],
      ['POST', '/crm/v3/objects/tasks'],
      ['PUT', '/crm/v4/objects/tasks/1/associations/default/contacts/2'],
    ] as const)
      expect(classifyHubSpot(method, path), path).toBe('write');
  });

  it('sets apart property setup, token requests and the outcome poll', () => {
    expect(classifyHubSpot('POST', '/crm/v3/properties/contacts/batch/read')).toBe('setup');
    expect(classifyHubSpot('POST', '/oauth/v1/token')).toBe('auth');
    for (const type of ['tasks', 'calls', 'deals', 'meetings'])
      expect(classifyHubSpot('POST', `/crm/v3/objects/${type}/search`)).toBe('poll');
    expect(classifyHubSpot('POST', '/crm/v4/associations/deals/contacts/batch/read')).toBe('poll');
  });
});

describe('classifySalesforce', () => {
  const composite = '/services/data/v62.0/composite';
  it('tells a case write from an outcome poll by the composite subrequests', () => {
    expect(classifySalesforce(composite, true, ['search', 'rbLeads', 'leadDescribe'])).toBe('write');
    expect(classifySalesforce(composite, true, ['lead', 'call', 'task'])).toBe('write');
    expect(classifySalesforce(composite, true, ['tasks', 'events', 'opps', 'leads'])).toBe('poll');
  });

  it('sets apart snapshot sync and OAuth, and skips what Salesforce does not count', () => {
    expect(classifySalesforce('/services/data/v62.0/composite/sobjects/Ringback_Snapshot__c/Key__c', true)).toBe(
      'sync',
    );
    expect(classifySalesforce('/services/oauth2/token', false)).toBe('auth');
    expect(classifySalesforce('/services/data/v62.0/sobjects/Task', false)).toBeNull();
    expect(classifySalesforce('/services/data/v62.0/search', true)).toBe('write');
  });
});
