/**
 * The HubSpot `CrmPort` of one account (one instance per account and process, rebuilt when the
 * account's settings change — see `CrmRegistry`). It holds what must be shared by every case of the
 * account in this process: the client on the portal's shared request budget, the token source, the
 * batchers that coalesce concurrent writes, and the owner fallback's memory.
 */
import type { AppContext } from '../../app-context.ts';
import type { AccountContext } from '../../accounts/account-context.ts';
import { eq, and, inArray, desc } from 'drizzle-orm';
import { cursors, missedCalls } from '../../store/schema.ts';
import type { CrmPort } from '../port.ts';
import { RateBudget } from '../rate-budget.ts';
import { hubspotTokenSource } from '../../oauth/hubspot-tokens.ts';
import { MicroBatcher } from './batcher.ts';
import { HubSpotClient } from './client.ts';
import { HubSpotError } from './errors.ts';
import { OwnerFallback } from './owners.ts';
import { outcomesForEvent, pollOutcomes, type HubSpotEvent, type HubSpotOutcome } from './outcomes.ts';
import { SEARCH_BATCH, contactE164, searchByDigits, type ContactUpsert, type HubSpotObject, type PhoneMatches } from './person.ts';
import { RingbackProperties } from './properties.ts';
import { sharedRedis } from './shared-redis.ts';
import { hubspotSettings } from './settings.ts';
import { closeTaskAsSpam, escalateTask } from './task-updates.ts';
import { logRepeatCall, writeCase, type CreateInput, type WriterDeps } from './writer.ts';

export interface HubSpotPortOptions {
  /** How long a created record may be missing from HubSpot search. Default 20 s. */
  searchLagWindowMs?: number;
  /** How long writes wait for others to share a batch request. Default 50 ms. */
  batchWindowMs?: number;
  /**
   * Test hook: called after a batch create or upsert answered, before its ids are recorded. A throw
   * here is a crash between HubSpot's answer and Ringback's bookkeeping.
   */
  afterCreate?: (objectType: 'contacts' | 'calls' | 'tasks', ids: string[]) => void;
}

export interface HubSpotPort extends CrmPort {
  readonly kind: 'hubspot';
  readonly portalId: string | null;
  /** Creates Ringback's property group and properties where missing (install time). */
  ensureProperties(): Promise<void>;
  outcomesForEvent(event: HubSpotEvent): Promise<HubSpotOutcome[]>;
  /** Callers' E.164 numbers by contact id, from the cases first and HubSpot's contacts second. */
  callersOf(contactIds: string[]): Promise<Map<string, string>>;
}

const budgets = new WeakMap<AppContext, RateBudget>();

/** The request budget of this process's Ringback, shared through Redis with its other processes. */
export function hubspotBudget(ctx: AppContext): RateBudget {
  let budget = budgets.get(ctx);
  if (!budget) {
    const url = ctx.config.env.REDIS_URL;
    // Until HubSpot's headers say otherwise: its smallest burst limit (100 per 10 s) and 5 searches
    // per second, which one-second fixed windows can only promise as 2 (see rate-budget.ts).
    budget = new RateBudget({ redis: url ? sharedRedis(url) : null, prefix: ctx.config.env.RINGBACK_REDIS_PREFIX, defaultPerSecond: { general: 9, search: 2 } });
    budgets.set(ctx, budget);
  }
  return budget;
}

function keyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(run);
    tails.set(key, mine);
    try {
      return await mine;
    } finally {
      if (tails.get(key) === mine) tails.delete(key);
    }
  };
}

