/**
 * The sandbox CRM: the HubSpot API emulator mounted in-process at `/sandbox/hubspot` (what the `demo`
 * account's CRM base URL points at), seeded with the demo portal, its owners and contacts, and
 * subscribed to Ringback's own HubSpot webhook so outcomes logged in the sandbox (a completed task, a
 * deal) flow back like a real portal's. Browse it at `/sandbox/hubspot/_emulator/state`. Only when
 * the sandbox is on (`ctx.config.sandbox`); otherwise an empty router.
 */
import { Router } from 'express';
import type { AppContext } from '../app-context.ts';
import { createHubSpotEmulator, type HubSpotEmulator } from '../../../emulators/src/hubspot/index.ts';
import { DEMO_HUBSPOT_TOKEN, DEMO_PORTAL_ID } from './demo-account.ts';
import { SANDBOX_HUBSPOT_CLIENT_SECRET, seedSandboxPortal } from './hubspot-sandbox-seed.ts';

export const SANDBOX_HUBSPOT_PATH = '/sandbox/hubspot';

export function sandboxHubSpot(publicUrl: string): HubSpotEmulator {
  const emulator = createHubSpotEmulator({
    clientSecret: SANDBOX_HUBSPOT_CLIENT_SECRET,
    webhookRetryDelayMs: 2_000,
    webhookMaxRetries: 2,
  });
  seedSandboxPortal(emulator.state, DEMO_HUBSPOT_TOKEN);
  // The seed is searchable at once; later writes take a couple of seconds, as in a real portal.
  emulator.state.setSearchLag(2_000);
  emulator.webhooks.subscribe(DEMO_PORTAL_ID, `${publicUrl}/webhooks/hubspot`, SANDBOX_HUBSPOT_CLIENT_SECRET);
  return emulator;
}

export function sandboxHubSpotRoutes(ctx: AppContext): Router {
  const router = Router();
  if (!ctx.config.sandbox) return router;
  router.use(SANDBOX_HUBSPOT_PATH, sandboxHubSpot(ctx.config.publicUrl).app);
  return router;
}
