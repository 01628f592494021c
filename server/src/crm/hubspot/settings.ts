/**
 * Where an account's HubSpot lives and how to authenticate: the sealed `crm` credential
 * (`{hubspot: {accessToken, portalId?, baseUrl?, refreshToken?, expiresAt?}}` — a private-app token
 * from the config file, or OAuth tokens from an install) and the account's non-secret CRM settings.
 */
import type { AccountContext } from '../../accounts/account-context.ts';
import { NonRetryableError } from '../../lib/errors.ts';

export const HUBSPOT_API_BASE = 'https://api.hubapi.com';
export const HUBSPOT_APP_BASE = 'https://app.hubspot.com';

export interface HubSpotCredential {
  accessToken: string;
  /** OAuth installs only: exchanged for a new access token before `expiresAt`. */
  refreshToken?: string;
  /** Epoch ms at which the access token stops working (OAuth). */
  expiresAt?: number;
  portalId?: number | string;
  baseUrl?: string;
  scopes?: string[];
}

export interface HubSpotSettings {
  baseUrl: string;
  portalId: string | null;
  credential: HubSpotCredential;
}

export function hubspotCredentialOf(secret: unknown): HubSpotCredential | null {
  const hubspot = (secret as { hubspot?: HubSpotCredential } | null | undefined)?.hubspot;
  return hubspot && typeof hubspot.accessToken === 'string' && hubspot.accessToken !== '' ? hubspot : null;
}

export function hubspotSettings(account: AccountContext): HubSpotSettings {
  const credential = hubspotCredentialOf(account.secrets.get('crm'));
  if (!credential) {
    throw new NonRetryableError('crm_not_connected', `account ${account.account.id} has no HubSpot credentials`);
  }
  const stored = (account.account.crmSettings ?? {}) as { baseUrl?: string | null; portalId?: number | string | null };
  const baseUrl = (credential.baseUrl ?? stored.baseUrl ?? HUBSPOT_API_BASE).replace(/\/+$/, '');
  const portal = credential.portalId ?? stored.portalId ?? null;
  return { baseUrl, portalId: portal === null ? null : String(portal), credential };
}
