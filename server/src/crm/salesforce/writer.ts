/**
 * A missed call into Salesforce in at most two API calls, never twice:
 *
 * 1. Lookup (one `/composite`, skipped for a known caller): SOSL over phone fields, Ringback's own
 *    Leads for the number by SOQL (the index lags), the Lead describe once per port, and — only
 *    after an attempt that may have written — the call Task by its Ringback_Key__c.
 * 2. Write (one `/composite`, allOrNone): the new Lead when nobody matched, the call Task (created:
 *    TaskSubtype is create-only) and the follow-up Task (upserted by Ringback_Key__c, so a retry
 *    updates it instead of adding one).
 *
 * Crash safety: the call/task intents are recorded before any request; a retry after an unanswered
 * write finds the Lead by SOQL on its exact Phone and the call Task by key. A write refused for its
 * owner is re-sent with the next owner (allOrNone rolled everything back); refused for its person
 * (converted, merged away), the person is looked up again once.
 */
import { NonRetryableError } from '../../lib/errors.ts';
import type { CrmCase, CrmLink, CrmLinks, CrmSession, CrmWriteResult } from '../port.ts';
import {
  composite,
  firstFailure,
  query,
  queryUrl,
  readBody,
  type CompositeResult,
  type Sf,
  type SubRequest,
} from './composite.ts';
import { recordError, troubleOf } from './errors.ts';
import { leadSourceField, pickLeadSource, type PicklistDescribe } from './lead-source.ts';
import { withLock } from './locks.ts';
import {
  adoptPerson,
  chooseFromLookup,
  findAgain,
  knownPerson,
  ringbackLeadsRequest,
  searchRequest,
  type Person,
} from './people.ts';
import { BAD_OWNER_MS, ownerCandidates, type PortState } from './port-state.ts';
import { soqlString } from './query-text.ts';
import { callTaskFields, followUpFields, leadFields, repeatCallFields } from './task-fields.ts';

const WHAT: Record<string, string> = { lead: 'the new Lead', call: 'the call Task', task: 'the follow-up Task' };

export function keyQuery(key: string): string {
  return `SELECT Id FROM Task WHERE Ringback_Key__c = ${soqlString(key)} LIMIT 1`;
}

function idOf(result: CompositeResult, ref: string): string | null {
  const body = result.get(ref)?.body as { id?: unknown } | null | undefined;
  return typeof body?.id === 'string' ? body.id : null;
}

export async function writeCase(st: PortState, c: CrmCase, session: CrmSession): Promise<CrmWriteResult> {
  if (!c.callerE164)
    throw new NonRetryableError('crm_no_caller', 'the case has no caller number to find or create a person by');
  const sf = await st.open('write');
  const callPrev = await session.getLink(c.id, 'call');
  const callKey = (callPrev ?? (await session.linkIntent(c.id, 'call'))).key;
  const taskKey = ((await session.getLink(c.id, 'task')) ?? (await session.linkIntent(c.id, 'task'))).key;
  const known = await knownPerson(st, c, session);
  if (known) return writeFor(st, sf, c, session, known, callPrev, callKey, taskKey);
  // A new caller: one Lead per number even when two of their calls are written at once.
  return withLock(st.ctx, `sf-person:${st.accountId}:${c.callerE164}`, { ttlMs: 60_000, waitMs: 30_000 }, async () =>
    writeFor(st, sf, c, session, await knownPerson(st, c, session), callPrev, callKey, taskKey),
  );
}

