/**
 * `/hubspot/*`: the backend of the HubSpot app's cards, home page and settings page. Every route is
 * behind HubSpot's v3 request signature and answers for the account bound to the signed portal id
 * only (signed-request.ts). JSON in and out; answers stay well under HubSpot's 1 MB fetch limit.
 *
 *   GET  /hubspot/contact-card?objectId=<contact id>[&phone=]   cases, attempts, outcomes
 *   POST /hubspot/contact-card/outcomes  {caseId, action}        booked_elsewhere | wrong_number | spam
 *   GET  /hubspot/location-card?objectId=<company id>[&from&to] location recovery (recovery/index.ts)
 *   GET  /hubspot/dashboard[?from&to&source&vertical]            every location, ranked, laggards
 *   GET  /hubspot/settings                                       settings view (no secrets)
 *   PUT  /hubspot/settings/call-tracking/:provider               set a provider's credential
 *   PUT  /hubspot/settings/locations/:locationId                 create or update a location
 *   PUT  /hubspot/settings/policy                                the account's SLA policy
 */
import { Router, type Request } from 'express';
import type { AppContext } from '../app-context.ts';
import { NonRetryableError } from '../lib/errors.ts';
import { signedHubSpotRequest, type HubSpotCaller } from './signed-request.ts';
import { contactCases } from './contact-cases.ts';
import { CARD_OUTCOMES, recordCardOutcome, type CardOutcomeAction } from './card-outcomes.ts';
import { locationCard } from './location-card.ts';
import { dashboard } from './dashboard.ts';
import { saveLocation, savePolicy, setCallTracking, settingsView } from './settings-service.ts';
import { realRecovery, type RecoveryFunctions } from './recovery-port.ts';

export interface HubSpotAppDeps {
  /** The recovery functions; the real `server/src/recovery` module unless a test hands in its own. */
  recovery?: RecoveryFunctions;
}

const caller = (req: Request): HubSpotCaller => req.hubspot!;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const recordId = (v: unknown): string => {
  const id = str(v);
  if (!id || !/^\d{1,20}$/.test(id)) throw new NonRetryableError('bad_object_id', 'objectId must be the HubSpot record id', 400);
  return id;
};

export function hubspotAppRoutes(ctx: AppContext, deps: HubSpotAppDeps = {}): Router {
  const recovery = deps.recovery ?? realRecovery;
  const router = Router();
  router.use('/hubspot', ...signedHubSpotRequest(ctx));

  router.get('/hubspot/contact-card', async (req, res) => {
    res.json(await contactCases(ctx, caller(req).accountId, recordId(req.query.objectId), str(req.query.phone)));
  });

  router.post('/hubspot/contact-card/outcomes', async (req, res) => {
    const { caseId, action } = (req.body ?? {}) as { caseId?: unknown; action?: unknown };
    if (typeof caseId !== 'string' || !caseId) throw new NonRetryableError('invalid_outcome', 'caseId is required');
    if (!CARD_OUTCOMES.includes(action as CardOutcomeAction)) {
      throw new NonRetryableError('invalid_outcome', `action must be one of ${CARD_OUTCOMES.join(', ')}`);
    }
    const { accountId, userId } = caller(req);
    const result = await recordCardOutcome(ctx, accountId, { caseId, action: action as CardOutcomeAction, userId });
    res.status(result.changed ? 201 : 200).json({ accepted: true, changed: result.changed, caseId });
  });

  router.get('/hubspot/location-card', async (req, res) => {
    const q = { ...(str(req.query.from) ? { from: str(req.query.from)! } : {}), ...(str(req.query.to) ? { to: str(req.query.to)! } : {}) };
    res.json(await locationCard(ctx, recovery, caller(req).accountId, recordId(req.query.objectId), q));
  });

  router.get('/hubspot/dashboard', async (req, res) => {
    const q: Record<string, string> = {};
    for (const k of ['from', 'to', 'source', 'vertical']) {
      const v = str(req.query[k]);
      if (v) q[k] = v;
    }
    res.json(await dashboard(ctx, recovery, caller(req).accountId, q));
  });

  router.get('/hubspot/settings', async (req, res) => {
    res.json(await settingsView(ctx, caller(req).accountId));
  });
  router.put('/hubspot/settings/call-tracking/:provider', async (req, res) => {
    await setCallTracking(ctx, caller(req).accountId, String(req.params.provider), req.body);
    res.json(await settingsView(ctx, caller(req).accountId));
  });
  router.put('/hubspot/settings/locations/:locationId', async (req, res) => {
    const id = String(req.params.locationId);
    if (!/^[a-z0-9-]+$/.test(id)) throw new NonRetryableError('invalid_settings', 'location id: lower-case letters, digits and dashes');
    await saveLocation(ctx, caller(req).accountId, id, req.body);
    res.json(await settingsView(ctx, caller(req).accountId));
  });
  router.put('/hubspot/settings/policy', async (req, res) => {
    await savePolicy(ctx, caller(req).accountId, req.body);
    res.json(await settingsView(ctx, caller(req).accountId));
  });
  return router;
}
