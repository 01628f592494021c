/**
 * The settings page's forms as plain data: drafts of text fields, the checks the server would make
 * anyway (so a typo is caught before a round trip), and the bodies the `/hubspot/settings/*`
 * endpoints take. Formats follow the config file (contract §2): durations like `15m`, after-hours
 * SLAs like `nextOpen+15m`, hours like `08:00-17:00` (comma-separated for breaks).
 */
import type { SettingsResponse } from './lib/types.ts';

export type Errors = Record<string, string>;

const ID = /^[a-z0-9-]+$/;
const DURATION = /^\d+[smhd]$/;
const AFTER_HOURS = /^nextOpen\+\d+[smhd]$/;
const HOURS = /^\d\d:\d\d-\d\d:\d\d(,\s*\d\d:\d\d-\d\d:\d\d)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const WEEKDAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
type Weekday = (typeof WEEKDAYS)[number][0];

/** "a, b\nc" → ["a", "b", "c"]: lists are typed one per line or comma-separated. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---- locations -------------------------------------------------------------------------------

type SettingsLocation = SettingsResponse['locations'][number];

export interface LocationDraft {
  id: string;
  name: string;
  timezone: string;
  vertical: string;
  trackingNumbers: string;
  crmRecordId: string;
  owners: string;
  unavailableOwners: string;
  managerOwnerId: string;
  hours: Record<Weekday, string>;
  holidays: string;
}

export function locationDraft(l: SettingsLocation | null, defaultTimezone: string): LocationDraft {
  return {
    id: l?.id ?? '',
    name: l?.name ?? '',
    timezone: l?.timezone ?? defaultTimezone,
    vertical: l?.vertical ?? '',
    trackingNumbers: (l?.trackingNumbers ?? []).join('\n'),
    crmRecordId: l?.crmRecordId ?? '',
    owners: (l?.owners ?? []).join(', '),
    unavailableOwners: (l?.unavailableOwners ?? []).join(', '),
    managerOwnerId: l?.managerOwnerId ?? '',
    hours: Object.fromEntries(WEEKDAYS.map(([d]) => [d, l?.businessHours?.[d] ?? ''])) as Record<Weekday, string>,
    holidays: (l?.holidays ?? []).join(', '),
  };
}

export function locationErrors(d: LocationDraft, isNew: boolean, hadHours: boolean): Errors {
  const e: Errors = {};
  if (isNew && !ID.test(d.id)) e.id = 'Lower-case letters, digits and dashes, e.g. phoenix-east';
  if (!d.name.trim()) e.name = 'Required';
  if (!d.timezone.trim()) e.timezone = 'Required, e.g. America/Phoenix';
  if (d.crmRecordId.trim() && !/^\d+$/.test(d.crmRecordId.trim()))
    e.crmRecordId = 'The HubSpot company record id (digits)';
  for (const [day, label] of WEEKDAYS) {
    const v = d.hours[day].trim();
    if (v && !HOURS.test(v)) e[`hours.${day}`] = `${label}: HH:MM-HH:MM, comma-separated for breaks`;
  }
  // The settings API merges; it cannot turn configured hours back into "always open".
  if (hadHours && WEEKDAYS.every(([day]) => !d.hours[day].trim()))
    e['hours.mon'] = 'Give at least one day hours (always-open is set in the config file)';
  const bad = splitList(d.holidays).find((h) => !DATE.test(h));
  if (bad) e.holidays = `Not a date (YYYY-MM-DD): ${bad}`;
  return e;
}

/** The body of `PUT /hubspot/settings/locations/:id`; fields left blank keep their current value. */
export function locationPatch(d: LocationDraft): Record<string, unknown> {
  const hours = Object.fromEntries(WEEKDAYS.map(([day]) => [day, d.hours[day].trim()]).filter(([, v]) => v));
  const patch: Record<string, unknown> = {
    name: d.name.trim(),
    timezone: d.timezone.trim(),
    trackingNumbers: splitList(d.trackingNumbers),
    owners: splitList(d.owners),
    unavailableOwners: splitList(d.unavailableOwners),
    holidays: splitList(d.holidays),
  };
  if (d.vertical.trim()) patch.vertical = d.vertical.trim();
  if (d.crmRecordId.trim()) patch.crmRecordId = d.crmRecordId.trim();
  if (d.managerOwnerId.trim()) patch.managerOwnerId = d.managerOwnerId.trim();
  if (Object.keys(hours).length) patch.businessHours = hours;
  return patch;
}

