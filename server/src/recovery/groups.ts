/**
 * From cells to the public groups of contract §4: pick the cells the filters select, merge them by
 * the group key (a location, a source, a vertical, a category, or a local day/ISO week/month), and
 * for `groupBy=location` rank each location's six rates among its peers.
 */
import {
  nullRanks,
  percentileRanks,
  type RateRanks,
  type RecoveryFigures,
} from '../../../shared/src/recovery-metrics.ts';
import { funnelRates } from '../../../shared/src/rates.ts';
import { isoWeekOf, monthOf } from '../../../shared/src/recovery-calendar.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { emptyMerged, figuresOf, mergeInto, type Cell, type Merged } from './cells.ts';
import type { BenchmarkScope, GroupBy, RecoveryFilters } from './query.ts';
import { UNASSIGNED, verticalOf } from './zones.ts';

export interface RecoveryGroup extends RecoveryFigures {
  key: string | null;
  /** With `groupBy=location`: each rate's percentile rank among the peers (null: rate is null). */
  benchmark?: RateRanks;
}

export function groupKeyOf(account: AccountContext, cell: Cell, groupBy: GroupBy): string | null {
  switch (groupBy) {
    case 'location':
      return cell.locationKey === UNASSIGNED ? null : cell.locationKey;
    case 'source':
      return cell.source;
    case 'vertical':
      return verticalOf(account, cell.locationKey);
    case 'category':
      return cell.category;
    case 'day':
      return cell.day;
    case 'week':
      return isoWeekOf(cell.day);
    case 'month':
      return monthOf(cell.day);
  }
}

/** The location filters (source and category are applied when cells are read). */
export function selectCells(account: AccountContext, cells: Cell[], filters: RecoveryFilters): Cell[] {
  return cells.filter(
    (c) =>
      (filters.locationId === undefined || c.locationKey === filters.locationId) &&
      (filters.vertical === undefined || verticalOf(account, c.locationKey) === filters.vertical),
  );
}

/** Cells merged by key; `sketchesFor` limits sketch merging to the groups whose percentiles are read. */
export function mergeBy(
  cells: Cell[],
  keyOf: (cell: Cell) => string | null,
  sketchesFor?: (key: string | null) => boolean,
): Map<string | null, Merged> {
  const merged = new Map<string | null, Merged>();
  for (const cell of cells) {
    const key = keyOf(cell);
    let into = merged.get(key);
    if (!into) merged.set(key, (into = emptyMerged()));
    mergeInto(into, cell, sketchesFor ? sketchesFor(key) : true);
  }
  return merged;
}

/** Ascending keys, `null` last. */
export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Percentile ranks of every location (unassigned excluded) among the locations of the account, or of
 * the account and the same vertical. Only locations with cases in the range are peers: the others
 * have no rate at all.
 */
export function locationRanks(
  account: AccountContext,
  byLocation: Map<string | null, Merged>,
  scope: BenchmarkScope,
): Map<string, RateRanks> {
  const members = [...byLocation]
    .filter(
      (entry): entry is [string, Merged] => entry[0] !== null && entry[0] !== UNASSIGNED && entry[1].counts.missed > 0,
    )
    .map(([key, cell]) => ({
      key,
      peerGroup: scope === 'account' ? 'account' : `vertical:${verticalOf(account, key) ?? ''}`,
      rates: funnelRates(cell.counts),
    }));
  return percentileRanks(members);
}

export interface GroupOptions {
  groupBy: GroupBy;
  benchmark: BenchmarkScope;
  filters: RecoveryFilters;
}

export function buildGroups(account: AccountContext, cells: Cell[], options: GroupOptions): RecoveryGroup[] {
  const { filters } = options;
  const byLocation =
    options.groupBy === 'location'
      ? mergeBy(cells, (c) => (c.locationKey === UNASSIGNED ? null : c.locationKey))
      : null;
  let merged: Map<string | null, Merged>;
  if (byLocation) {
    // Location groups are the peers too (every location under the case filters), so one merge
    // serves both; the location filters only choose which groups are shown.
    merged = new Map(
      [...byLocation].filter(
        ([key]) =>
          (filters.locationId === undefined || (key ?? UNASSIGNED) === filters.locationId) &&
          (filters.vertical === undefined || verticalOf(account, key ?? UNASSIGNED) === filters.vertical),
      ),
    );
  } else {
    merged = mergeBy(selectCells(account, cells, filters), (c) => groupKeyOf(account, c, options.groupBy));
  }
  const ranks = byLocation ? locationRanks(account, byLocation, options.benchmark) : null;
  return [...merged]
    .filter(([, group]) => group.counts.missed > 0)
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([key, group]) => {
      const result: RecoveryGroup = { key, ...figuresOf(group) };
      if (ranks) result.benchmark = (key !== null && ranks.get(key)) || nullRanks();
      return result;
    });
}
