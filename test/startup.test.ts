/**
 * `npm start` as an operator meets it: embedded defaults on a fresh data dir, the production engines
 * when configured, one clear line for every start-up failure, and a clean SIGTERM.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, startCli, type CliProcess } from './helpers/cli.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './helpers/engines.ts';
import { freePort } from './helpers/ports.ts';

const dirs: string[] = [];
const running: CliProcess[] = [];
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbt-start-'));
  dirs.push(dir);
  return dir;
}

async function json(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
}

describe('npm start', () => {
  it('runs on embedded defaults, prints the console and webhook URLs and the admin token once, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const env = baseEnv({ PORT: String(port), HOST: '127.0.0.1', RINGBACK_DATA_DIR: dataDir });
    const first = startCli(env);
    running.push(first);
    await first.printed('sandbox HubSpot CRM');
    expect(first.stdout()).toContain(`operator console: http://localhost:${port}/`);
    expect(first.stdout()).toContain(`http://localhost:${port}/webhooks/callrail/demo`);
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    expect(first.stdout()).toContain(token);
    expect((await json(`http://127.0.0.1:${port}/healthz`)).body).toEqual({ status: 'ok' });
    expect((await json(`http://127.0.0.1:${port}/readyz`)).body).toMatchObject({
      status: 'ready',
      database: { engine: 'pglite', ok: true },
      queue: { transport: 'in-process', ok: true },
    });
    expect((await json(`http://127.0.0.1:${port}/api/jobs`)).status).toBe(401);
    expect((await json(`http://127.0.0.1:${port}/api/jobs`, { authorization: `Bearer ${token}` })).status).toBe(200);

    const t0 = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);

    // A later start keeps the token and says where it is, without printing it.
    const second = startCli(env);
    running.push(second);
    await second.printed('admin token: kept in');
    expect(second.stdout()).not.toContain(token);
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
  });

  it('uses PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set', async () => {
    const schema = uniqueName('rbt');
    const prefix = uniqueName('rbt');
    const port = await freePort();
    const proc = startCli(
      baseEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        RINGBACK_DATA_DIR: tempDir(),
        DATABASE_URL: PG_URL,
        RINGBACK_DB_SCHEMA: schema,
        REDIS_URL,
        RINGBACK_REDIS_PREFIX: prefix,
      }),
    );
    running.push(proc);
    try {
      await proc.printed('database: postgres, queue: bullmq');
      expect((await json(`http://127.0.0.1:${port}/readyz`)).body).toMatchObject({
        status: 'ready',
        database: { engine: 'postgres', ok: true },
        queue: { transport: 'bullmq', ok: true },
      });
      proc.child.kill('SIGTERM');
      expect(await proc.exited()).toBe(0);
    } finally {
      await dropSchema(schema);
      await deleteRedisPrefix(prefix);
    }
  });

  async function failsWith(env: Record<string, string>, message: RegExp): Promise<void> {
    const proc = startCli(baseEnv({ RINGBACK_DATA_DIR: tempDir(), HOST: '127.0.0.1', ...env }));
    running.push(proc);
    expect(await proc.exited()).not.toBe(0);
    const lines = proc.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  }

  it('stops with one line for a config file with an unknown key', async () => {
    const file = join(tempDir(), 'ringback.yaml');
    writeFileSync(file, 'accounts:\n  - id: acme\n    name: Acme\n    timezon: UTC\n');
    await failsWith({ RINGBACK_CONFIG: file, PORT: '0' }, /ringback\.yaml: unknown key accounts\[0\]\.timezon/);
  });

  it('stops with one line for a missing config file', async () => {
    await failsWith({ RINGBACK_CONFIG: '/nonexistent/ringback.yaml', PORT: '0' }, /cannot be read \(ENOENT\)/);
  });

  it('stops with one line for an unreachable DATABASE_URL, without the password', async () => {
    await failsWith(
      { DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/x', PORT: '0' },
      /cannot reach PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/,
    );
  });

  it('stops with one line for an unreachable REDIS_URL', async () => {
    await failsWith({ REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' }, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('stops with one line when the port is in use', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await failsWith({ PORT: String(port) }, new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('stops with one line for a bad environment value', async () => {
    await failsWith({ PORT: 'eighty' }, /environment variable PORT/);
  });
});
