/**
 * Local calendars for recovery metrics (contract §4): a case's day, ISO week and month are read in
 * its location's IANA zone (the account's when unassigned). Rollups are kept per local day, so a
 * `[from, to)` range is cut into the local days it covers whole — served from rollups — and the
 * partial edges, which are computed from raw cases so that results stay exact.
 *
 * Days are `YYYY-MM-DD` strings; date arithmetic is done on UTC dates so it never meets a DST gap.
 */
import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

/** luxon validates a zone name at every call unless it is handed the zone object: keep them. */
const zones = new Map<string, IANAZone>();
function zoneOf(tz: string): IANAZone | string {
  let zone = zones.get(tz);
  if (!zone) {
    zone = IANAZone.create(tz);
    if (!zone.isValid) return tz; // let luxon report it below
    if (zones.size >= 1024) zones.clear();
    zones.set(tz, zone);
  }
  return zone;
}

/** The local calendar date of an instant in `tz`. */
export function localDay(at: Date, tz: string): string {
  const d = DateTime.fromMillis(at.getTime(), { zone: zoneOf(tz) });
  if (!d.isValid) throw new RangeError(`cannot read ${at.toISOString()} in time zone ${JSON.stringify(tz)}`);
  return d.toISODate()!;
}

/**
 * The first instant of a local date in `tz`. When local midnight does not exist (a zone that springs
 * forward at 00:00), the day starts at the first wall time that does.
 */
export function startOfLocalDay(day: string, tz: string): Date {
  const d = DateTime.fromISO(day, { zone: zoneOf(tz) }).startOf('day');
  if (!d.isValid) throw new RangeError(`cannot read day ${JSON.stringify(day)} in time zone ${JSON.stringify(tz)}`);
  // luxon resolves a missing 00:00 forward by the gap; an instant before the previous day's end
  // cannot come out of it, so the days tile the time line without gaps or overlaps.
  return new Date(d.toMillis());
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** ISO-8601 week of a date, `YYYY-Www` (the week-numbering year, which can differ near New Year). */
export function isoWeekOf(day: string): string {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** One local day's real span `[start, end)`. */
export function localDaySpan(day: string, tz: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(day, tz), end: startOfLocalDay(addDays(day, 1), tz) };
}

/** A `[start, end)` window of instants. */
export interface Window {
  start: Date;
  end: Date;
}

export interface RangePlan {
  /** Local days wholly inside the range: `[firstDay, endDay)` (empty when firstDay ≥ endDay). */
  firstDay: string;
  endDay: string;
  /** The parts of the range outside those days: 0, 1 or 2 windows, each inside one local day. */
  edges: Window[];
}

/**
 * Cuts `[from, to)` into the local days of `tz` it contains whole and the partial edges, each edge
 * inside a single local day. Every instant of the range falls in exactly one of them.
 */
export function planRange(from: Date, to: Date, tz: string): RangePlan {
  if (!(from.getTime() < to.getTime())) return { firstDay: '0000-01-01', endDay: '0000-01-01', edges: [] };
  const fromDay = localDay(from, tz);
  const firstDay = startOfLocalDay(fromDay, tz).getTime() < from.getTime() ? addDays(fromDay, 1) : fromDay;
  const endDay = localDay(to, tz); // the day holding `to` is never whole: `to` is excluded
  const fullStart = startOfLocalDay(firstDay, tz);
  const fullEnd = startOfLocalDay(endDay, tz);
  if (firstDay >= endDay) {
    // No whole day: the range lies in one local day or straddles one midnight.
    const midnight = startOfLocalDay(addDays(fromDay, 1), tz);
    const edges =
      midnight.getTime() < to.getTime()
        ? [
            { start: from, end: midnight },
            { start: midnight, end: to },
          ]
        : [{ start: from, end: to }];
    return { firstDay, endDay: firstDay, edges };
  }
  const edges: Window[] = [];
  if (from.getTime() < fullStart.getTime()) edges.push({ start: from, end: fullStart });
  if (fullEnd.getTime() < to.getTime()) edges.push({ start: fullEnd, end: to });
  return { firstDay, endDay, edges };
}

/** Every local date of `tz` that overlaps `[from, to)`, ascending. */
export function daysOverlapping(from: Date, to: Date, tz: string): string[] {
  if (!(from.getTime() < to.getTime())) return [];
  const last = localDay(new Date(to.getTime() - 1), tz);
  const days: string[] = [];
  for (let d = localDay(from, tz); d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}
