/**
 * A location's opening hours: parsing the configured `HH:MM-HH:MM` strings, and the three clock
 * questions the SLA needs (open now? when does it next open? when has N of open time elapsed?).
 *
 * Every computation maps the configured wall-clock times to real instants for each concrete local
 * date in the location's IANA zone, so daylight-saving days come out exact:
 * - a wall time that occurs twice (fall-back day) means its FIRST occurrence, for opens and closes
 *   alike: the shop opens, or closes, the first time its clock shows that time. An 01:00-03:00 window
 *   on a US fall-back day is therefore 3 real hours long;
 * - a wall time that does not exist (spring-forward gap) maps to the instant luxon gives, which is the
 *   wall time read in the offset before the jump: in New York on 2026-03-08, 02:30 → 03:30 EDT. An
 *   interval that maps to nothing (e.g. 02:30-03:00 that day) is closed; ones that come to overlap
 *   are clipped so that they do not count twice.
 * A close at 24:00 is the next local date's 00:00, so back-to-back days join without a gap.
 */
import { DateTime, IANAZone } from 'luxon';
import { WEEKDAYS } from './policy.ts';
import type { BusinessHours, OpenInterval, Weekday } from './policy.ts';

export type BusinessHoursErrorCode = 'invalid_business_hours' | 'invalid_time_zone' | 'never_open';

export class BusinessHoursError extends Error {
  readonly code: BusinessHoursErrorCode;
  /** The configuration key at fault (`mon`, `holidays`, …), when there is one. */
  readonly key: string | null;
  readonly value: unknown;

  constructor(code: BusinessHoursErrorCode, message: string, key: string | null = null, value: unknown = undefined) {
    super(message);
    this.name = 'BusinessHoursError';
    this.code = code;
    this.key = key;
    this.value = value;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

const MINUTES_PER_DAY = 1440;
const INTERVAL = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(key: string, value: unknown, reason: string): BusinessHoursError {
  return new BusinessHoursError(
    'invalid_business_hours',
    `businessHours.${key} ${JSON.stringify(value)}: ${reason}`,
    key,
    value,
  );
}

/** `HH:MM` → minutes after midnight, or null. `24:00` only where `allow2400` (a close). */
function clockMinute(hh: string, mm: string, allow2400: boolean): number | null {
  const h = Number(hh);
  const m = Number(mm);
  if (allow2400 && h === 24 && m === 0) return MINUTES_PER_DAY;
  if (h > 23 || m > 59) return null;
  return h * 60 + m;
}

function parseDay(key: Weekday, value: unknown): OpenInterval[] {
  if (typeof value !== 'string') throw invalid(key, value, 'expected "HH:MM-HH:MM" (comma-separated for breaks)');
  const intervals: OpenInterval[] = [];
  for (const part of value.split(',')) {
    const match = INTERVAL.exec(part.trim());
    if (!match) throw invalid(key, value, `"${part.trim()}" is not HH:MM-HH:MM`);
    const [, oh = '', om = '', ch = '', cm = ''] = match;
    const openMinute = clockMinute(oh, om, false);
    const closeMinute = clockMinute(ch, cm, true);
    if (openMinute === null) throw invalid(key, value, `"${oh}:${om}" is not a time of day (00:00-23:59)`);
    if (closeMinute === null) throw invalid(key, value, `"${ch}:${cm}" is not a closing time (00:00-24:00)`);
    if (openMinute >= closeMinute) throw invalid(key, value, `opening ${oh}:${om} is not before closing ${ch}:${cm}`);
    const previous = intervals[intervals.length - 1];
    if (previous && openMinute < previous.closeMinute) {
      throw invalid(key, value, 'intervals must be in order and must not overlap');
    }
    intervals.push({ openMinute, closeMinute });
  }
  return intervals;
}

function parseHolidays(holidays: unknown): string[] {
  if (holidays === undefined || holidays === null) return [];
  if (!Array.isArray(holidays)) throw invalid('holidays', holidays, 'expected a list of YYYY-MM-DD dates');
  for (const day of holidays) {
    const ok =
      typeof day === 'string' && ISO_DATE.test(day) && DateTime.fromISO(day, { zone: 'utc' }).toISODate() === day;
    if (!ok) throw invalid('holidays', day, 'expected a calendar date YYYY-MM-DD');
  }
  return [...new Set(holidays as string[])].sort();
}

/**
 * Configured hours → `BusinessHours`. No hours at all (`undefined`/`null`) means always open and
 * gives `null`, unless holidays are listed: then every day is open 00:00-24:00 except the holidays,
 * because a holiday is closed (contract §2). An empty object (never open) is a config error.
 * Throws `BusinessHoursError` naming the key and the value.
 */
export function parseBusinessHours(
  days: Record<string, string> | undefined | null,
  holidays?: string[] | null,
): BusinessHours | null {
  const closedDays = parseHolidays(holidays);
  if (days === undefined || days === null) {
    if (closedDays.length === 0) return null;
    const allDay = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ openMinute: 0, closeMinute: MINUTES_PER_DAY }]]));
    return { days: allDay, holidays: closedDays };
  }
  if (typeof days !== 'object' || Array.isArray(days)) {
    throw invalid('businessHours', days, 'expected a map of weekday (mon..sun) to "HH:MM-HH:MM"');
  }
  const entries = Object.entries(days);
  if (entries.length === 0) {
    throw new BusinessHoursError(
      'invalid_business_hours',
      'businessHours {}: a location that is never open is a config error; omit businessHours for always open',
      'businessHours',
      days,
    );
  }
  const parsed: Partial<Record<Weekday, OpenInterval[]>> = {};
  for (const [key, value] of entries) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw invalid(key, value, 'unknown day; expected one of mon, tue, wed, thu, fri, sat, sun');
    }
    parsed[key as Weekday] = parseDay(key as Weekday, value);
  }
  return { days: parsed, holidays: closedDays };
}

