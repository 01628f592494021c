import { describe, expect, it } from 'vitest';
import { crmLinks, describeDetail } from './crm-links.ts';

const crm = (kind: string, contactId: string | null, taskId: string | null = null, callId: string | null = null) => ({
  crm: { kind, contactId, contactCreated: false, callId, taskId, ownerId: null, error: null },
});
const install = { hubspot: '', salesforce: '' };

describe('CRM links of a case', () => {
  it('HubSpot: the contact record and the task in the portal', () => {
    const links = crmLinks(crm('hubspot', '501', '901'), {
      kind: 'hubspot',
      portalId: 123,
      baseUrl: null,
      instanceUrl: null,
      install,
    });
    expect(links).toEqual([
      { label: 'HubSpot contact', href: 'https://app.hubspot.com/contacts/123/record/0-1/501' },
      { label: 'HubSpot task', href: 'https://app.hubspot.com/tasks/123/view/all/task/901' },
    ]);
  });

  it('the sandbox CRM links to its browsable state', () => {
    const links = crmLinks(crm('hubspot', '501'), {
      kind: 'hubspot',
      portalId: 990001,
      baseUrl: 'http://localhost:3000/sandbox/hubspot',
      instanceUrl: null,
      install,
    });
    expect(links).toEqual([
      { label: 'Sandbox CRM records', href: 'http://localhost:3000/sandbox/hubspot/_emulator/state' },
    ]);
  });

  it('Salesforce: Lightning record pages, Lead or Contact by id prefix', () => {
    const links = crmLinks(crm('salesforce', '00Q5g00000ABCDE', '00T5g00000TASK1', '00T5g00000CALL1'), {
      kind: 'salesforce',
      portalId: null,
      baseUrl: null,
      instanceUrl: 'https://acme.my.salesforce.com/',
      install,
    });
    expect(links.map((l) => l.href)).toEqual([
      'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000ABCDE/view',
      'https://acme.my.salesforce.com/lightning/r/Task/00T5g00000CALL1/view',
      'https://acme.my.salesforce.com/lightning/r/Task/00T5g00000TASK1/view',
    ]);
    expect(
      crmLinks(crm('salesforce', '0035g00000XYZ'), {
        kind: 'salesforce',
        portalId: null,
        baseUrl: null,
        instanceUrl: 'https://acme.my.salesforce.com',
        install,
      })[0]!.label,
    ).toBe('Salesforce contact');
  });

  it('nothing when the case has no CRM', () => {
    expect(crmLinks(crm('', null), null)).toEqual([]);
  });

  it('audit details read as one line, without the long reasons', () => {
    expect(describeDetail({ from: 'open', call: 'CAL1', reasons: ['x'], note: 'n', tags: [] })).toBe(
      'from: open · call: CAL1',
    );
  });
});
