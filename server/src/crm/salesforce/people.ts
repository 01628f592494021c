/**
 * Finding the case's person in the org (contract §6 "Who") and keeping Ringback's records of them:
 * the case row (through the session, before any write that depends on it), the remembered-people
 * table, and this adapter's own facts (owner, Account) for later cases and outcome polling.
 */
import { nationalDigits, phoneDigits } from '@ringback/shared';
import type { CrmCase, CrmSession } from '../port.ts';
import {
  composite,
  query,
  queryUrl,
  readBody,
  searchUrl,
  type CompositeResult,
  type Sf,
  type SubRequest,
} from './composite.ts';
import { choosePerson, objectTypeOfId, type SfPersonRecord } from './person-match.ts';
import { personFacts, rememberPerson, replaceRememberedPerson } from './people-store.ts';
import { soqlString, soslTerm } from './query-text.ts';
import type { PortState } from './port-state.ts';

export interface Person {
  id: string;
  objectType: 'contact' | 'lead';
  ownerId: string | null;
  sfAccountId: string | null;
  /** Ringback created this person for this case (or an earlier attempt of it). */
  created: boolean;
  /** Already recorded on the case. */
  saved: boolean;
  otherMatches: string[];
}

const LEAD_FIELDS =
  'Id, OwnerId, IsConverted, ConvertedContactId, ConvertedContact.OwnerId, ConvertedContact.AccountId, ConvertedContact.LastModifiedDate, LastModifiedDate, Phone, MobilePhone, Ringback_Created__c';
const CONTACT_FIELDS = 'Id, OwnerId, AccountId, LastModifiedDate, Phone, MobilePhone, HomePhone, OtherPhone';

/** SOSL over every phone field, by the national number (what a stored number without a country code holds). */
export function searchRequest(c: CrmCase): SubRequest {
  const digits = nationalDigits(c.callerE164) || phoneDigits(c.callerE164);
  const sosl =
    `FIND {${soslTerm(digits)}} IN PHONE FIELDS RETURNING ` +
    `Contact(${CONTACT_FIELDS} ORDER BY LastModifiedDate DESC LIMIT 50), ` +
    `Lead(${LEAD_FIELDS} ORDER BY LastModifiedDate DESC LIMIT 50)`;
  return { referenceId: 'search', method: 'GET', url: searchUrl(sosl) };
}

/**
 * Leads Ringback created for this number, by SOQL: the search index lags behind writes, and a Lead
 * created by an attempt that crashed before recording it must be found, not created again.
 */
export function ringbackLeadsRequest(c: CrmCase): SubRequest {
  const soql = `SELECT ${LEAD_FIELDS} FROM Lead WHERE Phone = ${soqlString(c.callerE164)} AND Ringback_Created__c = true ORDER BY LastModifiedDate DESC LIMIT 10`;
  return { referenceId: 'rbLeads', method: 'GET', url: queryUrl(soql) };
}

export function chooseFromLookup(result: CompositeResult, c: CrmCase, exclude: string[] = []): Person | null {
  const search = readBody<{ searchRecords?: SfPersonRecord[] }>(result, 'search').searchRecords ?? [];
  const ours = readBody<{ records?: SfPersonRecord[] }>(result, 'rbLeads').records ?? [];
  const records = [...search, ...ours].filter(
    (r) => !exclude.includes(r.Id) && !(r.ConvertedContactId && exclude.includes(r.ConvertedContactId)),
  );
  const chosen = choosePerson(records, c.callerE164, c.trackingE164);
  if (!chosen) return null;
  return {
    id: chosen.id,
    objectType: chosen.objectType,
    ownerId: chosen.ownerId,
    sfAccountId: chosen.sfAccountId,
    created: chosen.ringbackCreated,
    saved: false,
    otherMatches: chosen.otherMatches,
  };
}

/** The person already on the case (a retry) or remembered for this caller; no request to the org. */
export async function knownPerson(st: PortState, c: CrmCase, session: CrmSession): Promise<Person | null> {
  const onCase = c.links.contactId;
  const id = onCase ?? (await session.rememberedPerson(c.callerE164));
  if (!id) return null;
  const facts = await personFacts(st.ctx, st.accountId, id);
  return {
    id,
    objectType: objectTypeOfId(id),
    ownerId: facts?.ownerId ?? null,
    sfAccountId: facts?.sfAccountId ?? null,
    created: onCase === id ? c.links.contactCreated : false,
    saved: onCase === id,
    otherMatches: [],
  };
}

/** Records the person on the case before the next write, and in this adapter's own table. */
export async function adoptPerson(st: PortState, c: CrmCase, session: CrmSession, p: Person): Promise<void> {
  if (!p.saved) {
    await session.savePerson(c.id, c.callerE164, {
      id: p.id,
      created: p.created,
      objectType: p.objectType,
      ownerId: p.ownerId,
      otherMatches: p.otherMatches,
      // Rule: a Contact is someone the business already deals with; a Lead is not (yet).
      existingCustomer: p.objectType === 'contact',
    });
    p.saved = true;
  }
  await rememberPerson(st.ctx, st.accountId, {
    personId: p.id,
    callerE164: c.callerE164,
    objectType: p.objectType,
    ownerId: p.ownerId,
    sfAccountId: p.sfAccountId,
  });
}

/**
 * The person a write was refused for (deleted, merged away, converted) is looked up again: a
 * converted Lead is followed to its Contact by SOQL, anything else is searched for anew. Returns
 * null when nobody matches any more (the caller gets a new Lead). The remembered id is replaced.
 */
export async function findAgain(st: PortState, sf: Sf, c: CrmCase, stale: string): Promise<Person | null> {
  let next: Person | null = null;
  if (objectTypeOfId(stale) === 'lead') {
    const rows = await query<SfPersonRecord>(
      sf,
      `SELECT Id, IsConverted, ConvertedContactId, ConvertedContact.OwnerId, ConvertedContact.AccountId FROM Lead WHERE Id = ${soqlString(stale)}`,
    );
    const lead = rows[0];
    if (lead?.IsConverted && lead.ConvertedContactId) {
      next = {
        id: lead.ConvertedContactId,
        objectType: 'contact',
        ownerId: lead.ConvertedContact?.OwnerId ?? null,
        sfAccountId: lead.ConvertedContact?.AccountId ?? null,
        created: false,
        saved: false,
        otherMatches: [],
      };
    }
  }
  next ??= chooseFromLookup(await composite(sf, [searchRequest(c), ringbackLeadsRequest(c)], false), c, [stale]);
  if (next) await replaceRememberedPerson(st.ctx, st.accountId, c.callerE164, stale, next.id);
  st.ctx.logger.info(
    { accountId: st.accountId, caseId: c.id, stale, current: next?.id ?? null },
    'Salesforce person moved; attached to the current record',
  );
  return next;
}
