/**
 * The LeadSource a new Lead gets: the call's source when the org's picklist accepts it, else
 * "Phone Inquiry" (contract §6). Orgs often restrict the picklist, and a value outside a restricted
 * picklist fails the whole save, so the Lead describe (read once per port) decides.
 */

export interface PicklistDescribe {
  name: string;
  restrictedPicklist?: boolean;
  picklistValues?: Array<{ value: string; active?: boolean }>;
}

export const FALLBACK_LEAD_SOURCE = 'Phone Inquiry';

/** The LeadSource field from a Lead describe (null when the integration user cannot see it). */
export function leadSourceField(describe: { fields?: PicklistDescribe[] } | null): PicklistDescribe | null {
  return describe?.fields?.find((f) => f.name === 'LeadSource') ?? null;
}

export function pickLeadSource(field: PicklistDescribe | null, source: string | null): string | null {
  if (!field) return null;
  const active = (field.picklistValues ?? []).filter((v) => v.active !== false).map((v) => v.value);
  const listed = (value: string) => active.find((v) => v.toLowerCase() === value.trim().toLowerCase()) ?? null;
  const restricted = field.restrictedPicklist === true;
  if (source && source.trim() !== '') {
    const hit = listed(source);
    if (hit) return hit;
    if (!restricted) return source.trim().slice(0, 255);
  }
  return listed(FALLBACK_LEAD_SOURCE) ?? (restricted ? null : FALLBACK_LEAD_SOURCE);
}
