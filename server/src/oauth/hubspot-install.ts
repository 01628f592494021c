/**
 * What an OAuth install (or uninstall) changes: the account bound to the portal — an existing one
 * whose CRM is that portal (or the one the install was started for), else a new `hubspot-<portalId>`
 * — its sealed tokens, Ringback's HubSpot properties, and the CRM jobs that were
 * waiting for a working token, which are woken at once instead of at their next retry.
 */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context.ts';
import { accounts, credentials, jobs } from '../store/schema.ts';
import { getAccount, getCredential, setCredential, upsertAccount } from '../accounts/account-store.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { Client } from '@hubspot/api-client';
import { hubspotCredentialOf, type HubSpotCredential } from '../crm/hubspot/settings.ts';
import type { HubSpotPort } from '../crm/hubspot/hubspot-port.ts';
import { hubspotApp, oauthApiBase } from './hubspot-tokens.ts';

/**
 * What the writer and the cards need, and no more — the same list as the app's `requiredScopes`
 * (hubspot-app/app/app-hsmeta.json), which HubSpot requires the install URL to carry: contacts
 * (read/write; calls and tasks are engagements on contacts and use the same scopes), contact
 * properties (the `ringback_*` properties), companies (locations), deals (outcomes, the open-deal
 * association) and owners (routing).
 */
export const HUBSPOT_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
] as const;

export interface InstallInput {
  portalId: number;
  hubDomain: string | null;
  credential: HubSpotCredential;
  /** The account the install was started for (`/oauth/hubspot/install?account=`), if any. */
  accountId: string | null;
}

async function accountForPortal(ctx: AppContext, portalId: number): Promise<string | null> {
  const rows = await ctx.database.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.crmKind, 'hubspot'), sql`${accounts.crmSettings}->>'portalId' = ${String(portalId)}`))
    .orderBy(accounts.id)
    .limit(1);
  return rows[0]?.id ?? null;
}

export async function completeInstall(ctx: AppContext, input: InstallInput): Promise<{ accountId: string; created: boolean }> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const boundElsewhere = await accountForPortal(ctx, input.portalId);
  let accountId = input.accountId ?? boundElsewhere;
  if (input.accountId && boundElsewhere && boundElsewhere !== input.accountId) {
    throw new NonRetryableError('portal_in_use', `HubSpot portal ${input.portalId} is already connected to another account`, 409);
  }
  const existing = accountId ? await getAccount(db, accountId) : null;
  if (input.accountId && !existing) throw new NonRetryableError('unknown_account', `no account ${input.accountId}`, 404);
  const bound = (existing?.crmSettings as { portalId?: unknown } | undefined)?.portalId;
  if (existing && existing.crmKind === 'hubspot' && bound !== null && bound !== undefined && String(bound) !== String(input.portalId)) {
    throw new NonRetryableError('portal_mismatch', `account ${existing.id} is connected to HubSpot portal ${String(bound)}, not ${input.portalId}`, 409);
  }
  accountId ??= `hubspot-${input.portalId}`;
  const app = hubspotApp(ctx);
  const settings = { portalId: input.portalId, baseUrl: app?.baseUrl ?? null, hubDomain: input.hubDomain, installedAt: now.toISOString() };
  await db.transaction(async (tx) => {
    if (existing) {
      await tx
        .update(accounts)
        .set({ crmKind: 'hubspot', crmSettings: { ...(existing.crmSettings as object), ...settings }, updatedAt: now })
        .where(eq(accounts.id, existing.id));
    } else {
      await upsertAccount(
        tx,
        {
          id: accountId!,
          name: input.hubDomain ?? `HubSpot portal ${input.portalId}`,
          timezone: 'UTC',
          currency: 'USD',
          crmKind: 'hubspot',
          crmSettings: settings,
          policy: {},
          corporateOwnerId: null,
          origin: 'oauth',
        },
        now,
      );
    }
    await setCredential(tx, ctx.box, accountId!, 'crm', { hubspot: { ...input.credential, portalId: input.portalId } }, now);
  });
  ctx.accounts.invalidate(accountId);
  ctx.crm.forget(accountId);
  ctx.logger.info({ accountId, portalId: input.portalId, created: !existing }, 'HubSpot installed');

  const account = await ctx.accounts.get(accountId);
  if (account && ctx.crm.supports('hubspot')) {
    try {
      const port = (await ctx.crm.portFor(ctx, account)) as HubSpotPort;
      await port.ensureProperties();
    } catch (err) {
      // The first write creates them too; an install must not fail for this.
      ctx.logger.warn({ accountId, err: (err as Error).message }, 'could not create the Ringback properties at install');
    }
  }
  await wakeCrmJobs(ctx, accountId);
  return { accountId, created: !existing };
}

/**
 * CRM jobs of the account waiting out an auth failure run now. Their scheduled delivery stays
 * behind under its own key; the wake-up is a second, distinct delivery, and whichever comes second
 * finds the job done.
 */
export async function wakeCrmJobs(ctx: AppContext, accountId: string): Promise<number> {
  const now = ctx.clock();
  const woken = await ctx.database.db
    .update(jobs)
    .set({ runAt: now, deliveredAt: null, updatedAt: now })
    .where(and(eq(jobs.accountId, accountId), eq(jobs.status, 'pending'), like(jobs.kind, 'crm.%')))
    .returning({ id: jobs.id, attempts: jobs.attempts });
  await ctx.queue.notify(...woken.map((j) => ({ id: j.id, runAt: now, attempt: 1_000_000 + j.attempts })));
  return woken.length;
}

/** Forgets the account's HubSpot tokens (revoking the refresh token at HubSpot) and stops CRM writes. */
export async function uninstall(ctx: AppContext, accountId: string): Promise<void> {
  const db = ctx.database.db;
  const account = await getAccount(db, accountId);
  if (!account || account.crmKind !== 'hubspot') throw new NonRetryableError('not_connected', `account ${accountId} has no HubSpot connection`, 404);
  const credential = hubspotCredentialOf(await getCredential(db, ctx.box, accountId, 'crm'));
  const app = hubspotApp(ctx);
  if (credential?.refreshToken && app) {
    await new Client({ basePath: oauthApiBase(app, credential), numberOfApiCallRetries: 0 }).oauth.refreshTokensApi
      .archive(credential.refreshToken)
      .catch((err: Error) => ctx.logger.warn({ accountId, err: err.message }, 'HubSpot did not revoke the refresh token'));
  }
  const now = ctx.clock();
  await db.transaction(async (tx) => {
    await tx.delete(credentials).where(and(eq(credentials.accountId, accountId), inArray(credentials.kind, ['crm'])));
    await tx
      .update(accounts)
      .set({ crmKind: null, crmSettings: { ...(account.crmSettings as object), uninstalledAt: now.toISOString() }, updatedAt: now })
      .where(eq(accounts.id, accountId));
  });
  ctx.accounts.invalidate(accountId);
  ctx.crm.forget(accountId);
  ctx.logger.info({ accountId }, 'HubSpot uninstalled');
}
