/**
 * Call-tracking ingest end to end, through the real HTTP endpoint into cases (contract §3, §4), on
 * PostgreSQL + Redis and on PGlite + the in-process queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_NAMES, startTestServer, type TestServer } from './helpers/server.ts';
import { fixture, postCallRail, postGeneric, postInvoca, postTwilio } from './helpers/webhooks.ts';

const CONFIG = `
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/Phoenix
    callTracking:
      callrail: { signingKey: "cr-key" }
      twilio: { authToken: "tw-token" }
      invoca: { token: "inv-token" }
      generic: { secret: "gen-secret" }
    locations:
      - id: phoenix
        name: Phoenix
        timezone: America/Phoenix
        vertical: hvac
        trackingNumbers: ["+1 480 555 0100"]
        businessHours: { mon: "08:00-18:00", tue: "08:00-18:00", wed: "08:00-18:00", thu: "08:00-18:00", fri: "08:00-18:00", sat: "09:00-13:00" }
        owners: ["101", "102"]
      - id: tempe
        name: Tempe
        timezone: America/Phoenix
        vertical: plumbing
        trackingNumbers: ["480-555-0101"]
  - id: other
    name: Other Co
    callTracking:
      callrail: { signingKey: "other-key" }
`;

/** A fixture with its customer number swapped, so each test has its own caller. */
const withCaller = (name: string, from: string, to: string) => fixture(name).toString('utf8').split(from).join(to);

