/**
 * Span rollups in and out (spans.ts): summing whole days from a few spans per location, keeping the
 * spans over changed days current, and rebuilding a location's spans from its daily rows. Spans
 * hold counts and callback sketches only (no histogram, no digest); level 0 repeats the daily row so
 * a read needs one table. Written by the same rollup-lock holders as the daily rows they sum.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.ts';
import { recoveryDaily, recoverySpan } from '../store/schema-recovery.ts';
import { addCounts, emptyCounts, type RecoveryCounts } from '../../../shared/src/recovery-metrics.ts';
import { SketchSum } from '../../../shared/src/recovery-sketch.ts';
import { emptyBuckets, pairKey, SKETCH_ACCURACY, type Cell } from './cells.ts';
import { textArray } from './rollup-store.ts';
import { childrenOf, dayNumber, dayOfNumber, MAX_SPAN_LEVEL, spanStart, type Piece } from './spans.ts';

type Tx = Pick<Db, 'execute' | 'insert'>;

/**
 * Locations that read the same spans: every location whose spans were cut in `zone` except some,
 * or the listed ones.
 */
export type SpanTerm = { pieces: Piece[] } & ({ zone: string; except: string[] } | { keys: string[] });

interface SpanRow {
  locationKey: string;
  counts: RecoveryCounts;
  /** Packed sketch; `;`-joined ones when summed in SQL. */
  callbacks: string | null;
}

const COUNT_COLUMNS = [
  'missed',
  'attempted',
  'attempted_within_sla',
  'attempted_and_contacted',
  'contacted',
  'contacted_and_booked',
  'booked',
  'booked_and_won',
  'won',
  'revenue',
] as const;

const columns = sql.raw(COUNT_COLUMNS.join(', '));

const sums = sql.raw(
  COUNT_COLUMNS.map((c) =>
    c === 'revenue' ? `coalesce(sum(revenue), 0)::float8 as revenue` : `sum(${c})::int as ${c}`,
  ).join(', '),
);

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (result as { rows: Array<Record<string, unknown>> }).rows;
}

function countsOf(r: Record<string, unknown>): RecoveryCounts {
  return {
    missed: Number(r.missed),
    attempted: Number(r.attempted),
    attemptedWithinSla: Number(r.attempted_within_sla),
    attemptedAndContacted: Number(r.attempted_and_contacted),
    contacted: Number(r.contacted),
    contactedAndBooked: Number(r.contacted_and_booked),
    booked: Number(r.booked),
    bookedAndWon: Number(r.booked_and_won),
    won: Number(r.won),
    revenue: Number(r.revenue),
  };
}

const dateArray = (days: readonly string[]) => sql`${`{${days.join(',')}}`}::date[]`;

function termCondition(term: SpanTerm): SQL | null {
  if (term.pieces.length === 0 || ('keys' in term && term.keys.length === 0)) return null;
  const byLevel = new Map<number, string[]>();
  for (const p of term.pieces) byLevel.set(p.level, [...(byLevel.get(p.level) ?? []), p.start]);
  const pieces = sql.join(
    [...byLevel].map(([level, starts]) => sql`(level = ${level} and start_day = any(${dateArray(starts)}))`),
    sql` or `,
  );
  if ('keys' in term) return sql`(location_key = any(${textArray(term.keys)}) and (${pieces}))`;
  // `<> all` is a filter on the zone's index range, never one index descent per key.
  const except = term.except.length ? sql` and location_key <> all(${textArray(term.except)})` : sql``;
  return sql`(timezone = ${term.zone} and (${pieces})${except})`;
}

/** Per location, the sums of its term's pieces: one cell each (day `''`, sketches summed, no histogram). */
export async function readSpanTotals(db: Pick<Db, 'execute'>, accountId: string, terms: SpanTerm[]): Promise<Cell[]> {
  const conditions = terms.map(termCondition).filter((c): c is SQL => c !== null);
  if (conditions.length === 0) return [];
  const result = await db.execute(
    sql`select location_key, ${sums}, string_agg(callbacks, ';') as callbacks from ${recoverySpan}
      where account_id = ${accountId} and (${sql.join(conditions, sql` or `)}) group by location_key`,
  );
  return rowsOf(result).map((r) => ({
    locationKey: String(r.location_key),
    day: '',
    source: null,
    category: null,
    counts: countsOf(r),
    // Left packed: the group's sum reads it straight in.
    callbacks: r.callbacks ? String(r.callbacks) : null,
    callbackBuckets: emptyBuckets(),
  }));
}

