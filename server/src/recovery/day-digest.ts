/**
 * A day's cases in one compact text, stored on the location's daily rollup row (`cases`): a range
 * that cuts a local day (every range whose edges are not local midnights) sums the part it keeps
 * from this one row instead of from raw cases, exactly — an entry keeps the case's instant to the
 * millisecond, and query bounds are whole milliseconds, so `from ≤ missedAt < to` is decided as on
 * the raw row.
 *
 * Entries are `offset,flags[,callbackSeconds][,revenue]`, joined by `;` in missedAt order:
 * - `offset`: milliseconds from the start of the local day to missedAt (floored);
 * - `flags`: ATTEMPTED | WITHIN_SLA | CONTACTED | BOOKED | WON;
 * - `callbackSeconds`: present exactly when ATTEMPTED (firstAttemptAt − missedAt, as the raw read);
 * - `revenue`: present when not 0.
 */
import { and, gte, lt, sql, type SQL } from 'drizzle-orm';
import { missedCalls } from '../store/schema.ts';
import { callbackSecondsOf, emptyCounts, type CaseFacts } from '../../../shared/src/recovery-metrics.ts';
import type { Window } from '../../../shared/src/recovery-calendar.ts';
import { cellFromAggregate, pairKey, type Cell } from './cells.ts';
import { locationCondition, locationKeyExpr, realCases, type Reader } from './case-rows.ts';

const ATTEMPTED = 1;
const WITHIN_SLA = 2;
const CONTACTED = 4;
const BOOKED = 8;
const WON = 16;

function flagsOf(c: CaseFacts): number {
  const attempted = c.firstAttemptAt !== null;
  return (
    (attempted ? ATTEMPTED : 0) |
    (attempted && c.attemptedWithinSla ? WITHIN_SLA : 0) |
    (c.contactedAt !== null ? CONTACTED : 0) |
    (c.bookedAt !== null ? BOOKED : 0) |
    (c.wonAt !== null ? WON : 0)
  );
}

/** One case's entry (the raw-row twin of `digestAggregate`). */
export function digestEntry(c: CaseFacts, dayStartMs: number): string {
  let entry = `${c.missedAt.getTime() - dayStartMs},${flagsOf(c)}`;
  const seconds = callbackSecondsOf(c);
  if (seconds !== null) entry += `,${seconds}`;
  if (c.revenue !== 0) entry += `,${c.revenue}`;
  return entry;
}

/** Builds digests entry by entry (rows may come in any order; entries are sorted by offset). */
export class DigestBuilder {
  private readonly entries: Array<{ offset: number; text: string }> = [];

  add(c: CaseFacts, dayStartMs: number): void {
    this.entries.push({ offset: c.missedAt.getTime() - dayStartMs, text: digestEntry(c, dayStartMs) });
  }

  result(): string {
    return this.entries
      .sort((a, b) => a.offset - b.offset)
      .map((e) => e.text)
      .join(';');
  }
}

/**
 * The digest of the cases a query groups, in SQL, for cases of one local day starting at
 * `dayStartMs`. `concat_ws` skips the null fields, as `digestEntry` leaves them out.
 */
export function digestAggregate(dayStartMs: number): SQL<string> {
  const m = missedCalls;
  const attempted = sql`${m.firstAttemptAt} is not null`;
  const flags = sql`((case when ${attempted} then ${ATTEMPTED} else 0 end)
    + (case when ${attempted} and ${m.attemptedWithinSla} then ${WITHIN_SLA} else 0 end)
    + (case when ${m.contactedAt} is not null then ${CONTACTED} else 0 end)
    + (case when ${m.bookedAt} is not null then ${BOOKED} else 0 end)
    + (case when ${m.wonAt} is not null then ${WON} else 0 end))`;
  const offset = sql`(floor(extract(epoch from ${m.missedAt}) * 1000)::bigint - ${dayStartMs}::bigint)`;
  const seconds = sql`case when ${attempted} then extract(epoch from ${m.firstAttemptAt} - ${m.missedAt})::float8 end`;
  const revenue = sql`case when ${m.revenue} <> 0 then ${m.revenue} end`;
  return sql<string>`string_agg(concat_ws(',', ${offset}, ${flags}, ${seconds}, ${revenue}), ';' order by ${m.missedAt})`;
}

