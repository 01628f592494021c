/**
 * Links from a case to its CRM records. HubSpot: the contact record in the portal; Salesforce: the
 * Lightning record page (Lead ids start 00Q, Contact 003, Task 00T). The sandbox CRM has no UI of its
 * own, so its records link to the emulator's state page. Pure: tested in node.
 */
import type { AccountSetup, MissedCall } from '../api/types.ts';

export interface CrmLink {
  label: string;
  href: string;
}

export function crmLinks(c: Pick<MissedCall, 'crm'>, crm: AccountSetup['crm'] | null | undefined): CrmLink[] {
  if (!crm || !c.crm.kind) return [];
  const links: CrmLink[] = [];
  if (c.crm.kind === 'hubspot') {
    const sandbox = typeof crm.baseUrl === 'string' && crm.baseUrl.includes('/sandbox/hubspot');
    if (sandbox) {
      if (c.crm.contactId || c.crm.callId || c.crm.taskId)
        links.push({ label: 'Sandbox CRM records', href: `${crm.baseUrl}/_emulator/state` });
      return links;
    }
    if (c.crm.contactId && crm.portalId)
      links.push({
        label: 'HubSpot contact',
        href: `https://app.hubspot.com/contacts/${crm.portalId}/record/0-1/${c.crm.contactId}`,
      });
    if (c.crm.taskId && crm.portalId)
      links.push({
        label: 'HubSpot task',
        href: `https://app.hubspot.com/tasks/${crm.portalId}/view/all/task/${c.crm.taskId}`,
      });
    return links;
  }
  if (c.crm.kind === 'salesforce' && crm.instanceUrl) {
    const base = crm.instanceUrl.replace(/\/+$/, '');
    const record = (id: string) =>
      `${base}/lightning/r/${id.startsWith('00Q') ? 'Lead' : id.startsWith('003') ? 'Contact' : 'Task'}/${id}/view`;
    if (c.crm.contactId)
      links.push({
        label: `Salesforce ${c.crm.contactId.startsWith('00Q') ? 'lead' : 'contact'}`,
        href: record(c.crm.contactId),
      });
    if (c.crm.callId) links.push({ label: 'Salesforce call', href: record(c.crm.callId) });
    if (c.crm.taskId) links.push({ label: 'Salesforce follow-up task', href: record(c.crm.taskId) });
  }
  return links;
}

/** One line for an audit entry's detail, for people. */
export function describeDetail(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    if (v === null || v === undefined || k === 'reasons' || k === 'note') continue;
    if (Array.isArray(v)) {
      if (v.length) parts.push(`${k}: ${v.map(String).join(', ')}`);
    } else if (typeof v === 'object') {
      parts.push(`${k}: ${JSON.stringify(v)}`);
    } else {
      parts.push(`${k}: ${String(v)}`);
    }
  }
  return parts.join(' · ');
}
