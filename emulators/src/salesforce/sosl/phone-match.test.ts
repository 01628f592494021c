import { describe, expect, it } from 'vitest';
import { phoneDigits, phoneMatches } from './phone-match.ts';

describe('SOSL phone matching', () => {
  it('ignores formatting on both sides', () => {
    expect(phoneMatches('4155551212', '(415) 555-1212')).toBe(true);
    expect(phoneMatches('415-555-1212', '415.555.1212')).toBe(true);
  });

  it('matches with or without the country code, either way round', () => {
    expect(phoneMatches('+14155551212', '(415) 555-1212')).toBe(true);
    expect(phoneMatches('4155551212', '+1 415 555 1212')).toBe(true);
    expect(phoneMatches('+442079460958', '020 7946 0958'.replace(/^0/, ''))).toBe(true);
  });

  it('does not match a different number, a bare local number or a longer non-country prefix', () => {
    expect(phoneMatches('4155551213', '(415) 555-1212')).toBe(false);
    expect(phoneMatches('5551212', '(415) 555-1212')).toBe(false);
    expect(phoneMatches('99994155551212', '4155551212')).toBe(false);
  });

  it('drops extensions before comparing', () => {
    expect(phoneDigits('(415) 555-1212 x123')).toBe('4155551212');
    expect(phoneMatches('4155551212', '415-555-1212 ext. 9')).toBe(true);
  });
});
