/**
 * Security properties of the running server: every account-scoped API route refuses another
 * account's token without leaking; secrets never reach the logs; injection strings are stored as
 * plain data; hostile bodies get a clean error and the process stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Router } from 'express';
import { parseEnv } from '../server/src/config/env.ts';
import { startRingback, type RunningRingback } from '../server/src/start.ts';
import { buildRoutes } from '../server/src/wiring.ts';
import { PUBLIC_URL } from './helpers/server.ts';
import { postCallRail, postGeneric, postInvoca, postTwilio, fixture } from './helpers/webhooks.ts';

const SECRETS = {
  admin: 'admin-token-7c1f0b2e9d',
  callrail: 'callrail-signing-key-55aa',
  twilio: 'twilio-auth-token-66bb',
  invoca: 'invoca-shared-token-77cc',
  generic: 'generic-hmac-secret-88dd',
  hubspot: 'pat-na1-hubspot-private-99ee',
};

const CONFIG = `
accounts:
  - id: acme
    name: Acme
    crm: { hubspot: { accessToken: "${SECRETS.hubspot}", portalId: 123 } }
    callTracking:
      callrail: { signingKey: "${SECRETS.callrail}" }
      twilio: { authToken: "${SECRETS.twilio}" }
      invoca: { token: "${SECRETS.invoca}" }
      generic: { secret: "${SECRETS.generic}" }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, trackingNumbers: ["+14805550100"] }
  - id: other
    name: Other
`;

describe('security', () => {
  let running: RunningRingback;
  let url: string;
  let dir: string;
  const logLines: string[] = [];
  const admin = { authorization: `Bearer ${SECRETS.admin}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rbt-sec-'));
    writeFileSync(join(dir, 'ringback.yaml'), CONFIG);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    running = await startRingback({
      env: parseEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        RINGBACK_DATA_DIR: dir,
        RINGBACK_CONFIG: join(dir, 'ringback.yaml'),
        RINGBACK_ADMIN_TOKEN: SECRETS.admin,
        RINGBACK_PUBLIC_URL: PUBLIC_URL,
        RINGBACK_SANDBOX: 'off',
        LOG_LEVEL: 'trace',
      }),
      logDestination: sink,
    });
    url = running.url!;
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 404 (or 403 for admin-only routes) on every account-scoped route for another account’s token', async () => {
    const tokenRes = await fetch(`${url}/api/accounts/other/tokens`, { method: 'POST', headers: admin, body: '{}' });
    const otherToken = ((await tokenRes.json()) as { token: string }).token;
    const routes: Array<{ method: string; path: string }> = [];
    for (const router of buildRoutes(running.ctx).api ?? []) {
      for (const layer of (router as Router & { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> }).stack) {
        if (!layer.route || !layer.route.path.includes(':accountId')) continue;
        for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: layer.route.path });
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const call = async (route: { method: string; path: string }, accountId: string) => {
      const path = route.path.replace(':accountId', accountId).replace(/:[A-Za-z]+/g, '1');
      const res = await fetch(`${url}/api${path}`, {
        method: route.method,
        headers: { authorization: `Bearer ${otherToken}`, 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { body: '{}' }),
      });
      return { status: res.status, text: (await res.text()).replaceAll(accountId, '<id>') };
    };
    for (const route of routes) {
      const existing = await call(route, 'acme');
      const missing = await call(route, 'no-such-account');
      expect([403, 404], `${route.method} ${route.path}`).toContain(existing.status);
      // Indistinguishable from an account that does not exist: nothing about acme leaks.
      expect(existing, `${route.method} ${route.path}`).toEqual(missing);
      expect(existing.text).not.toMatch(/"items"|Phoenix/);
    }
  });

  it('keeps injection strings as plain data', async () => {
    const nasty = `Robert'); DROP TABLE missed_calls;-- \r\nX-Injected: yes`;
    const body = JSON.stringify({
      version: 1,
      callId: 'sec-1',
      direction: 'inbound',
      from: '+16025550901',
      to: '+14805550100',
      startedAt: '2026-11-02T16:00:00Z',
      result: 'voicemail',
      callerName: nasty,
      source: nasty,
      tags: [nasty],
      transcript: nasty,
    });
    const res = await postGeneric(url, 'acme', SECRETS.generic, body);
    expect(res.status).toBe(200);
    const one = await fetch(`${url}/api/accounts/acme/missed-calls/${res.body.missedCallId}`, { headers: admin });
    expect(one.headers.get('x-injected')).toBeNull();
    expect(await one.json()).toMatchObject({ callerName: nasty, source: nasty, tags: [nasty] });
    const list = await fetch(`${url}/api/accounts/acme/missed-calls?locationId=${encodeURIComponent("x' OR '1'='1")}`, { headers: admin });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('gives deeply nested and oversized bodies a clean error and stays up', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const nested = await postCallRail(url, 'acme', SECRETS.callrail, deep);
    expect([200, 400]).toContain(nested.status);
    const big = await fetch(`${url}/api/accounts/acme/outcomes`, { method: 'POST', headers: admin, body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('never writes a secret into the logs', async () => {
    await postCallRail(url, 'acme', SECRETS.callrail, fixture('callrail-post-call-missed-legacy.json'), 'post_call');
    await postCallRail(url, 'acme', 'wrong', fixture('callrail-post-call-missed-legacy.json'), 'post_call');
    await postTwilio(url, 'acme', SECRETS.twilio, fixture('twilio-status-no-answer.txt').toString());
    await postInvoca(url, 'acme', SECRETS.invoca, fixture('invoca-missed.json'));
    await postInvoca(url, 'acme', 'bad-token', fixture('invoca-missed.json'));
    await fetch(`${url}/api/accounts/acme/missed-calls`, { headers: admin });
    await fetch(`${url}/api/accounts/acme/missed-calls`, { headers: { authorization: 'Bearer not-a-token' } });
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(1000);
    for (const [name, secret] of Object.entries(SECRETS)) expect(logs.includes(secret), `${name} secret in logs`).toBe(false);
  });
});
