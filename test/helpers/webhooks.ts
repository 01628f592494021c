/** Signed webhook deliveries exactly as each provider sends them. */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PUBLIC_URL } from './server.ts';
import { twilioSignature } from '../../server/src/providers/index.ts';

export const fixture = (name: string): Buffer => readFileSync(new URL(`../../server/src/providers/fixtures/${name}`, import.meta.url));

export interface Delivery {
  status: number;
  body: any;
}

async function send(url: string, body: Buffer, headers: Record<string, string>): Promise<Delivery> {
  const res = await fetch(url, { method: 'POST', body: new Uint8Array(body), headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export function postCallRail(base: string, account: string, key: string, body: Buffer | string, hint?: string): Promise<Delivery> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const signature = createHmac('sha1', key).update(raw).digest('base64');
  const path = `/webhooks/callrail/${account}${hint ? `?event=${hint}` : ''}`;
  return send(`${base}${path}`, raw, { 'content-type': 'application/json', signature });
}

export function postTwilio(base: string, account: string, authToken: string, form: string): Promise<Delivery> {
  const path = `/webhooks/twilio/${account}`;
  const pairs = [...new URLSearchParams(form).entries()];
  const signature = twilioSignature(`${PUBLIC_URL}${path}`, pairs, authToken);
  return send(`${base}${path}`, Buffer.from(form), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature });
}

export function postGeneric(base: string, account: string, secret: string, body: Buffer | string): Promise<Delivery> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const signature = createHmac('sha256', secret).update(raw).digest('hex');
  return send(`${base}/webhooks/generic/${account}`, raw, { 'content-type': 'application/json', 'x-ringback-signature': signature });
}

export function postInvoca(base: string, account: string, token: string, body: Buffer | string): Promise<Delivery> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return send(`${base}/webhooks/invoca/${account}?token=${encodeURIComponent(token)}`, raw, { 'content-type': 'application/json' });
}