function groupByStart(pairs: ReadonlyArray<{ locationKey: string; start: string }>): Map<string, string[]> {
  const byStart = new Map<string, Set<string>>();
  for (const p of pairs) {
    let keys = byStart.get(p.start);
    if (!keys) byStart.set(p.start, (keys = new Set()));
    keys.add(p.locationKey);
  }
  return new Map([...byStart].map(([start, keys]) => [start, [...keys]]));
}

/** Daily rows (level 0) or spans of one level for exact (location, start) pairs, by `pairKey`. */
async function readLevel(
  db: Pick<Db, 'execute'>,
  accountId: string,
  level: number,
  pairs: ReadonlyArray<{ locationKey: string; start: string }>,
): Promise<Map<string, SpanRow>> {
  const byStart = groupByStart(pairs);
  if (byStart.size === 0) return new Map();
  const fromDaily = level === 0;
  const terms = [...byStart].map(
    ([start, keys]) =>
      sql`(${sql.raw(fromDaily ? 'day' : 'start_day')} = ${start}::date and location_key = any(${textArray(keys)}))`,
  );
  const result = await db.execute(
    fromDaily
      ? sql`select location_key, day::text as start, ${columns}, callbacks from ${recoveryDaily}
          where account_id = ${accountId} and (${sql.join(terms, sql` or `)})`
      : sql`select location_key, start_day::text as start, ${columns}, callbacks from ${recoverySpan}
          where account_id = ${accountId} and level = ${level} and (${sql.join(terms, sql` or `)})`,
  );
  return new Map(
    rowsOf(result).map((r) => [
      pairKey(String(r.location_key), String(r.start)),
      { locationKey: String(r.location_key), counts: countsOf(r), callbacks: (r.callbacks as string | null) ?? null },
    ]),
  );
}

/** Sums rows into one (null when there are none). */
function sumRows(locationKey: string, rows: ReadonlyArray<SpanRow | undefined>): SpanRow | null {
  const present = rows.filter((r): r is SpanRow => r !== undefined);
  if (present.length === 0) return null;
  if (present.length === 1) return { ...present[0]!, locationKey };
  const counts = emptyCounts();
  let sketch: SketchSum | null = null;
  for (const r of present) {
    addCounts(counts, r.counts);
    if (r.callbacks) (sketch ??= new SketchSum(SKETCH_ACCURACY)).addPacked(r.callbacks);
  }
  return { locationKey, counts, callbacks: sketch ? sketch.pack(true) : null };
}

const CHUNK = 500;

