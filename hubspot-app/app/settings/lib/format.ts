/** Number formats shared by the cards and pages: rates, money, callback speed, trends, sorting. */
import type { Rate } from './types.ts';

export function percent(rate: Rate, digits = 0): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

export function seconds(s: number | null): string {
  if (s === null) return '—';
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Percentile ranks are unrounded in the API; people read whole numbers ("p83"). */
export function rank(p: number | null): string {
  return p === null ? '—' : `p${Math.round(p)}`;
}

/** The change of a rate against the previous period, in percentage points, with its direction. */
export function trend(current: Rate, previous: Rate): { direction: 'increase' | 'decrease' | null; label: string } {
  if (current === null || previous === null) return { direction: null, label: 'no previous period' };
  const pts = (current - previous) * 100;
  if (Math.abs(pts) < 0.05) return { direction: null, label: 'no change' };
  return {
    direction: pts > 0 ? 'increase' : 'decrease',
    label: `${pts > 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts`,
  };
}

/** Sorts rows by a numeric column; nulls (no rate yet) always last, whatever the direction. */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => number | null,
  direction: 'ascending' | 'descending',
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    return (va - vb) * sign;
  });
}

/** "Nov 2, 3:05 PM" in the given IANA zone (the portal's), for times people compare with their day. */
export function dateTime(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
  // Newer ICU data puts a narrow no-break space before AM/PM; one plain space reads the same everywhere.
  return text.replace(/\u202f/g, ' ');
}

/** "Nov 2" for a local calendar date ("2026-11-02"), whatever the viewer's zone. */
export function shortDate(localDate: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(
    new Date(`${localDate}T00:00:00Z`),
  );
}
