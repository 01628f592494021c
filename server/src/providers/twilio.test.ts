import type { CallEvent } from '@ringback/shared';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from './provider.ts';
import { fixture, request, tamper, TWILIO_TOKEN, TWILIO_URL, twilioRequest } from './test-requests.ts';
import { twilio } from './twilio.ts';
import { twilioSignature, twilioUrlVariants } from './twilio-signature.ts';

// Twilio's "Webhooks security" example: URL, POST params, auth token and the expected signature.
const DOCS_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOCS_TOKEN = '12345';
const DOCS_PARAMS: Array<[string, string]> = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+12349013030'],
  ['Digits', '1234'],
  ['From', '+12349013030'],
  ['To', '+18005551212'],
];
const DOCS_SIGNATURE = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
const FORM = 'application/x-www-form-urlencoded';

function docsRequest(body: Buffer, url = DOCS_URL, signature: string | null = DOCS_SIGNATURE) {
  return request(body, {
    contentType: FORM,
    publicUrl: url,
    headers: signature === null ? {} : { 'x-twilio-signature': signature },
  });
}

// Deliberately not alphabetical: the signature sorts, the body order must not matter.
const docsBody = Buffer.from(new URLSearchParams([...DOCS_PARAMS].reverse()).toString(), 'utf8');

function eventOf(result: ParseResult): CallEvent {
  if (!result.ok || result.event === null) throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

describe('Twilio signature', () => {
  it('reproduces the published example', () => {
    expect(twilioSignature(DOCS_URL, DOCS_PARAMS, DOCS_TOKEN)).toBe(DOCS_SIGNATURE);
    expect(twilio.verify(docsRequest(docsBody), { authToken: DOCS_TOKEN })).toEqual({ ok: true });
  });

  it('fails on a one-byte tamper, a changed URL, a missing header and a missing token', () => {
    const tampered = tamper(docsBody, docsBody.indexOf('1234'));
    expect(twilio.verify(docsRequest(tampered), { authToken: DOCS_TOKEN })).toMatchObject({
      code: 'webhook_bad_signature',
    });
    expect(twilio.verify(docsRequest(docsBody, `${DOCS_URL}&baz=3`), { authToken: DOCS_TOKEN })).toMatchObject({
      code: 'webhook_bad_signature',
    });
    expect(twilio.verify(docsRequest(docsBody, DOCS_URL, null), { authToken: DOCS_TOKEN })).toMatchObject({
      code: 'webhook_missing_signature',
    });
    expect(twilio.verify(docsRequest(docsBody), { authToken: '' })).toMatchObject({ code: 'webhook_not_configured' });
  });

  it('accepts the URL with or without its default port', () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(twilioUrlVariants(withPort)).toEqual([withPort, DOCS_URL]);
    expect(twilio.verify(docsRequest(docsBody, withPort), { authToken: DOCS_TOKEN })).toEqual({ ok: true });
    expect(twilioUrlVariants('http://127.0.0.1:3000/x')).toEqual(['http://127.0.0.1:3000/x']);
  });

  it('signs repeated parameter names independently of body order', () => {
    const a = twilioSignature(
      DOCS_URL,
      [
        ['X', '2'],
        ['X', '1'],
      ],
      DOCS_TOKEN,
    );
    expect(a).toBe(
      twilioSignature(
        DOCS_URL,
        [
          ['X', '1'],
          ['X', '2'],
        ],
        DOCS_TOKEN,
      ),
    );
  });
});

