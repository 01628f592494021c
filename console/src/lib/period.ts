/** The dashboard's period choices and the `[from, to)` range each one asks the API for. */

export const PERIODS = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '365d', label: 'Last 12 months', days: 365 },
] as const;

export type PeriodId = (typeof PERIODS)[number]['id'];

export function isPeriod(value: string | null): value is PeriodId {
  return PERIODS.some((p) => p.id === value);
}

export function periodDays(id: PeriodId): number {
  return PERIODS.find((p) => p.id === id)!.days;
}

/**
 * `to` is the next whole minute (or `stepMs`) after `now` (so a poll a few seconds later asks the same question
 * and new calls still fall inside), `from` the period before it.
 */
export function periodRange(id: PeriodId, now: Date = new Date(), stepMs = 60_000): { from: string; to: string } {
  const to = new Date(Math.ceil((now.getTime() + 1) / stepMs) * stepMs);
  const from = new Date(to.getTime() - periodDays(id) * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The trend lines' grouping: days for a week, weeks beyond (daily points of a month are mostly noise). */
export function trendGrouping(id: PeriodId): 'day' | 'week' {
  return periodDays(id) <= 7 ? 'day' : 'week';
}

/** The account chart's grouping: daily up to a quarter, weekly for a year. */
export function chartGrouping(id: PeriodId): 'day' | 'week' {
  return periodDays(id) <= 90 ? 'day' : 'week';
}