// ---- SLA policy ------------------------------------------------------------------------------

/** The policy keys the page edits, with the contract §2 defaults shown as placeholders. */
export const POLICY_FIELDS = [
  { path: ['sla', 'newLead'], label: 'SLA for a new lead', fallback: '30m', kind: 'duration' },
  { path: ['sla', 'existingCustomer'], label: 'SLA for an existing customer', fallback: '4h', kind: 'duration' },
  { path: ['sla', 'highUrgency'], label: 'SLA for a high-urgency call', fallback: '5m', kind: 'duration' },
  { path: ['sla', 'afterHours'], label: 'SLA after hours', fallback: 'nextOpen+15m', kind: 'afterHours' },
  {
    path: ['escalation', 'corporateAfter'],
    label: 'Escalate to corporate this long after the SLA',
    fallback: '4h',
    kind: 'duration',
  },
  { path: ['lostAfter'], label: 'Count a call as lost after', fallback: '7d', kind: 'duration' },
  {
    path: ['contactMinTalkSeconds'],
    label: 'Talk time that counts as reached (seconds)',
    fallback: '30',
    kind: 'seconds',
  },
  { path: ['attributionWindow', 'booking'], label: 'Credit a booking within', fallback: '7d', kind: 'duration' },
  { path: ['attributionWindow', 'revenue'], label: 'Credit revenue within', fallback: '30d', kind: 'duration' },
] as const;

export type PolicyDraft = Record<string, string>;
const key = (path: readonly string[]) => path.join('.');

function read(policy: Record<string, unknown>, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    policy,
  );
}

export function policyDraft(policy: Record<string, unknown>): PolicyDraft {
  return Object.fromEntries(POLICY_FIELDS.map((f) => [key(f.path), String(read(policy, f.path) ?? '')]));
}

export function policyErrors(d: PolicyDraft): Errors {
  const e: Errors = {};
  for (const f of POLICY_FIELDS) {
    const v = d[key(f.path)]?.trim() ?? '';
    if (!v) continue;
    if (f.kind === 'duration' && !DURATION.test(v)) e[key(f.path)] = 'A duration like 30s, 15m, 4h or 7d';
    if (f.kind === 'afterHours' && !AFTER_HOURS.test(v)) e[key(f.path)] = 'nextOpen+<duration>, e.g. nextOpen+15m';
    if (f.kind === 'seconds' && !/^\d{1,5}$/.test(v)) e[key(f.path)] = 'Whole seconds, e.g. 30';
  }
  return e;
}

/**
 * The whole policy for `PUT /hubspot/settings/policy` (it replaces the stored one): the current
 * policy with the edited keys set, blank ones removed (back to the default), others untouched.
 */
export function applyPolicy(policy: Record<string, unknown>, d: PolicyDraft): Record<string, unknown> {
  const next = structuredClone(policy);
  for (const f of POLICY_FIELDS) {
    const v = d[key(f.path)]?.trim() ?? '';
    const parents = f.path.slice(0, -1);
    const leaf = f.path[f.path.length - 1]!;
    let into = next;
    for (const p of parents) {
      if (!into[p] || typeof into[p] !== 'object') into[p] = {};
      into = into[p] as Record<string, unknown>;
    }
    if (v) into[leaf] = f.kind === 'seconds' ? Number(v) : v;
    else delete into[leaf];
  }
  for (const group of ['sla', 'escalation', 'attributionWindow']) {
    const g = next[group];
    if (g && typeof g === 'object' && Object.keys(g).length === 0) delete next[group];
  }
  return next;
}
