import { describe, expect, it } from 'vitest';
import { ago, money, ordinal, percent, phone, points, seconds } from './format.ts';

describe('console formatting', () => {
  it('rates, money and counts read the way an operator says them', () => {
    expect(percent(0.684)).toBe('68%');
    expect(percent(null)).toBe('—');
    expect(money(196720, 'USD')).toBe('$196,720');
    expect(money(12.5, 'USD')).toBe('$12.5');
    expect(money(900, 'EUR')).toBe('€900');
    expect(points(0.058)).toBe('+5.8 pts');
    expect(points(-0.004)).toBe('−0.4 pts');
    expect(points(0.0001)).toBe('±0 pts');
  });

  it('durations shorten as they grow', () => {
    expect(seconds(42)).toBe('42s');
    expect(seconds(330)).toBe('5m 30s');
    expect(seconds(1002)).toBe('17m');
    expect(seconds(7200)).toBe('2h');
    expect(seconds(48_660)).toBe('13h 31m');
    expect(seconds(90_000)).toBe('1d 1h');
    expect(seconds(null)).toBe('—');
  });

  it('percentile ranks get their English suffix', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 63, 100].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '63rd',
      '100th',
    ]);
    expect(ordinal(78.6)).toBe('79th');
  });

  it('phone numbers and recent times', () => {
    expect(phone('+14805550100')).toBe('(480) 555-0100');
    expect(phone('+442079460958')).toBe('+442079460958');
    expect(phone(null)).toBe('withheld');
    const now = new Date('2026-11-22T12:00:00Z');
    expect(ago('2026-11-22T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-11-22T11:15:00Z', now)).toBe('45 min ago');
    expect(ago('2026-11-22T07:00:00Z', now)).toBe('5 h ago');
    expect(ago('2026-11-18T21:28:00Z', now, 'America/Phoenix')).toBe('Nov 18, 2:28 PM');
  });
});
