/**
 * The Salesforce side of the account API:
 * - `GET /api/accounts/:accountId/crm/budget[?refresh=true]`: the org's daily API allocation as last
 *   reported, the reserves Ringback keeps, and whether it is holding requests back (refresh asks
 *   the org's `/limits` now, which itself costs one API call);
 * - `POST /api/accounts/:accountId/crm/salesforce/install` (admin): an install link to open in a
 *   browser, valid for 10 minutes, that connects the account to the org the user approves.
 */
import { Router } from 'express';
import type { AppContext } from '../../app-context.ts';
import { accountFor } from '../../api/account-scope.ts';
import { requireAdmin } from '../../http/auth.ts';
import { NonRetryableError } from '../../lib/errors.ts';
import { salesforceApp } from '../../oauth/salesforce-routes.ts';
import { sealTicket, TICKET_TTL_MS } from '../../oauth/salesforce-install-state.ts';
import { budgetView } from './budget.ts';
import { currentBudget, localBudget, recordUsage } from './budget-registry.ts';
import { salesforceConnection, salesforceError } from './connection.ts';

interface Limits {
  DailyApiRequests?: { Max?: number; Remaining?: number };
}

export function salesforceApiRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/accounts/:accountId/crm/budget', async (req, res) => {
    const account = await accountFor(ctx, req);
    const accountId = account.account.id;
    if (account.account.crmKind !== 'salesforce') {
      throw new NonRetryableError('crm_budget_not_tracked', `account ${accountId} is not connected to Salesforce`, 404);
    }
    if (req.query.refresh === 'true') {
      const conn = await salesforceConnection(ctx, account, 'background');
      try {
        const limits = await conn.request<Limits>('/limits');
        const daily = limits.DailyApiRequests;
        if (typeof daily?.Max === 'number' && typeof daily.Remaining === 'number') {
          recordUsage(ctx, accountId, { used: daily.Max - daily.Remaining, max: daily.Max });
        }
      } catch (err) {
        throw await salesforceError(ctx, accountId, conn, err);
      }
    }
    const state = localBudget(ctx, accountId) ?? (await currentBudget(ctx, accountId));
    res.json({ accountId, crm: 'salesforce', ...budgetView(state, ctx.clock()) });
  });

  router.post('/accounts/:accountId/crm/salesforce/install', requireAdmin, async (req, res) => {
    const accountId = String(req.params.accountId);
    if (!/^[a-z0-9-]+$/.test(accountId))
      throw new NonRetryableError('invalid_account_id', 'accountId must be lower-case letters, digits and dashes');
    salesforceApp(ctx);
    const body = (req.body ?? {}) as { name?: unknown; loginUrl?: unknown };
    const loginUrl = typeof body.loginUrl === 'string' && /^https?:\/\//.test(body.loginUrl) ? body.loginUrl : null;
    const ticket = sealTicket(
      ctx.box,
      { accountId, name: typeof body.name === 'string' ? body.name.slice(0, 200) : null, loginUrl },
      ctx.clock(),
    );
    res.status(201).json({
      url: `${ctx.config.publicUrl}/oauth/salesforce/install?token=${encodeURIComponent(ticket)}`,
      expiresAt: new Date(ctx.clock().getTime() + TICKET_TTL_MS).toISOString(),
    });
  });
  return router;
}
