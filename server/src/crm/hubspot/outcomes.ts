/**
 * What happened with a caller after the miss, read back from HubSpot (contract §5 outcomes): a rep
 * completing a task (an attempt at completion time), an outbound call logged by a rep (an attempt; a
 * contact when its outcome is Connected or it lasted long enough), a deal created for the contact or
 * a meeting booked (a booking), a deal closed won (revenue with its amount). Webhook events are
 * mapped one by one (`outcomesForEvent`); the periodic catch-up searches for the same changes since
 * a cursor (`pollOutcomes`). Both give each outcome the same `externalId`, so whichever path sees it
 * first records it and the other is a no-op. Records Ringback wrote itself (they carry
 * `ringback_key`: its inbound calls, its spam-closed tasks) are never outcomes.
 */
import type { CrmOutcome } from '../port.ts';
import type { HubSpotClient } from './client.ts';
import { HubSpotError } from './errors.ts';
import { DISPOSITION } from './engagement-properties.ts';

export interface HubSpotOutcome extends CrmOutcome {
  /** The case the outcome names (a Ringback follow-up task), when there is one. */
  missedCallId?: string | null;
  /** The task the outcome is about, to find its case. */
  taskId?: string | null;
}

export interface HubSpotEvent {
  eventId: number | string;
  portalId: number | string;
  objectId: number | string;
  subscriptionType: string;
  occurredAt?: number;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
}

interface Record_ {
  id: string;
  properties: Record<string, string | null>;
  associations?: { contacts?: { results?: Array<{ id: string | number }> } };
}

const NOT_REACHED = new Set<string>([DISPOSITION.noAnswer, DISPOSITION.busy, DISPOSITION.leftVoicemail, '17b47fee-58de-441e-a44c-c6300d46f273', 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff']);
const SPAM_MARKER = '[Ringback: spam]';

const TASK_PROPS = ['hs_task_status', 'hs_task_completion_date', 'hs_task_body', 'ringback_key', 'hs_lastmodifieddate'];
const CALL_PROPS = ['hs_call_direction', 'hs_call_disposition', 'hs_call_duration', 'hs_timestamp', 'ringback_key', 'hs_createdate'];
const DEAL_PROPS = ['dealstage', 'amount', 'closedate', 'hs_is_closed_won', 'createdate', 'hs_lastmodifieddate'];
const MEETING_PROPS = ['hs_createdate', 'hs_timestamp', 'hs_meeting_outcome'];

function time(...values: Array<string | null | undefined | number>): Date {
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const ms = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isFinite(ms)) return new Date(ms);
  }
  return new Date();
}

function contactsOf(r: Record_): string[] {
  return (r.associations?.contacts?.results ?? []).map((a) => String(a.id));
}

function perContact(r: Record_, contacts: string[], make: (personId: string) => HubSpotOutcome): HubSpotOutcome[] {
  return [...new Set(contacts)].map(make);
}

export function taskOutcomes(task: Record_, contacts: string[], fallbackAt?: number): HubSpotOutcome[] {
  const p = task.properties;
  if (p.hs_task_status !== 'COMPLETED' || (p.hs_task_body ?? '').includes(SPAM_MARKER)) return [];
  const at = time(p.hs_task_completion_date, fallbackAt);
  return perContact(task, contacts, (personId) => ({ externalId: `task:${task.id}:completed`, type: 'attempt', at, personId, taskId: task.id }));
}

export function callOutcomes(call: Record_, contacts: string[]): HubSpotOutcome[] {
  const p = call.properties;
  if (p.hs_call_direction !== 'OUTBOUND' || p.ringback_key) return [];
  const durationMs = Number(p.hs_call_duration ?? 0) || 0;
  const connected = p.hs_call_disposition === DISPOSITION.connected;
  const answered = connected || (durationMs > 0 && !NOT_REACHED.has(p.hs_call_disposition ?? ''));
  const at = time(p.hs_timestamp, p.hs_createdate);
  // A disposition set later (logged first, Connected afterwards) adds the contact; the attempt stays.
  return perContact(call, contacts, (personId) => ({
    externalId: connected ? `call:${call.id}:connected` : `call:${call.id}`,
    type: connected ? 'contact' : 'attempt',
    at,
    personId,
    answered,
    talkSeconds: Math.round(durationMs / 1000),
  }));
}

