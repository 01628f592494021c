import type { CallEvent } from '@ringback/shared';
import { describe, expect, it } from 'vitest';
import { callrail, callRailSignature } from './callrail.ts';
import type { ParseResult } from './provider.ts';
import { CALLRAIL_KEY, callRailRequest, fixture, request, tamper } from './test-requests.ts';

// Published in CallRail's API docs, "Validating webhook payloads": this body, this key, this signature.
const DOCS_KEY = '072e77e426f92738a72fe23c4d1953b4';
const DOCS_SIGNATURE = 'UZAHbUdfm3GqL7qzilGozGzWV64=';
const docsBody = fixture('callrail-docs-vector.body');

function eventOf(result: ParseResult): CallEvent {
  if (!result.ok || result.event === null) throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

describe('CallRail signature', () => {
  it('verifies the published body/key/signature vector', () => {
    expect(callRailSignature(docsBody, DOCS_KEY)).toBe(DOCS_SIGNATURE);
    const req = request(docsBody, { headers: { signature: DOCS_SIGNATURE } });
    expect(callrail.verify(req, { signingKey: DOCS_KEY })).toEqual({ ok: true });
  });

  it('rejects the vector with one byte tampered', () => {
    const req = request(tamper(docsBody), { headers: { signature: DOCS_SIGNATURE } });
    expect(callrail.verify(req, { signingKey: DOCS_KEY })).toMatchObject({ ok: false, code: 'webhook_bad_signature' });
  });

  it('rejects a tampered signature, a wrong key, a missing header and a missing key', () => {
    const flipped = `${DOCS_SIGNATURE.slice(0, -2)}A=`;
    const bad = request(docsBody, { headers: { signature: flipped } });
    expect(callrail.verify(bad, { signingKey: DOCS_KEY })).toMatchObject({ code: 'webhook_bad_signature' });
    const good = request(docsBody, { headers: { signature: DOCS_SIGNATURE } });
    expect(callrail.verify(good, { signingKey: 'another-key' })).toMatchObject({ code: 'webhook_bad_signature' });
    expect(callrail.verify(request(docsBody), { signingKey: DOCS_KEY })).toMatchObject({
      code: 'webhook_missing_signature',
    });
    expect(callrail.verify(good, { signingKey: '' })).toMatchObject({ code: 'webhook_not_configured' });
  });

  it('checks the raw bytes: unicode and whitespace are signed as sent, never re-serialized', () => {
    const raw = Buffer.from(
      '{\r\n  "resource_id": "CAL9",\r\n  "customer_name": "Zoë Ångström 👋",\t"answered": false,\n' +
        '  "call_type": "missed", "duration": 30, "customer_phone_number": "+16025550142",\n' +
        '  "start_time": "2026-03-02T09:15:00-07:00"\n}\n',
      'utf8',
    );
    const req = callRailRequest(raw);
    expect(callrail.verify(req, { signingKey: CALLRAIL_KEY })).toEqual({ ok: true });
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
    const wrong = request(raw, { headers: { signature: callRailSignature(reserialized, CALLRAIL_KEY) } });
    expect(callrail.verify(wrong, { signingKey: CALLRAIL_KEY })).toMatchObject({ code: 'webhook_bad_signature' });
    expect(eventOf(callrail.parse(req)).callerName).toBe('Zoë Ångström 👋');
  });
});

describe('CallRail parse: fixtures', () => {
  it('reads the docs vector as an inferred post-call voicemail with the legacy numeric id', () => {
    const result = callrail.parse(request(docsBody));
    expect(result).toMatchObject({ ok: true, kind: 'post_call', providerCallId: '766970532', note: null });
    expect(eventOf(result)).toEqual({
      provider: 'callrail',
      kind: 'post_call',
      providerCallId: '766970532',
      direction: 'inbound',
      callerE164: '+12148654559',
      callerRaw: '+12148654559',
      callerName: 'Kaylah Mills',
      trackingE164: '+14045558514',
      startedAt: new Date('2018-02-19T18:41:00.236Z'),
      durationSeconds: 13,
      talkSeconds: 0,
      ringSeconds: null,
      answered: false,
      result: 'voicemail',
      terminal: true,
      voicemail: true,
      providerSpam: false,
      source: 'Google AdWords',
      campaign: null,
      recordingUrl: 'https://app.callrail.com/calls/766970532/recording?access_key=aaaabbbbccccdddd',
      transcriptUrl: null,
      transcript: null,
      tags: [],
      value: null,
      firstCall: false,
    });
  });

  const cases: Array<[string, string, Partial<CallEvent>]> = [
    [
      'callrail-post-call-answered.json',
      'post_call',
      {
        providerCallId: 'CAL0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        result: 'answered',
        answered: true,
        talkSeconds: 245,
        ringSeconds: null,
        startedAt: new Date('2026-03-02T16:15:00.120Z'),
        callerE164: '+16025550142',
        trackingE164: '+14805550100',
        tags: ['New Client', 'Booked'],
        value: 150,
        firstCall: true,
        source: 'Google Ads',
        campaign: 'Spring AC Tune-up',
        recordingUrl: 'https://app.callrail.com/calls/901234567/recording?access_key=example0002',
        transcript: "Hi, I'd like to book an AC tune-up this week.",
        providerSpam: false,
      },
    ],
    [
      'callrail-post-call-missed-legacy.json',
      'post_call',
      {
        providerCallId: '800000001',
        result: 'no_answer',
        answered: false,
        durationSeconds: 27,
        talkSeconds: 0,
        ringSeconds: 27,
        voicemail: false,
        callerE164: '+16025550143',
        callerRaw: '602-555-0143',
        trackingE164: '+14805550100',
        startedAt: new Date('2026-03-02T23:05:10Z'),
        source: 'Direct',
        tags: ['Emergency'],
        value: null,
        transcript: null,
        recordingUrl: null,
      },
    ],
    [
      'callrail-post-call-abandoned.json',
      'post_call',
      { result: 'abandoned', ringSeconds: 4, talkSeconds: 0, answered: false, firstCall: true, source: 'Yelp' },
    ],
    [
      'callrail-call-modified.json',
      'call_modified',
      {
        result: 'no_answer',
        providerSpam: true,
        tags: ['Spam', 'Robocall'],
        value: 0,
        firstCall: false,
        callerName: null,
      },
    ],
    [
      'callrail-outbound-post-call.json',
      'outbound_post_call',
      {
        direction: 'outbound',
        callerE164: '+16025550142',
        trackingE164: '+14805550100',
        result: 'answered',
        talkSeconds: 95,
        startedAt: new Date('2026-03-02T16:40:00Z'),
      },
    ],
    [
      'callrail-withheld-caller.json',
      'post_call',
      { callerE164: null, callerRaw: '', result: 'no_answer', ringSeconds: 22, callerName: 'RESTRICTED' },
    ],
  ];

  it.each(cases)('%s → %s', (name, kind, expected) => {
    const req = callRailRequest(fixture(name));
    expect(callrail.verify(req, { signingKey: CALLRAIL_KEY })).toEqual({ ok: true });
    const result = callrail.parse(req);
    expect(result).toMatchObject({ ok: true, kind });
    expect(eventOf(result)).toMatchObject({ provider: 'callrail', kind, terminal: true, ...expected });
  });

  it('notes a withheld caller but still yields the event', () => {
    const result = callrail.parse(callRailRequest(fixture('callrail-withheld-caller.json')));
    expect(result).toMatchObject({ ok: true, note: 'caller number withheld or unparseable' });
  });

  it('never classifies a pre-call body', () => {
    const result = callrail.parse(callRailRequest(fixture('callrail-pre-call.json')));
    expect(result).toEqual({
      ok: true,
      kind: 'pre_call',
      providerCallId: 'CAL2c3d4e5f60718293a4b5c6d7e8f9a0b1',
      event: null,
      note: 'pre_call is never classified',
    });
  });

  it('stores a text-message webhook without an event', () => {
    const result = callrail.parse(callRailRequest(fixture('callrail-text-message.json')));
    expect(result).toMatchObject({ ok: true, kind: 'unknown', event: null, note: 'text message webhook, not a call' });
  });
});

describe('CallRail parse: event hint', () => {
  it('takes the kind from ?event= over inference', () => {
    const preCall = fixture('callrail-pre-call.json');
    const asPost = callrail.parse(callRailRequest(preCall, { event: 'post_call' }));
    expect(eventOf(asPost)).toMatchObject({ kind: 'post_call', result: 'no_answer', durationSeconds: 0 });
    const answered = fixture('callrail-post-call-answered.json');
    expect(callrail.parse(callRailRequest(answered, { event: 'pre_call' }))).toMatchObject({
      kind: 'pre_call',
      event: null,
    });
  });

  it('makes a body without direction outbound under an outbound hint', () => {
    const body = JSON.stringify({ resource_id: 'CAL1', customer_phone_number: '+16025550142', answered: false });
    const event = eventOf(callrail.parse(callRailRequest(body, { event: 'outbound_post_call' })));
    expect(event).toMatchObject({ direction: 'outbound', result: 'no_answer', kind: 'outbound_post_call' });
  });

  it('stores an unknown hint as kind unknown with a note', () => {
    const result = callrail.parse(
      callRailRequest(fixture('callrail-post-call-answered.json'), { event: 'text_received' }),
    );
    expect(result).toEqual({
      ok: true,
      kind: 'unknown',
      providerCallId: 'CAL0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      event: null,
      note: 'unknown event hint "text_received"',
    });
  });
});

describe('CallRail parse: edge cases', () => {
  it('answers webhook_malformed only for bodies that are not JSON', () => {
    expect(callrail.parse(request('{"answered": fal'))).toMatchObject({ ok: false, code: 'webhook_malformed' });
    expect(callrail.parse(request(''))).toMatchObject({ ok: false, code: 'webhook_malformed' });
    expect(callrail.parse(request('[1, 2]'))).toMatchObject({ ok: true, kind: 'unknown', event: null });
  });

  it('yields no event without any call id', () => {
    const body = JSON.stringify({ answered: false, call_type: 'missed', duration: 30, direction: 'inbound' });
    expect(callrail.parse(request(body))).toMatchObject({ ok: true, providerCallId: null, event: null });
  });

  it('falls back to the receipt time when no start time parses', () => {
    const body = JSON.stringify({ resource_id: 'CAL2', answered: true, duration: 5, start_time: 'yesterday' });
    const receivedAt = new Date('2026-03-09T12:00:00Z');
    const result = callrail.parse(request(body), { receivedAt });
    expect(eventOf(result).startedAt).toEqual(receivedAt);
    expect(result).toMatchObject({ note: expect.stringContaining('receipt time') });
  });

  it('applies the 15 s rule when answered=false comes without a call_type', () => {
    const short = JSON.stringify({ resource_id: 'CAL3', answered: false, duration: '9', direction: 'inbound' });
    const long = JSON.stringify({ resource_id: 'CAL4', answered: false, duration: '15', direction: 'inbound' });
    expect(eventOf(callrail.parse(request(short))).result).toBe('abandoned');
    expect(eventOf(callrail.parse(request(long))).result).toBe('no_answer');
  });
});
