import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missedCallEvent } from './call-event.fixture.ts';
import type { CallEvent, CallResult } from './call-event.ts';
import { CATEGORIES } from './category.ts';
import { classifyMissedCall } from './classify.ts';
import type { ClassifyContext } from './classify.ts';
import { INTENTS, SERVICE_KEYWORDS, WRONG_NUMBER_KEYWORDS } from './intent.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { LocationInfo } from './policy.ts';
import { URGENCIES } from './urgency.ts';
import { GENERIC_EMERGENCY_KEYWORDS, VERTICAL_KEYWORDS } from './vertical-keywords.ts';

const event = missedCallEvent;

function location(vertical: string | null): LocationInfo {
  return {
    id: 'phoenix',
    name: 'Phoenix',
    timezone: 'America/Phoenix',
    vertical,
    trackingNumbers: ['+14805550100'],
    businessHours: null,
    owners: ['1234567'],
  };
}

function context(overrides: Partial<ClassifyContext> = {}): ClassifyContext {
  return {
    location: location('plumbing'),
    policy: DEFAULT_POLICY,
    afterHours: false,
    knownCaller: false,
    priorCasesForCaller: 0,
    repeatCount: 0,
    ...overrides,
  };
}

describe('classifyMissedCall: examples', () => {
  it('a burst pipe on a plumber’s voicemail from Google Ads: high-urgency new lead', () => {
    const result = classifyMissedCall(
      event({ result: 'voicemail', voicemail: true, source: 'Google Ads', transcript: 'Our pipe burst, please call' }),
      context(),
    );
    expect(result).toEqual({
      category: 'voicemail',
      spam: false,
      spamReason: null,
      intent: 'new_lead',
      urgency: 'high',
      reasons: [
        'category voicemail: the caller left a voicemail',
        'intent new_lead: the number matches no CRM contact and no past case; source "Google Ads" is new demand (Google Ads, paid)',
        'not spam',
        'urgency high: emergency keyword(s) "burst*" (plumbing list)',
      ],
    });
  });

  it('an existing customer asking to reschedule: service, normal', () => {
    const result = classifyMissedCall(
      event({ result: 'voicemail', voicemail: true, transcript: 'I need to reschedule Friday' }),
      context({ knownCaller: true }),
    );
    expect(result).toMatchObject({ category: 'voicemail', intent: 'service', urgency: 'normal', spam: false });
  });

  it('a known caller with no words: existing customer, normal', () => {
    expect(classifyMissedCall(event(), context({ knownCaller: true }))).toMatchObject({
      category: 'no_answer',
      intent: 'existing_customer',
      urgency: 'normal',
    });
  });

  it('a second call within the window: high', () => {
    expect(classifyMissedCall(event(), context({ repeatCount: 1 })).urgency).toBe('high');
  });

  it('a 2-second hang-up is noise spam', () => {
    expect(classifyMissedCall(event({ result: 'abandoned', ringSeconds: 2 }), context())).toMatchObject({
      category: 'abandoned',
      spam: true,
      spamReason: 'noise',
      urgency: 'low',
    });
  });

  it('a 9-second hang-up is a low-urgency lead, after hours a normal one', () => {
    const e = event({ result: 'abandoned', ringSeconds: 9 });
    expect(classifyMissedCall(e, context())).toMatchObject({ spam: false, urgency: 'low' });
    expect(classifyMissedCall(e, context({ afterHours: true }))).toMatchObject({ spam: false, urgency: 'normal' });
  });

  it('a wrong number is spam with reason wrong_number, even when it mentions an emergency', () => {
    const result = classifyMissedCall(
      event({ result: 'voicemail', voicemail: true, transcript: 'sorry, wrong number, this is an emergency line?' }),
      context(),
    );
    expect(result).toMatchObject({ intent: 'wrong_number', spam: true, spamReason: 'wrong_number', urgency: 'low' });
  });

  it('spam wins over emergency words and repeats', () => {
    const result = classifyMissedCall(
      event({ providerSpam: true, transcript: 'emergency, flooding' }),
      context({ repeatCount: 3 }),
    );
    expect(result).toMatchObject({ spam: true, spamReason: 'provider_flag', urgency: 'low' });
    expect(result.reasons.at(-1)).toBe('urgency low: spam is never called back');
  });

  it('a withheld number is spam; its intent is still reported', () => {
    expect(classifyMissedCall(event({ callerE164: null, callerRaw: 'Restricted' }), context())).toMatchObject({
      spam: true,
      spamReason: 'withheld_number',
      intent: 'unknown',
    });
  });

  it('uses the location’s vertical, and only the generic list when unassigned', () => {
    const e = event({ transcript: 'severe tooth pain' });
    expect(classifyMissedCall(e, context({ location: location('dental') })).urgency).toBe('high');
    expect(classifyMissedCall(e, context({ location: location('hvac') })).urgency).toBe('normal');
    expect(classifyMissedCall(e, context({ location: null })).urgency).toBe('normal');
  });
});

