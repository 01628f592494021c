/**
 * Shared parsing of the list conventions of contract §4: `limit` 1–500 (default 100), an opaque
 * `cursor`, and `[from, to)` instants where a bare date means 00:00Z.
 */
import { NonRetryableError } from '../lib/errors.ts';

export function parseLimit(raw: unknown, fallback = 100): number {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new NonRetryableError('invalid_limit', 'limit must be an integer from 1 to 500');
  return n;
}

export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(
  raw: unknown,
  check: (v: Record<string, unknown>) => v is T,
): T | null {
  if (raw === undefined || raw === '') return null;
  try {
    const value = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && check(value as Record<string, unknown>)) return value as T;
  } catch {
    // fall through to the error below
  }
  throw new NonRetryableError('invalid_cursor', 'cursor is not one this API returned');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO-8601 instant or a bare date (00:00Z); undefined stays undefined. */
export function parseInstant(raw: unknown, name: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const s = String(raw);
  const date = BARE_DATE.test(s) ? new Date(`${s}T00:00:00Z`) : ISO_INSTANT.test(s) ? new Date(s) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new NonRetryableError('invalid_date', `${name} must be an ISO-8601 instant or a date (YYYY-MM-DD): ${s}`);
  }
  if (BARE_DATE.test(s) && date.toISOString().slice(0, 10) !== s) {
    throw new NonRetryableError('invalid_date', `${name} is not a calendar date: ${s}`);
  }
  return date;
}

export function parseRange(query: Record<string, unknown>): { from?: Date; to?: Date } {
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  if (from && to && from.getTime() >= to.getTime())
    throw new NonRetryableError('invalid_range', 'from must be before to');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
