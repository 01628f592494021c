/**
 * Salesforce's wire formats for temporal values: dateTime as `2026-11-22T10:00:00.000+0000` (always
 * UTC in API responses), date as `2026-11-22`.
 */

export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function sfDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds of a `YYYY-MM-DD` date at 00:00 UTC, or null when it is not a real date. */
export function parseDate(raw: string): number | null {
  const m = DATE_RE.exec(raw);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return sfDate(ms) === raw ? ms : null;
}

/**
 * Epoch milliseconds of an ISO-8601 dateTime. Salesforce accepts `Z`, `+hh:mm` and `+hhmm` offsets;
 * a value without an offset is read as UTC, as the REST API does.
 */
export function parseDateTime(raw: string): number | null {
  const m = DATETIME_RE.exec(raw);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const datePart = `${y}-${mo}-${d}`;
  if (parseDate(datePart) === null || Number(h) > 23 || Number(mi) > 59 || Number(s ?? '0') > 59) return null;
  const millis = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'), millis);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    ms -= sign * offsetMinutes * 60_000;
  }
  return ms;
}
