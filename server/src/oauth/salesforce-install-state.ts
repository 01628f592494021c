/**
 * The two short-lived values of a Salesforce install, sealed with the installation's secret box
 * (encrypted and authenticated, so nothing is stored and nothing can be forged):
 * - the install ticket an admin obtains from the API, which makes the install link usable in a
 *   browser without the admin token in it;
 * - the OAuth `state`, which carries the account, the PKCE verifier and a nonce that must match the
 *   browser's cookie at the callback (a callback not started in this browser is refused).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../lib/secret-box.ts';
import { NonRetryableError } from '../lib/errors.ts';

export const TICKET_TTL_MS = 10 * 60_000;
export const STATE_TTL_MS = 15 * 60_000;
export const NONCE_COOKIE = 'rb_sf_oauth';

export interface InstallTarget {
  accountId: string;
  /** Name for an account the install creates. */
  name: string | null;
  /** Login host for this org (a sandbox's test.salesforce.com, a My Domain), else the app's. */
  loginUrl: string | null;
}

interface Ticket extends InstallTarget {
  purpose: 'sf-install-ticket';
  exp: number;
}

export interface InstallState extends InstallTarget {
  purpose: 'sf-install-state';
  exp: number;
  nonce: string;
  verifier: string;
}

function open<T extends { purpose: string; exp: number }>(
  box: SecretBox,
  sealed: string,
  purpose: T['purpose'],
  now: Date,
): T {
  let value: T;
  try {
    value = box.open<T>(sealed);
  } catch {
    throw new NonRetryableError('oauth_state_invalid', 'the install link or OAuth state is not valid');
  }
  if (value.purpose !== purpose)
    throw new NonRetryableError('oauth_state_invalid', 'the install link or OAuth state is not valid');
  if (value.exp < now.getTime())
    throw new NonRetryableError('oauth_state_expired', 'the install link or OAuth state has expired; start again');
  return value;
}

export function sealTicket(box: SecretBox, target: InstallTarget, now: Date): string {
  return box.seal({ ...target, purpose: 'sf-install-ticket', exp: now.getTime() + TICKET_TTL_MS } satisfies Ticket);
}

export function openTicket(box: SecretBox, sealed: string, now: Date): InstallTarget {
  const t = open<Ticket>(box, sealed, 'sf-install-ticket', now);
  return { accountId: t.accountId, name: t.name, loginUrl: t.loginUrl };
}

export function newState(target: InstallTarget, now: Date): InstallState {
  return {
    ...target,
    purpose: 'sf-install-state',
    exp: now.getTime() + STATE_TTL_MS,
    nonce: randomBytes(16).toString('base64url'),
    verifier: randomBytes(48).toString('base64url'),
  };
}

export function sealState(box: SecretBox, state: InstallState): string {
  return box.seal(state);
}

export function openState(box: SecretBox, sealed: string, now: Date): InstallState {
  return open<InstallState>(box, sealed, 'sf-install-state', now);
}

/** PKCE S256 challenge of a verifier. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}
