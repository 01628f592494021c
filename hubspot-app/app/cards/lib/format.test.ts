import { describe, expect, it } from 'vitest';
import { money, percent, rank, seconds, sortRows, trend } from './format.ts';

describe('formats', () => {
  it('shows rates, money, callback speed and ranks', () => {
    expect(percent(0.625)).toBe('63%');
    expect(percent(0.625, 1)).toBe('62.5%');
    expect(percent(null)).toBe('—');
    expect(money(2400, 'USD')).toBe('$2,400');
    expect(seconds(42)).toBe('42s');
    expect(seconds(250)).toBe('4m 10s');
    expect(seconds(5400)).toBe('1h 30m');
    expect(seconds(null)).toBe('—');
    expect(rank(83.33)).toBe('p83');
  });

  it('states a trend in percentage points', () => {
    expect(trend(0.62, 0.55)).toEqual({ direction: 'increase', label: '+7.0 pts' });
    expect(trend(0.4, 0.5)).toEqual({ direction: 'decrease', label: '−10.0 pts' });
    expect(trend(0.5, null)).toEqual({ direction: null, label: 'no previous period' });
  });

  it('sorts with rows that have no rate last in both directions', () => {
    const rows = [{ id: 'a', r: 0.5 }, { id: 'b', r: null }, { id: 'c', r: 0.9 }, { id: 'd', r: 0.1 }];
    expect(sortRows(rows, (x) => x.r, 'ascending').map((x) => x.id)).toEqual(['d', 'a', 'c', 'b']);
    expect(sortRows(rows, (x) => x.r, 'descending').map((x) => x.id)).toEqual(['c', 'a', 'd', 'b']);
  });
});
