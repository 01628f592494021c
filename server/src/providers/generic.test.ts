import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generic, genericSignature } from './generic.ts';
import { GENERIC_SCHEMA_FILE, genericCallSchema, genericJsonSchema } from './generic-schema.ts';
import { fixture, GENERIC_SECRET, genericRequest, request, tamper } from './test-requests.ts';

describe('generic signature', () => {
  const body = fixture('generic-inbound-no-answer.json');
  const secrets = { secret: GENERIC_SECRET };

  it('accepts hex HMAC-SHA256, also upper-case or with a sha256= prefix', () => {
    const hex = genericSignature(body, GENERIC_SECRET);
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    for (const header of [hex, hex.toUpperCase(), `sha256=${hex}`]) {
      expect(generic.verify(request(body, { headers: { 'x-ringback-signature': header } }), secrets)).toEqual({
        ok: true,
      });
    }
  });

  it('rejects a one-byte tamper, a missing header and an unconfigured secret', () => {
    const signed = genericRequest(body);
    expect(generic.verify({ ...signed, rawBody: tamper(body) }, secrets)).toMatchObject({
      code: 'webhook_bad_signature',
    });
    expect(generic.verify(request(body), secrets)).toMatchObject({ code: 'webhook_missing_signature' });
    expect(generic.verify(signed, { secret: '' })).toMatchObject({ code: 'webhook_not_configured' });
  });
});

describe('generic parse', () => {
  it('maps an inbound missed call', () => {
    const result = generic.parse(genericRequest(fixture('generic-inbound-no-answer.json')));
    expect(result).toMatchObject({ ok: true, kind: 'post_call', providerCallId: 'dialer-2026-03-02-0001', note: null });
    expect(result.ok && result.event).toEqual({
      provider: 'generic',
      kind: 'post_call',
      providerCallId: 'dialer-2026-03-02-0001',
      direction: 'inbound',
      callerE164: '+16025550150',
      callerRaw: '(602) 555-0150',
      callerName: 'Pat Example',
      trackingE164: '+14805550100',
      startedAt: new Date('2026-03-02T16:20:00Z'),
      durationSeconds: 33,
      talkSeconds: 0,
      ringSeconds: 33,
      answered: false,
      result: 'no_answer',
      terminal: true,
      voicemail: false,
      providerSpam: false,
      source: 'Google Ads',
      campaign: 'Spring Promo',
      recordingUrl: null,
      transcriptUrl: null,
      transcript: null,
      tags: ['web', 'after-hours'],
      value: null,
      firstCall: true,
    });
  });

  it('maps an outbound answered call (the customer is `to`)', () => {
    const result = generic.parse(genericRequest(fixture('generic-outbound-answered.json')));
    expect(result).toMatchObject({
      ok: true,
      kind: 'outbound_post_call',
      event: {
        direction: 'outbound',
        callerE164: '+16025550150',
        trackingE164: '+14805550100',
        answered: true,
        talkSeconds: 80,
        durationSeconds: 95,
        providerSpam: false,
        value: 250.5,
        transcript: 'Thanks for calling back.',
      },
    });
  });

  it('stores a body that breaks the schema without an event, naming the problem', () => {
    const result = generic.parse(genericRequest(fixture('generic-not-schema.json')));
    expect(result).toMatchObject({ ok: true, kind: 'unknown', providerCallId: 'dialer-2026-03-02-0003', event: null });
    expect(result.ok && result.note).toMatch(/startedAt/);
    expect(generic.parse(request('{'))).toMatchObject({ ok: false, code: 'webhook_malformed' });
  });

  it('ignores keys it does not know', () => {
    const body = JSON.parse(fixture('generic-inbound-no-answer.json').toString('utf8')) as Record<string, unknown>;
    expect(genericCallSchema.safeParse({ ...body, dialerSpecific: { x: 1 } }).success).toBe(true);
  });
});

describe('generic.schema.json', () => {
  it('is exactly what the zod schema generates (regenerate: node --import tsx server/src/providers/write-generic-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(GENERIC_SCHEMA_FILE, 'utf8')) as unknown;
    expect(committed).toEqual(genericJsonSchema());
  });

  it('is documented field by field in the README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const field of Object.keys(genericCallSchema.shape)) expect(readme).toContain(`| \`${field}\``);
  });
});