export function dealCreatedOutcomes(deal: Record_, contacts: string[], fallbackAt?: number): HubSpotOutcome[] {
  const at = time(deal.properties.createdate, fallbackAt);
  return perContact(deal, contacts, (personId) => ({ externalId: `deal:${deal.id}:created`, type: 'booking', at, personId }));
}

export function dealWonOutcomes(deal: Record_, contacts: string[], fallbackAt?: number): HubSpotOutcome[] {
  const p = deal.properties;
  if (p.hs_is_closed_won !== 'true') return [];
  const at = time(p.closedate, fallbackAt, p.hs_lastmodifieddate);
  const amount = Number(p.amount ?? 0) || 0;
  // One revenue per deal whatever the number of contacts: the amount must not be counted twice.
  return perContact(deal, contacts.slice(0, 1), (personId) => ({ externalId: `deal:${deal.id}:won`, type: 'revenue', at, personId, amount }));
}

export function meetingOutcomes(meeting: Record_, contacts: string[], fallbackAt?: number): HubSpotOutcome[] {
  const p = meeting.properties;
  if (p.hs_meeting_outcome === 'CANCELED') return [];
  const at = time(p.hs_createdate, fallbackAt);
  return perContact(meeting, contacts, (personId) => ({ externalId: `meeting:${meeting.id}`, type: 'booking', at, personId }));
}

async function readWithContacts(client: HubSpotClient, type: string, id: string, properties: string[]): Promise<Record_ | null> {
  try {
    return await client.request<Record_>({
      method: 'GET',
      path: `/crm/v3/objects/${type}/${encodeURIComponent(id)}`,
      qs: { properties: properties.join(','), associations: 'contacts' },
      what: `read a ${type.replace(/s$/, '')} for its outcome`,
      idempotent: true,
    });
  } catch (err) {
    if (err instanceof HubSpotError && err.httpStatus === 404) return null;
    throw err;
  }
}

/** The outcomes one webhook event stands for (none for events that are not outcomes). */
export async function outcomesForEvent(client: HubSpotClient, e: HubSpotEvent): Promise<HubSpotOutcome[]> {
  const id = String(e.objectId);
  const type = e.subscriptionType;
  const at = e.occurredAt;
  const objectType = e.objectTypeId ?? '';
  // Legacy apps get `deal.*` events; apps on the developer platform get `object.*` with the type id.
  if (type === 'deal.creation' || (type === 'object.creation' && objectType === '0-3')) {
    const deal = await readWithContacts(client, 'deals', id, DEAL_PROPS);
    return deal ? [...dealCreatedOutcomes(deal, contactsOf(deal), at), ...dealWonOutcomes(deal, contactsOf(deal), at)] : [];
  }
  const dealChange = type === 'deal.propertyChange' || (type === 'object.propertyChange' && objectType === '0-3');
  if (dealChange && ['dealstage', 'hs_is_closed_won', 'amount'].includes(e.propertyName ?? '')) {
    const deal = await readWithContacts(client, 'deals', id, DEAL_PROPS);
    return deal ? dealWonOutcomes(deal, contactsOf(deal), at) : [];
  }
  if ((type === 'object.propertyChange' && objectType === '0-27') || type === 'task.propertyChange') {
    if (e.propertyName !== 'hs_task_status' || e.propertyValue !== 'COMPLETED') return [];
    const task = await readWithContacts(client, 'tasks', id, TASK_PROPS);
    return task ? taskOutcomes(task, contactsOf(task), at) : [];
  }
  const callChange = type === 'object.propertyChange' && objectType === '0-48' && e.propertyName === 'hs_call_disposition';
  if ((type === 'object.creation' && objectType === '0-48') || callChange) {
    const call = await readWithContacts(client, 'calls', id, CALL_PROPS);
    return call ? callOutcomes(call, contactsOf(call)) : [];
  }
  if (type === 'object.creation' && objectType === '0-47') {
    const meeting = await readWithContacts(client, 'meetings', id, MEETING_PROPS);
    return meeting ? meetingOutcomes(meeting, contactsOf(meeting), at) : [];
  }
  return [];
}

