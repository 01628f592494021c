/**
 * Verification of the JWT bearer assertion (RFC 7523) a connected app signs with its private key:
 * RS256 only, `iss` the app's client id, `sub` the username, `aud` the login URL, `exp` in the future.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { ConnectedApp } from '../store/auth.ts';

export type JwtCheck =
  | { ok: true; app: ConnectedApp; username: string }
  | { ok: false; error: 'invalid_grant' | 'invalid_client_id'; description: string };

function decodePart(part: string | undefined): Record<string, unknown> | null {
  if (!part) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function verifyJwtBearer(
  assertion: string,
  apps: ReadonlyMap<string, ConnectedApp>,
  audiences: string[],
  nowMs: number,
): JwtCheck {
  const invalid: JwtCheck = { ok: false, error: 'invalid_grant', description: 'invalid assertion' };
  const [h, p, s] = assertion.split('.');
  const header = decodePart(h);
  const payload = decodePart(p);
  if (!header || !payload || !s || header['alg'] !== 'RS256') return invalid;
  const app = typeof payload['iss'] === 'string' ? apps.get(payload['iss']) : undefined;
  if (!app) return { ok: false, error: 'invalid_client_id', description: 'client identifier invalid' };
  if (!app.publicKeyPem) return invalid;
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    createPublicKey(app.publicKeyPem),
    Buffer.from(s, 'base64url'),
  );
  if (!signed) return invalid;
  const exp = payload['exp'];
  if (typeof exp !== 'number' || exp * 1000 <= nowMs)
    return { ok: false, error: 'invalid_grant', description: 'expired authorization code' };
  const aud = payload['aud'];
  const auds = Array.isArray(aud) ? aud : [aud];
  if (!auds.some((a) => typeof a === 'string' && audiences.includes(a.replace(/\/$/, '')))) {
    return { ok: false, error: 'invalid_grant', description: 'audience is invalid' };
  }
  const sub = payload['sub'];
  if (typeof sub !== 'string' || sub === '') return invalid;
  return { ok: true, app, username: sub };
}