describe('Twilio parse', () => {
  it('refuses anything but a form body', () => {
    const body = Buffer.from('{"CallSid":"CA1"}');
    expect(twilio.parse(request(body, { contentType: 'application/json' }))).toMatchObject({
      ok: false,
      code: 'webhook_unsupported_media_type',
    });
    expect(twilio.parse(request(body, { contentType: undefined }))).toMatchObject({
      code: 'webhook_unsupported_media_type',
    });
    expect(twilio.parse(request('', { contentType: `${FORM}; charset=utf-8` }))).toMatchObject({
      code: 'webhook_malformed',
    });
  });

  const cases: Array<[string, string, Partial<CallEvent>]> = [
    [
      'twilio-status-initiated.txt',
      'status_callback',
      {
        providerCallId: 'CA0000000000000000000000000000a001',
        direction: 'inbound',
        result: 'in_progress',
        terminal: false,
        answered: null,
        talkSeconds: null,
        callerE164: '+16025550142',
        trackingE164: '+14805550100',
        callerName: 'PAT EXAMPLE',
        startedAt: new Date('2026-03-02T16:20:00Z'),
        providerSpam: false,
      },
    ],
    [
      'twilio-status-no-answer.txt',
      'status_callback',
      { result: 'no_answer', terminal: true, answered: false, talkSeconds: 0, durationSeconds: 0, providerSpam: false },
    ],
    [
      'twilio-status-completed.txt',
      'status_callback',
      {
        result: 'answered',
        answered: true,
        durationSeconds: 184,
        talkSeconds: 184,
        recordingUrl:
          'https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/Recordings/RE00000000000000000000000000000003',
      },
    ],
    [
      'twilio-dial-action-no-answer.txt',
      'dial_action',
      {
        providerCallId: 'CA0000000000000000000000000000a004',
        result: 'no_answer',
        terminal: true,
        answered: false,
        talkSeconds: 0,
        durationSeconds: null,
        startedAt: new Date('2026-03-02T16:21:00Z'),
      },
    ],
    [
      'twilio-dial-action-completed.txt',
      'dial_action',
      { providerCallId: 'CA0000000000000000000000000000a005', result: 'answered', answered: true, talkSeconds: 62 },
    ],
    [
      'twilio-outbound-api-completed.txt',
      'status_callback',
      {
        direction: 'outbound',
        callerE164: '+16025550142',
        trackingE164: '+14805550100',
        result: 'answered',
        talkSeconds: 48,
      },
    ],
    [
      'twilio-outbound-api-machine.txt',
      'status_callback',
      { direction: 'outbound', result: 'voicemail', voicemail: true, answered: false, talkSeconds: 0 },
    ],
    [
      'twilio-anonymous-busy.txt',
      'status_callback',
      { result: 'busy', callerE164: null, callerRaw: '+266696687', terminal: true },
    ],
    [
      'twilio-stir-failed-canceled.txt',
      'status_callback',
      { result: 'canceled', providerSpam: true, callerE164: '+16025550149' },
    ],
  ];

  it.each(cases)('%s → %s', (name, kind, expected) => {
    const req = twilioRequest(fixture(name));
    expect(twilio.verify(req, { authToken: TWILIO_TOKEN })).toEqual({ ok: true });
    const result = twilio.parse(req, { receivedAt: new Date('2026-03-02T16:21:00Z') });
    expect(result).toMatchObject({ ok: true, kind });
    expect(eventOf(result)).toMatchObject({ provider: 'twilio', kind, ...expected });
  });

  it('yields no event for the outbound-dial leg, keyed by the parent CallSid', () => {
    const result = twilio.parse(twilioRequest(fixture('twilio-outbound-dial-leg.txt')));
    expect(result).toEqual({
      ok: true,
      kind: 'status_callback',
      providerCallId: 'CA0000000000000000000000000000a005',
      event: null,
      note: 'outbound-dial leg: the forward to staff, not a callback attempt',
    });
  });

  it('explains what it noted on a dial action and a withheld caller', () => {
    const dial = twilio.parse(twilioRequest(fixture('twilio-dial-action-no-answer.txt')));
    expect(dial).toMatchObject({ note: 'no Timestamp; used the receipt time' });
    const anonymous = twilio.parse(twilioRequest(fixture('twilio-anonymous-busy.txt')));
    expect(anonymous).toMatchObject({ note: 'caller number withheld or unparseable' });
  });

  it('stores bodies it does not understand without an event', () => {
    const noStatus = twilio.parse(twilioRequest('CallSid=CA1&From=%2B16025550142'));
    expect(noStatus).toMatchObject({ ok: true, kind: 'unknown', providerCallId: 'CA1', event: null });
    const trunk = twilio.parse(twilioRequest('CallSid=CA2&CallStatus=completed&Direction=trunking-originating'));
    expect(trunk).toMatchObject({ ok: true, kind: 'status_callback', event: null });
    const noSid = twilio.parse(twilioRequest('CallStatus=busy&Direction=inbound'));
    expect(noSid).toMatchObject({ ok: true, providerCallId: null, event: null });
  });

  it('verifies against the public URL it was given', () => {
    const req = twilioRequest(fixture('twilio-status-no-answer.txt'));
    expect(twilio.verify({ ...req, publicUrl: `${TWILIO_URL}/other` }, { authToken: TWILIO_TOKEN })).toMatchObject({
      code: 'webhook_bad_signature',
    });
  });
});