/** The digests of `keys` for the local day `day` spanning `span`, by `pairKey` (none for a day without cases). */
export async function readDayDigests(
  db: Reader,
  accountId: string,
  day: string,
  span: Window,
  keys: string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ locationKey: locationKeyExpr, cases: digestAggregate(span.start.getTime()) })
    .from(missedCalls)
    .where(
      and(
        realCases(accountId),
        gte(missedCalls.missedAt, span.start),
        lt(missedCalls.missedAt, span.end),
        locationCondition({ in: keys }),
      ),
    )
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [pairKey(r.locationKey, day), r.cases]));
}

/**
 * The cell of the cases of `digest` whose offset is in `[fromOffset, toOffset)`; null when none.
 * Counted exactly as `countCase` counts a raw row, callbacks clamped as `cellFromAggregate` does.
 * Read in place (no split): a query reads a couple of thousand digests.
 */
export function cellFromDigest(
  locationKey: string,
  day: string,
  digest: string,
  fromOffset: number,
  toOffset: number,
): Cell | null {
  const counts = emptyCounts();
  const seconds: number[] = [];
  const length = digest.length;
  let at = 0;
  while (at < length) {
    let end = digest.indexOf(';', at);
    if (end === -1) end = length;
    // offset and flags: integers, read by hand.
    let i = at;
    let negative = false;
    if (digest.charCodeAt(i) === 45) {
      negative = true;
      i++;
    }
    let offset = 0;
    let c = digest.charCodeAt(i);
    const offsetStart = i;
    while (c >= 48 && c <= 57) {
      offset = offset * 10 + (c - 48);
      c = digest.charCodeAt(++i);
    }
    if (negative) offset = -offset;
    if (i === offsetStart || c !== 44) throw invalidDigest(digest, at, end);
    let flags = 0;
    const flagsStart = ++i;
    c = digest.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      flags = flags * 10 + (c - 48);
      c = digest.charCodeAt(++i);
    }
    if (i === flagsStart || (i < end && c !== 44)) throw invalidDigest(digest, at, end);
    if (offset >= fromOffset && offset < toOffset) {
      counts.missed += 1;
      let next = i + 1; // the first optional field, when i < end
      if (flags & ATTEMPTED) {
        const fieldEnd = fieldEndOf(digest, next, end);
        if (next >= end) throw invalidDigest(digest, at, end);
        seconds.push(Number(digest.slice(next, fieldEnd)));
        next = fieldEnd + 1;
        counts.attempted += 1;
        if (flags & WITHIN_SLA) counts.attemptedWithinSla += 1;
        if (flags & CONTACTED) counts.attemptedAndContacted += 1;
      }
      if (flags & CONTACTED) {
        counts.contacted += 1;
        if (flags & BOOKED) counts.contactedAndBooked += 1;
      }
      if (flags & BOOKED) {
        counts.booked += 1;
        if (flags & WON) counts.bookedAndWon += 1;
      }
      if (flags & WON) counts.won += 1;
      if (next < end) counts.revenue += Number(digest.slice(next, end));
    }
    at = end + 1;
  }
  if (counts.missed === 0) return null;
  return cellFromAggregate(locationKey, day, null, null, counts, seconds);
}

function fieldEndOf(digest: string, from: number, end: number): number {
  const comma = digest.indexOf(',', from);
  return comma === -1 || comma > end ? end : comma;
}

function invalidDigest(digest: string, at: number, end: number): Error {
  return new Error(`invalid day digest entry ${JSON.stringify(digest.slice(at, Math.min(end, at + 80)))}`);
}
