/**
 * Secrets the server generates for itself (the first admin token, the at-rest key) are kept in the
 * data dir, readable by the owner only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function localSecretPath(dataDir: string, name: string): string {
  return join(dataDir, name);
}

export function readLocalSecret(dataDir: string, name: string): string | null {
  const path = localSecretPath(dataDir, name);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : null;
}

/** Writes the secret only if the file does not exist yet (`wx`), so two processes agree on one. */
export function writeLocalSecret(dataDir: string, name: string, value: string): string {
  const path = localSecretPath(dataDir, name);
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return value;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw err;
  }
}
