/**
 * Ingest under faults: every acknowledged webhook becomes exactly one case — through a replay storm,
 * a kill -9 of the server mid-ingest, a Redis restart and dropped database connections — and a
 * webhook from a skewed clock is taken at its own time. Each test reports what was sent,
 * acknowledged and stored, and fails on any loss or duplicate.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { baseEnv, startCli, type CliProcess } from './helpers/cli.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName, waitFor } from './helpers/engines.ts';
import { freePort } from './helpers/ports.ts';
import { PUBLIC_URL, startTestServer } from './helpers/server.ts';
import { postGeneric } from './helpers/webhooks.ts';
import { waitForFolds } from '../server/src/sandbox/http-target.ts';

const ADMIN = 'reliability-admin-token';
const CONFIG = `
accounts:
  - id: acme
    name: Acme
    callTracking: { generic: { secret: "gen-secret" } }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, trackingNumbers: ["+14805550100"] }
`;

/** A distinct missed call per n, in Ringback's generic format. */
function missedCall(n: number, startedAt = '2026-11-02T16:00:00Z'): string {
  return JSON.stringify({
    version: 1,
    callId: `rel-${n}`,
    direction: 'inbound',
    from: `+1602555${String(1000 + n).slice(-4)}`,
    to: '+14805550100',
    startedAt,
    result: 'no_answer',
    ringSeconds: 25,
  });
}

