/**
 * The HubSpot records a missed case becomes, as property maps (pure; contract §6): the inbound call
 * activity and the follow-up call task with its callback script. Values are strings, as HubSpot
 * takes them; bodies are small HTML because `hs_call_body` / `hs_task_body` are rich-text fields.
 */
import { DateTime } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CrmCase } from '../port.ts';
import { scriptFor } from './callback-script.ts';

/** HubSpot's default call outcomes (`hs_call_disposition`), fixed GUIDs in every portal. */
export const DISPOSITION = {
  busy: '9d9162e7-6cf3-4944-bf63-4dff82258764',
  connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  leftVoicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  noAnswer: '73a0d17f-1163-4015-bdd5-ec830791da20',
} as const;

const CATEGORY_LABEL: Record<CrmCase['category'], string> = {
  no_answer: 'call',
  voicemail: 'call (voicemail left)',
  abandoned: 'call (caller hung up)',
  busy: 'call (line busy)',
};

const STATUS: Record<CrmCase['category'], string> = { no_answer: 'NO_ANSWER', voicemail: 'NO_ANSWER', abandoned: 'CANCELED', busy: 'BUSY' };
const PRIORITY: Record<CrmCase['urgency'], string> = { high: 'HIGH', normal: 'MEDIUM', low: 'LOW' };
const INTENT_LABEL: Record<string, string> = {
  new_lead: 'new lead',
  existing_customer: 'existing customer',
  service: 'service question about existing work',
  wrong_number: 'wrong number',
  unknown: 'unknown',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const paragraph = (s: string) => `<p>${s}</p>`;

export function displayNumber(e164: string | null): string {
  if (!e164) return 'unknown number';
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** The caller as a person would name them: the provider's caller name when it is a name, else the number. */
export function callerLabel(c: Pick<CrmCase, 'callerName' | 'callerE164'>): string {
  const name = personName(c.callerName);
  return name ? `${name.first}${name.last ? ` ${name.last}` : ''}` : displayNumber(c.callerE164);
}

/**
 * First and last name from a caller-ID name, or null when it is not a person's name: carriers put
 * places and line types there ("PHOENIX, AZ", "WIRELESS CALLER", "TOLL FREE CALL").
 */
export function personName(raw: string | null): { first: string; last: string | null } | null {
  const name = (raw ?? '').trim();
  if (name === '' || /\d/.test(name) || /,\s*[A-Z]{2}$/.test(name)) return null;
  if (/\b(wireless|caller|unknown|unavailable|private|anonymous|toll free|restricted|cell phone|phone)\b/i.test(name)) return null;
  const titled = name
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  // Caller ID often says "LAST FIRST" in capitals; with no way to tell, keep the order given.
  return { first: titled[0]!, last: titled.length > 1 ? titled.slice(1).join(' ') : null };
}

function localTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at).setZone(zone).toFormat("ccc LLL d 'at' h:mm a ZZZZ");
}

export function callProperties(c: CrmCase, key: string): Record<string, string> {
  const where = c.locationName ? ` at ${c.locationName}` : '';
  const lines = [
    `Missed inbound ${CATEGORY_LABEL[c.category]}${where}${c.afterHours ? ', after hours' : ''}, ${localTime(c.missedAt, c.timezone)}.`,
    `Source: ${c.source ?? 'unknown'}${c.campaign ? ` (campaign ${c.campaign})` : ''}.`,
    `Intent: ${INTENT_LABEL[c.intent] ?? c.intent}; urgency ${c.urgency}.`,
  ];
  if (c.transcript) lines.push(`Transcript: “${excerpt(c.transcript, 500)}”`);
  lines.push(`Logged by Ringback (${key}).`);
  const props: Record<string, string> = {
    hs_timestamp: c.missedAt.toISOString(),
    hs_call_direction: 'INBOUND',
    hs_call_status: STATUS[c.category],
    hs_call_title: `Missed call from ${callerLabel(c)}`,
    hs_call_body: lines.map((l) => paragraph(escapeHtml(l))).join(''),
    hs_call_from_number: c.callerE164,
    ringback_key: key,
  };
  if (c.trackingE164) props.hs_call_to_number = c.trackingE164;
  if (c.category === 'voicemail') {
    props.hs_call_has_voicemail = 'true';
    props.hs_call_disposition = DISPOSITION.leftVoicemail;
  } else if (c.category === 'no_answer') {
    props.hs_call_disposition = DISPOSITION.noAnswer;
  } else if (c.category === 'busy') {
    props.hs_call_disposition = DISPOSITION.busy;
  }
  if (c.recordingUrl) props.hs_call_recording_url = c.recordingUrl;
  return props;
}

