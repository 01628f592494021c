/**
 * The secret that HubSpot signs card, page and webhook requests with: the app's client secret from
 * the config file (`hubspotApp.clientSecret`). The sandbox has no HubSpot app, so it uses a fixed,
 * documented secret: anyone can sign sandbox requests, which is the point of a sandbox (it only
 * holds demo data), and a configured production install never falls back to it.
 */
import type { RuntimeConfig } from '../config/runtime.ts';

/** README "Install on HubSpot": sign local requests to the sandbox with this secret. */
export const SANDBOX_HUBSPOT_APP_SECRET = 'ringback-sandbox-hubspot-app-secret';

export function hubspotAppSecret(config: Pick<RuntimeConfig, 'file' | 'sandbox'>): string | null {
  const configured = config.file?.hubspotApp?.clientSecret;
  if (configured) return configured;
  return config.sandbox ? SANDBOX_HUBSPOT_APP_SECRET : null;
}
