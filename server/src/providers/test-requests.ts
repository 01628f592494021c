/**
 * Test support: builds `InboundRequest`s from the fixtures, signed the way each provider signs. Only
 * the tests import this file.
 */
import { readFileSync } from 'node:fs';
import { callRailSignature } from './callrail.ts';
import { genericSignature } from './generic.ts';
import type { InboundRequest } from './provider.ts';
import { twilioSignature } from './twilio-signature.ts';
import { decodeForm } from './body.ts';

export const FIXTURE_DIR = new URL('./fixtures/', import.meta.url);

export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURE_DIR));
}

export function request(rawBody: Buffer | string, over: Partial<Omit<InboundRequest, 'rawBody'>> = {}): InboundRequest {
  return {
    rawBody: typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody,
    contentType: 'application/json',
    headers: {},
    query: {},
    publicUrl: 'https://ringback.example.com/webhooks/test/acme',
    ...over,
  };
}

export const CALLRAIL_KEY = 'test-callrail-signing-key';
export const TWILIO_TOKEN = 'test-twilio-auth-token';
export const INVOCA_TOKEN = 'test-invoca-token';
export const GENERIC_SECRET = 'test-generic-secret';

export function callRailRequest(body: Buffer | string, query: Record<string, string> = {}): InboundRequest {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return request(raw, { headers: { signature: callRailSignature(raw, CALLRAIL_KEY) }, query });
}

export const TWILIO_URL = 'https://ringback.example.com/webhooks/twilio/acme';

export function twilioRequest(body: Buffer | string, url = TWILIO_URL): InboundRequest {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return request(raw, {
    contentType: 'application/x-www-form-urlencoded',
    headers: { 'x-twilio-signature': twilioSignature(url, decodeForm(raw), TWILIO_TOKEN) },
    publicUrl: url,
  });
}

export function invocaRequest(body: Buffer | string, contentType = 'application/json'): InboundRequest {
  return request(body, { contentType, query: { token: INVOCA_TOKEN } });
}

export function genericRequest(body: Buffer | string): InboundRequest {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return request(raw, { headers: { 'x-ringback-signature': genericSignature(raw, GENERIC_SECRET) } });
}

/** A copy of the bytes with one byte changed (flipped low bit) at `index`. */
export function tamper(raw: Buffer, index = Math.floor(raw.length / 2)): Buffer {
  const copy = Buffer.from(raw);
  copy[index] = (copy[index] ?? 0) ^ 1;
  return copy;
}
