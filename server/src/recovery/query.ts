/**
 * The recovery API's query string (contract §4): `[from, to)` on missedAt (default: the 30 days up to
 * now), `groupBy`, `benchmark`, and the optional AND-ed filters `locationId`, `source`, `vertical`,
 * `category`. Anything malformed is a 400 with a code.
 */
import { NonRetryableError } from '../lib/errors.ts';
import { parseInstant } from '../api/pagination.ts';

export const GROUP_BYS = ['location', 'source', 'vertical', 'category', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const BENCHMARKS = ['account', 'vertical'] as const;
export type BenchmarkScope = (typeof BENCHMARKS)[number];
export const CATEGORIES = ['no_answer', 'voicemail', 'abandoned', 'busy'] as const;

export const DEFAULT_PERIOD_MS = 30 * 86_400_000;

export interface RecoveryFilters {
  /** `''` selects unassigned calls (`locationId=null` or an empty value). */
  locationId?: string;
  source?: string;
  vertical?: string;
  category?: string;
}

export interface RecoveryQuery {
  from: Date;
  to: Date;
  groupBy: GroupBy;
  benchmark: BenchmarkScope;
  filters: RecoveryFilters;
}

/** One value of a query parameter; a repeated parameter is ambiguous, so it is refused. */
function single(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string')
    throw new NonRetryableError('invalid_parameter', `${name} must be given once, as a single value`);
  return raw;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
  code: string,
  fallback: T,
): T {
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value as T))
    throw new NonRetryableError(code, `${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}

/** `[from, to)`: defaults to the 30 days before `to`, and `to` to now. */
export function parsePeriod(query: Record<string, unknown>, now: Date): { from: Date; to: Date } {
  const fromRaw = parseInstant(single(query, 'from'), 'from');
  const toRaw = parseInstant(single(query, 'to'), 'to');
  const to = toRaw ?? now;
  const from = fromRaw ?? new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from.getTime() >= to.getTime()) throw new NonRetryableError('invalid_range', 'from must be before to');
  return { from, to };
}

export function parseRecoveryQuery(query: Record<string, unknown>, now: Date): RecoveryQuery {
  const { from, to } = parsePeriod(query, now);
  const groupBy = oneOf(single(query, 'groupBy'), GROUP_BYS, 'groupBy', 'invalid_group_by', 'location');
  const benchmark = oneOf(single(query, 'benchmark'), BENCHMARKS, 'benchmark', 'invalid_benchmark', 'account');
  const filters: RecoveryFilters = {};
  const locationId = single(query, 'locationId');
  if (locationId !== undefined) filters.locationId = locationId === 'null' ? '' : locationId;
  const source = single(query, 'source');
  if (source !== undefined && source !== '') filters.source = source;
  const vertical = single(query, 'vertical');
  if (vertical !== undefined && vertical !== '') filters.vertical = vertical;
  const category = single(query, 'category');
  if (category !== undefined && category !== '')
    filters.category = oneOf(category, CATEGORIES, 'category', 'invalid_category', 'no_answer');
  return { from, to, groupBy, benchmark, filters };
}