/** luxon checks a zone by building an `Intl.DateTimeFormat`, which is slow; answers are remembered. */
const knownZones = new Map<string, boolean>();

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string') return false;
  let valid = knownZones.get(tz);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    if (knownZones.size >= 1024) knownZones.clear();
    knownZones.set(tz, valid);
  }
  return valid;
}

// ---------------------------------------------------------------------------------------------
// Open spans: the schedule as a sorted sequence of disjoint real half-open instants [start, end)

interface Span {
  start: number;
  end: number;
}

/** A local calendar date as days since 1970-01-01, so that date arithmetic never meets a DST gap. */
type LocalDay = number;
const DAY_MS = 86_400_000;

function assertZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new BusinessHoursError('invalid_time_zone', `unknown IANA time zone ${JSON.stringify(tz)}`, 'timezone', tz);
  }
}

function instantMs(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return ms;
}

function localDayOf(ms: number, tz: string): LocalDay {
  const local = DateTime.fromMillis(ms, { zone: tz });
  return Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
}

/** The first instant at which the zone's clock shows `minute` (0..1440) on `day`. */
function wallClockInstant(day: LocalDay, minute: number, tz: string): number {
  const date = new Date((day + Math.floor(minute / MINUTES_PER_DAY)) * DAY_MS);
  const m = minute % MINUTES_PER_DAY;
  const local = DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(m / 60),
      minute: m % 60,
    },
    { zone: tz },
  );
  return Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()));
}

/**
 * Mapping wall times to instants is the expensive part (luxon zone lookups), and a location asks
 * about the same few days over and over, so each schedule keeps its mapped days. The cache hangs off
 * the hours object and re-checks its content, so a schedule changed in place is never served stale.
 */
interface MappedDays {
  fingerprint: string;
  holidays: ReadonlySet<string>;
  days: Map<string, Span[]>;
}
const mappedDays = new WeakMap<BusinessHours, MappedDays>();
const MAX_MAPPED_DAYS = 2048;

function mappedDaysOf(hours: BusinessHours): MappedDays {
  const fingerprint = JSON.stringify(hours);
  let cached = mappedDays.get(hours);
  if (!cached || cached.fingerprint !== fingerprint) {
    cached = { fingerprint, holidays: new Set(hours.holidays), days: new Map() };
    mappedDays.set(hours, cached);
  }
  return cached;
}

function daySpans(cache: MappedDays, hours: BusinessHours, tz: string, day: LocalDay): Span[] {
  const key = `${tz}|${day}`;
  const hit = cache.days.get(key);
  if (hit) return hit;
  const isHoliday = cache.holidays.has(new Date(day * DAY_MS).toISOString().slice(0, 10));
  const weekday = WEEKDAYS[(((day + 3) % 7) + 7) % 7]; // 1970-01-01 was a Thursday
  const intervals = (!isHoliday && weekday && hours.days[weekday]) || [];
  const spans = intervals
    .map((i) => ({ start: wallClockInstant(day, i.openMinute, tz), end: wallClockInstant(day, i.closeMinute, tz) }))
    .filter((span) => span.start < span.end)
    .sort((a, b) => a.start - b.start);
  if (cache.days.size >= MAX_MAPPED_DAYS) cache.days.clear();
  cache.days.set(key, spans);
  return spans;
}

