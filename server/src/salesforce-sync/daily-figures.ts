/**
 * Each location's figures for whole local days, through the recovery engine's own `recoveryGroups`
 * (the implementation behind the recovery API), and the day's percentile ranks among the account's
 * locations and among those of the same vertical.
 *
 * A snapshot's day is the location's local calendar day, as in the API's `groupBy=day` and the
 * location page's daily series. One query per (day, zone) serves every location of that zone with
 * windows that match its rollup days exactly; ranks compare the locations' figures for the same
 * date, so they are computed here with the engine's `percentileRanks` (contract §5).
 */
import type { AppContext } from '../app-context.ts';
import type { AccountContext } from '../accounts/account-context.ts';
import { recoveryGroups } from '../recovery/index.ts';
import { addDays, startOfLocalDay } from '../../../shared/src/recovery-calendar.ts';
import {
  emptyCounts,
  nullRanks,
  percentileRanks,
  recoveryFigures,
  type RecoveryFigures,
} from '../../../shared/src/recovery-metrics.ts';
import type { DaySnapshot, SyncLocation } from './records.ts';

export function syncLocations(account: AccountContext): SyncLocation[] {
  return [...account.locations.values()].map((l) => ({
    id: l.row.id,
    name: l.row.name,
    timezone: l.info.timezone,
    vertical: l.info.vertical ?? null,
  }));
}

/** The figures of every location with cases on `date` (its local day), by location id. */
export async function figuresOfDay(
  ctx: AppContext,
  account: AccountContext,
  locations: SyncLocation[],
  date: string,
): Promise<Map<string, RecoveryFigures>> {
  const zoneOf = new Map(locations.map((l) => [l.id, l.timezone]));
  const figures = new Map<string, RecoveryFigures>();
  for (const zone of new Set(zoneOf.values())) {
    const { groups } = await recoveryGroups(ctx, account.account.id, {
      from: startOfLocalDay(date, zone).toISOString(),
      to: startOfLocalDay(addDays(date, 1), zone).toISOString(),
      groupBy: 'location',
    });
    for (const group of groups) {
      // Only this zone's locations had their own local day as the window.
      if (group.key !== null && zoneOf.get(group.key) === zone) figures.set(group.key, group);
    }
  }
  return figures;
}

/**
 * The snapshots of `date` for `wanted` locations (those whose figures may have changed): locations
 * without cases that day get zeros, so a day that lost its last case is corrected too. Ranks are
 * taken among every location with figures that day, because one location's change moves its peers.
 */
export function snapshotsOfDay(
  date: string,
  locations: SyncLocation[],
  figures: Map<string, RecoveryFigures>,
  wanted: Set<string>,
): DaySnapshot[] {
  const withFigures = locations.filter((l) => figures.has(l.id));
  const accountRanks = percentileRanks(
    withFigures.map((l) => ({ key: l.id, peerGroup: 'account', rates: figures.get(l.id)! })),
  );
  const verticalRanks = percentileRanks(
    withFigures
      .filter((l) => l.vertical !== null)
      .map((l) => ({ key: l.id, peerGroup: l.vertical!, rates: figures.get(l.id)! })),
  );
  const zero = recoveryFigures(emptyCounts(), null);
  const snapshots: DaySnapshot[] = [];
  for (const location of locations) {
    if (!wanted.has(location.id) && !figures.has(location.id)) continue;
    snapshots.push({
      location,
      date,
      figures: figures.get(location.id) ?? zero,
      accountRanks: accountRanks.get(location.id) ?? nullRanks(),
      verticalRanks: location.vertical === null ? null : (verticalRanks.get(location.id) ?? nullRanks()),
    });
  }
  return snapshots;
}
