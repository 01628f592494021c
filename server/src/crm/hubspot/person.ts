/**
 * Who called (contract §6 "Who"): the contact Ringback already knows for the number, else HubSpot's
 * contacts matching it on any phone field, else a new contact. HubSpot's phone search compares
 * national digits (area code + number, country code dropped), so the search sends those; several
 * matches → the most recently modified wins and the others are noted on the case.
 *
 * An existing customer is a contact whose lifecycle stage is customer or evangelist, or who has a
 * closed-won deal when their deals are read — which costs two more requests and is done only when
 * the contact looks like it has deals (stage opportunity, or `num_associated_deals` > 0); the open
 * deal found then is associated with the call and the task.
 *
 * A new contact is upserted by its unique `ringback_key` (`rb:person:<E.164>`), so a retry after a
 * crash, two cases of one new caller in one batch, or two processes racing while search has not
 * caught up all land on one contact. The person is saved on the case before anything else is
 * written, so a retry never searches again.
 */
import { nationalDigits, normalizePhone } from '@ringback/shared';
import type { CrmCase, CrmSession, PersonFound } from '../port.ts';
import type { HubSpotClient } from './client.ts';
import { HubSpotError } from './errors.ts';
import type { MicroBatcher } from './batcher.ts';
import { personName } from './engagement-properties.ts';
import type { OwnerFallback } from './owners.ts';

export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
}

export interface PersonLookup {
  person: PersonFound;
  /** The caller's open deal, for the call and task to be associated with. */
  openDealId: string | null;
}

export interface PersonDeps {
  client: HubSpotClient;
  /** Phone searches of the account's cases written at the same moment, one search request for all. */
  contactSearches: MicroBatcher<string, PhoneMatches>;
  /** Contacts upserted by `ringback_key`, batched with other cases of the account. */
  contactUpserts: MicroBatcher<ContactUpsert, HubSpotObject>;
  /** A new contact's owner may have been deleted in HubSpot: the next of the location's takes it. */
  owners: OwnerFallback;
  /** Serializes lookups of one caller inside this process. */
  callerLock<T>(callerE164: string, run: () => Promise<T>): Promise<T>;
}

/** The contacts whose phone numbers match one caller's national digits. */
export interface PhoneMatches {
  digits: string;
  contacts: HubSpotObject[];
}

export interface ContactUpsert {
  idProperty: 'ringback_key';
  id: string;
  properties: Record<string, string>;
}

const CONTACT_PROPERTIES = [
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'lifecyclestage',
  'hubspot_owner_id',
  'lastmodifieddate',
  'num_associated_deals',
  'ringback_created',
];

/**
 * Phone properties a caller's number may sit in. The calculated ones hold national digits (HubSpot
 * keeps them for search), so an `IN` over digits finds numbers however they were typed; the raw
 * properties are searched too for portals where the calculated ones have not been filled yet.
 */
const PHONE_PROPERTIES = ['hs_searchable_calculated_phone_number', 'hs_searchable_calculated_mobile_number', 'phone', 'mobilephone'];
/** Callers per search request: four filter groups of one `IN` each, well under HubSpot's caps. */
export const SEARCH_BATCH = 20;

const onlyDigits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');

/** Whether a stored number is the caller's: its digits end with the caller's national digits. */
function holdsNumber(contact: HubSpotObject, digits: string): boolean {
  return PHONE_PROPERTIES.some((name) => {
    const stored = onlyDigits(contact.properties[name]);
    return stored !== '' && stored.endsWith(digits);
  });
}

/** One search for several callers' national digits; each caller gets the contacts holding their number. */
export async function searchByDigits(client: HubSpotClient, allDigits: string[]): Promise<PhoneMatches[]> {
  const found: HubSpotObject[] = [];
  let after: string | undefined;
  for (let page = 0; page < 5; page++) {
    const answer = await client.request<{ results?: HubSpotObject[]; paging?: { next?: { after?: string } } }>({
      method: 'POST',
      path: '/crm/v3/objects/contacts/search',
      body: {
        filterGroups: PHONE_PROPERTIES.map((propertyName) => ({ filters: [{ propertyName, operator: 'IN', values: allDigits }] })),
        properties: [...new Set([...CONTACT_PROPERTIES, ...PHONE_PROPERTIES])],
        limit: 100,
        ...(after ? { after } : {}),
      },
      what: 'search contacts by phone',
      search: true,
      idempotent: true,
    });
    found.push(...(answer.results ?? []));
    after = answer.paging?.next?.after;
    if (!after) break;
  }
  return allDigits.map((digits) => ({ digits, contacts: found.filter((c) => holdsNumber(c, digits)) }));
}

export function personKey(callerE164: string): string {
  return `rb:person:${callerE164}`;
}

