/**
 * `hubspot.event`: one HubSpot webhook event (stored by the webhook route as this job, keyed by the
 * event id — a redelivered event is the same job), read back from HubSpot and recorded as outcomes.
 * `hubspot.poll`: the periodic catch-up of one account (hubspot-poll-schedule.ts) from a cursor in
 * `cursors`, for events a webhook never delivered.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import type { JobHandler } from '../queue/job-queue.ts';
import { crmLinks, cursors, missedCalls } from '../store/schema.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { createCrmSession } from '../crm/session.ts';
import type { HubSpotPort } from '../crm/hubspot/hubspot-port.ts';
import type { HubSpotEvent } from '../crm/hubspot/outcomes.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { recordHubSpotOutcomes } from './hubspot-record-outcomes.ts';

export const HUBSPOT_CURSOR = 'hubspot.outcomes';

async function hubspotPort(ctx: AppContext, accountId: string): Promise<{ account: AccountContext; port: HubSpotPort } | null> {
  const account = await ctx.accounts.get(accountId);
  if (!account || account.account.crmKind !== 'hubspot' || !ctx.crm.supports('hubspot')) return null;
  const port = await ctx.crm.portFor(ctx, account);
  if (!('outcomesForEvent' in port)) throw new NonRetryableError('crm_not_hubspot', `account ${accountId} has no HubSpot port`);
  return { account, port: port as HubSpotPort };
}

/**
 * Events about records Ringback wrote that cannot be outcomes — its own inbound calls, the tasks of
 * cases it closed as spam — are recognised from the database, without reading them from HubSpot.
 */
async function ringbacksOwn(ctx: AppContext, accountId: string, event: HubSpotEvent): Promise<boolean> {
  const id = String(event.objectId);
  if (event.objectTypeId === '0-48') {
    const rows = await ctx.database.db
      .select({ id: crmLinks.missedCallId })
      .from(crmLinks)
      .where(and(eq(crmLinks.accountId, accountId), eq(crmLinks.crmKind, 'hubspot'), eq(crmLinks.externalId, id)))
      .limit(1);
    return rows.length > 0;
  }
  if (event.objectTypeId === '0-27' && event.propertyName === 'hs_task_status') {
    const rows = await ctx.database.db
      .select({ spam: missedCalls.spam })
      .from(missedCalls)
      .where(and(eq(missedCalls.accountId, accountId), eq(missedCalls.crmTaskId, id)))
      .limit(1);
    return rows[0]?.spam === true;
  }
  return false;
}

export function hubspotEventJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const found = await hubspotPort(ctx, String(job.payload.accountId));
    if (!found) return; // uninstalled since: nothing to attach outcomes to
    const event = job.payload.event as HubSpotEvent;
    if (await ringbacksOwn(ctx, found.account.account.id, event)) return;
    const outcomes = await found.port.outcomesForEvent(event);
    const result = await recordHubSpotOutcomes(ctx, found.account, outcomes, (ids) => found.port.callersOf(ids));
    if (outcomes.length > 0) {
      ctx.logger.debug({ accountId: found.account.account.id, eventId: event.eventId, ...result }, 'HubSpot event recorded');
    }
  };
}

export function hubspotPollJob(ctx: AppContext): JobHandler {
  return async (job) => {
    const accountId = String(job.payload.accountId);
    const found = await hubspotPort(ctx, accountId);
    if (!found) return; // not connected (any more)
    const db = ctx.database.db;
    const where = and(eq(cursors.accountId, accountId), eq(cursors.name, HUBSPOT_CURSOR));
    const cursor = (await db.select().from(cursors).where(where))[0]?.value ?? null;
    const session = createCrmSession(ctx, accountId, 'hubspot');
    const polled = await found.port.pollOutcomes(cursor, session);
    const result = await recordHubSpotOutcomes(ctx, found.account, polled.outcomes, (ids) => found.port.callersOf(ids));
    const now = ctx.clock();
    await db
      .insert(cursors)
      .values({ accountId, name: HUBSPOT_CURSOR, value: polled.cursor, updatedAt: now })
      .onConflictDoUpdate({ target: [cursors.accountId, cursors.name], set: { value: polled.cursor, updatedAt: now } });
    ctx.logger.info({ accountId, ...result, cursor: polled.cursor }, 'HubSpot outcomes polled');
  };
}
