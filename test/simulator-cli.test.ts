/**
 * `npm run simulate` drives a separate Ringback server (spawned as `npm start` would run it): signed
 * CallRail webhooks become cases there, missing locations are created with the admin token, the
 * Phoenix scenario lands as the story says, and a wrong signing key fails loudly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, startCli, type CliProcess } from './helpers/cli.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './helpers/engines.ts';
import { freePort } from './helpers/ports.ts';

const ADMIN = 'simulator-cli-admin';
const schema = uniqueName('rbt');
const prefix = uniqueName('rbt');
const dir = mkdtempSync(join(tmpdir(), 'rbt-sim-'));
let server: CliProcess;
let url = '';

function simulate(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/sandbox/simulate-cli.ts', '--url', url, ...args],
      { env: baseEnv({}), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

async function api(path: string): Promise<any> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return res.json();
}

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = startCli(
    baseEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      RINGBACK_DATA_DIR: dir,
      RINGBACK_ADMIN_TOKEN: ADMIN,
      DATABASE_URL: PG_URL,
      RINGBACK_DB_SCHEMA: schema,
      REDIS_URL,
      RINGBACK_REDIS_PREFIX: prefix,
      RINGBACK_SANDBOX_HISTORY_DAYS: '0',
      RINGBACK_SANDBOX_TRAFFIC: 'off',
    }),
  );
  await server.printed('operator console', 45_000);
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited();
  await dropSchema(schema);
  await deleteRedisPrefix(prefix);
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('npm run simulate', () => {
  it('posts signed calls that become cases on the server, over as many locations as asked', async () => {
    const run = await simulate([
      '--account',
      'demo',
      '--token',
      ADMIN,
      '--rate',
      '40/s',
      '--count',
      '24',
      '--locations',
      '14',
      '--seed',
      '42',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const done = /done: (\d+) calls accepted of (\d+) sent \((\d+) missed\)/.exec(run.out);
    expect(done, run.out).not.toBeNull();
    const [, accepted, sent, missed] = done!.map(Number);
    expect(sent).toBe(24);
    expect(accepted).toBe(24);
    expect(missed).toBeGreaterThan(0);

    const cases = await api('/api/accounts/demo/missed-calls?limit=500');
    expect(cases.items).toHaveLength(missed!);
    expect(cases.items.every((c: any) => c.provider === 'callrail' && /^CAL/.test(c.providerCallId))).toBe(true);
    // Every call was stored as the post-call webhook it was (callbacks already due came as outbound ones).
    const events = (await api('/api/accounts/demo/events?status=all&limit=500')).items;
    expect(events.filter((e: any) => e.kind === 'post_call')).toHaveLength(24);
    expect(
      events.every((e: any) => e.provider === 'callrail' && ['post_call', 'outbound_post_call'].includes(e.kind)),
    ).toBe(true);
    // The demo has twelve locations; the simulator added two with their own tracking numbers.
    const locations = await api('/api/accounts/demo/locations');
    expect(locations.items.map((l: any) => l.id)).toEqual(expect.arrayContaining(['sim-001', 'sim-002']));
    expect(locations.items).toHaveLength(14);
    expect(locations.items.find((l: any) => l.id === 'sim-001').trackingNumbers).toHaveLength(1);
  }, 60_000);

  it('plays the Phoenix scenario: 12 misses on a Tuesday, 4 existing customers, 8 new leads, 4 voicemails', async () => {
    const run = await simulate(['--scenario', 'phoenix', '--token', ADMIN]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('12 cases: 4 existing customers, 8 new leads, 4 voicemails');
    const date = /on Tuesday (\d{4}-\d{2}-\d{2})/.exec(run.out)![1]!;
    const from = new Date(`${date}T07:00:00Z`).toISOString(); // local midnight in Phoenix (UTC−7, no DST)
    const to = new Date(Date.parse(from) + 86_400_000).toISOString();
    const cases = (await api(`/api/accounts/demo/missed-calls?locationId=phoenix&from=${from}&to=${to}&limit=100`))
      .items;
    expect(cases).toHaveLength(12);
    expect(cases.filter((c: any) => c.intent === 'existing_customer')).toHaveLength(4);
    expect(cases.filter((c: any) => c.intent === 'new_lead')).toHaveLength(8);
    expect(cases.filter((c: any) => c.category === 'voicemail')).toHaveLength(4);
    // Sent again, it is the same twelve calls: replays, not new cases.
    const again = await simulate(['--scenario', 'phoenix', '--token', ADMIN]);
    expect(again.code).toBe(0);
    expect(
      (await api(`/api/accounts/demo/missed-calls?locationId=phoenix&from=${from}&to=${to}&limit=100`)).items,
    ).toHaveLength(12);
  }, 60_000);

  it('fails loudly with the wrong signing key, and explains bad options', async () => {
    const wrong = await simulate(['--token', ADMIN, '--signing-key', 'not-the-key', '--count', '3', '--rate', '30/s']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/0 calls accepted of 3 sent.*failures \(last: webhook answered 401\)/);
    const bad = await simulate(['--rate', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--rate must look like 2\/s/);
  }, 60_000);
});