/** Replaces the spans `targets` of one level with `rows` (a target without a row had no cases). */
async function writeLevel(
  tx: Tx,
  accountId: string,
  level: number,
  tzOf: (locationKey: string) => string,
  targets: ReadonlyArray<{ locationKey: string; start: string }>,
  rows: ReadonlyArray<{ start: string; row: SpanRow }>,
): Promise<void> {
  const byStart = groupByStart(targets);
  if (byStart.size) {
    const terms = [...byStart].map(
      ([start, keys]) => sql`(start_day = ${start}::date and location_key = any(${textArray(keys)}))`,
    );
    await tx.execute(
      sql`delete from ${recoverySpan} where account_id = ${accountId} and level = ${level} and (${sql.join(terms, sql` or `)})`,
    );
  }
  // By start, zone and location: the rows one read takes (one span, a zone's locations) share pages.
  const values = rows
    .map(({ start, row }) => ({
      accountId,
      locationKey: row.locationKey,
      level,
      startDay: start,
      timezone: tzOf(row.locationKey),
      ...row.counts,
      callbacks: row.callbacks === null || row.callbacks.startsWith('d') ? row.callbacks : withGaps(row.callbacks),
    }))
    .sort(
      (a, b) =>
        compare(a.startDay, b.startDay) || compare(a.timezone, b.timezone) || compare(a.locationKey, b.locationKey),
    );
  for (let i = 0; i < values.length; i += CHUNK) await tx.insert(recoverySpan).values(values.slice(i, i + CHUNK));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Spans keep sketches with key gaps (recovery-sketch.ts): every read parses thousands of them. */
const withGaps = (packed: string) => new SketchSum(SKETCH_ACCURACY).addPacked(packed).pack(true);

/**
 * Recomputes the spans over the given (location, day) pairs after their daily rows were rewritten:
 * level 0 from the daily rows, then each level from the two spans below it.
 */
export async function refreshSpans(
  tx: Tx,
  accountId: string,
  tzOf: (locationKey: string) => string,
  pairs: ReadonlyArray<{ locationKey: string; day: string }>,
): Promise<void> {
  if (pairs.length === 0) return;
  const days = [
    ...new Map(
      pairs.map((p) => [pairKey(p.locationKey, p.day), { locationKey: p.locationKey, start: p.day }]),
    ).values(),
  ];
  const daily = await readLevel(tx, accountId, 0, days);
  await writeLevel(
    tx,
    accountId,
    0,
    tzOf,
    days,
    days.flatMap((d) => {
      const row = daily.get(pairKey(d.locationKey, d.start));
      return row ? [{ start: d.start, row }] : [];
    }),
  );
  for (let level = 1; level <= MAX_SPAN_LEVEL; level++) {
    const targets = new Map<string, { locationKey: string; start: string }>();
    for (const p of pairs) {
      const start = spanStart(p.day, level);
      targets.set(pairKey(p.locationKey, start), { locationKey: p.locationKey, start });
    }
    const list = [...targets.values()];
    const children = list.flatMap((t) =>
      childrenOf({ level, start: t.start }).map((c) => ({ locationKey: t.locationKey, start: c.start })),
    );
    const below = await readLevel(tx, accountId, level - 1, children);
    const rows = list.flatMap((t) => {
      const [a, b] = childrenOf({ level, start: t.start });
      const row = sumRows(t.locationKey, [
        below.get(pairKey(t.locationKey, a.start)),
        below.get(pairKey(t.locationKey, b.start)),
      ]);
      return row ? [{ start: t.start, row }] : [];
    });
    await writeLevel(tx, accountId, level, tzOf, list, rows);
  }
}

/**
 * Rebuilds all spans of `keys` from their daily rows, one top-level span of days at a time (so
 * memory stays bounded whatever the history).
 */
export async function rebuildSpans(
  tx: Tx,
  accountId: string,
  tzOf: (locationKey: string) => string,
  keys: string[],
): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(
    sql`delete from ${recoverySpan} where account_id = ${accountId} and location_key = any(${textArray(keys)})`,
  );
  const bounds = rowsOf(
    await tx.execute(
      sql`select min(day)::text as first, max(day)::text as last from ${recoveryDaily}
        where account_id = ${accountId} and location_key = any(${textArray(keys)})`,
    ),
  )[0];
  if (!bounds?.first || !bounds.last) return;
  const top = 2 ** MAX_SPAN_LEVEL;
  const last = dayNumber(String(bounds.last));
  for (let chunk = dayNumber(spanStart(String(bounds.first), MAX_SPAN_LEVEL)); chunk <= last; chunk += top) {
    const result = await tx.execute(
      sql`select location_key, day::text as start, ${columns}, callbacks from ${recoveryDaily}
        where account_id = ${accountId} and location_key = any(${textArray(keys)})
          and day >= ${dayOfNumber(chunk)}::date and day < ${dayOfNumber(chunk + top)}::date`,
    );
    let below = rowsOf(result).map((r) => ({
      start: String(r.start),
      row: {
        locationKey: String(r.location_key),
        counts: countsOf(r),
        callbacks: (r.callbacks as string | null) ?? null,
      },
    }));
    await writeLevel(tx, accountId, 0, tzOf, [], below);
    for (let level = 1; level <= MAX_SPAN_LEVEL; level++) {
      const parents = new Map<string, { start: string; locationKey: string; rows: SpanRow[] }>();
      for (const { start, row } of below) {
        const parentStart = spanStart(start, level);
        const id = pairKey(row.locationKey, parentStart);
        const parent = parents.get(id) ?? { start: parentStart, locationKey: row.locationKey, rows: [] };
        parent.rows.push(row);
        parents.set(id, parent);
      }
      below = [...parents.values()].map((p) => ({ start: p.start, row: sumRows(p.locationKey, p.rows)! }));
      await writeLevel(tx, accountId, level, tzOf, [], below);
    }
  }
}
