/**
 * Readers for loosely typed provider values. Providers send the same field as a number, a numeric
 * string, `""` for null, `"false"` for false, and times with or without a zone; each reader accepts
 * every documented spelling and answers null for anything else, never throwing.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed, non-empty string; numbers are stringified (numeric ids). */
export function looseString(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The value exactly as sent when it is a string (even empty), for audit fields such as `callerRaw`. */
export function rawString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

export function looseBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1) return true;
  if (value === 0) return false;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return null;
}

/** Ten years: anything longer is not a call duration but a unit mix-up or junk. */
const MAX_SECONDS = 10 * 365 * 24 * 3600;

/**
 * Whole non-negative seconds from a number, a numeric string ("27", "27.4") or a clock string
 * ("00:01:05", "1:05"). Fractions round to the nearest second.
 */
export function looseSeconds(value: unknown): number | null {
  let seconds: number | null = null;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) seconds = Number(text);
    else {
      const clock = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)$/.exec(text);
      if (clock) seconds = Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    }
  }
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) return null;
  return Math.round(seconds);
}

/** A money amount from a number or a string such as "150", "$1,250.50"; null for "", "--" or junk. */
export function looseMoney(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^\$/, '').replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const amount = Number(text);
  return Number.isFinite(amount) ? amount : null;
}

/** Tags as an array of strings, an array of `{ name }` objects, or one comma-separated string. */
export function looseTags(value: unknown): string[] {
  const names: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const name = isRecord(item) ? looseString(item['name']) : typeof item === 'string' ? looseString(item) : null;
      if (name !== null) names.push(name);
    }
  } else if (typeof value === 'string') {
    for (const part of value.split(',')) {
      const name = part.trim();
      if (name !== '') names.push(name);
    }
  }
  return [...new Set(names)];
}

// Calls before the web existed or centuries ahead are junk, not instants worth storing.
const MIN_YEAR = 1990;
const MAX_YEAR = 2200;

function utcDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): Date | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Date.UTC rolls 31 April over to 1 May; a date that does not round-trip did not exist.
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(ms - offsetMinutes * 60_000);
}

function offsetOf(zone: string | undefined): number | null {
  if (zone === undefined || zone === '' || /^(Z|UTC|GMT|UT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 18 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO-8601-like timestamp: "2018-02-19T13:41:00.236-05:00", "2018-02-19 18:41:00" (no zone means
 * UTC, as CallRail's `datetime`), or a bare date (midnight UTC).
 */
export function looseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return null;
  const offset = offsetOf(m[8]);
  if (offset === null) return null;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return utcDate(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    millis,
    offset,
  );
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|UT|UTC|GMT|[+-]\d{4})$/;

/** An RFC 2822 date such as Twilio's `Timestamp`: "Mon, 16 Aug 2010 03:45:01 +0000". */
export function rfc2822Instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = RFC_2822.exec(value.trim());
  if (!m) return null;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  const offset = offsetOf(m[7]);
  if (month === 0 || offset === null) return null;
  return utcDate(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, offset);
}

/**
 * Epoch time as a number or numeric string. Values below 1e11 are read as seconds, larger ones as
 * milliseconds (Invoca's `start_time_utc` is milliseconds; 1e11 s would be the year 5138).
 */
export function epochInstant(value: unknown): Date | null {
  let n: number | null = null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) n = Number(value.trim());
  if (n === null || !Number.isFinite(n) || n <= 0) return null;
  const ms = n < 1e11 ? n * 1000 : n;
  const date = new Date(Math.round(ms));
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date : null;
}

/** First non-null reading of `keys` from `record` through `read`. */
export function firstOf<T>(
  record: Record<string, unknown>,
  keys: readonly string[],
  read: (value: unknown) => T | null,
): T | null {
  for (const key of keys) {
    const value = read(record[key]);
    if (value !== null) return value;
  }
  return null;
}
