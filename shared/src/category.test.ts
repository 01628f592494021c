import { describe, expect, it } from 'vitest';
import { missedCallEvent } from './call-event.fixture.ts';
import type { CallResult } from './call-event.ts';
import { ABANDON_RING_SECONDS, categoryOf, explainCategory, ringSecondsOf } from './category.ts';
import type { Category } from './category.ts';

const event = missedCallEvent;

describe('categoryOf', () => {
  const table: Array<[CallResult, boolean, number | null, Category]> = [
    ['no_answer', false, 30, 'no_answer'],
    ['voicemail', false, 30, 'voicemail'],
    ['no_answer', true, 30, 'voicemail'],
    ['busy', true, 0, 'voicemail'],
    ['busy', false, 0, 'busy'],
    ['abandoned', false, 8, 'abandoned'],
    ['canceled', false, 40, 'abandoned'],
    ['failed', false, 0, 'no_answer'],
    ['unknown', false, ABANDON_RING_SECONDS - 1, 'abandoned'],
    ['unknown', false, ABANDON_RING_SECONDS, 'no_answer'],
    ['unknown', false, null, 'no_answer'],
    ['answered', false, 30, 'no_answer'],
    ['in_progress', false, null, 'no_answer'],
  ];
  it.each(table)('result %s, voicemail %s, ring %s → %s', (result, voicemail, ring, expected) => {
    const e = event({ result, voicemail, ringSeconds: ring, durationSeconds: ring });
    expect(categoryOf(e)).toBe(expected);
    expect(explainCategory(e).reason.startsWith(`category ${expected}:`)).toBe(true);
  });

  it('does not call a short no-answer abandoned: the provider already said who hung up', () => {
    expect(categoryOf(event({ result: 'no_answer', ringSeconds: 3 }))).toBe('no_answer');
  });
});

describe('ringSecondsOf', () => {
  it.each([
    [12, 40, 12],
    [null, 40, 40],
    [null, null, null],
    [Number.NaN, 7, 7],
    [-1, null, null],
    [Number.POSITIVE_INFINITY, null, null],
    [0, 10, 0],
  ] as const)('ring %s, duration %s → %s', (ringSeconds, durationSeconds, expected) => {
    expect(ringSecondsOf(event({ ringSeconds, durationSeconds }))).toBe(expected);
  });
});