function hasAnyInterval(hours: BusinessHours): boolean {
  return WEEKDAYS.some((d) => (hours.days[d]?.length ?? 0) > 0);
}

/**
 * Open spans from the local day before `fromMs` onwards, in order and disjoint: where intervals
 * overlap (only possible through DST mapping) the later one is clipped. Touching spans (a 24:00 close
 * and the next day's 00:00 open) stay separate but adjacent; callers treat adjacency as continuity.
 * Ends only when the schedule has stayed closed longer than any run of closed weekdays plus holidays
 * could last, i.e. when it can never open again.
 */
function* openSpans(hours: BusinessHours, tz: string, fromMs: number): Generator<Span> {
  if (!hasAnyInterval(hours)) return;
  const cache = mappedDaysOf(hours);
  const maxClosedDays = 7 * (hours.holidays.length + 2);
  let day = localDayOf(fromMs, tz) - 1;
  let lastEnd = Number.NEGATIVE_INFINITY;
  let closedDays = 0;
  while (closedDays <= maxClosedDays) {
    let opened = false;
    for (const span of daySpans(cache, hours, tz, day)) {
      const start = Math.max(span.start, lastEnd);
      if (start >= span.end) continue;
      opened = true;
      lastEnd = span.end;
      yield { start, end: span.end };
    }
    closedDays = opened ? 0 : closedDays + 1;
    day += 1;
  }
}

/**
 * A bound for searching an opening: past the last holiday the schedule repeats weekly, so an opening
 * that has not come a couple of weeks later never will (only a 24/7 schedule has none).
 */
function openingSearchHorizon(hours: BusinessHours, tz: string, fromMs: number): number {
  const lastHoliday = hours.holidays.reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);
  const holidayMs = lastHoliday ? DateTime.fromISO(lastHoliday, { zone: tz }).toMillis() : Number.NEGATIVE_INFINITY;
  return Math.max(fromMs, holidayMs) + 15 * 86_400_000;
}

// ---------------------------------------------------------------------------------------------
// Clock questions

/** Whether the location is open at `at`: inside `[open, close)` of a non-holiday. `null` hours: always. */
export function isOpenAt(hours: BusinessHours | null, tz: string, at: Date): boolean {
  assertZone(tz);
  const t = instantMs(at);
  if (hours === null) return true;
  for (const span of openSpans(hours, tz, t)) {
    if (span.start > t) return false;
    if (t < span.end) return true;
  }
  return false;
}

/**
 * The next opening strictly after `at`: the start of the first open span that begins after it (an
 * interval that merely continues an open span, such as 00:00 after a 24:00 close, is no opening).
 * Null when the hours can never open again, and for `null` hours, which are never closed.
 */
export function nextOpeningAfter(hours: BusinessHours | null, tz: string, at: Date): Date | null {
  assertZone(tz);
  const t = instantMs(at);
  if (hours === null) return null;
  const horizon = openingSearchHorizon(hours, tz, t);
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const span of openSpans(hours, tz, t)) {
    if (span.start > t && span.start !== previousEnd) return new Date(span.start);
    if (span.start > horizon) return null;
    previousEnd = span.end;
  }
  return null;
}

/**
 * The instant at which `ms` of open time has elapsed since `start`: the clock runs only while open,
 * stops at each close and resumes at the next opening. Landing exactly on a close returns the close.
 * `ms = 0` returns `start` unchanged, open or not. Throws `BusinessHoursError('never_open')` when the
 * hours cannot supply that much open time.
 */
export function addOpenTime(hours: BusinessHours | null, tz: string, start: Date, ms: number): Date {
  assertZone(tz);
  const t = instantMs(start);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`open time must be a non-negative number of ms, got ${ms}`);
  if (hours === null || ms === 0) return new Date(t + ms);
  let remaining = ms;
  for (const span of openSpans(hours, tz, t)) {
    const from = Math.max(span.start, t);
    if (span.end <= from) continue;
    const available = span.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  throw new BusinessHoursError(
    'never_open',
    'business hours never open: no open time to count',
    'businessHours',
    hours,
  );
}
