/**
 * The locations simulated calls go to, with what the simulation needs about each: its tracking
 * number and area code (callers are local), zone and hours, relative volume and how disciplined it
 * is. Demo locations take their character from `DEMO_LOCATIONS`; any other location gets an average
 * one derived from its id, so the simulator works on every account.
 */
import type { BusinessHours } from '@ringback/shared';
import type { AccountContext } from '../accounts/account-context.ts';
import { DEMO_LOCATIONS } from './demo-account.ts';
import { rngFor, between } from './random.ts';

export interface SimLocation {
  id: string;
  name: string;
  timezone: string;
  vertical: string | null;
  trackingE164: string;
  /** Three digits: callers get numbers in the location's area code. */
  areaCode: string;
  /** null = always open (or unknown, for the CLI). */
  hours: BusinessHours | null;
  volume: number;
  discipline: number;
}

/** North American area code of an E.164 number, or a default for others. */
export function areaCodeOf(e164: string): string {
  const m = /^\+1(\d{3})/.exec(e164);
  return m ? m[1]! : '555';
}

/** Volume and discipline: the demo's own, else a stable pseudo-random character from the id. */
export function characterOf(locationId: string): { volume: number; discipline: number } {
  const demo = DEMO_LOCATIONS.find((l) => l.id === locationId);
  if (demo) return { volume: demo.volume, discipline: demo.discipline };
  const rng = rngFor('character', locationId);
  return {
    volume: Math.round(between(rng, 0.5, 1.6) * 100) / 100,
    discipline: Math.round(between(rng, 0.3, 0.92) * 100) / 100,
  };
}

export function simLocationsFromAccount(account: AccountContext): SimLocation[] {
  const out: SimLocation[] = [];
  for (const location of account.locations.values()) {
    const tracking = location.info.trackingNumbers[0];
    if (!tracking) continue; // calls to it could not be told apart from unassigned ones
    out.push({
      id: location.info.id,
      name: location.info.name,
      timezone: location.info.timezone,
      vertical: location.info.vertical,
      trackingE164: tracking,
      areaCode: areaCodeOf(tracking),
      hours: location.hours,
      ...characterOf(location.info.id),
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
