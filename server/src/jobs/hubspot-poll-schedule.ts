/**
 * The periodic HubSpot outcome catch-up (`hubspot.poll`), one job per connected account and
 * ten-minute bucket (jobs/periodic.ts): webhooks bring outcomes within seconds, the poll only picks
 * up what they missed (an app without subscriptions, an outage on either side).
 */
import { eq } from 'drizzle-orm';
import type { PeriodicTask } from './periodic.ts';
import { accounts } from '../store/schema.ts';

export const HUBSPOT_POLL_JOB = 'hubspot.poll';
export const HUBSPOT_POLL_INTERVAL_MS = 10 * 60_000;

export const hubspotOutcomePollTask: PeriodicTask = {
  kind: HUBSPOT_POLL_JOB,
  everyMs: HUBSPOT_POLL_INTERVAL_MS,
  async accounts(ctx) {
    if (!ctx.crm.supports('hubspot')) return [];
    const rows = await ctx.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.crmKind, 'hubspot'));
    return rows.map((r) => r.id);
  },
};
