/**
 * Serves the operator console (console/dist, built by `npm run build` during `npm ci`) at `/`: hashed
 * assets with long caching, and `index.html` for every other page path so the browser router can
 * take over (a reload on /accounts/demo/locations/phoenix works). Paths that belong to the server —
 * /api, /webhooks, /healthz, /readyz, /oauth, /hubspot, /sandbox — are never answered here, so a
 * mistyped API URL still gets the API's JSON 404.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import type { AppContext } from '../app-context.ts';

export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

const RESERVED = ['/api', '/webhooks', '/healthz', '/readyz', '/oauth', '/hubspot', '/sandbox'];

export function isReservedPath(path: string): boolean {
  return RESERVED.some((p) => path === p || path.startsWith(`${p}/`));
}

/** The console talks only to this origin; charts use inline styles. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function pageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ringback console</title></head>
<body><main><h1>The Ringback console is not built</h1><p>Run <code>npm run build</code> (it runs on <code>npm ci</code>), then reload.
The API, webhooks and health checks work without it.</p></main></body></html>`;

export function consoleRoutes(_ctx: AppContext, distDir: string = CONSOLE_DIST): Router {
  const router = Router();
  const assets = express.static(distDir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // Vite names assets by content hash: they never change under the same name.
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isReservedPath(req.path)) return next();
    assets(req, res, () => {
      // A missing file under /assets is a 404, not the page: a stale tab must not get HTML as JS.
      if (req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(req.path)) return next();
      const index = `${distDir}index.html`;
      pageHeaders(res);
      if (!existsSync(index)) return void res.status(503).type('html').send(NOT_BUILT);
      res.type('html').send(readFileSync(index));
    });
  });
  return router;
}
