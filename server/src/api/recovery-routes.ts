/**
 * `GET /api/accounts/:accountId/recovery` (contract §4) and
 * `GET /api/accounts/:accountId/locations/:locationId/recovery`: thin wrappers over the recovery
 * engine (server/src/recovery), which the HubSpot cards and the Salesforce sync call directly.
 */
import { Router } from 'express';
import type { AppContext } from '../app-context.ts';
import { accountFor } from './account-scope.ts';
import { locationRecovery, recoveryGroups } from '../recovery/index.ts';

export function recoveryRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/accounts/:accountId/recovery', async (req, res) => {
    const account = await accountFor(ctx, req);
    res.json(await recoveryGroups(ctx, account.account.id, req.query as Record<string, unknown>));
  });
  router.get('/accounts/:accountId/locations/:locationId/recovery', async (req, res) => {
    const account = await accountFor(ctx, req);
    res.json(
      await locationRecovery(
        ctx,
        account.account.id,
        String(req.params.locationId),
        req.query as Record<string, unknown>,
      ),
    );
  });
  return router;
}