/** HubSpot's search index trails writes; each poll looks back this far past the previous one. */
const POLL_OVERLAP_MS = 2 * 60_000;
const MAX_PAGES = 10;

async function searchSince(client: HubSpotClient, type: string, filters: object[], properties: string[]): Promise<Record_[]> {
  const out: Record_[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.request<{ results?: Record_[]; paging?: { next?: { after?: string } } }>({
      method: 'POST',
      path: `/crm/v3/objects/${type}/search`,
      body: { filterGroups: [{ filters }], properties, limit: 200, ...(after ? { after } : {}) },
      what: `search ${type} changed since the last poll`,
      search: true,
      idempotent: true,
    });
    out.push(...(res.results ?? []));
    after = res.paging?.next?.after;
    if (!after) break;
  }
  return out;
}

async function withContacts(client: HubSpotClient, type: string, records: Record_[]): Promise<Record_[]> {
  if (records.length === 0) return records;
  const byId = new Map<string, string[]>();
  for (let i = 0; i < records.length; i += 1000) {
    const res = await client.request<{ results?: Array<{ from: { id: string }; to: Array<{ toObjectId: number | string }> }> }>({
      method: 'POST',
      path: `/crm/v4/associations/${type}/contacts/batch/read`,
      body: { inputs: records.slice(i, i + 1000).map((r) => ({ id: r.id })) },
      what: `read the contacts of ${type}`,
      idempotent: true,
    });
    for (const r of res.results ?? []) byId.set(String(r.from.id), r.to.map((t) => String(t.toObjectId)));
  }
  return records.map((r) => ({ ...r, associations: { contacts: { results: (byId.get(r.id) ?? []).map((id) => ({ id })) } } }));
}

/** Outcomes since `cursor` (epoch ms as a string; null starts from now) and the next cursor. */
export async function pollOutcomes(client: HubSpotClient, cursor: string | null, now: Date): Promise<{ outcomes: HubSpotOutcome[]; cursor: string }> {
  const next = String(now.getTime() - POLL_OVERLAP_MS);
  if (cursor === null || !/^\d+$/.test(cursor)) return { outcomes: [], cursor: String(now.getTime()) };
  const since = cursor;
  const gte = (propertyName: string) => ({ propertyName, operator: 'GTE', value: since });
  const eq = (propertyName: string, value: string) => ({ propertyName, operator: 'EQ', value });
  const [tasks, calls, created, won, meetings] = [
    await searchSince(client, 'tasks', [eq('hs_task_status', 'COMPLETED'), gte('hs_task_completion_date')], TASK_PROPS),
    await searchSince(client, 'calls', [eq('hs_call_direction', 'OUTBOUND'), gte('hs_lastmodifieddate')], CALL_PROPS),
    await searchSince(client, 'deals', [gte('createdate')], DEAL_PROPS),
    await searchSince(client, 'deals', [eq('hs_is_closed_won', 'true'), gte('hs_lastmodifieddate')], DEAL_PROPS),
    await searchSince(client, 'meetings', [gte('hs_createdate')], MEETING_PROPS),
  ];
  const outcomes = [
    ...(await withContacts(client, 'tasks', tasks)).flatMap((t) => taskOutcomes(t, contactsOf(t))),
    ...(await withContacts(client, 'calls', calls)).flatMap((c) => callOutcomes(c, contactsOf(c))),
    ...(await withContacts(client, 'deals', created)).flatMap((d) => dealCreatedOutcomes(d, contactsOf(d))),
    ...(await withContacts(client, 'deals', won)).flatMap((d) => dealWonOutcomes(d, contactsOf(d))),
    ...(await withContacts(client, 'meetings', meetings)).flatMap((m) => meetingOutcomes(m, contactsOf(m))),
  ];
  return { outcomes, cursor: Number(next) > Number(since) ? next : since };
}
