import { randomBytes, createHash } from 'node:crypto';

/** Sortable-enough, URL-safe ids with a type prefix (`mc_…` for missed calls). */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
}

/**
 * A missed call's id, derived from what makes it unique (account, provider, provider call id): the
 * webhook ack can answer it before the case is folded, and every delivery about the call agrees.
 */
export function caseIdFor(accountId: string, provider: string, providerCallId: string): string {
  return `mc_${sha256Hex(`${accountId}\n${provider}\n${providerCallId}`).slice(0, 25)}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A fresh bearer token: 32 random bytes, base64url. */
export function newToken(prefix = 'rb'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
