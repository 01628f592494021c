import { describe, expect, it } from 'vitest';
import { missedCallEvent } from './call-event.fixture.ts';
import type { CallEvent } from './call-event.ts';
import type { Intent } from './intent.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { isWithheldCaller, spamVerdict } from './spam.ts';
import type { SpamReason } from './spam.ts';

const event = missedCallEvent;

const policy = { noiseMaxSeconds: 5 };

function verdict(overrides: Partial<CallEvent>, intent: Intent | null = 'new_lead') {
  return spamVerdict(event(overrides), { policy, intent });
}

describe('spamVerdict', () => {
  const table: Array<[string, Partial<CallEvent>, Intent | null, SpamReason | null]> = [
    ['an ordinary miss', {}, 'new_lead', null],
    ['the provider flag', { providerSpam: true }, 'new_lead', 'provider_flag'],
    [
      'the provider flag before a withheld number',
      { providerSpam: true, callerE164: null, callerRaw: null },
      null,
      'provider_flag',
    ],
    ['a withheld number (no raw value)', { callerE164: null, callerRaw: null }, 'unknown', 'withheld_number'],
    ['a withheld number (Anonymous)', { callerE164: null, callerRaw: 'Anonymous' }, 'unknown', 'withheld_number'],
    ['an unparseable number', { callerE164: null, callerRaw: '12' }, 'unknown', 'invalid_number'],
    ['noise: abandoned 4 s < 5', { result: 'abandoned', ringSeconds: 4, durationSeconds: 4 }, 'new_lead', 'noise'],
    [
      'noise from duration when ring is unknown',
      { result: 'canceled', ringSeconds: null, durationSeconds: 2 },
      'new_lead',
      'noise',
    ],
    [
      'not noise at exactly noiseMaxSeconds',
      { result: 'abandoned', ringSeconds: 5, durationSeconds: 5 },
      'new_lead',
      null,
    ],
    [
      'not noise with unknown ring time',
      { result: 'abandoned', ringSeconds: null, durationSeconds: null },
      'new_lead',
      null,
    ],
    ['not noise when not abandoned', { result: 'no_answer', ringSeconds: 2, durationSeconds: 2 }, 'new_lead', null],
    ['not noise when a voicemail was left', { result: 'abandoned', voicemail: true, ringSeconds: 2 }, 'new_lead', null],
    ['noise before wrong number', { result: 'abandoned', ringSeconds: 1 }, 'wrong_number', 'noise'],
    ['wrong-number intent', {}, 'wrong_number', 'wrong_number'],
    ['no intent known yet', {}, null, null],
  ];
  it.each(table)('%s → %s', (_name, overrides, intent, reason) => {
    const v = verdict(overrides, intent);
    expect(v.reason).toBe(reason);
    expect(v.spam).toBe(reason !== null);
    expect(v.detail.startsWith(reason === null ? 'not spam' : `spam ${reason}:`)).toBe(true);
  });

  it('reads the threshold from the policy', () => {
    const e = event({ result: 'abandoned', ringSeconds: 8 });
    expect(spamVerdict(e, { policy: DEFAULT_POLICY, intent: null }).spam).toBe(false);
    expect(spamVerdict(e, { policy: { noiseMaxSeconds: 10 }, intent: null }).reason).toBe('noise');
  });
});

describe('isWithheldCaller', () => {
  it.each([
    [null, true],
    ['', true],
    ['  ', true],
    ['anonymous', true],
    ['RESTRICTED', true],
    ['Private Number', true],
    ['Unavailable', true],
    ['+266696687', true],
    ['+1 737-874-2833', true],
    ['0000000000', true],
    ['12', false],
    ['call me maybe', false],
    ['+1 480 555 abcd', false],
  ] as const)('%j → %s', (raw, withheld) => {
    expect(isWithheldCaller(raw)).toBe(withheld);
  });
});