export async function resolvePerson(deps: PersonDeps, c: CrmCase, session: CrmSession, newContactOwner: () => Promise<string | null>): Promise<PersonLookup> {
  if (c.links.contactId) {
    // Saved by an earlier attempt: never search again.
    return {
      person: { id: c.links.contactId, created: c.links.contactCreated, objectType: 'contact', ownerId: null, otherMatches: [], existingCustomer: false },
      openDealId: null,
    };
  }
  return deps.callerLock(c.callerE164, async () => {
    const lookup = (await rememberedContact(deps, session, c.callerE164)) ?? (await searchContacts(deps, c.callerE164)) ?? (await createContact(deps, c, await newContactOwner()));
    await session.savePerson(c.id, c.callerE164, lookup.person);
    return lookup;
  });
}

async function rememberedContact(deps: PersonDeps, session: CrmSession, callerE164: string): Promise<PersonLookup | null> {
  const id = await session.rememberedPerson(callerE164);
  if (!id) return null;
  try {
    const contact = await deps.client.request<HubSpotObject>({
      method: 'GET',
      path: `/crm/v3/objects/contacts/${encodeURIComponent(id)}`,
      qs: { properties: CONTACT_PROPERTIES.join(',') },
      what: 'read a contact Ringback created',
      idempotent: true,
    });
    return fromContact(deps, contact, []);
  } catch (err) {
    // Deleted or merged since: look the number up like any other.
    if (err instanceof HubSpotError && err.httpStatus === 404) return null;
    throw err;
  }
}

async function searchContacts(deps: PersonDeps, callerE164: string): Promise<PersonLookup | null> {
  const digits = nationalDigits(callerE164);
  if (!digits) return null;
  const { contacts } = await deps.contactSearches.add(digits);
  const [winner, ...others] = [...contacts].sort((a, b) => modified(b) - modified(a));
  if (!winner) return null;
  return fromContact(
    deps,
    winner,
    others.map((o) => o.id),
  );
}

async function createContact(deps: PersonDeps, c: CrmCase, ownerId: string | null): Promise<PersonLookup> {
  const name = personName(c.callerName);
  const properties: Record<string, string> = {
    phone: c.callerE164,
    lifecyclestage: 'lead',
    ringback_created: 'true',
  };
  if (name) {
    properties.firstname = name.first;
    if (name.last) properties.lastname = name.last;
  }
  if (c.source) properties.ringback_source = c.source;
  const written = await deps.owners.run(c, ownerId, (owner) =>
    deps.contactUpserts.add({ idProperty: 'ringback_key', id: personKey(c.callerE164), properties: owner ? { ...properties, hubspot_owner_id: owner } : properties }),
  );
  return { person: { id: written.result.id, created: true, objectType: 'contact', ownerId: written.ownerId, otherMatches: [], existingCustomer: false }, openDealId: null };
}

async function fromContact(deps: PersonDeps, contact: HubSpotObject, otherMatches: string[]): Promise<PersonLookup> {
  const p = contact.properties;
  let existingCustomer = p.lifecyclestage === 'customer' || p.lifecyclestage === 'evangelist';
  let openDealId: string | null = null;
  // Deals cost two more requests, so they are read only when the contact is likely to have one.
  if (p.lifecyclestage === 'opportunity' || Number(p.num_associated_deals ?? 0) > 0) {
    const deals = await contactDeals(deps.client, contact.id);
    openDealId = deals.open;
    existingCustomer ||= deals.won;
  }
  return {
    person: { id: contact.id, created: false, objectType: 'contact', ownerId: p.hubspot_owner_id || null, otherMatches, existingCustomer },
    openDealId,
  };
}

async function contactDeals(client: HubSpotClient, contactId: string): Promise<{ open: string | null; won: boolean }> {
  const links = await client.request<{ results?: Array<{ toObjectId: number | string }> }>({
    method: 'GET',
    path: `/crm/v4/objects/contacts/${encodeURIComponent(contactId)}/associations/deals`,
    qs: { limit: '100' },
    what: "read a contact's deals",
    idempotent: true,
  });
  const ids = (links.results ?? []).map((r) => String(r.toObjectId));
  if (ids.length === 0) return { open: null, won: false };
  const deals = await client.request<{ results?: HubSpotObject[] }>({
    method: 'POST',
    path: '/crm/v3/objects/deals/batch/read',
    body: { inputs: ids.map((id) => ({ id })), properties: ['dealstage', 'hs_is_closed', 'hs_is_closed_won', 'hs_lastmodifieddate'] },
    what: "read a contact's deals",
    idempotent: true,
  });
  const all = deals.results ?? [];
  const open = all.filter((d) => d.properties.hs_is_closed !== 'true').sort((a, b) => modified(b) - modified(a))[0];
  return { open: open?.id ?? null, won: all.some((d) => d.properties.hs_is_closed_won === 'true') };
}

function modified(o: HubSpotObject): number {
  const raw = o.properties.lastmodifieddate ?? o.properties.hs_lastmodifieddate ?? '';
  const at = Date.parse(raw);
  return Number.isFinite(at) ? at : Number(raw) || 0;
}

/** The caller's E.164 from a contact's stored numbers (any format; national numbers read in `country`). */
export function contactE164(contact: HubSpotObject, country: Parameters<typeof normalizePhone>[1] = 'US'): string | null {
  for (const name of ['phone', 'mobilephone']) {
    const e164 = normalizePhone(contact.properties[name] ?? null, country);
    if (e164) return e164;
  }
  return null;
}
