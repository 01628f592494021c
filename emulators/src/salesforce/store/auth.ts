/**
 * Connected apps and the credentials issued through them: access tokens (which faults can expire),
 * refresh tokens (optionally rotated on use, as orgs with refresh-token rotation do) and one-time
 * authorization codes for the install flow.
 */
import { randomBytes } from 'node:crypto';

export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** PEM public key for the JWT bearer flow. */
  publicKeyPem?: string;
  /** Allowed callback URLs for the authorization-code flow; empty allows any. */
  redirectUris: string[];
  /** Issue a new refresh token on every refresh and invalidate the old one. */
  rotateRefreshTokens: boolean;
  /** The user the client-credentials flow runs as. */
  runAs?: { orgId: string; userId: string };
}

export interface AccessGrant {
  orgId: string;
  userId: string;
  clientId: string | null;
  issuedAt: number;
  expired: boolean;
}

export interface RefreshGrant {
  orgId: string;
  userId: string;
  clientId: string;
  revoked: boolean;
}

export interface AuthCode {
  orgId: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  expiresAt: number;
  codeChallenge?: string;
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export class AuthRegistry {
  readonly apps = new Map<string, ConnectedApp>();
  readonly accessTokens = new Map<string, AccessGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly codes = new Map<string, AuthCode>();

  registerApp(app: Partial<ConnectedApp> = {}): ConnectedApp {
    const full: ConnectedApp = {
      clientId: app.clientId ?? `3MVG9${token(24)}`,
      clientSecret: app.clientSecret ?? token(32),
      redirectUris: app.redirectUris ?? [],
      rotateRefreshTokens: app.rotateRefreshTokens ?? false,
      ...(app.publicKeyPem ? { publicKeyPem: app.publicKeyPem } : {}),
      ...(app.runAs ? { runAs: app.runAs } : {}),
    };
    this.apps.set(full.clientId, full);
    return full;
  }

  /** Salesforce access tokens start with the org id and a `!`. */
  issueAccess(orgId: string, userId: string, clientId: string | null, now: number): string {
    const value = `${orgId}!${token(40)}`;
    this.accessTokens.set(value, { orgId, userId, clientId, issuedAt: now, expired: false });
    return value;
  }

  issueRefresh(orgId: string, userId: string, clientId: string): string {
    const value = `5Aep${token(40)}`;
    this.refreshTokens.set(value, { orgId, userId, clientId, revoked: false });
    return value;
  }

  issueCode(code: Omit<AuthCode, 'expiresAt'>, now: number): string {
    const value = `aPrx${token(24)}`;
    // Salesforce authorization codes are valid for 15 minutes and usable once.
    this.codes.set(value, { ...code, expiresAt: now + 15 * 60_000 });
    return value;
  }

  /** The grant behind a bearer token, or null when unknown or expired. */
  validAccess(value: string): AccessGrant | null {
    const grant = this.accessTokens.get(value);
    return grant && !grant.expired ? grant : null;
  }

  expireAll(): number {
    let n = 0;
    for (const grant of this.accessTokens.values()) {
      if (!grant.expired) n += 1;
      grant.expired = true;
    }
    return n;
  }

  expire(value: string): boolean {
    const grant = this.accessTokens.get(value);
    if (!grant) return false;
    grant.expired = true;
    return true;
  }

  revoke(value: string): boolean {
    const access = this.accessTokens.get(value);
    if (access) access.expired = true;
    const refresh = this.refreshTokens.get(value);
    if (refresh) {
      refresh.revoked = true;
      // Revoking a refresh token ends every session issued from it; here: the user's sessions for the app.
      for (const grant of this.accessTokens.values()) {
        if (grant.userId === refresh.userId && grant.clientId === refresh.clientId) grant.expired = true;
      }
    }
    return Boolean(access ?? refresh);
  }
}
