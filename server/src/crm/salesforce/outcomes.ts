/**
 * Outcomes since a cursor: one `/composite` (one API call) with four keyset queries over
 * `SystemModstamp, Id` — completed Tasks, Events, Opportunities, and Leads converted meanwhile (so a
 * caller's Lead that became a Contact keeps mapping to the caller). Each object keeps its own
 * position in the cursor; a page holds at most 200 records per object, the next poll reads on.
 */
import type { CrmOutcome, CrmSession } from '../port.ts';
import { composite, queryUrl, readBody } from './composite.ts';
import {
  eventOutcome,
  opportunityOutcomes,
  sfTime,
  taskOutcome,
  type CallerLookup,
  type EventRecord,
  type OpportunityRecord,
  type TaskRecord,
} from './outcome-mapping.ts';
import { hasPeople, peopleFor, personFacts, rememberPerson, replaceRememberedPerson } from './people-store.ts';
import type { PortState } from './port-state.ts';
import { afterCursor } from './query-text.ts';

const PAGE = 200;
/** A new cursor starts a little before now: clocks differ, and outcomes are deduplicated anyway. */
const START_MARGIN_MS = 60_000;

interface Position {
  t: string;
  id: string | null;
}
type Cursor = Record<'task' | 'event' | 'opp' | 'lead', Position>;

interface Stamped {
  Id: string;
  SystemModstamp: string;
}

interface LeadRecord extends Stamped {
  ConvertedContactId: string | null;
  ConvertedAccountId: string | null;
}

function parseCursor(raw: string, fallback: Date): Cursor {
  let parsed: Partial<Cursor> = {};
  try {
    parsed = JSON.parse(raw) as Partial<Cursor>;
  } catch {
    // An unreadable cursor restarts from the fallback rather than failing forever.
  }
  const start: Position = { t: fallback.toISOString(), id: null };
  return {
    task: parsed.task ?? start,
    event: parsed.event ?? start,
    opp: parsed.opp ?? start,
    lead: parsed.lead ?? start,
  };
}

const keyset = (p: Position) => `${afterCursor(new Date(p.t), p.id)} ORDER BY SystemModstamp, Id LIMIT ${PAGE}`;

function advance(p: Position, records: Stamped[]): Position {
  const last = records.at(-1);
  return last ? { t: sfTime(last.SystemModstamp).toISOString(), id: last.Id } : p;
}

export async function pollOutcomes(
  st: PortState,
  raw: string | null,
  session: CrmSession,
): Promise<{ outcomes: CrmOutcome[]; cursor: string }> {
  const now = session.now();
  // No cursor yet, or nobody to attach an outcome to: start from now without spending an API call.
  if (raw === null || !(await hasPeople(st.ctx, st.accountId))) {
    const start: Position = { t: new Date(now.getTime() - START_MARGIN_MS).toISOString(), id: null };
    return {
      outcomes: [],
      cursor: JSON.stringify({ task: start, event: start, opp: start, lead: start } satisfies Cursor),
    };
  }
  const cursor = parseCursor(raw, new Date(now.getTime() - START_MARGIN_MS));
  const sf = await st.open('background');
  const result = await composite(
    sf,
    [
      {
        referenceId: 'tasks',
        method: 'GET',
        url: queryUrl(
          `SELECT Id, WhoId, TaskSubtype, CallType, CallDurationInSeconds, CallDisposition, Ringback_Key__c, CreatedDate, LastModifiedDate, SystemModstamp FROM Task WHERE IsClosed = true AND WhoId != null AND ${keyset(cursor.task)}`,
        ),
      },
      {
        referenceId: 'events',
        method: 'GET',
        url: queryUrl(
          `SELECT Id, WhoId, Ringback_Key__c, CreatedDate, SystemModstamp FROM Event WHERE WhoId != null AND ${keyset(cursor.event)}`,
        ),
      },
      {
        referenceId: 'opps',
        method: 'GET',
        url: queryUrl(
          `SELECT Id, ContactId, AccountId, IsWon, Amount, CreatedDate, LastModifiedDate, SystemModstamp FROM Opportunity WHERE ${keyset(cursor.opp)}`,
        ),
      },
      {
        referenceId: 'leads',
        method: 'GET',
        url: queryUrl(
          `SELECT Id, ConvertedContactId, ConvertedAccountId, SystemModstamp FROM Lead WHERE IsConverted = true AND ${keyset(cursor.lead)}`,
        ),
      },
    ],
    false,
  );
  const records = <T>(ref: string) => readBody<{ records?: T[] }>(result, ref).records ?? [];
  const tasks = records<TaskRecord & Stamped>('tasks');
  const events = records<EventRecord & Stamped>('events');
  const opps = records<OpportunityRecord & Stamped>('opps');
  const leads = records<LeadRecord>('leads');

  // Conversions first, so this page's records about the new Contact already map to the caller.
  for (const lead of leads) {
    const facts = lead.ConvertedContactId ? await personFacts(st.ctx, st.accountId, lead.Id) : null;
    if (!facts || !lead.ConvertedContactId) continue;
    await rememberPerson(st.ctx, st.accountId, {
      personId: lead.ConvertedContactId,
      callerE164: facts.callerE164,
      objectType: 'contact',
      ownerId: facts.ownerId,
      sfAccountId: lead.ConvertedAccountId,
    });
    await replaceRememberedPerson(st.ctx, st.accountId, facts.callerE164, lead.Id, lead.ConvertedContactId);
  }

  const personIds = [
    ...new Set(
      [...tasks.map((t) => t.WhoId), ...events.map((e) => e.WhoId), ...opps.map((o) => o.ContactId)].filter(
        (id): id is string => Boolean(id),
      ),
    ),
  ];
  const accountIds = [...new Set(opps.map((o) => o.AccountId).filter((id): id is string => Boolean(id)))];
  const people = await peopleFor(st.ctx, st.accountId, personIds, accountIds);
  const lookup: CallerLookup = {
    byPerson: (id) => (id ? (people.find((p) => p.personId === id)?.callerE164 ?? null) : null),
    byAccount: (id) => (id ? (people.find((p) => p.sfAccountId === id)?.callerE164 ?? null) : null),
  };
  const outcomes = [
    ...tasks.map((t) => taskOutcome(t, lookup)),
    ...events.map((e) => eventOutcome(e, lookup)),
    ...opps.flatMap((o) => opportunityOutcomes(o, lookup)),
  ].filter((o): o is CrmOutcome => o !== null);
  const next: Cursor = {
    task: advance(cursor.task, tasks),
    event: advance(cursor.event, events),
    opp: advance(cursor.opp, opps),
    lead: advance(cursor.lead, leads),
  };
  return { outcomes, cursor: JSON.stringify(next) };
}