async function writeFor(
  st: PortState,
  sf: Sf,
  c: CrmCase,
  session: CrmSession,
  known: Person | null,
  callPrev: CrmLink | null,
  callKey: string,
  taskKey: string,
): Promise<CrmWriteResult> {
  let person = known;
  let callId = callPrev?.state === 'done' ? callPrev.externalId : null;
  const lookups: SubRequest[] = [];
  if (!person) lookups.push(searchRequest(c), ringbackLeadsRequest(c));
  if (!person && st.leadSource === undefined)
    lookups.push({ referenceId: 'leadDescribe', method: 'GET', url: '/sobjects/Lead/describe' });
  if (!callId && callPrev) lookups.push({ referenceId: 'keys', method: 'GET', url: queryUrl(keyQuery(callKey)) });
  if (lookups.length > 0) {
    const found = await composite(sf, lookups, false);
    if (!person) person = chooseFromLookup(found, c);
    if (found.has('leadDescribe'))
      st.leadSource = leadSourceField(readBody<{ fields?: PicklistDescribe[] }>(found, 'leadDescribe'));
    if (found.has('keys'))
      callId = readBody<{ records?: Array<{ Id: string }> }>(found, 'keys').records?.[0]?.Id ?? null;
  }
  if (person) await adoptPerson(st, c, session, person);

  const choice = await session.chooseOwner(c, person?.ownerId ?? null);
  const owners = await ownerCandidates(st, c.locationId, choice.ownerId);
  const stale: string[] = [];
  let keyRetried = false;
  for (let i = 0; i < owners.length;) {
    const owner = owners[i] ?? null;
    const who = person ? person.id : '@{lead.id}';
    const subrequests: SubRequest[] = [];
    if (!person) {
      if (st.leadSource === undefined) st.leadSource = null;
      subrequests.push({
        referenceId: 'lead',
        method: 'POST',
        url: '/sobjects/Lead',
        body: leadFields(c, pickLeadSource(st.leadSource, c.source), owner),
      });
    }
    if (!callId)
      subrequests.push({
        referenceId: 'call',
        method: 'POST',
        url: '/sobjects/Task',
        body: callTaskFields(c, who, owner, callKey),
      });
    subrequests.push({
      referenceId: 'task',
      method: 'PATCH',
      url: `/sobjects/Task/Ringback_Key__c/${encodeURIComponent(taskKey)}`,
      body: followUpFields(c, who, owner),
    });
    const result = await composite(sf, subrequests, true);
    const failure = firstFailure(result);
    if (!failure) {
      if (!person) {
        const leadId = idOf(result, 'lead')!;
        person = {
          id: leadId,
          objectType: 'lead',
          ownerId: owner,
          sfAccountId: null,
          created: true,
          saved: false,
          otherMatches: [],
        };
        await adoptPerson(st, c, session, person);
      }
      const newCallId = callId ?? idOf(result, 'call')!;
      if (callPrev?.state !== 'done') await session.linkDone(c.id, 'call', newCallId);
      // API versions before 46.0 answer an upsert that updated with 204 and no id.
      const taskId = idOf(result, 'task') ?? (await query<{ Id: string }>(sf, keyQuery(taskKey)))[0]?.Id;
      if (!taskId)
        throw new NonRetryableError(
          'crm_rejected',
          'Salesforce accepted the follow-up Task but it cannot be found by its key',
        );
      await session.linkDone(c.id, 'task', taskId);
      return {
        contactId: person.id,
        contactCreated: person.created,
        callId: newCallId,
        taskId,
        ownerId: owner,
        ownerReason: owner === choice.ownerId ? choice.reason : owner ? 'round_robin' : 'no_owners_configured',
      };
    }
    const trouble = troubleOf(failure.error, owner !== null);
    if (trouble === 'owner' && owner) {
      st.badOwners.set(owner, Date.now() + BAD_OWNER_MS);
      session.logger.warn(
        { caseId: c.id, ownerId: owner, code: failure.error.errorCode },
        'Salesforce refused the owner; trying the next one',
      );
      i += 1;
      continue;
    }
    if (trouble === 'key_taken' && failure.referenceId === 'call' && !keyRetried) {
      keyRetried = true;
      callId = (await query<{ Id: string }>(sf, keyQuery(callKey)))[0]?.Id ?? null;
      continue;
    }
    if (trouble === 'person' && person && !stale.includes(person.id)) {
      stale.push(person.id);
      person = await findAgain(st, sf, c, person.id);
      if (person) await adoptPerson(st, c, session, person);
      continue;
    }
    throw recordError(failure.error, WHAT[failure.referenceId] ?? failure.referenceId);
  }
  throw new NonRetryableError('crm_rejected', 'Salesforce refused every owner the case could have');
}

/** A repeat dial: its own call Task on the case's person, created once by its key; no follow-up. */
export async function logRepeatCall(
  st: PortState,
  c: CrmCase,
  parent: CrmLinks,
  session: CrmSession,
): Promise<{ callId: string }> {
  const prev = await session.getLink(c.id, 'repeat_call');
  if (prev?.state === 'done' && prev.externalId) return { callId: prev.externalId };
  const key = (prev ?? (await session.linkIntent(c.id, 'repeat_call'))).key;
  const sf = await st.open('write');
  const done = async (callId: string) => {
    await session.linkDone(c.id, 'repeat_call', callId);
    return { callId };
  };
  if (prev) {
    const found = (await query<{ Id: string }>(sf, keyQuery(key)))[0];
    if (found) return done(found.Id);
  }
  let who = parent.contactId!;
  let owner = parent.ownerId;
  let personRetried = false;
  for (;;) {
    const result = await composite(
      sf,
      [{ referenceId: 'call', method: 'POST', url: '/sobjects/Task', body: repeatCallFields(c, who, owner, key) }],
      true,
    );
    const failure = firstFailure(result);
    if (!failure) return done(idOf(result, 'call')!);
    const trouble = troubleOf(failure.error, owner !== null);
    if (trouble === 'owner' && owner) {
      owner = null;
      continue;
    }
    if (trouble === 'key_taken') {
      const found = (await query<{ Id: string }>(sf, keyQuery(key)))[0];
      if (found) return done(found.Id);
    }
    if (trouble === 'person' && !personRetried) {
      personRetried = true;
      const next = await findAgain(st, sf, c, who);
      if (next) {
        who = next.id;
        continue;
      }
    }
    throw recordError(failure.error, 'the repeat call Task');
  }
}