describe.each(ENGINE_NAMES)('ingest on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, CONFIG);
  });
  afterAll(async () => {
    await server?.close();
  });
  const list = async (query = '') => (await server.api(`/api/accounts/acme/missed-calls${query}`)).body;
  const byId = async (id: string) => (await server.api(`/api/accounts/acme/missed-calls/${id}`)).body;

  it('turns a CallRail post-call miss (legacy numeric id, formatted numbers) into one case, and a replay into nothing', async () => {
    const body = fixture('callrail-post-call-missed-legacy.json');
    const first = await postCallRail(server.url, 'acme', 'cr-key', body, 'post_call');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: true, duplicate: false });
    const id = first.body.missedCallId as string;
    expect(id).toMatch(/^mc_/);
    const replay = await postCallRail(server.url, 'acme', 'cr-key', body, 'post_call');
    expect(replay.body).toEqual({ accepted: true, duplicate: true, missedCallId: id });
    const c = await byId(id);
    expect(c).toMatchObject({
      provider: 'callrail',
      providerCallId: '800000001',
      locationId: 'phoenix',
      callerE164: '+16025550143',
      category: 'no_answer',
      spam: false,
      repeatOf: null,
      revenue: 0,
      crm: { kind: null, contactId: null, error: null },
    });
    // A March 2026 call with no contact seven days on is listed as lost.
    expect(c.status).toBe('lost');
    expect(Date.parse(c.slaDueAt)).toBeGreaterThan(Date.parse(c.missedAt));
    const all = await list('?limit=500');
    expect(all.items.filter((i: { providerCallId: string }) => i.providerCallId === '800000001')).toHaveLength(1);
  });

  it('creates one case from concurrent duplicates and concurrent different deliveries of one call', async () => {
    const body = withCaller('callrail-post-call-abandoned.json', '+16025550146', '+16025550246')
      .replace('"duration": "4"', '"duration": "12"')
      .replace('CAL1b2c3d4e5f60718293a4b5c6d7e8f9a0', 'CAL1b2c3d4e5f60718293a4b5c6d7e8f9a9');
    const results = await Promise.all(Array.from({ length: 8 }, () => postCallRail(server.url, 'acme', 'cr-key', body, 'post_call')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.missedCallId)).size).toBe(1);
    // A call-modified delivery for the same call racing a post-call: one case, updated.
    const modified = body.replace('"recording": null', '"recording": "https://app.callrail.com/calls/x/recording"');
    const [a, b] = await Promise.all([
      postCallRail(server.url, 'acme', 'cr-key', modified, 'call_modified'),
      postCallRail(server.url, 'acme', 'cr-key', modified.replace('"tags": []', '"tags": ["vip"]'), 'call_modified'),
    ]);
    expect(a.body.missedCallId).toBe(results[0]!.body.missedCallId);
    expect(b.body.missedCallId).toBe(results[0]!.body.missedCallId);
    const items = (await list('?limit=500')).items.filter((i: { callerE164: string }) => i.callerE164 === '+16025550246');
    expect(items).toHaveLength(1);
    expect(items[0].locationId).toBe('tempe');
  });

  it('marks a call-modified spam flag, a withheld caller and a noise ring as spam, and keeps them listed', async () => {
    const spam = await postCallRail(server.url, 'acme', 'cr-key', fixture('callrail-call-modified.json'), 'call_modified');
    expect(spam.status).toBe(200);
    expect(await byId(spam.body.missedCallId)).toMatchObject({ spam: true, spamReason: 'provider_flag', status: 'spam' });
    const withheld = await postCallRail(server.url, 'acme', 'cr-key', fixture('callrail-withheld-caller.json'), 'post_call');
    expect(withheld.body.missedCallId).not.toBeNull();
    expect(await byId(withheld.body.missedCallId)).toMatchObject({ spam: true, spamReason: 'withheld_number', callerE164: null });
    const noise = await postCallRail(server.url, 'acme', 'cr-key', fixture('callrail-post-call-abandoned.json'), 'post_call');
    expect(await byId(noise.body.missedCallId)).toMatchObject({ category: 'abandoned', spam: true, spamReason: 'noise' });
    const spamList = (await list('?status=spam&limit=500')).items.map((i: { id: string }) => i.id);
    expect(spamList).toEqual(expect.arrayContaining([spam.body.missedCallId, withheld.body.missedCallId, noise.body.missedCallId]));
  });

  it('stores a pre-call and an unknown event hint without making cases, and lists the one it did not understand', async () => {
    const pre = await postCallRail(server.url, 'acme', 'cr-key', fixture('callrail-pre-call.json'), 'pre_call');
    expect(pre.body).toEqual({ accepted: true, duplicate: false, missedCallId: null });
    const odd = await postCallRail(server.url, 'acme', 'cr-key', fixture('callrail-text-message.json'), 'text_received');
    expect(odd.status).toBe(200);
    expect(odd.body.missedCallId).toBeNull();
    const unprocessed = (await server.api('/api/accounts/acme/events?status=unprocessed')).body.items;
    expect(unprocessed.some((e: { kind: string }) => e.kind === 'unknown')).toBe(true);
    expect(unprocessed.some((e: { kind: string }) => e.kind === 'pre_call')).toBe(false);
    const all = (await server.api('/api/accounts/acme/events?status=all&limit=500')).body.items;
    expect(all.some((e: { kind: string; status: string }) => e.kind === 'pre_call' && e.status === 'processed')).toBe(true);
  });

  it('takes a Twilio miss at the earliest timestamp of its CallSid, and never counts the answered parent leg as a contact', async () => {
    const sid = 'CA0000000000000000000000000000c002';
    const initiated = withCaller('twilio-status-initiated.txt', '%2B16025550142', '%2B16025550302').replace(/CA0+a001/, sid);
    const noAnswer = withCaller('twilio-status-no-answer.txt', '%2B16025550142', '%2B16025550302').replace(/CA0+a002/, sid);
    expect((await postTwilio(server.url, 'acme', 'tw-token', initiated)).body.missedCallId).toBeNull();
    const missed = await postTwilio(server.url, 'acme', 'tw-token', noAnswer);
    expect(await byId(missed.body.missedCallId)).toMatchObject({ missedAt: '2026-03-02T16:20:00.000Z', callerE164: '+16025550302', locationId: 'phoenix' });

    const dialNoAnswer = withCaller('twilio-dial-action-no-answer.txt', '%2B16025550142', '%2B16025550303');
    const dial = await postTwilio(server.url, 'acme', 'tw-token', dialNoAnswer);
    expect(dial.body.missedCallId).not.toBeNull();
    // The parent leg completes after the <Dial> ended: its Timestamp is now, like the dial's receipt time.
    const parentCompleted = withCaller('twilio-status-completed.txt', '%2B16025550142', '%2B16025550303')
      .replace(/CA0+a003/, 'CA0000000000000000000000000000a004')
      .replace(/Timestamp=[^&]*/, `Timestamp=${encodeURIComponent(new Date().toUTCString().replace('GMT', '+0000'))}`);
    expect((await postTwilio(server.url, 'acme', 'tw-token', parentCompleted)).status).toBe(200);
    expect(await byId(dial.body.missedCallId)).toMatchObject({ status: 'open', contactedAt: null });
  });

  it('follows a case through a callback attempt that became a live conversation', async () => {
    const caller = '+16025550311';
    const miss = await postGeneric(server.url, 'acme', 'gen-secret', withCaller('generic-inbound-no-answer.json', '(602) 555-0150', caller));
    expect(miss.status).toBe(200);
    const attempt = await postGeneric(server.url, 'acme', 'gen-secret', withCaller('generic-outbound-answered.json', '+16025550150', caller));
    expect(attempt.body).toEqual({ accepted: true, duplicate: false, missedCallId: null });
    const c = await byId(miss.body.missedCallId);
    expect(c.status).toBe('contacted');
    expect(c.firstAttemptAt).toBe('2026-03-02T16:30:00.000Z');
    expect(c.contactedAt).toBe('2026-03-02T16:30:00.000Z');
  });

  it('folds a repeat dial into the open case and lists it marked', async () => {
    const caller = '+16025550321';
    const first = withCaller('generic-inbound-no-answer.json', '(602) 555-0150', caller).replace('dialer-2026-03-02-0001', 'dialer-2026-03-02-0900');
    const second = first.replace('dialer-2026-03-02-0900', 'dialer-2026-03-02-0901').replace('09:20:00', '09:31:00');
    const a = await postGeneric(server.url, 'acme', 'gen-secret', first);
    const b = await postGeneric(server.url, 'acme', 'gen-secret', second);
    expect(await byId(b.body.missedCallId)).toMatchObject({ repeatOf: a.body.missedCallId });
    const parent = await byId(a.body.missedCallId);
    expect(parent.repeatCount).toBe(1);
    expect(parent.urgency).toBe('high');
  });

  it('keeps a call to an unknown tracking number as unassigned', async () => {
    const body = fixture('invoca-missed.json').toString('utf8').replace('"dnis": "480-555-0100"', '"dnis": "480-555-0177"');
    const r = await postInvoca(server.url, 'acme', 'inv-token', body);
    expect(r.status).toBe(200);
    expect(await byId(r.body.missedCallId)).toMatchObject({ locationId: null, provider: 'invoca' });
    const unassigned = (await list('?locationId=null&limit=500')).items;
    expect(unassigned.map((i: { id: string }) => i.id)).toContain(r.body.missedCallId);
  });

  it('refuses bad signatures (storing nothing), unknown accounts, malformed and oversized bodies', async () => {
    const before = (await server.api('/api/accounts/acme/events?limit=500')).body.items.length;
    const body = fixture('callrail-post-call-missed-legacy.json');
    expect((await postCallRail(server.url, 'acme', 'wrong-key', body)).status).toBe(401);
    const unsigned = await fetch(`${server.url}/webhooks/callrail/acme`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error.code).toBe('webhook_missing_signature');
    expect((await postInvoca(server.url, 'acme', 'nope', fixture('invoca-missed.json'))).status).toBe(401);
    expect((await server.api('/api/accounts/acme/events?limit=500')).body.items.length).toBe(before);
    const unknown = await postCallRail(server.url, 'nobody', 'cr-key', body);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_account');
    const malformed = await postCallRail(server.url, 'acme', 'cr-key', '{"id": 1,');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('webhook_malformed');
    const huge = await postCallRail(server.url, 'acme', 'cr-key', `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`);
    expect(huge.status).toBe(413);
    const metrics = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(await metrics.text()).toMatch(/ringback_webhook_rejected_total\{provider="callrail",reason="webhook_bad_signature"\} [1-9]/);
  });

  it('pages, filters and validates the missed-calls list, scoped to the token', async () => {
    const all = (await list('?limit=500')).items;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const times = all.map((i: { missedAt: string }) => Date.parse(i.missedAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; next: string | null } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.map((i: { id: string }) => i.id));
    const window = (await list('?from=2026-03-02&to=2026-03-03')).items;
    expect(window.every((i: { missedAt: string }) => i.missedAt.startsWith('2026-03-02'))).toBe(true);
    for (const bad of ['?from=2026-03-03&to=2026-03-02', '?from=yesterday', '?limit=0', '?limit=501', '?status=closed', '?cursor=garbage']) {
      const r = await server.api(`/api/accounts/acme/missed-calls${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code, bad).toEqual(expect.any(String));
    }
    const token = (await server.api('/api/accounts/acme/tokens', { body: {} })).body.token as string;
    expect((await server.api('/api/accounts/acme/missed-calls', { token })).status).toBe(200);
    const leak = await server.api('/api/accounts/other/missed-calls', { token });
    expect(leak.status).toBe(404);
    expect((await server.api('/api/accounts/acme/tokens', { body: {}, token })).status).toBe(403);
  });
});
