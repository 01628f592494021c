import { describe, expect, it } from 'vitest';
import { Signature } from '@hubspot/api-client';
import { canonicalUri, signV3, verifyV3 } from './signature.ts';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const uri = 'https://ringback.example/webhooks/hubspot';
const body = Buffer.from('[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]');
const now = 1_764_000_000_000;

const check = (over: Partial<Parameters<typeof verifyV3>[0]> = {}) =>
  verifyV3({ secret, method: 'POST', uri, rawBody: body, signature: signV3(secret, 'POST', uri, body, now), timestamp: String(now), now, ...over });

describe('HubSpot v3 request signatures', () => {
  it('agrees with the signature @hubspot/api-client computes', () => {
    const theirs = Signature.getSignature('POST', 'v3', { clientSecret: secret, requestBody: body.toString(), url: uri, timestamp: now, signature: '' });
    expect(signV3(secret, 'POST', uri, body, now)).toBe(theirs);
  });

  it('accepts a genuine request and refuses a tampered body, URI, secret or method', () => {
    expect(check()).toEqual({ ok: true });
    expect(check({ rawBody: Buffer.from(body.toString().replace('62515', '62516')) })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
    expect(check({ uri: `${uri}?portalId=1` })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
    expect(check({ secret: 'another-app' })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
    expect(check({ method: 'PUT' })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
    expect(check({ signature: undefined })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
    expect(check({ signature: 'not base64 at all' })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
  });

  it('refuses requests signed more than five minutes away from now', () => {
    expect(check({ now: now + 5 * 60_000 })).toEqual({ ok: true });
    expect(check({ now: now + 5 * 60_000 + 1 })).toMatchObject({ ok: false, code: 'webhook_stale' });
    expect(check({ now: now - 5 * 60_000 - 1 })).toMatchObject({ ok: false, code: 'webhook_stale' });
    expect(check({ timestamp: 'yesterday' })).toMatchObject({ ok: false, code: 'webhook_stale' });
  });

  it('signs the URI with the characters HubSpot decodes decoded', () => {
    expect(canonicalUri('https://x.example/a%3Ab%2Fc?q=%40me%2C%20you')).toBe('https://x.example/a:b/c?q=@me,%20you');
    const encoded = `${uri}?portalId%3D5`;
    expect(verifyV3({ secret, method: 'POST', uri: encoded, rawBody: body, signature: signV3(secret, 'POST', encoded, body, now), timestamp: String(now), now })).toEqual({ ok: true });
  });
});
