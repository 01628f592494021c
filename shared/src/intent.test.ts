import { describe, expect, it } from 'vitest';
import { missedCallEvent } from './call-event.fixture.ts';
import type { CallEvent } from './call-event.ts';
import { inferIntent, sourceSignal } from './intent.ts';
import type { Intent, IntentInput } from './intent.ts';

const event = missedCallEvent;

function intentOf(overrides: Partial<CallEvent>, input: Partial<Omit<IntentInput, 'event'>> = {}) {
  return inferIntent({
    event: event(overrides),
    vertical: 'hvac',
    knownCaller: false,
    priorCasesForCaller: 0,
    ...input,
  });
}

describe('inferIntent', () => {
  const table: Array<[string, Partial<CallEvent>, Partial<Omit<IntentInput, 'event'>>, Intent]> = [
    ['"wrong number" in the voicemail', { transcript: 'Oh sorry, wrong number.' }, {}, 'wrong_number'],
    ['"sorry wrong" in the voicemail', { transcript: 'sorry wrong place bye' }, {}, 'wrong_number'],
    ['a misdial', { transcript: 'I misdialed, ignore this' }, {}, 'wrong_number'],
    ['wrong number beats a known caller', { transcript: 'wrong number' }, { knownCaller: true }, 'wrong_number'],
    ['wrong number beats service words', { transcript: 'wrong number, about my invoice' }, {}, 'wrong_number'],
    ['a negated wrong number is not one', { transcript: 'this is not a wrong number, call me' }, {}, 'new_lead'],
    ['status of my job', { transcript: 'checking on the status of my repair' }, {}, 'service'],
    ['rescheduling', { transcript: 'I need to reschedule Tuesday' }, {}, 'service'],
    ['appointment time', { transcript: 'what is my appointment time' }, {}, 'service'],
    ['invoice', { transcript: 'question on the invoice' }, {}, 'service'],
    ['billing', { transcript: 'a billing question' }, {}, 'service'],
    ['warranty', { transcript: 'is this under warranty' }, {}, 'service'],
    ['follow up on', { transcript: 'calling to follow-up on the estimate' }, {}, 'service'],
    ['service beats a known caller', { transcript: 'about my invoice' }, { knownCaller: true }, 'service'],
    ['"schedule" alone is not service', { transcript: 'I want to schedule a visit' }, {}, 'new_lead'],
    ['a known caller', {}, { knownCaller: true }, 'existing_customer'],
    ['a caller with past cases', {}, { priorCasesForCaller: 2 }, 'existing_customer'],
    ['known beats the first-call flag', { firstCall: true }, { knownCaller: true }, 'existing_customer'],
    ['an unknown caller', {}, {}, 'new_lead'],
    ['an unknown caller the provider has seen', { firstCall: false }, {}, 'new_lead'],
    ['a withheld first-time caller', { callerE164: null, firstCall: true }, {}, 'new_lead'],
    ['a withheld caller from Google Ads', { callerE164: null, source: 'Google Ads' }, {}, 'new_lead'],
    ['a withheld caller, nothing else', { callerE164: null }, {}, 'unknown'],
    ['a withheld caller from a direct source', { callerE164: null, source: 'Direct', firstCall: false }, {}, 'unknown'],
  ];
  it.each(table)('%s → %s', (_name, overrides, input, expected) => {
    const verdict = intentOf(overrides, input);
    expect(verdict.intent).toBe(expected);
    expect(verdict.reasons[0]?.startsWith(`intent ${expected}:`)).toBe(true);
  });

  it('names the matched words', () => {
    expect(intentOf({ transcript: 'need to reschedule' }).reasons).toEqual([
      'intent service: transcript mentions "reschedul*"',
    ]);
  });

  it('says when a new-demand source supports a new lead', () => {
    const [reason] = intentOf({ source: 'Google Business Profile', firstCall: true }).reasons;
    expect(reason).toContain('provider flags a first-time caller');
    expect(reason).toContain('source "Google Business Profile" is new demand (Google Business Profile)');
  });

  it('says why a caller is an existing customer', () => {
    expect(intentOf({}, { knownCaller: true, priorCasesForCaller: 3 }).reasons).toEqual([
      'intent existing_customer: the caller is a known CRM contact or customer; 3 past case(s) for this caller',
    ]);
  });
});

describe('sourceSignal', () => {
  it.each([
    ['Google Ads', 'Google Ads', true],
    ['Google Paid', 'Google Ads', true],
    ['google adwords', 'Google Ads', true],
    ['Google Local Services', 'Google Local Services Ads', true],
    ['LSA', 'Google Local Services Ads', true],
    ['Google My Business', 'Google Business Profile', false],
    ['GMB', 'Google Business Profile', false],
    ['Google Business Profile', 'Google Business Profile', false],
    ['Yelp', 'Yelp', false],
    ['Yelp Ads', 'Yelp', true],
    ['Facebook', 'Facebook', false],
    ['Facebook Paid', 'Facebook', true],
    ['Bing Organic', 'Bing', false],
    ['Bing Ads', 'Bing', true],
    ['Microsoft Advertising', 'Bing', true],
  ] as const)('%j → %s (paid %s)', (label, platform, paid) => {
    expect(sourceSignal(label)).toEqual({ platform, paid });
  });

  it.each([null, 'Direct', 'Google Organic', 'Referral', 'Spring promo', 'Yelpington Bakery'])(
    '%j implies no new demand',
    (label) => {
      expect(sourceSignal(label)).toBeNull();
    },
  );
});
