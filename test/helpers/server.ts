/**
 * A real Ringback (HTTP server + worker) in this process, on either engine pair, with a config file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../../server/src/config/env.ts';
import { startRingback, type RunningRingback } from '../../server/src/start.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './engines.ts';

/** Providers sign the URL they call; behind a proxy that is not the port the test reaches. */
export const PUBLIC_URL = 'https://ringback.test';

export type EngineName = 'postgres+redis' | 'pglite+in-process';
export const ENGINE_NAMES: EngineName[] = ['postgres+redis', 'pglite+in-process'];

export interface TestServer {
  url: string;
  adminToken: string;
  running: RunningRingback;
  /** fetch with the admin token, JSON in and out. */
  api(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTestServer(engine: EngineName, config: string | null, extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rbt-srv-'));
  const schema = uniqueName('rbt');
  const prefix = uniqueName('rbt');
  const adminToken = `test-admin-${uniqueName('t')}`;
  if (config !== null) writeFileSync(join(dir, 'ringback.yaml'), config);
  const env = parseEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    RINGBACK_DATA_DIR: dir,
    RINGBACK_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    RINGBACK_SWEEP_SECONDS: '0.2',
    RINGBACK_PUBLIC_URL: PUBLIC_URL,
    ...(config !== null ? { RINGBACK_CONFIG: join(dir, 'ringback.yaml') } : {}),
    ...(engine === 'postgres+redis'
      ? { DATABASE_URL: PG_URL, RINGBACK_DB_SCHEMA: schema, REDIS_URL, RINGBACK_REDIS_PREFIX: prefix }
      : {}),
    ...extraEnv,
  });
  const running = await startRingback({ env });
  const url = running.url!;
  // The configured public URL is what signatures are computed over; tests call the real port.
  return {
    url,
    adminToken,
    running,
    async api(path, init = {}) {
      const res = await fetch(`${url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${init.token ?? adminToken}`, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await running.close();
      if (engine === 'postgres+redis') {
        await dropSchema(schema);
        await deleteRedisPrefix(prefix);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
