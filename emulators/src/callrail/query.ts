/**
 * The list endpoint's query semantics: date filters, sorting, field selection and both pagination
 * styles. Pure functions over stored calls, with `now` passed in.
 *
 * Dates (emulator simplification: CallRail reads them in the company's time zone; here UTC):
 * - `start_date`/`end_date`: `YYYY-MM-DD` or an ISO date-time. A bare end date includes its whole day.
 *   Either one replaces `date_range`; a start alone runs to now, an end alone from the beginning.
 * - `date_range`: recent (default: the last 30 days), today, yesterday, last_7_days, last_30_days,
 *   this_month, last_month, this_year, last_year, all_time.
 * Sorting: `sort` (start_time default, duration, customer_name, customer_phone_number,
 * tracking_phone_number, source) and `order` (desc default, asc); ties break on id so pages are stable.
 * Pagination: `page` + `per_page` (default 100, max 250), or `relative_pagination=true` + `offset`
 * (the 0-based page index) + `per_page`.
 */
import type { CallRailApiCall } from './types.ts';
import { DEFAULT_FIELDS, EXTRA_FIELDS } from './types.ts';

export const MAX_PER_PAGE = 250;
const DAY = 86_400_000;

export const DATE_RANGES = [
  'recent',
  'today',
  'yesterday',
  'last_7_days',
  'last_30_days',
  'this_month',
  'last_month',
  'this_year',
  'last_year',
  'all_time',
] as const;
const SORTS = [
  'start_time',
  'duration',
  'customer_name',
  'customer_phone_number',
  'tracking_phone_number',
  'source',
] as const;
type SortField = (typeof SORTS)[number];

export interface ListQuery {
  from: number;
  /** Exclusive. */
  to: number;
  sort: SortField;
  order: 'asc' | 'desc';
  perPage: number;
  page: number;
  relative: boolean;
  offset: number;
  fields: string[];
  direction: 'inbound' | 'outbound' | null;
  answerStatus: 'answered' | 'missed' | 'voicemail' | null;
}

export type QueryResult = { ok: true; query: ListQuery } | { ok: false; error: string };

function param(q: Record<string, unknown>, name: string): string | null {
  const value = q[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month, 1);
}

function rangeOf(name: string, now: Date): [number, number] | null {
  const t = now.getTime();
  const today = dayStart(t);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (name) {
    case 'recent':
    case 'last_30_days':
      return [today - 30 * DAY, t + 1];
    case 'today':
      return [today, t + 1];
    case 'yesterday':
      return [today - DAY, today];
    case 'last_7_days':
      return [today - 7 * DAY, t + 1];
    case 'this_month':
      return [monthStart(y, m), t + 1];
    case 'last_month':
      return [monthStart(y, m - 1), monthStart(y, m)];
    case 'this_year':
      return [Date.UTC(y, 0, 1), t + 1];
    case 'last_year':
      return [Date.UTC(y - 1, 0, 1), Date.UTC(y, 0, 1)];
    case 'all_time':
      return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    default:
      return null;
  }
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date bound in ms: bare dates are UTC midnight (`end` → the next midnight, so the day is included). */
function dateBound(text: string, end: boolean): number | null {
  if (BARE_DATE.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(ms) ? null : end ? ms + DAY : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : end ? ms + 1 : ms;
}

function positiveInt(text: string | null, fallback: number, min: number): number | null {
  if (text === null) return fallback;
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min ? n : null;
}

export function parseListQuery(q: Record<string, unknown>, now: Date): QueryResult {
  const start = param(q, 'start_date');
  const end = param(q, 'end_date');
  let from: number;
  let to: number;
  if (start !== null || end !== null) {
    const f = start === null ? Number.NEGATIVE_INFINITY : dateBound(start, false);
    const e = end === null ? now.getTime() + 1 : dateBound(end, true);
    if (f === null) return { ok: false, error: `Invalid start_date: ${start}` };
    if (e === null) return { ok: false, error: `Invalid end_date: ${end}` };
    [from, to] = [f, e];
  } else {
    const name = param(q, 'date_range') ?? 'recent';
    const range = rangeOf(name, now);
    if (range === null) return { ok: false, error: `Invalid date_range: ${name}` };
    [from, to] = range;
  }
  const sort = param(q, 'sort') ?? 'start_time';
  if (!(SORTS as readonly string[]).includes(sort)) return { ok: false, error: `Invalid sort: ${sort}` };
  const order = param(q, 'order')?.toLowerCase() ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return { ok: false, error: `Invalid order: ${order}` };
  const perPage = positiveInt(param(q, 'per_page'), 100, 1);
  const page = positiveInt(param(q, 'page'), 1, 1);
  const offset = positiveInt(param(q, 'offset'), 0, 0);
  if (perPage === null) return { ok: false, error: 'Invalid per_page' };
  if (page === null) return { ok: false, error: 'Invalid page' };
  if (offset === null) return { ok: false, error: 'Invalid offset' };
  const direction = param(q, 'direction');
  if (direction !== null && direction !== 'inbound' && direction !== 'outbound') {
    return { ok: false, error: `Invalid direction: ${direction}` };
  }
  const answerStatus = param(q, 'answer_status');
  if (
    answerStatus !== null &&
    answerStatus !== 'answered' &&
    answerStatus !== 'missed' &&
    answerStatus !== 'voicemail'
  ) {
    return { ok: false, error: `Invalid answer_status: ${answerStatus}` };
  }
  return {
    ok: true,
    query: {
      from,
      to,
      sort: sort as SortField,
      order,
      perPage: Math.min(perPage, MAX_PER_PAGE),
      page,
      relative: param(q, 'relative_pagination')?.toLowerCase() === 'true',
      offset,
      fields: (param(q, 'fields') ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
      direction,
      answerStatus,
    },
  };
}

function answerStatusOf(call: CallRailApiCall): 'answered' | 'missed' | 'voicemail' {
  if (call.voicemail) return 'voicemail';
  return call.answered ? 'answered' : 'missed';
}

function compare(a: CallRailApiCall, b: CallRailApiCall, field: SortField): number {
  const x = field === 'start_time' ? Date.parse(a.start_time) : a[field];
  const y = field === 'start_time' ? Date.parse(b.start_time) : b[field];
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}

/** The calls the query selects, filtered and sorted (before pagination). */
export function selectCalls(calls: readonly CallRailApiCall[], query: ListQuery): CallRailApiCall[] {
  const direction = query.order === 'asc' ? 1 : -1;
  return calls
    .filter((call) => {
      const t = Date.parse(call.start_time);
      if (!(t >= query.from && t < query.to)) return false;
      if (query.direction !== null && call.direction !== query.direction) return false;
      return query.answerStatus === null || answerStatusOf(call) === query.answerStatus;
    })
    .sort((a, b) => direction * (compare(a, b, query.sort) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** The call as served: default fields plus the known extras named in `fields=` (others ignored). */
export function projectCall(call: CallRailApiCall, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of DEFAULT_FIELDS) out[field] = call[field];
  for (const field of EXTRA_FIELDS) if (fields.includes(field)) out[field] = call[field];
  return out;
}