describe('classifyMissedCall: properties', () => {
  const words = [
    ...WRONG_NUMBER_KEYWORDS,
    ...SERVICE_KEYWORDS,
    ...GENERIC_EMERGENCY_KEYWORDS,
    ...Object.values(VERTICAL_KEYWORDS).flat(),
    'not',
    'no',
    'oh',
    'and',
    'paint',
    'leaky',
    ',',
    '.',
  ].map((w) => w.replace('*', ''));
  const transcript = fc.oneof(
    fc.string(),
    fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((ws) => ws.join(' ')),
  );
  const seconds = fc.oneof(fc.integer({ min: -3, max: 60 }), fc.double());
  const results: CallResult[] = [
    'answered',
    'no_answer',
    'voicemail',
    'abandoned',
    'busy',
    'failed',
    'canceled',
    'in_progress',
    'unknown',
  ];
  const eventArb: fc.Arbitrary<CallEvent> = fc.record({
    provider: fc.constantFrom('callrail', 'twilio', 'invoca', 'generic'),
    kind: fc.constantFrom('post_call', 'call_modified', 'status_callback', 'dial_action', 'unknown'),
    providerCallId: fc.string(),
    direction: fc.constantFrom('inbound', 'outbound'),
    callerE164: fc.option(fc.constantFrom('+14805550123', '+442071838750')),
    callerRaw: fc.option(fc.oneof(fc.string(), fc.constantFrom('Anonymous', '+266696687', '12'))),
    callerName: fc.option(fc.string()),
    trackingE164: fc.option(fc.constant('+14805550100')),
    startedAt: fc.date(),
    durationSeconds: fc.option(seconds),
    talkSeconds: fc.option(seconds),
    ringSeconds: fc.option(seconds),
    answered: fc.option(fc.boolean()),
    result: fc.constantFrom(...results),
    terminal: fc.boolean(),
    voicemail: fc.boolean(),
    providerSpam: fc.boolean(),
    source: fc.option(fc.oneof(fc.string(), fc.constantFrom('Google Ads', 'Yelp', 'GMB', 'Direct', 'LSA'))),
    campaign: fc.option(fc.string()),
    recordingUrl: fc.option(fc.string()),
    transcriptUrl: fc.option(fc.string()),
    transcript: fc.option(transcript),
    tags: fc.array(fc.string(), { maxLength: 3 }),
    value: fc.option(fc.double()),
    firstCall: fc.option(fc.boolean()),
  });
  const contextArb: fc.Arbitrary<ClassifyContext> = fc.record({
    location: fc.option(
      fc.constantFrom('hvac', 'plumbing', 'dental', 'med spa', 'legal', 'insurance', 'roofing').map(location),
    ),
    policy: fc.integer({ min: 0, max: 20 }).map((noiseMaxSeconds) => ({ ...DEFAULT_POLICY, noiseMaxSeconds })),
    afterHours: fc.boolean(),
    knownCaller: fc.boolean(),
    priorCasesForCaller: fc.oneof(fc.nat(5), fc.double()),
    repeatCount: fc.oneof(fc.nat(4), fc.double()),
  });
  const runs = { seed: 424242, numRuns: 1500 };

  it('is total: always a valid category, intent and urgency with reasons', () => {
    fc.assert(
      fc.property(eventArb, contextArb, (e, ctx) => {
        const result = classifyMissedCall(e, ctx);
        expect(CATEGORIES).toContain(result.category);
        expect(INTENTS).toContain(result.intent);
        expect(URGENCIES).toContain(result.urgency);
        expect(result.spam).toBe(result.spamReason !== null);
        expect(result.reasons.length).toBeGreaterThanOrEqual(4);
      }),
      runs,
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(eventArb, contextArb, (e, ctx) => {
        expect(classifyMissedCall(structuredClone(e), structuredClone(ctx))).toEqual(classifyMissedCall(e, ctx));
      }),
      runs,
    );
  });

  it('never gives spam high urgency', () => {
    fc.assert(
      fc.property(eventArb, contextArb, (e, ctx) => {
        const result = classifyMissedCall(e, ctx);
        if (result.spam) expect(result.urgency).not.toBe('high');
      }),
      runs,
    );
  });

  it('makes every wrong number spam and every missing caller number spam', () => {
    fc.assert(
      fc.property(eventArb, contextArb, (e, ctx) => {
        const result = classifyMissedCall(e, ctx);
        if (result.intent === 'wrong_number' || e.callerE164 === null || e.providerSpam) {
          expect(result.spam).toBe(true);
        }
      }),
      runs,
    );
  });
});
