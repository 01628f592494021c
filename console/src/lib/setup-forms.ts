/**
 * Setup form values ⇄ the API's config shapes (the config file's own terms). Empty fields mean
 * "not set here": the policy inherits, the day is closed. Pure: tested in node.
 */
import type { PolicyConfig } from '../api/types.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export interface HoursForm {
  alwaysOpen: boolean;
  days: Record<Weekday, string>;
}

const HOURS = /^\d\d:\d\d-\d\d:\d\d(,\s*\d\d:\d\d-\d\d:\d\d)*$/;

export function hoursToForm(hours: Record<string, string> | null): HoursForm {
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, hours?.[d] ?? ''])) as Record<Weekday, string>;
  return { alwaysOpen: hours === null, days };
}

/** The `businessHours` to send (undefined = always open), or an error message. */
export function hoursFromForm(
  form: HoursForm,
): { ok: true; value: Record<string, string> | undefined } | { ok: false; error: string } {
  if (form.alwaysOpen) return { ok: true, value: undefined };
  const value: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const text = form.days[day].trim();
    if (!text) continue;
    if (!HOURS.test(text))
      return { ok: false, error: `${WEEKDAY_NAMES[day]}: write hours as HH:MM-HH:MM, comma-separated for breaks` };
    value[day] = text;
  }
  if (Object.keys(value).length === 0)
    return { ok: false, error: 'The location must open on at least one day, or choose "Always open".' };
  return { ok: true, value };
}

/** A policy form: one text field per key, '' = inherit. */
export type PolicyForm = Record<PolicyField, string>;

export const POLICY_FIELDS = [
  { id: 'sla.highUrgency', label: 'SLA, high urgency', hint: 'e.g. 5m' },
  { id: 'sla.newLead', label: 'SLA, new lead', hint: 'e.g. 30m' },
  { id: 'sla.existingCustomer', label: 'SLA, existing customer', hint: 'e.g. 4h' },
  { id: 'sla.afterHours', label: 'SLA, after hours', hint: 'e.g. nextOpen+15m' },
  { id: 'attributionWindow.booking', label: 'Booking attribution window', hint: 'e.g. 7d' },
  { id: 'attributionWindow.revenue', label: 'Revenue attribution window', hint: 'e.g. 30d' },
  { id: 'contactMinTalkSeconds', label: 'Minimum talk time for a contact (seconds)', hint: 'e.g. 30' },
  { id: 'repeatDialWindow', label: 'Repeat-dial window', hint: 'e.g. 30m' },
  { id: 'noiseMaxSeconds', label: 'Noise: abandoned rings shorter than (seconds)', hint: 'e.g. 5' },
  { id: 'lostAfter', label: 'Lost after', hint: 'e.g. 7d' },
  { id: 'escalation.corporateAfter', label: 'Escalate to corporate after SLA by', hint: 'e.g. 4h' },
] as const;

export type PolicyField = (typeof POLICY_FIELDS)[number]['id'];
const NUMERIC: ReadonlySet<PolicyField> = new Set<PolicyField>(['contactMinTalkSeconds', 'noiseMaxSeconds']);
const DURATION = /^\d+[smhd]$/;
const AFTER_HOURS = /^nextOpen\+\d+[smhd]$/;

function read(policy: PolicyConfig | null | undefined, field: PolicyField): string {
  const [a, b] = field.split('.') as [string, string | undefined];
  const top = (policy as Record<string, unknown> | null | undefined)?.[a];
  const value = b ? (top as Record<string, unknown> | undefined)?.[b] : top;
  return value === undefined || value === null ? '' : String(value);
}

export function policyToForm(policy: PolicyConfig | null | undefined): PolicyForm {
  return Object.fromEntries(POLICY_FIELDS.map((f) => [f.id, read(policy, f.id)])) as PolicyForm;
}

export function policyFromForm(form: PolicyForm): { ok: true; value: PolicyConfig } | { ok: false; error: string } {
  const out: Record<string, unknown> = {};
  for (const f of POLICY_FIELDS) {
    const text = form[f.id].trim();
    if (!text) continue;
    let value: string | number = text;
    if (NUMERIC.has(f.id)) {
      if (!/^\d+$/.test(text)) return { ok: false, error: `${f.label}: a whole number of seconds` };
      value = Number(text);
    } else if (f.id === 'sla.afterHours' ? !AFTER_HOURS.test(text) : !DURATION.test(text)) {
      return {
        ok: false,
        error: `${f.label}: ${f.id === 'sla.afterHours' ? 'nextOpen+<duration>, e.g. nextOpen+15m' : 'a duration like 30s, 5m, 4h or 7d'}`,
      };
    }
    const [a, b] = f.id.split('.') as [string, string | undefined];
    if (b) out[a] = { ...((out[a] as Record<string, unknown>) ?? {}), [b]: value };
    else out[a] = value;
  }
  return { ok: true, value: out as PolicyConfig };
}

/** "a, b\nc" → ["a", "b", "c"]. */
export function listFromText(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
