/**
 * Dashboard logic over the recovery groups: account totals, laggards, sorting. Pure: tested in node.
 */
import type { Figures, RateName, RecoveryGroup } from '../api/types.ts';

/** A location in the bottom quarter of the account on recovery rate is a laggard. */
export const LAGGARD_PERCENTILE = 25;

export function isLaggard(group: Pick<RecoveryGroup, 'benchmark' | 'key'>): boolean {
  const rank = group.benchmark?.recoveryRate;
  return group.key !== null && rank !== null && rank !== undefined && rank < LAGGARD_PERCENTILE;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * The account's totals from its location groups (unassigned included): counts add up, rates are
 * recomputed from the counts. Percentiles do not add up, so they are left out.
 */
export function totals(groups: readonly Figures[]): Omit<Figures, 'callbackSeconds'> {
  const sum = (f: (g: Figures) => number) => groups.reduce((s, g) => s + f(g), 0);
  const missed = sum((g) => g.missed);
  const attempted = sum((g) => g.attempted);
  const attemptedWithinSla = sum((g) => g.attemptedWithinSla);
  const contacted = sum((g) => g.contacted);
  const booked = sum((g) => g.booked);
  const won = sum((g) => g.won);
  // Intersections (attempted ∧ contacted …) are not in the groups; rebuild them from each group's rate.
  const attemptedAndContacted = sum((g) => (g.contactRate ?? 0) * g.attempted);
  const contactedAndBooked = sum((g) => (g.bookingRate ?? 0) * g.contacted);
  const bookedAndWon = sum((g) => (g.revenueRate ?? 0) * g.booked);
  return {
    missed,
    attempted,
    attemptedWithinSla,
    contacted,
    booked,
    won,
    revenue: Math.round(sum((g) => g.revenue) * 100) / 100,
    attemptRate: ratio(attempted, missed),
    slaMetRate: ratio(attemptedWithinSla, missed),
    contactRate: ratio(Math.round(attemptedAndContacted), attempted),
    bookingRate: ratio(Math.round(contactedAndBooked), contacted),
    revenueRate: ratio(Math.round(bookedAndWon), booked),
    recoveryRate: ratio(contacted, missed),
  };
}

export type SortKey = 'name' | 'missed' | RateName | 'p50' | 'p90' | 'percentile' | 'revenue';

export function sortValue(group: RecoveryGroup, key: SortKey, name: string): number | string | null {
  switch (key) {
    case 'name':
      return name.toLowerCase();
    case 'missed':
    case 'revenue':
      return group[key];
    case 'p50':
    case 'p90':
      return group.callbackSeconds[key];
    case 'percentile':
      return group.benchmark?.recoveryRate ?? null;
    default:
      return group[key];
  }
}

/** Sorted copy; nulls always last whatever the direction. */
export function sortGroups(
  groups: readonly RecoveryGroup[],
  key: SortKey,
  direction: 'asc' | 'desc',
  nameOf: (id: string | null) => string,
): RecoveryGroup[] {
  const dir = direction === 'asc' ? 1 : -1;
  return [...groups].sort((a, b) => {
    const va = sortValue(a, key, nameOf(a.key));
    const vb = sortValue(b, key, nameOf(b.key));
    if (va === null && vb === null) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    if (va < vb) return -dir;
    if (va > vb) return dir;
    return 0;
  });
}

/** The decomposition layers, in funnel order, with what each means. */
export const LAYERS: ReadonlyArray<{ rate: RateName; label: string; help: string }> = [
  { rate: 'attemptRate', label: 'Called back', help: 'missed calls with a callback attempt' },
  { rate: 'slaMetRate', label: 'SLA met', help: 'missed calls called back within their SLA' },
  { rate: 'contactRate', label: 'Reached', help: 'callbacks that became a conversation' },
  { rate: 'bookingRate', label: 'Booked', help: 'conversations that booked' },
  { rate: 'revenueRate', label: 'Won', help: 'bookings that brought revenue' },
];
