/** Reading cases for metrics straight from `missed_calls` (raw path, rollup rebuilds, the reference). */
import { and, eq, gte, inArray, isNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { locations, missedCalls } from '../store/schema.ts';
import type { CaseRow } from './cells.ts';

export type Reader = Pick<Db, 'select'>;

export const caseColumns = {
  locationId: missedCalls.locationId,
  missedAt: missedCalls.missedAt,
  source: missedCalls.source,
  category: missedCalls.category,
  firstAttemptAt: missedCalls.firstAttemptAt,
  attemptedWithinSla: missedCalls.attemptedWithinSla,
  contactedAt: missedCalls.contactedAt,
  bookedAt: missedCalls.bookedAt,
  wonAt: missedCalls.wonAt,
  revenue: missedCalls.revenue,
};

/** `''` for unassigned, as in rollup keys. */
export const locationKeyExpr = sql<string>`coalesce(${missedCalls.locationId}, '')`;

/** The cases of contract §5: not spam, not a repeat dial. */
export function realCases(accountId: string): SQL {
  return and(eq(missedCalls.accountId, accountId), eq(missedCalls.spam, false), isNull(missedCalls.repeatOf))!;
}

/** Which locations a raw read covers: these keys, or every key except these. */
export type LocationSelector = { in: string[] } | { notIn: string[] };

/**
 * The cases of every location whose zone is `zone` (unassigned calls and unknown locations take the
 * account's zone), except some: what an edge of a range covers, without listing a thousand ids.
 */
export interface ZoneSelector {
  zone: string;
  accountTz: string;
  except: string[];
}

export function locationCondition(selector: LocationSelector | ZoneSelector): SQL | undefined {
  if ('zone' in selector) {
    return and(
      sql`coalesce(${locations.timezone}, ${selector.accountTz}) = ${selector.zone}`,
      selector.except.length ? notInArray(locationKeyExpr, selector.except) : undefined,
    );
  }
  if ('in' in selector) return selector.in.length ? inArray(locationKeyExpr, selector.in) : sql`false`;
  return selector.notIn.length ? notInArray(locationKeyExpr, selector.notIn) : undefined;
}

export interface CaseFilter {
  source?: string | undefined;
  category?: string | undefined;
}

export async function readCases(
  db: Reader,
  accountId: string,
  window: { start: Date; end: Date },
  locations: LocationSelector,
  filter: CaseFilter = {},
): Promise<CaseRow[]> {
  return db
    .select(caseColumns)
    .from(missedCalls)
    .where(
      and(
        realCases(accountId),
        gte(missedCalls.missedAt, window.start),
        lt(missedCalls.missedAt, window.end),
        locationCondition(locations),
        filter.source === undefined ? undefined : eq(missedCalls.source, filter.source),
        filter.category === undefined ? undefined : eq(missedCalls.category, filter.category),
      ),
    );
}
