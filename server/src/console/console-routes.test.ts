import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import type { AppContext } from '../app-context.ts';
import { notFound } from '../http/http-error.ts';
import { consoleRoutes, isReservedPath } from './console-routes.ts';

const dist = `${mkdtempSync(join(tmpdir(), 'rb-console-'))}/`;
const empty = `${mkdtempSync(join(tmpdir(), 'rb-console-empty-'))}/`;
let server: Server;
let emptyServer: Server;
let base = '';
let emptyBase = '';

function serve(dir: string): Promise<Server> {
  const app = express();
  // What the server mounts before the console (here: an API route), then the console, then the 404.
  const api = Router();
  api.get('/api/ping', (_req, res) => void res.json({ ok: true }));
  app.use(api);
  app.use(consoleRoutes({} as AppContext, dir));
  app.use(notFound);
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  server = await serve(dist);
  emptyServer = await serve(empty);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emptyBase = `http://127.0.0.1:${(emptyServer.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  emptyServer.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('the console at /', () => {
  it('serves the page at / and at any deep link, with a strict content security policy', async () => {
    for (const path of ['/', '/accounts/demo', '/accounts/demo/locations/phoenix', '/setup/demo/locations/new']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets with long caching, and a missing asset is a 404, not the page', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${base}/assets/index-old999.js`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(404);
  });

  it('never answers for the server paths: they keep their JSON answers and 404s', async () => {
    expect(await (await fetch(`${base}/api/ping`)).json()).toEqual({ ok: true });
    for (const path of [
      '/api/nope',
      '/webhooks/callrail/demo',
      '/healthz',
      '/readyz',
      '/oauth/hubspot/install',
      '/hubspot/cards/x',
      '/sandbox/hubspot/x',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect((await fetch(`${base}/accounts/demo`, { method: 'POST' })).status).toBe(404);
  });

  it('says how to build it when console/dist is missing', async () => {
    const res = await fetch(`${emptyBase}/accounts/demo`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('knows its reserved prefixes exactly (an /apis page is not /api)', () => {
    expect(isReservedPath('/api')).toBe(true);
    expect(isReservedPath('/api/accounts')).toBe(true);
    expect(isReservedPath('/apis')).toBe(false);
    expect(isReservedPath('/sandboxes')).toBe(false);
  });
});
