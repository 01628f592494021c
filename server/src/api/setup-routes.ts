/**
 * The setup API the console's setup screens use: accounts, locations (hours, holidays, policy
 * overrides, owners, tracking numbers), the account's policy, and call-tracking sources (webhook URLs,
 * which keys are set; keys are written, never read back). Reads are open to the account's own token;
 * writes need the admin token. Every write is validated like the config file (the same zod schemas
 * and semantic checks), goes through account-store, is audited, and drops the account cache so the
 * next webhook sees it.
 */
import { Router, type Request } from 'express';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { isValidTimeZone, normalizePhone, parseBusinessHours } from '@ringback/shared';
import type { AppContext } from '../app-context.ts';
import { accountFor } from './account-scope.ts';
import { requireAdmin } from '../http/auth.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { AccountSchema, CallTrackingSchema, LocationSchema, PolicySchema } from '../config/file-schema.ts';
import { getAccount, listLocations, setCredential, upsertAccount, upsertLocation } from '../accounts/account-store.ts';
import { mergePolicyInputs, resolvePolicy } from '../accounts/resolve-policy.ts';
import { auditLog, accounts, trackingNumbers } from '../store/schema.ts';
import {
  accountView,
  locationView,
  SOURCE_PROVIDERS,
  sourceView,
  type SourceProvider,
} from '../console/setup-views.ts';

function invalid(message: string, code = 'invalid_setup'): NonRetryableError {
  return new NonRetryableError(code, message);
}

/** Parses with a config-file schema; the first problem is a 400 naming its path. */
function parseWith<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid(`${what} must be a JSON object`);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    throw invalid(`${path ? `${path}: ` : ''}unknown key ${issue.keys.join(', ')}`);
  throw invalid(`${path || what}: ${issue.message}`);
}

const AccountBody = AccountSchema.pick({ name: true, timezone: true, currency: true, corporateOwnerId: true });
const LocationBody = LocationSchema.omit({ id: true }).extend({ id: LocationSchema.shape.id.optional() });

async function audit(
  ctx: AppContext,
  req: Request,
  accountId: string,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await ctx.database.db
    .insert(auditLog)
    .values({ accountId, actor: req.principal?.kind === 'admin' ? 'admin' : 'api', action, detail, at: ctx.clock() });
}

