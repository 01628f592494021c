/**
 * Where a case's local calendar comes from: its location's zone, or the account's for unassigned
 * calls (and for a location no longer configured). Vertical likewise comes from the location.
 */
import type { AccountContext } from '../accounts/account-context.ts';

/** `''` stands for unassigned in rollup keys; location ids are `[a-z0-9-]+`, so it never collides. */
export const UNASSIGNED = '';

export function tzOf(account: AccountContext, locationKey: string): string {
  return (locationKey && account.locations.get(locationKey)?.info.timezone) || account.account.timezone;
}

export function verticalOf(account: AccountContext, locationKey: string): string | null {
  return (locationKey && account.locations.get(locationKey)?.info.vertical) || null;
}

/** Every location key the account has rollups for: its configured locations and unassigned. */
export function locationKeys(account: AccountContext): string[] {
  return [...account.locations.keys(), UNASSIGNED];
}

/** Location keys by zone. */
export function keysByZone(account: AccountContext, keys: string[] = locationKeys(account)): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const tz = tzOf(account, key);
    const list = groups.get(tz);
    if (list) list.push(key);
    else groups.set(tz, [key]);
  }
  return groups;
}