/** Cases per provider call id, once every acknowledged webhook has been folded. */
async function countCases(base: string, token = ADMIN): Promise<Map<string, number>> {
  if (!(await waitForFolds(base, token, 'acme'))) throw new Error('acknowledged webhooks still pending their fold after 30 s');
  const counts = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const res = await fetch(`${base}/api/accounts/acme/missed-calls?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { items: Array<{ providerCallId: string }>; next: string | null };
    for (const item of page.items) counts.set(item.providerCallId, (counts.get(item.providerCallId) ?? 0) + 1);
    cursor = page.next;
  } while (cursor);
  return counts;
}

describe('ingest reliability', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('a replay storm (every webhook ten times, concurrently) makes one case per call', async () => {
    const server = await startTestServer('postgres+redis', CONFIG, { RINGBACK_SANDBOX: 'off' });
    cleanups.push(() => server.close());
    const calls = Array.from({ length: 30 }, (_, n) => missedCall(n));
    const deliveries = calls.flatMap((body) => Array.from({ length: 10 }, () => body));
    const results = await Promise.all(deliveries.map((body) => postGeneric(server.url, 'acme', 'gen-secret', body)));
    const acknowledged = results.filter((r) => r.status === 200);
    const counts = await countCases(server.url, server.adminToken);
    console.log(`replay storm: sent ${deliveries.length}, acknowledged ${acknowledged.length}, first deliveries ${acknowledged.filter((r) => !r.body.duplicate).length}, cases ${counts.size}`);
    expect(acknowledged).toHaveLength(deliveries.length);
    expect(acknowledged.filter((r) => !r.body.duplicate)).toHaveLength(calls.length);
    expect(counts.size).toBe(calls.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('kill -9 of the server mid-ingest loses no acknowledged webhook, and redelivery makes no duplicate', async () => {
    const schema = uniqueName('rbt');
    const prefix = uniqueName('rbt');
    const dir = mkdtempSync(join(tmpdir(), 'rbt-rel-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'ringback.yaml'), CONFIG);
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }), () => dropSchema(schema), () => deleteRedisPrefix(prefix));
    const port = await freePort();
    const env = baseEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      RINGBACK_DATA_DIR: dir,
      RINGBACK_CONFIG: join(dir, 'ringback.yaml'),
      RINGBACK_ADMIN_TOKEN: ADMIN,
      RINGBACK_PUBLIC_URL: PUBLIC_URL,
      DATABASE_URL: PG_URL,
      RINGBACK_DB_SCHEMA: schema,
      REDIS_URL,
      RINGBACK_REDIS_PREFIX: prefix,
    });
    const base = `http://127.0.0.1:${port}`;
    let proc: CliProcess = startCli(env);
    cleanups.push(async () => void proc.child.kill('SIGKILL'));
    await proc.printed('started');

    const total = 120;
    const acked = new Set<number>();
    let killed = false;
    const send = async (n: number) => {
      try {
        const r = await postGeneric(base, 'acme', 'gen-secret', missedCall(100 + n));
        if (r.status === 200) acked.add(n);
      } catch {
        // connection refused or reset by the kill: not acknowledged
      }
      if (!killed && acked.size >= 40) {
        killed = true;
        proc.child.kill('SIGKILL');
      }
    };
    for (let i = 0; i < total; i += 8) await Promise.all(Array.from({ length: Math.min(8, total - i) }, (_, k) => send(i + k)));
    expect(killed).toBe(true);
    await proc.exited();

    proc = startCli(env);
    await proc.printed('started');
    const afterCrash = await countCases(base);
    const lost = [...acked].filter((n) => afterCrash.get(`rel-${100 + n}`) !== 1);
    console.log(`server kill: sent ${total}, acknowledged ${acked.size}, cases after restart ${afterCrash.size}, lost ${lost.length}`);
    expect(lost).toEqual([]);

    // Providers redeliver what was not acknowledged (and some of what was): still one case per call.
    for (let i = 0; i < total; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, total - i) }, (_, k) => postGeneric(base, 'acme', 'gen-secret', missedCall(100 + i + k))));
    }
    const final = await countCases(base);
    expect(final.size).toBe(total);
    expect([...final.values()].every((n) => n === 1)).toBe(true);
    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toBe(0);
  });

  it('keeps acknowledging while Redis restarts, and delivers the queued work once it is back', async () => {
    const redisPort = await freePort();
    const startRedis = (): ChildProcess => spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let redis = startRedis();
    cleanups.push(async () => void redis.kill('SIGKILL'));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    await waitFor(async () => {
      const { Redis } = await import('ioredis');
      const c = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      c.on('error', () => undefined);
      try {
        await c.connect();
        return (await c.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        c.disconnect();
      }
    }, 10_000, 'private redis');
    const server = await startTestServer('postgres+redis', CONFIG, { RINGBACK_SANDBOX: 'off', REDIS_URL: redisUrl });
    cleanups.push(() => server.close());

    const before = await Promise.all([0, 1, 2].map((n) => postGeneric(server.url, 'acme', 'gen-secret', missedCall(300 + n))));
    redis.kill('SIGKILL');
    await new Promise<void>((r) => redis.once('exit', () => r()));
    // Redis is down: webhooks are still stored and acknowledged (the outbox keeps the work).
    const during = await Promise.all([3, 4, 5].map((n) => postGeneric(server.url, 'acme', 'gen-secret', missedCall(300 + n))));
    redis = startRedis();
    const after = await Promise.all([6, 7].map((n) => postGeneric(server.url, 'acme', 'gen-secret', missedCall(300 + n))));
    const all = [...before, ...during, ...after];
    console.log(`redis restart: sent ${all.length}, acknowledged ${all.filter((r) => r.status === 200).length}`);
    expect(all.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await countCases(server.url, server.adminToken)).size).toBe(8);
    // The queue works again: a job enqueued now runs.
    const ctx = server.running.ctx;
    let ran = false;
    ctx.queue.register('t.after-redis', async () => {
      ran = true;
    });
    await ctx.queue.enqueue({ kind: 't.after-redis', key: uniqueName('after-redis') });
    await waitFor(() => ran, 20_000, 'job after redis restart');
  });

  it('recovers from dropped database connections', async () => {
    const server = await startTestServer('postgres+redis', CONFIG, { RINGBACK_SANDBOX: 'off' });
    cleanups.push(() => server.close());
    expect((await postGeneric(server.url, 'acme', 'gen-secret', missedCall(400))).status).toBe(200);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    // Kill every connection of this server's pool (and only those: other tests share the database).
    const appName = `ringback:${server.running.ctx.config.env.RINGBACK_DB_SCHEMA}`;
    const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [appName]);
    expect(killed.rowCount).toBeGreaterThan(0);
    await admin.end();
    const statuses: number[] = [];
    for (let n = 401; n < 406; n++) statuses.push((await postGeneric(server.url, 'acme', 'gen-secret', missedCall(n))).status);
    // A request on a dead pooled connection may fail (and the provider redelivers it); the pool heals.
    expect(statuses.at(-1)).toBe(200);
    for (let n = 401; n < 406; n++) await postGeneric(server.url, 'acme', 'gen-secret', missedCall(n));
    const counts = await countCases(server.url, server.adminToken);
    expect(counts.size).toBe(6);
  });

  it('takes a webhook from a skewed clock at the call’s own time', async () => {
    const server = await startTestServer('pglite+in-process', CONFIG, { RINGBACK_SANDBOX: 'off' });
    cleanups.push(() => server.close());
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const res = await postGeneric(server.url, 'acme', 'gen-secret', missedCall(500, future));
    expect(res.status).toBe(200);
    const c = (await server.api(`/api/accounts/acme/missed-calls/${res.body.missedCallId}`)).body;
    expect(c.missedAt).toBe(new Date(future).toISOString());
    expect(Date.parse(c.slaDueAt)).toBeGreaterThan(Date.parse(future));
  });
});
