/**
 * Checks the config file's meaning once its shape is right: time zones exist, business hours are
 * well formed, ids and tracking numbers are unique. Returns the first problem, or null.
 */
import { parseBusinessHours, isValidTimeZone, normalizePhone } from '@ringback/shared';
import type { ConfigFile } from './file-schema.ts';

export function checkConfigSemantics(config: ConfigFile): string | null {
  const accountIds = new Set<string>();
  for (const [ai, account] of config.accounts.entries()) {
    const at = `accounts[${ai}]`;
    if (accountIds.has(account.id)) return `${at}.id: duplicate account id ${account.id}`;
    accountIds.add(account.id);
    if (!isValidTimeZone(account.timezone)) return `${at}.timezone: unknown IANA time zone ${account.timezone}`;
    const locationIds = new Set<string>();
    const numbers = new Map<string, string>();
    for (const [li, location] of account.locations.entries()) {
      const lt = `${at}.locations[${li}]`;
      if (locationIds.has(location.id)) return `${lt}.id: duplicate location id ${location.id}`;
      locationIds.add(location.id);
      if (!isValidTimeZone(location.timezone)) return `${lt}.timezone: unknown IANA time zone ${location.timezone}`;
      try {
        parseBusinessHours(location.businessHours as Record<string, string> | undefined, location.holidays);
      } catch (err) {
        return `${lt}.businessHours: ${(err as Error).message}`;
      }
      for (const [ni, raw] of location.trackingNumbers.entries()) {
        const e164 = normalizePhone(raw);
        if (!e164) return `${lt}.trackingNumbers[${ni}]: not a phone number: ${raw}`;
        const other = numbers.get(e164);
        if (other) return `${lt}.trackingNumbers[${ni}]: ${e164} is already used by location ${other}`;
        numbers.set(e164, location.id);
      }
    }
  }
  return null;
}
