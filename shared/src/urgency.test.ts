import { describe, expect, it } from 'vitest';
import { missedCallEvent } from './call-event.fixture.ts';
import type { CallEvent } from './call-event.ts';
import { categoryOf } from './category.ts';
import type { Intent } from './intent.ts';
import { inferUrgency, isRepeatBurst } from './urgency.ts';
import type { Urgency, UrgencyInput } from './urgency.ts';

const event = missedCallEvent;

interface Case {
  event?: Partial<CallEvent>;
  vertical?: string | null;
  intent?: Intent;
  afterHours?: boolean;
  repeatCount?: number;
}

function urgencyOf(c: Case) {
  const e = event(c.event ?? {});
  const input: UrgencyInput = {
    event: e,
    vertical: c.vertical === undefined ? 'plumbing' : c.vertical,
    intent: c.intent ?? 'new_lead',
    category: categoryOf(e),
    afterHours: c.afterHours ?? false,
    repeatCount: c.repeatCount ?? 0,
  };
  return inferUrgency(input);
}

describe('inferUrgency: rules and their order', () => {
  const voicemail = { result: 'voicemail', voicemail: true } as const;
  const table: Array<[string, Case, Urgency]> = [
    ['wrong number', { intent: 'wrong_number' }, 'low'],
    ['wrong number beats an emergency word', { intent: 'wrong_number', event: { transcript: 'emergency' } }, 'low'],
    ['a vertical emergency keyword', { event: { transcript: 'pipe burst in the basement' } }, 'high'],
    ['a generic emergency keyword', { event: { transcript: 'please call back ASAP' } }, 'high'],
    ['a negated emergency', { event: { transcript: 'not an emergency, whenever you can' } }, 'normal'],
    ['an emergency after hours', { afterHours: true, event: { transcript: 'sewage everywhere' } }, 'high'],
    [
      'an emergency in an abandoned call',
      { event: { result: 'abandoned', ringSeconds: 6, transcript: 'flooding' } },
      'high',
    ],
    ['a first repeat dial (2 calls)', { repeatCount: 1 }, 'high'],
    ['several repeat dials', { repeatCount: 3 }, 'high'],
    ['a repeat dial after hours', { repeatCount: 1, afterHours: true }, 'high'],
    ['a repeat dial with unknown intent', { repeatCount: 1, intent: 'unknown' }, 'high'],
    ['no repeat yet', { repeatCount: 0 }, 'normal'],
    ['voicemail by a new lead from Google Ads', { event: { ...voicemail, source: 'Google Ads' } }, 'normal'],
    ['after hours, no emergency', { afterHours: true }, 'normal'],
    [
      'after hours beats short abandoned',
      { afterHours: true, event: { result: 'abandoned', ringSeconds: 6 } },
      'normal',
    ],
    ['after hours beats unknown intent', { afterHours: true, intent: 'unknown' }, 'normal'],
    ['short abandoned', { event: { result: 'abandoned', ringSeconds: 9 } }, 'low'],
    [
      'abandoned with unknown ring time',
      { event: { result: 'canceled', ringSeconds: null, durationSeconds: null } },
      'low',
    ],
    ['long abandoned (canceled after 40 s)', { event: { result: 'canceled', ringSeconds: 40 } }, 'normal'],
    ['unknown intent', { intent: 'unknown' }, 'low'],
    ['a new lead', {}, 'normal'],
    ['an existing customer', { intent: 'existing_customer' }, 'normal'],
    ['a service call', { intent: 'service' }, 'normal'],
  ];
  it.each(table)('%s → %s', (_name, c, expected) => {
    const verdict = urgencyOf(c);
    expect(verdict.urgency).toBe(expected);
    expect(verdict.reasons[0]?.startsWith(`urgency ${expected}:`)).toBe(true);
  });

  it('names the paid source for a new lead’s voicemail', () => {
    expect(urgencyOf({ event: { result: 'voicemail', voicemail: true, source: 'LSA' } }).reasons).toEqual([
      'urgency normal: voicemail from a new lead via paid source Google Local Services Ads',
    ]);
  });

  it('names the keyword, the list and any negated keyword', () => {
    expect(urgencyOf({ event: { transcript: 'not urgent, but the toilet is backed up' } }).reasons).toEqual([
      'urgency high: emergency keyword(s) "backed up" (plumbing list)',
      'urgency: ignored negated keyword(s) "urgent*"',
    ]);
  });
});

describe('inferUrgency: each vertical hears its own words', () => {
  const table: Array<[string, string, Urgency]> = [
    ['hvac', 'we have no heat and kids at home', 'high'],
    ['hvac', 'there is a gas smell in the garage', 'high'],
    ['hvac', 'the AC is not cooling', 'high'],
    ['hvac', 'carbon monoxide alarm going off', 'high'],
    ['hvac', 'furnace making noises', 'high'],
    ['hvac', 'we have no A/C', 'high'],
    ['hvac', 'quote for duct cleaning', 'normal'],
    ['plumbing', 'the water heater is leaking', 'high'],
    ['plumbing', 'a leaky faucet', 'high'],
    ['plumbing', 'basement flooded', 'high'],
    ['plumbing', 'we have no water', 'high'],
    ['plumbing', 'a quote to repaint the bathroom', 'normal'],
    ['dental', 'terrible tooth pain', 'high'],
    ['dental', 'my gum is bleeding', 'high'],
    ['dental', 'I have a broken tooth', 'high'],
    ['dental', 'my jaw has swelling', 'high'],
    ['dental', 'want to paint... I mean book a cleaning', 'normal'],
    ['Med Spa', 'I had a reaction to the filler', 'high'],
    ['medspa', 'there is a burn from the laser', 'high'],
    ['medspa', 'lots of swelling after botox', 'high'],
    ['medspa', 'pricing for a facial', 'normal'],
    ['legal intake', 'my son was arrested last night', 'high'],
    ['legal', 'I have court tomorrow', 'high'],
    ['legal', 'car accident with injury', 'high'],
    ['legal', 'drafting a will', 'normal'],
    ['insurance', 'I need to file a claim', 'high'],
    ['insurance', 'my car was totaled', 'high'],
    ['insurance', 'I want to cancel my policy', 'high'],
    ['insurance', 'a quote for home insurance', 'normal'],
    ['hvac', 'I have tooth pain', 'normal'],
    ['dental', 'there is a leak in the ceiling', 'normal'],
    ['roofing', 'a leak in the roof', 'normal'],
    ['roofing', 'roof leak, emergency', 'high'],
  ];
  it.each(table)('%s: %j → %s', (vertical, transcript, expected) => {
    expect(urgencyOf({ vertical, event: { transcript } }).urgency).toBe(expected);
  });

  it('uses only the generic list when the call is unassigned', () => {
    expect(urgencyOf({ vertical: null, event: { transcript: 'pipe burst' } }).urgency).toBe('normal');
    expect(urgencyOf({ vertical: null, event: { transcript: 'it is urgent' } }).urgency).toBe('high');
  });
});

describe('isRepeatBurst', () => {
  it.each([
    [0, false],
    [1, true],
    [5, true],
    [Number.NaN, false],
  ])('repeatCount %s → %s', (count, burst) => {
    expect(isRepeatBurst(count)).toBe(burst);
  });
});
