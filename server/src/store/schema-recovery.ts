/**
 * Tables of the recovery engine: daily rollups of the case funnel per location (and per source and
 * category), the cases whose change the rollups have not absorbed yet, the state that says which
 * zone a location's rollups were cut in, the priority model and each case's priority factors.
 *
 * Rollups are a cache of `missed_calls`: they can always be rebuilt from it, and reads never trust a
 * rollup day that has a pending change (they compute that day from the cases instead).
 */
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** The exact counts every rollup row carries (contract §5, with the rate intersections). */
const counts = () => ({
  missed: integer('missed').notNull().default(0),
  attempted: integer('attempted').notNull().default(0),
  attemptedWithinSla: integer('attempted_within_sla').notNull().default(0),
  attemptedAndContacted: integer('attempted_and_contacted').notNull().default(0),
  contacted: integer('contacted').notNull().default(0),
  contactedAndBooked: integer('contacted_and_booked').notNull().default(0),
  booked: integer('booked').notNull().default(0),
  bookedAndWon: integer('booked_and_won').notNull().default(0),
  won: integer('won').notNull().default(0),
  revenue: doublePrecision('revenue').notNull().default(0),
  /**
   * DDSketch (α = 1%) of the callback seconds of the attempted cases, packed as
   * `zero,key,count,key,count,…` (shared/src/recovery-sketch.ts); null when none was attempted.
   */
  callbacks: text('callbacks'),
});

/** One row per account, location (`''` = unassigned) and local day of the location's zone. */
export const recoveryDaily = pgTable(
  'recovery_daily',
  {
    accountId: text('account_id').notNull(),
    locationKey: text('location_key').notNull(),
    day: day('day').notNull(),
    ...counts(),
    /** Attempted cases per callback-delay bucket (0-5m, 5-15m, 15-60m, 1-4h, 4h+). */
    callbackBuckets: jsonb('callback_buckets').$type<number[]>().notNull().default([0, 0, 0, 0, 0]),
    /**
     * The day's cases, one compact entry each (server/src/recovery/day-digest.ts), so that the part
     * of the day a range cuts off is summed from this one row instead of from the raw cases. Null in
     * rows written before digests existed (their locations are rebuilt: ROLLUP_FORMAT).
     */
    cases: text('cases'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day, t.locationKey] })],
);

/**
 * Spans of 2^level whole local days (level 0–6: 1 to 64 days) per location, starting on a day
 * whose number since 1970-01-01 is a multiple of 2^level: the sums of their daily rows, so a range
 * of whole days is read as a few spans per location (server/src/recovery/spans.ts). Each row keeps
 * the zone its days were cut in, so a read takes a zone's locations by one index range per span.
 */
export const recoverySpan = pgTable(
  'recovery_span',
  {
    accountId: text('account_id').notNull(),
    locationKey: text('location_key').notNull(),
    level: smallint('level').notNull(),
    startDay: day('start_day').notNull(),
    timezone: text('timezone').notNull(),
    ...counts(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.level, t.startDay, t.locationKey] }),
    index('recovery_span_zone').on(t.accountId, t.timezone, t.level, t.startDay),
  ],
);

/** The same, split by source (as sent; null when none) and category, for those groupings and filters. */
export const recoveryDailyDim = pgTable(
  'recovery_daily_dim',
  {
    accountId: text('account_id').notNull(),
    locationKey: text('location_key').notNull(),
    day: day('day').notNull(),
    source: text('source'),
    category: text('category').notNull(),
    ...counts(),
  },
  (t) => [
    index('recovery_daily_dim_day').on(t.accountId, t.day),
    index('recovery_daily_dim_location').on(t.accountId, t.locationKey, t.day),
  ],
);

/**
 * Which zone and layout a location's rollups were cut in; missing, another zone or an older layout =
 * rebuild (reads take such a location from raw cases until then).
 */
export const recoveryRollupState = pgTable(
  'recovery_rollup_state',
  {
    accountId: text('account_id').notNull(),
    locationKey: text('location_key').notNull(),
    timezone: text('timezone').notNull(),
    builtAt: ts('built_at').notNull(),
    /** The rollup layout the location was built with; older ones are rebuilt (ROLLUP_FORMAT). */
    format: integer('format').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.locationKey] })],
);

/**
 * Cases changed since their rollup day was computed, one row per case (so marking never contends
 * across callers). `mark` changes at every marking: a recompute deletes only the marks it read, so a
 * change that lands while it runs stays marked.
 */
export const recoveryDirty = pgTable(
  'recovery_dirty',
  {
    caseId: text('case_id').primaryKey(),
    accountId: text('account_id').notNull(),
    locationKey: text('location_key').notNull(),
    day: day('day').notNull(),
    mark: text('mark').notNull(),
    markedAt: ts('marked_at').notNull(),
  },
  // No secondary index: marks live seconds, so the table stays small and a scan is cheap, while an
  // index would cost every ingest transaction one more write.
);

/** The priority model of an account (shared/src/recovery-priority.ts), recomputed periodically. */
export const recoveryModel = pgTable('recovery_model', {
  accountId: text('account_id').primaryKey(),
  computedAt: ts('computed_at').notNull(),
  model: jsonb('model').notNull(),
});

/** A case's priority and why; the score is also on `missed_calls.priority_score` for sorting. */
export const casePriority = pgTable(
  'case_priority',
  {
    caseId: text('case_id').primaryKey(),
    accountId: text('account_id').notNull(),
    score: doublePrecision('score').notNull(),
    factors: jsonb('factors').$type<string[]>().notNull(),
    modelAt: ts('model_at'),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [index('case_priority_account').on(t.accountId)],
);

export type RecoverySpanRow = typeof recoverySpan.$inferSelect;
export type RecoveryDailyRow = typeof recoveryDaily.$inferSelect;
export type RecoveryDailyDimRow = typeof recoveryDailyDim.$inferSelect;
