/**
 * The one configuration object: environment + config file, parsed once at start and passed down.
 */
import { resolve } from 'node:path';
import type { Env } from './env.ts';
import type { ConfigFile } from './file-schema.ts';
import { loadConfigFile } from './load-file.ts';

export interface RuntimeConfig {
  env: Env;
  /** Absolute data dir (PGlite data, generated admin token and secret key). */
  dataDir: string;
  /** The parsed config file, or null when `RINGBACK_CONFIG` is unset. */
  file: ConfigFile | null;
  configPath: string | null;
  /** Origin providers and CRMs call (no trailing slash). */
  publicUrl: string;
  /** Whether the demo sandbox account is set up. */
  sandbox: boolean;
}

export function buildRuntimeConfig(env: Env, port: number = env.PORT): RuntimeConfig {
  const configPath = env.RINGBACK_CONFIG ? resolve(env.RINGBACK_CONFIG) : null;
  const file = configPath ? loadConfigFile(configPath) : null;
  const publicUrl = (env.RINGBACK_PUBLIC_URL ?? file?.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const sandbox = env.RINGBACK_SANDBOX === 'on' || (env.RINGBACK_SANDBOX === 'auto' && file === null);
  return { env, dataDir: resolve(env.RINGBACK_DATA_DIR), file, configPath, publicUrl, sandbox };
}