export function taskSubject(c: CrmCase): string {
  const where = c.locationName ? ` at ${c.locationName}` : '';
  return `Call back ${callerLabel(c)} — missed ${CATEGORY_LABEL[c.category]}${where}`;
}

export function taskProperties(c: CrmCase, key: string, ownerId: string | null, otherMatches: string[] = []): Record<string, string> {
  const props: Record<string, string> = {
    hs_task_type: 'CALL',
    hs_timestamp: c.slaDueAt.toISOString(),
    hs_task_status: 'NOT_STARTED',
    hs_task_priority: PRIORITY[c.urgency],
    hs_task_subject: taskSubject(c),
    hs_task_body: taskBody(c, key, otherMatches),
    ringback_key: key,
  };
  if (ownerId) props.hubspot_owner_id = ownerId;
  return props;
}

export function taskBody(c: CrmCase, key: string, otherMatches: string[] = []): string {
  const script = scriptFor(c.vertical);
  const name = personName(c.callerName)?.first ?? 'there';
  const fill = (s: string) =>
    s
      .replace('{name}', name)
      .replace('{location}', c.locationName ?? 'our office')
      .replace('{when}', DateTime.fromJSDate(c.missedAt).setZone(c.timezone).toFormat("'at' h:mm a"));
  const known = [
    `Number: ${displayNumber(c.callerE164)}${c.trackingE164 ? ` (called ${displayNumber(c.trackingE164)})` : ''}`,
    `Missed: ${CATEGORY_LABEL[c.category]}, ${localTime(c.missedAt, c.timezone)}${c.afterHours ? ' (after hours)' : ''}`,
    `Call back by: ${localTime(c.slaDueAt, c.timezone)}`,
    `Intent: ${INTENT_LABEL[c.intent] ?? c.intent}; urgency ${c.urgency}`,
    `Source: ${c.source ?? 'unknown'}${c.campaign ? ` (campaign ${c.campaign})` : ''}`,
  ];
  if (c.reasons.length > 0) known.push(`Why: ${c.reasons.join('; ')}`);
  if (c.repeatCount > 0) known.push(`Called ${c.repeatCount + 1} times without reaching anyone`);
  if (c.transcript) known.push(`They said: “${excerpt(c.transcript, 400)}”`);
  if (c.recordingUrl) known.push(`Recording: ${c.recordingUrl}`);
  if (otherMatches.length > 0) known.push(`Other contacts with this number: ${otherMatches.join(', ')}`);
  return [
    paragraph(`<strong>Callback script (${escapeHtml(script.label)})</strong>`),
    paragraph(`1. ${escapeHtml(fill(script.opener))}`),
    ...script.questions.map((q, i) => paragraph(`${i + 2}. ${escapeHtml(q)}`)),
    paragraph(`${script.questions.length + 2}. ${escapeHtml(script.close)}`),
    paragraph('<strong>What we know</strong>'),
    ...known.map((k) => paragraph(escapeHtml(k))),
    paragraph(escapeHtml(`Created by Ringback (${key}).`)),
  ].join('');
}

/** A note appended to a task body (escalation, spam), as one more paragraph. */
export function appendNote(body: string | null | undefined, note: string): string {
  return `${body ?? ''}${paragraph(escapeHtml(note))}`;
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
