/**
 * The app settings page's view of an account and its writes: call-tracking credentials (write-only:
 * a secret is never sent back, only whether it is set), locations with their tracking numbers,
 * business hours and owners, and the account's SLA policy. Writes go through the account store, the
 * same functions config application and the admin API use, then drop the cached account context.
 * A key the config file sets wins again at the next start (contract §2); the page says so.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { isValidTimeZone, normalizePhone, parseBusinessHours } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import { accounts } from '../store/schema.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { CallTrackingSchema, LocationSchema, PolicySchema, type LocationInput } from '../config/file-schema.ts';
import { getAccount, listLocations, setCredential, upsertLocation, type CredentialKind } from '../accounts/account-store.ts';

export const PROVIDERS = ['callrail', 'twilio', 'invoca', 'generic'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The fields each provider's credential takes, for the form (secrets marked so the page masks them). */
const PROVIDER_FIELDS: Record<Provider, Array<{ name: string; secret: boolean; required: boolean }>> = {
  callrail: [
    { name: 'signingKey', secret: true, required: true },
    { name: 'apiKey', secret: true, required: false },
    { name: 'accountId', secret: false, required: false },
  ],
  twilio: [{ name: 'authToken', secret: true, required: true }],
  invoca: [{ name: 'token', secret: true, required: true }],
  generic: [{ name: 'secret', secret: true, required: true }],
};

export async function settingsView(ctx: AppContext, accountId: string) {
  const account = await getAccount(ctx.database.db, accountId);
  if (!account) throw new NonRetryableError('not_found', `no account ${accountId}`, 404);
  const resolved = await ctx.accounts.get(accountId);
  const locations = await listLocations(ctx.database.db, accountId);
  const base = ctx.config.publicUrl;
  return {
    account: { id: account.id, name: account.name, timezone: account.timezone, currency: account.currency },
    callTracking: PROVIDERS.map((provider) => ({
      provider,
      webhookUrl: `${base}/webhooks/${provider}/${account.id}`,
      configured: resolved?.secrets.has(provider) ?? false,
      fields: PROVIDER_FIELDS[provider],
    })),
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      timezone: l.timezone,
      vertical: l.vertical,
      trackingNumbers: resolved?.locations.get(l.id)?.info.trackingNumbers ?? [],
      businessHours: l.businessHours as Record<string, string> | null,
      holidays: l.holidays,
      owners: l.owners,
      unavailableOwners: l.unavailableOwners,
      managerOwnerId: l.managerOwnerId,
      crmRecordId: l.crmRecordId,
      policy: l.policy,
    })),
    policy: account.policy,
    fileManaged: Boolean(ctx.config.file?.accounts.some((a) => a.id === accountId)),
  };
}

export async function setCallTracking(ctx: AppContext, accountId: string, provider: string, body: unknown): Promise<void> {
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new NonRetryableError('unknown_provider', `provider must be one of ${PROVIDERS.join(', ')}`, 404);
  }
  const schema = CallTrackingSchema.shape[provider as Provider].unwrap();
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  await ctx.database.db.transaction((tx) => setCredential(tx, ctx.box, accountId, provider as CredentialKind, parsed.data, ctx.clock()));
  ctx.accounts.invalidate(accountId);
  ctx.logger.info({ accountId, provider }, 'call-tracking credential set from HubSpot settings');
}

const LocationPatchSchema = LocationSchema.omit({ id: true }).partial();

/** Creates or updates one location; fields left out keep their current value. */
export async function saveLocation(ctx: AppContext, accountId: string, locationId: string, body: unknown): Promise<void> {
  const patch = LocationPatchSchema.safeParse(body);
  if (!patch.success) throw invalid(patch.error);
  const resolved = await ctx.accounts.get(accountId);
  const current = resolved?.locations.get(locationId);
  const merged = LocationSchema.safeParse({
    ...(current
      ? {
          name: current.row.name,
          timezone: current.row.timezone,
          ...(current.row.vertical ? { vertical: current.row.vertical } : {}),
          trackingNumbers: current.info.trackingNumbers,
          ...(current.row.businessHours ? { businessHours: current.row.businessHours } : {}),
          holidays: current.row.holidays,
          owners: current.row.owners,
          unavailableOwners: current.row.unavailableOwners,
          ...(current.row.managerOwnerId ? { managerOwnerId: current.row.managerOwnerId } : {}),
          ...(current.row.crmRecordId ? { crmRecordId: current.row.crmRecordId } : {}),
          ...(Object.keys(current.row.policy as object).length ? { policy: current.row.policy } : {}),
        }
      : {}),
    ...stripUndefined(patch.data),
    id: locationId,
  });
  if (!merged.success) throw invalid(merged.error);
  checkLocationMeaning(merged.data);
  await ctx.database.db.transaction((tx) => upsertLocation(tx, accountId, merged.data, ctx.clock()));
  ctx.accounts.invalidate(accountId);
  ctx.logger.info({ accountId, locationId }, 'location saved from HubSpot settings');
}

export async function savePolicy(ctx: AppContext, accountId: string, body: unknown): Promise<void> {
  const parsed = PolicySchema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  await ctx.database.db.update(accounts).set({ policy: parsed.data, updatedAt: ctx.clock() }).where(eq(accounts.id, accountId));
  ctx.accounts.invalidate(accountId);
  ctx.logger.info({ accountId }, 'policy saved from HubSpot settings');
}

function checkLocationMeaning(l: LocationInput): void {
  if (!isValidTimeZone(l.timezone)) throw new NonRetryableError('invalid_settings', `timezone: unknown IANA time zone ${l.timezone}`);
  try {
    parseBusinessHours(l.businessHours as Record<string, string> | undefined, l.holidays);
  } catch (err) {
    throw new NonRetryableError('invalid_settings', `businessHours: ${(err as Error).message}`);
  }
  for (const raw of l.trackingNumbers) {
    if (!normalizePhone(raw)) throw new NonRetryableError('invalid_settings', `trackingNumbers: not a phone number: ${raw}`);
  }
}

function invalid(error: z.ZodError): NonRetryableError {
  const issue = error.issues[0];
  const path = issue?.path.join('.') || '(body)';
  return new NonRetryableError('invalid_settings', `${path}: ${issue?.message ?? 'invalid'}`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
