/**
 * Local wall-clock time in an IANA zone with nothing but Intl: the offset at an instant, a local
 * date and minute turned into an instant, and dates as `YYYY-MM-DD` strings.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC in `tz` at `at` (e.g. -420 for Phoenix). */
export function offsetMinutes(at: Date, tz: string): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    formatters.set(tz, f);
  }
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** The instant of local `date` + `minute` minutes after midnight in `tz` (DST gaps resolve forward). */
export function zonedInstant(date: string, minute: number, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  const first = wall - offsetMinutes(new Date(wall), tz) * 60_000;
  const second = wall - offsetMinutes(new Date(first), tz) * 60_000;
  return new Date(second);
}

/** `2026-03-02T09:15:00.000-07:00`: the instant in `tz` with its offset, as CallRail writes times. */
export function localIso(at: Date, tz: string): string {
  const offset = offsetMinutes(at, tz);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const DAY_MS = 86_400_000;

export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}
