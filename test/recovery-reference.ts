/**
 * Contract §5 by brute force, for the property tests: straight from the raw case rows, with no
 * rollups, cells, sketches or calendar helpers of the production path — luxon for local dates,
 * exact nearest-rank percentiles, percentile ranks by definition.
 */
import { DateTime } from 'luxon';
import { nearestRank, percentileRank } from '../shared/src/index.ts';
import type { MissedCallRow } from '../server/src/store/schema.ts';

export interface ReferenceLocation {
  id: string;
  timezone: string;
  vertical: string | null;
}

export interface ReferenceQuery {
  from: Date;
  to: Date;
  groupBy: 'location' | 'source' | 'vertical' | 'category' | 'day' | 'week' | 'month';
  benchmark: 'account' | 'vertical';
  locationId?: string | null;
  source?: string;
  vertical?: string;
  category?: string;
}

const RATES = ['attemptRate', 'slaMetRate', 'contactRate', 'bookingRate', 'revenueRate', 'recoveryRate'] as const;

function figures(cases: MissedCallRow[]) {
  const n = (p: (c: MissedCallRow) => boolean) => cases.filter(p).length;
  const attempted = (c: MissedCallRow) => c.firstAttemptAt !== null;
  const contacted = (c: MissedCallRow) => c.contactedAt !== null;
  const booked = (c: MissedCallRow) => c.bookedAt !== null;
  const won = (c: MissedCallRow) => c.wonAt !== null;
  const div = (a: number, b: number) => (b === 0 ? null : a / b);
  const missed = cases.length;
  const a = n(attempted);
  const c = n(contacted);
  const b = n(booked);
  const callbacks = cases.filter(attempted).map((x) => (x.firstAttemptAt!.getTime() - x.missedAt.getTime()) / 1000);
  return {
    missed,
    attempted: a,
    attemptedWithinSla: n((x) => attempted(x) && x.firstAttemptAt!.getTime() <= x.slaDueAt.getTime()),
    contacted: c,
    booked: b,
    won: n(won),
    revenue: Math.round(cases.reduce((s, x) => s + x.revenue, 0) * 100) / 100,
    attemptRate: div(a, missed),
    slaMetRate: div(
      n((x) => attempted(x) && x.firstAttemptAt!.getTime() <= x.slaDueAt.getTime()),
      missed,
    ),
    contactRate: div(
      n((x) => attempted(x) && contacted(x)),
      a,
    ),
    bookingRate: div(
      n((x) => contacted(x) && booked(x)),
      c,
    ),
    revenueRate: div(
      n((x) => booked(x) && won(x)),
      b,
    ),
    recoveryRate: div(c, missed),
    callbackSeconds: { p50: nearestRank(callbacks, 50), p90: nearestRank(callbacks, 90) },
  };
}

export function referenceGroups(
  rows: MissedCallRow[],
  locations: ReferenceLocation[],
  accountTz: string,
  q: ReferenceQuery,
) {
  const loc = new Map(locations.map((l) => [l.id, l]));
  const tz = (c: MissedCallRow) => (c.locationId && loc.get(c.locationId)?.timezone) || accountTz;
  const vertical = (c: MissedCallRow) => (c.locationId && loc.get(c.locationId)?.vertical) || null;
  const local = (c: MissedCallRow) => DateTime.fromJSDate(c.missedAt, { zone: tz(c) });
  const inRange = rows.filter(
    (c) =>
      !c.spam &&
      c.repeatOf === null &&
      c.missedAt.getTime() >= q.from.getTime() &&
      c.missedAt.getTime() < q.to.getTime() &&
      (q.source === undefined || c.source === q.source) &&
      (q.category === undefined || c.category === q.category),
  );
  const shown = inRange.filter(
    (c) =>
      (q.locationId === undefined || c.locationId === q.locationId) &&
      (q.vertical === undefined || vertical(c) === q.vertical),
  );
  const keyOf = (c: MissedCallRow): string | null => {
    switch (q.groupBy) {
      case 'location':
        return c.locationId;
      case 'source':
        return c.source;
      case 'vertical':
        return vertical(c);
      case 'category':
        return c.category;
      case 'day':
        return local(c).toISODate();
      case 'week':
        return local(c).toFormat("kkkk-'W'WW");
      case 'month':
        return local(c).toFormat('yyyy-MM');
    }
  };
  const groups = new Map<string | null, MissedCallRow[]>();
  for (const c of shown) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);

  // Peers: every location with cases under the case filters, unassigned excluded.
  const peers = new Map<string, ReturnType<typeof figures>>();
  const byLocation = new Map<string, MissedCallRow[]>();
  for (const c of inRange) if (c.locationId) byLocation.set(c.locationId, [...(byLocation.get(c.locationId) ?? []), c]);
  for (const [id, cases] of byLocation) peers.set(id, figures(cases));
  const rank = (id: string) =>
    Object.fromEntries(
      RATES.map((r) => {
        const own = peers.get(id)![r];
        const group = [...peers].filter(
          ([other]) =>
            q.benchmark === 'account' || (loc.get(other)?.vertical ?? null) === (loc.get(id)?.vertical ?? null),
        );
        const values = group.map(([, f]) => f[r]).filter((v): v is number => v !== null);
        return [r, own === null ? null : percentileRank(own, values)];
      }),
    );

  return [...groups]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([key, cases]) => ({
      key,
      ...figures(cases),
      ...(q.groupBy === 'location'
        ? { benchmark: key === null ? Object.fromEntries(RATES.map((r) => [r, null])) : rank(key) }
        : {}),
    }));
}

/** Compares an API group list with the reference: exact except p50/p90 (≤ 1% relative). */
export function expectSameGroups(actual: any[], expected: any[], expect: (v: unknown) => any): void {
  const strip = (g: any) => ({ ...g, callbackSeconds: undefined });
  expect(actual.map(strip)).toEqual(expected.map(strip));
  actual.forEach((g, i) => {
    for (const p of ['p50', 'p90'] as const) {
      const want = expected[i].callbackSeconds[p] as number | null;
      const got = g.callbackSeconds[p] as number | null;
      if (want === null || got === null) expect(got).toBe(want);
      else expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 0.01 + 1e-9);
    }
  });
}
