/**
 * Ringback's figures as the package's Salesforce records (salesforce-package/force-app: objects
 * Ringback_Location__c and Ringback_Recovery_Snapshot__c). Pure: what to write, keyed by the external
 * id Salesforce upserts on, with a digest so unchanged records are not sent again.
 */
import { createHash } from 'node:crypto';
import type { RateName, RateRanks, RecoveryFigures } from '../../../shared/src/recovery-metrics.ts';

export const LOCATION_OBJECT = 'Ringback_Location__c';
export const LOCATION_KEY_FIELD = 'Location_Id__c';
export const SNAPSHOT_OBJECT = 'Ringback_Recovery_Snapshot__c';
export const SNAPSHOT_KEY_FIELD = 'Snapshot_Key__c';

/** Name fields of custom objects hold 80 characters. */
const NAME_LENGTH = 80;

export interface SyncLocation {
  id: string;
  name: string;
  timezone: string;
  vertical: string | null;
}

/** One location's figures for one local day, with its ranks among the account's locations that day. */
export interface DaySnapshot {
  location: SyncLocation;
  /** YYYY-MM-DD in the location's time zone. */
  date: string;
  figures: RecoveryFigures;
  accountRanks: RateRanks;
  /** Null when the location has no vertical to compare within. */
  verticalRanks: RateRanks | null;
}

export type SfRecord = Record<string, string | number | null>;

/** Field stems of the six rates, in contract order (`Attempt_Rate__c`, `Attempt_Rank_Account__c`, …). */
export const RATE_FIELDS: Record<RateName, string> = {
  attemptRate: 'Attempt',
  slaMetRate: 'SLA_Met',
  contactRate: 'Contact',
  bookingRate: 'Booking',
  revenueRate: 'Revenue',
  recoveryRate: 'Recovery',
};

export function snapshotKey(locationId: string, date: string): string {
  return `${locationId}|${date}`;
}

export function locationRecord(location: SyncLocation): SfRecord {
  return {
    [LOCATION_KEY_FIELD]: location.id,
    Name: location.name.slice(0, NAME_LENGTH),
    Time_Zone__c: location.timezone,
    Vertical__c: location.vertical,
  };
}

export function snapshotRecord(s: DaySnapshot, locationRecordId: string): SfRecord {
  const f = s.figures;
  const record: SfRecord = {
    [SNAPSHOT_KEY_FIELD]: snapshotKey(s.location.id, s.date),
    Name: `${s.location.name.slice(0, NAME_LENGTH - 11)} ${s.date}`,
    Location__c: locationRecordId,
    Date__c: s.date,
    Missed__c: f.missed,
    Attempted__c: f.attempted,
    Attempted_Within_SLA__c: f.attemptedWithinSla,
    Contacted__c: f.contacted,
    Booked__c: f.booked,
    Won__c: f.won,
    Revenue__c: f.revenue,
    // The numerators of the conditional rates, so reports can sum days and divide for a period.
    Contacted_After_Attempt__c: numerator(f.contactRate, f.attempted),
    Booked_After_Contact__c: numerator(f.bookingRate, f.contacted),
    Won_After_Booking__c: numerator(f.revenueRate, f.booked),
    Callback_P50_Seconds__c: seconds(f.callbackSeconds.p50),
    Callback_P90_Seconds__c: seconds(f.callbackSeconds.p90),
  };
  for (const [rate, stem] of Object.entries(RATE_FIELDS) as [RateName, string][]) {
    record[`${stem}_Rate__c`] = percent(f[rate]);
    record[`${stem}_Rank_Account__c`] = hundredths(s.accountRanks[rate]);
    record[`${stem}_Rank_Vertical__c`] = s.verticalRanks ? hundredths(s.verticalRanks[rate]) : null;
  }
  return record;
}

/** Stable across key order, so the same figures always give the same digest. */
export function digestOf(record: SfRecord): string {
  const sorted = Object.keys(record)
    .sort()
    .map((k) => [k, record[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** A rate of its denominator back as the count (exact: the rate is unrounded and the count whole). */
function numerator(rate: number | null, denominator: number): number {
  return rate === null ? 0 : Math.round(rate * denominator);
}

/** Percent fields hold 75 for 75% (two decimals); null stays null (nothing to divide). */
function percent(rate: number | null): number | null {
  return rate === null ? null : hundredths(rate * 100);
}

function hundredths(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function seconds(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
