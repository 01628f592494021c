/**
 * The admin token guards `/api/*`. `RINGBACK_ADMIN_TOKEN` wins; otherwise one is generated at first
 * start, printed that once, kept in the data dir (owner-only file) and its hash in the database so
 * every process sharing the database accepts it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { settings } from '../store/schema.ts';
import { newToken, sha256Hex } from '../lib/ids.ts';
import { localSecretPath, readLocalSecret, writeLocalSecret } from '../lib/local-secret.ts';

const SETTING = 'admin_token_sha256';

export interface AdminTokenResult {
  /** sha256 hex of the token, used for constant-time comparison. */
  hash: string;
  /** What to print at start (never the token itself, except the first time it is generated). */
  announcement: string;
}

export async function ensureAdminToken(
  db: Db,
  configured: string | undefined,
  dataDir: string,
): Promise<AdminTokenResult> {
  if (configured) {
    const hash = sha256Hex(configured);
    await db
      .insert(settings)
      .values({ key: SETTING, value: { hash, origin: 'env' } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { hash, origin: 'env' }, updatedAt: new Date() } });
    return { hash, announcement: 'admin token: from RINGBACK_ADMIN_TOKEN' };
  }
  const path = localSecretPath(dataDir, 'admin-token');
  const rows = await db.select().from(settings).where(eq(settings.key, SETTING));
  const stored = rows[0]?.value as { hash: string; origin: string } | undefined;
  const local = readLocalSecret(dataDir, 'admin-token');
  if (stored && stored.origin === 'generated') {
    const where = local && sha256Hex(local) === stored.hash ? path : 'the data dir of the process that generated it';
    return {
      hash: stored.hash,
      announcement: `admin token: kept in ${where} (set RINGBACK_ADMIN_TOKEN to choose your own)`,
    };
  }
  // First start (or the env token was removed): generate, keep, print once.
  const token = writeLocalSecret(dataDir, 'admin-token', newToken('rba'));
  const hash = sha256Hex(token);
  await db
    .insert(settings)
    .values({ key: SETTING, value: { hash, origin: 'generated' } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { hash, origin: 'generated' }, updatedAt: new Date() } });
  return { hash, announcement: `admin token (shown once, kept in ${path}): ${token}` };
}
