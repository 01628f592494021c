/** Account tokens (admin only): `POST /api/accounts/:accountId/tokens` → `{token}` for that account. */
import { Router } from 'express';
import type { AppContext } from '../app-context.ts';
import { apiTokens } from '../store/schema.ts';
import { newToken, sha256Hex } from '../lib/ids.ts';
import { requireAdmin } from '../http/auth.ts';
import { accountFor } from './account-scope.ts';
import { listAccounts } from '../accounts/account-store.ts';

export function accountRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/accounts/:accountId/tokens', requireAdmin, async (req, res) => {
    const account = await accountFor(ctx, req);
    const token = newToken('rbk');
    const label = typeof req.body?.label === 'string' ? req.body.label.slice(0, 100) : null;
    await ctx.database.db.insert(apiTokens).values({ tokenHash: sha256Hex(token), accountId: account.account.id, label });
    res.status(201).json({ token, accountId: account.account.id });
  });
  router.get('/accounts', async (req, res) => {
    const all = await listAccounts(ctx.database.db);
    const visible = all.filter((a) => req.principal?.kind === 'admin' || (req.principal?.kind === 'account' && req.principal.accountId === a.id));
    res.json({ items: visible.map((a) => ({ id: a.id, name: a.name, timezone: a.timezone, currency: a.currency, crmKind: a.crmKind })) });
  });
  router.get('/metrics', requireAdmin, (_req, res) => {
    res.type('text/plain; version=0.0.4').send(ctx.metrics.render());
  });
  return router;
}
