import { randomBytes, createHash } from 'node:crypto';

/** Sortable-enough, URL-safe ids with a type prefix (`mc_…` for missed calls). */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A fresh bearer token: 32 random bytes, base64url. */
export function newToken(prefix = 'rb'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
