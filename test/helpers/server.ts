/**
 * A real Ringback (HTTP server + worker) in this process, on either engine pair, with a config file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../../server/src/config/env.ts';
import { startRingback, type RunningRingback } from '../../server/src/start.ts';
import { and, count, eq } from 'drizzle-orm';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './engines.ts';
import { jobs, webhookEvents } from '../../server/src/store/schema.ts';
import { FOLD_JOB, foldWebhooksJob } from '../../server/src/jobs/fold-webhooks.ts';

/** Providers sign the URL they call; behind a proxy that is not the port the test reaches. */
export const PUBLIC_URL = 'https://ringback.test';

export type EngineName = 'postgres+redis' | 'pglite+in-process';
export const ENGINE_NAMES: EngineName[] = ['postgres+redis', 'pglite+in-process'];

export interface TestServer {
  url: string;
  adminToken: string;
  running: RunningRingback;
  /** Resolves once every acknowledged webhook has been folded into cases (bounded; see below). */
  settled(): Promise<void>;
  /** fetch with the admin token, JSON in and out; waits for `settled()` first. */
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
  const settled = () => waitUntilFolded(running);
  // The configured public URL is what signatures are computed over; tests call the real port.
  return {
    url,
    adminToken,
    running,
    settled,
    async api(path, init = {}) {
      // The ack answers once an event is stored; its case is folded a moment later by the
      // `webhook.fold` job. Tests read the API as a user would a moment after a call.
      await settled();
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

/**
 * Waits (up to 15 s) until no stored webhook is still pending its fold. Gives up quietly: the
 * assertion that follows then reports what is missing, rather than a timeout here.
 */
export async function waitUntilFolded(running: RunningRingback, timeoutMs = 15_000): Promise<void> {
  const db = running.ctx.database.db;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select({ n: count() }).from(webhookEvents).where(eq(webhookEvents.status, 'pending'));
    if ((row?.n ?? 0) === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs the pending `webhook.fold` jobs here and now, for an HTTP-only Ringback (no worker) in a test
 * that moves every other piece of work by hand.
 */
export async function foldPendingNow(running: RunningRingback): Promise<void> {
  const db = running.ctx.database.db;
  const fold = foldWebhooksJob(running.ctx);
  const due = await db.select().from(jobs).where(and(eq(jobs.kind, FOLD_JOB), eq(jobs.status, 'pending')));
  for (const job of due) {
    await fold({ id: job.id, kind: job.kind, key: job.key, accountId: job.accountId, payload: job.payload as Record<string, unknown>, attempt: 1, maxAttempts: job.maxAttempts });
    await db.update(jobs).set({ status: 'done', finishedAt: new Date() }).where(eq(jobs.id, job.id));
  }
}
