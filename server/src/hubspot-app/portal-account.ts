/**
 * Binds a HubSpot portal to the one Ringback account whose CRM is that portal (`crm_kind` hubspot and
 * `crm_settings.portalId`). The portal id comes from the signed query string, so a user of one portal
 * can never name another portal's account: there is no account id anywhere in a `/hubspot/*` request.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { accounts } from '../store/schema.ts';
import { NonRetryableError } from '../lib/errors.ts';

export async function accountIdForPortal(db: Db, portalId: string): Promise<string> {
  if (!/^\d{1,20}$/.test(portalId)) throw new NonRetryableError('bad_portal_id', 'portalId must be a HubSpot portal (hub) id', 400);
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.crmKind, 'hubspot'), sql`(${accounts.crmSettings} ->> 'portalId') = ${portalId}`))
    .limit(2);
  if (rows.length === 0) throw new NonRetryableError('portal_not_connected', `no Ringback account is connected to HubSpot portal ${portalId}`, 404);
  // Two accounts claiming one portal is a configuration error; answering for either could show one
  // operator's data to the other, so neither is chosen.
  if (rows.length > 1) throw new NonRetryableError('portal_ambiguous', `more than one Ringback account claims HubSpot portal ${portalId}`, 409);
  return rows[0]!.id;
}
