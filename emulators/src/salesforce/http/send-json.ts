/**
 * Writes a JSON answer with Salesforce's exact content type (`application/json;charset=UTF-8`).
 * Express's `res.send`/`res.json` would rewrite the charset parameter, so the bytes are written directly.
 */
import type { Response } from 'express';

export function sendJson(res: Response, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.status(status);
  res.setHeader('Content-Type', 'application/json;charset=UTF-8');
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}