export function createHubSpotPort(ctx: AppContext, account: AccountContext, options: HubSpotPortOptions = {}): HubSpotPort {
  const accountId = account.account.id;
  const settings = hubspotSettings(account);
  const logger = ctx.logger.child({ accountId, crm: 'hubspot' });
  const client = new HubSpotClient({
    baseUrl: settings.baseUrl,
    budget: hubspotBudget(ctx),
    budgetKey: `hubspot:${settings.portalId ?? `account-${accountId}`}`,
    tokens: hubspotTokenSource(ctx, accountId, settings.credential),
    logger,
    metrics: ctx.metrics,
  });
  const markerName = `hubspot.properties:${settings.portalId ?? 'unknown'}`;
  const markerRow = and(eq(cursors.accountId, accountId), eq(cursors.name, markerName));
  const properties = new RingbackProperties(client, {
    isSet: async () => (await ctx.database.db.select().from(cursors).where(markerRow)).length > 0,
    set: async () => {
      const now = ctx.clock();
      await ctx.database.db
        .insert(cursors)
        .values({ accountId, name: markerName, value: now.toISOString(), updatedAt: now })
        .onConflictDoUpdate({ target: [cursors.accountId, cursors.name], set: { value: now.toISOString(), updatedAt: now } });
    },
  });
  const windowMs = options.batchWindowMs ?? 50;

  const createBatcher = (objectType: 'calls' | 'tasks') =>
    new MicroBatcher<CreateInput, HubSpotObject>({
      windowMs,
      // The 10-second budget (9 a second here) is shared by every write: a few batches at a time,
      // each taking whatever gathered meanwhile, rather than one request per window per kind.
      maxInFlight: 2,
      keyOfInput: (input) => input.properties.ringback_key ?? '',
      keyOfResult: (result) => result.properties?.ringback_key ?? null,
      send: (inputs) =>
        properties.withProperties(async () => {
          const answer = await client.request<{ results?: HubSpotObject[] }>({
            method: 'POST',
            path: `/crm/v3/objects/${objectType}/batch/create`,
            body: { inputs },
            what: `create ${objectType}`,
          });
          const results = answer.results ?? [];
          options.afterCreate?.(objectType, results.map((r) => r.id));
          return results;
        }),
    });

  const contactUpserts = new MicroBatcher<ContactUpsert, HubSpotObject>({
    windowMs,
    maxInFlight: 2,
    keyOfInput: (input) => input.id,
    keyOfResult: (result) => result.properties?.ringback_key ?? null,
    send: (inputs) =>
      properties.withProperties(async () => {
        const answer = await client.request<{ results?: HubSpotObject[] }>({
          method: 'POST',
          path: '/crm/v3/objects/contacts/batch/upsert',
          // The key is sent as a property too, so every answer names its input.
          body: { inputs: inputs.map((i) => ({ ...i, properties: { ...i.properties, ringback_key: i.id } })) },
          what: 'create contacts',
        });
        const results = answer.results ?? [];
        options.afterCreate?.('contacts', results.map((r) => r.id));
        return results;
      }),
  });

  const contactSearches = new MicroBatcher<string, PhoneMatches>({
    windowMs,
    maxBatch: SEARCH_BATCH,
    // Searches have the tightest budget (2 a second per portal): one in flight per process, so the
    // callers that arrive while it waits all go in the next search.
    maxInFlight: 1,
    keyOfInput: (digits) => digits,
    keyOfResult: (matches) => matches.digits,
    send: (digits) => searchByDigits(client, digits),
  });

  const deps: WriterDeps = {
    client,
    contactSearches,
    contactUpserts,
    callerLock: keyedLock(),
    createOnce: { client, db: ctx.database.db, searchLagWindowMs: options.searchLagWindowMs ?? 20_000 },
    calls: createBatcher('calls'),
    tasks: createBatcher('tasks'),
    owners: new OwnerFallback(ctx, accountId),
  };

  return {
    kind: 'hubspot',
    portalId: settings.portalId,
    writeCase: (c, session) => writeCase(deps, c, session),
    logRepeatCall: (c, parent, session) => logRepeatCall(deps, c, parent, session),
    closeTaskAsSpam: (c, note) => closeTaskAsSpam(client, c, note),
    escalate: (c, request) => escalateTask(client, deps.owners, c, request),
    pollOutcomes: (cursor, session) => pollOutcomes(client, cursor, session.now()),
    ensureProperties: () => properties.ensure(),
    outcomesForEvent: (event) => outcomesForEvent(client, event),
    callersOf: async (contactIds) => {
      const found = new Map<string, string>();
      if (contactIds.length === 0) return found;
      const known = await ctx.database.db
        .select({ contactId: missedCalls.crmContactId, caller: missedCalls.callerE164 })
        .from(missedCalls)
        .where(and(eq(missedCalls.accountId, accountId), inArray(missedCalls.crmContactId, contactIds)))
        .orderBy(desc(missedCalls.missedAt));
      for (const row of known) if (row.contactId && row.caller && !found.has(row.contactId)) found.set(row.contactId, row.caller);
      const unknown = contactIds.filter((id) => !found.has(id));
      if (unknown.length === 0) return found;
      try {
        const read = await client.request<{ results?: HubSpotObject[] }>({
          method: 'POST',
          path: '/crm/v3/objects/contacts/batch/read',
          body: { inputs: unknown.slice(0, 100).map((id) => ({ id })), properties: ['phone', 'mobilephone'] },
          what: 'read the phone numbers of contacts',
          idempotent: true,
        });
        for (const contact of read.results ?? []) {
          const e164 = contactE164(contact);
          if (e164) found.set(contact.id, e164);
        }
      } catch (err) {
        if (!(err instanceof HubSpotError && err.httpStatus === 404)) throw err;
      }
      return found;
    },
  };
}
