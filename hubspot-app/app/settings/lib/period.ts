/** The reporting periods the location card and the dashboard offer, as `from`/`to` instants. */
export const PERIODS = [
  { value: '7d', label: 'Last 7 days', days: 7 },
  { value: '30d', label: 'Last 30 days', days: 30 },
  { value: '90d', label: 'Last 90 days', days: 90 },
] as const;
export type PeriodValue = (typeof PERIODS)[number]['value'];
export const DEFAULT_PERIOD: PeriodValue = '30d';

export function isPeriod(v: unknown): v is PeriodValue {
  return PERIODS.some((p) => p.value === v);
}

/** The period ending now; the backend selects `[from, to)` on the time of the missed call. */
export function periodRange(value: PeriodValue, now: number): { from: string; to: string } {
  const days = PERIODS.find((p) => p.value === value)!.days;
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}
