import { randomBytes } from 'node:crypto';
import { readLocalSecret, writeLocalSecret } from './local-secret.ts';
import { SecretBox } from './secret-box.ts';

/** The at-rest key: `RINGBACK_SECRET_KEY`, else one generated once into the data dir. */
export function loadSecretBox(configured: string | undefined, dataDir: string): { box: SecretBox; generated: boolean } {
  if (configured) return { box: SecretBox.fromString(configured), generated: false };
  const existing = readLocalSecret(dataDir, 'secret-key');
  if (existing) return { box: SecretBox.fromString(existing), generated: false };
  const value = writeLocalSecret(dataDir, 'secret-key', randomBytes(32).toString('hex'));
  return { box: SecretBox.fromString(value), generated: true };
}