export function setupRoutes(ctx: AppContext): Router {
  const router = Router();
  const publicUrl = ctx.config.publicUrl;

  router.get('/accounts/:accountId/setup', async (req, res) => {
    const account = await accountFor(ctx, req);
    res.json(accountView(account.account, account.policy, publicUrl));
  });

  router.put('/accounts/:accountId', requireAdmin, async (req, res) => {
    const id = String(req.params.accountId);
    if (!/^[a-z0-9-]+$/.test(id)) throw invalid('account id: lower-case letters, digits and dashes');
    const body = parseWith(AccountBody, req.body, 'account');
    // The schema fills defaults; an update keeps what the account had for keys the body leaves out.
    const given = (key: string) => Object.hasOwn(req.body as object, key);
    if (!isValidTimeZone(body.timezone ?? 'UTC')) throw invalid(`timezone: unknown IANA time zone ${body.timezone}`);
    const existing = await getAccount(ctx.database.db, id);
    await upsertAccount(
      ctx.database.db,
      {
        id,
        name: body.name,
        timezone: (given('timezone') ? body.timezone : existing?.timezone) ?? 'UTC',
        currency: (given('currency') ? body.currency : existing?.currency) ?? 'USD',
        crmKind: (existing?.crmKind as 'hubspot' | 'salesforce' | null | undefined) ?? null,
        crmSettings: (existing?.crmSettings as Record<string, unknown> | undefined) ?? {},
        policy: (existing?.policy as Record<string, unknown> | undefined) ?? {},
        corporateOwnerId: body.corporateOwnerId ?? existing?.corporateOwnerId ?? null,
        origin: (existing?.origin as 'config' | 'api' | 'oauth' | 'sandbox' | undefined) ?? 'api',
      },
      ctx.clock(),
    );
    ctx.accounts.invalidate(id);
    await audit(ctx, req, id, existing ? 'setup.account_updated' : 'setup.account_created', { name: body.name });
    const account = (await ctx.accounts.get(id))!;
    res.status(existing ? 200 : 201).json(accountView(account.account, account.policy, publicUrl));
  });

  router.put('/accounts/:accountId/policy', requireAdmin, async (req, res) => {
    const account = await accountFor(ctx, req);
    const policy = parseWith(PolicySchema, req.body, 'policy');
    try {
      resolvePolicy(mergePolicyInputs(policy));
    } catch (err) {
      throw invalid(`policy: ${(err as Error).message}`);
    }
    await ctx.database.db
      .update(accounts)
      .set({ policy, updatedAt: ctx.clock() })
      .where(eq(accounts.id, account.account.id));
    ctx.accounts.invalidate(account.account.id);
    await audit(ctx, req, account.account.id, 'setup.policy_updated', { policy });
    const fresh = (await ctx.accounts.get(account.account.id))!;
    res.json(accountView(fresh.account, fresh.policy, publicUrl));
  });

  router.get('/accounts/:accountId/locations', async (req, res) => {
    const account = await accountFor(ctx, req);
    const rows = await listLocations(ctx.database.db, account.account.id);
    res.json({
      items: rows.map((row) => {
        const resolved = account.locations.get(row.id);
        return locationView(row, resolved?.info.trackingNumbers ?? [], resolved?.policy ?? null);
      }),
    });
  });

  router.get('/accounts/:accountId/locations/:locationId', async (req, res) => {
    const account = await accountFor(ctx, req);
    const resolved = account.locations.get(String(req.params.locationId));
    if (!resolved) throw new NonRetryableError('not_found', `no location ${String(req.params.locationId)}`, 404);
    res.json(locationView(resolved.row, resolved.info.trackingNumbers, resolved.policy));
  });

  router.put('/accounts/:accountId/locations/:locationId', requireAdmin, async (req, res) => {
    const account = await accountFor(ctx, req);
    const accountId = account.account.id;
    const locationId = String(req.params.locationId);
    const body = parseWith(LocationBody, req.body, 'location');
    const parsedId = LocationSchema.shape.id.safeParse(locationId);
    if (!parsedId.success) throw invalid('location id: lower-case letters, digits and dashes');
    if (body.id !== undefined && body.id !== locationId)
      throw invalid(`id: ${body.id} does not match the URL's ${locationId}`);
    const input = { ...body, id: locationId };
    if (!isValidTimeZone(input.timezone)) throw invalid(`timezone: unknown IANA time zone ${input.timezone}`);
    try {
      parseBusinessHours(input.businessHours as Record<string, string> | undefined, input.holidays);
    } catch (err) {
      throw invalid(`businessHours: ${(err as Error).message}`);
    }
    try {
      resolvePolicy(mergePolicyInputs(account.account.policy as object, input.policy));
    } catch (err) {
      throw invalid(`policy: ${(err as Error).message}`);
    }
    const e164s: string[] = [];
    for (const [i, raw] of input.trackingNumbers.entries()) {
      const e164 = normalizePhone(raw);
      if (!e164) throw invalid(`trackingNumbers[${i}]: not a phone number: ${raw}`);
      e164s.push(e164);
    }
    const taken = e164s.length
      ? await ctx.database.db
          .select()
          .from(trackingNumbers)
          .where(
            and(
              eq(trackingNumbers.accountId, accountId),
              inArray(trackingNumbers.e164, e164s),
              ne(trackingNumbers.locationId, locationId),
            ),
          )
      : [];
    if (taken[0])
      throw new NonRetryableError(
        'tracking_number_in_use',
        `${taken[0].e164} is already used by location ${taken[0].locationId}`,
        409,
      );
    const existed = account.locations.has(locationId);
    await ctx.database.db.transaction(async (tx) => {
      await upsertLocation(tx, accountId, input, ctx.clock());
    });
    ctx.accounts.invalidate(accountId);
    await audit(ctx, req, accountId, existed ? 'setup.location_updated' : 'setup.location_created', { locationId });
    const fresh = (await ctx.accounts.get(accountId))!.locations.get(locationId)!;
    res.status(existed ? 200 : 201).json(locationView(fresh.row, fresh.info.trackingNumbers, fresh.policy));
  });

  router.get('/accounts/:accountId/sources', async (req, res) => {
    const account = await accountFor(ctx, req);
    res.json({
      items: SOURCE_PROVIDERS.map((p) =>
        sourceView(p, account.secrets.get(p) as Record<string, unknown> | undefined, publicUrl, account.account.id),
      ),
    });
  });

  router.put('/accounts/:accountId/sources/:provider', requireAdmin, async (req, res) => {
    const account = await accountFor(ctx, req);
    const provider = String(req.params.provider);
    if (!(SOURCE_PROVIDERS as readonly string[]).includes(provider)) {
      throw new NonRetryableError(
        'not_found',
        `no call-tracking provider ${provider} (${SOURCE_PROVIDERS.join(', ')})`,
        404,
      );
    }
    const p = provider as SourceProvider;
    const raw = (req.body ?? {}) as Record<string, unknown>;
    // Our own shared secrets (generic, invoca) can be generated here and are shown exactly once.
    const generated =
      raw.generate === true && (p === 'generic' || p === 'invoca') ? randomBytes(24).toString('base64url') : null;
    const body = generated ? { [p === 'generic' ? 'secret' : 'token']: generated } : raw;
    const schema = CallTrackingSchema.shape[p].unwrap();
    const secret = parseWith(schema, body, provider) as Record<string, unknown>;
    await setCredential(ctx.database.db, ctx.box, account.account.id, p, secret, ctx.clock());
    ctx.accounts.invalidate(account.account.id);
    await audit(ctx, req, account.account.id, 'setup.source_updated', { provider: p, fields: Object.keys(secret) });
    res.json({
      ...sourceView(p, secret, publicUrl, account.account.id),
      ...(generated ? { generatedSecret: generated } : {}),
    });
  });

  return router;
}
