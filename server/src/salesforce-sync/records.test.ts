import { describe, expect, it } from 'vitest';
import { nullRanks } from '../../../shared/src/recovery-metrics.ts';
import { digestOf, locationRecord, snapshotKey, snapshotRecord, type DaySnapshot } from './records.ts';

const phoenix = { id: 'phoenix', name: 'Phoenix', timezone: 'America/Phoenix', vertical: 'hvac' };

function day(overrides: Partial<DaySnapshot> = {}): DaySnapshot {
  return {
    location: phoenix,
    date: '2026-11-01',
    figures: {
      missed: 3,
      attempted: 3,
      attemptedWithinSla: 2,
      contacted: 2,
      booked: 1,
      won: 1,
      revenue: 350.5,
      attemptRate: 1,
      slaMetRate: 2 / 3,
      contactRate: 2 / 3,
      bookingRate: 1 / 2,
      revenueRate: 1,
      recoveryRate: 2 / 3,
      callbackSeconds: { p50: 240.4, p90: 1799.6 },
    },
    accountRanks: {
      attemptRate: 75,
      slaMetRate: 100 / 3,
      contactRate: 50,
      bookingRate: 50,
      revenueRate: 62.5,
      recoveryRate: 12.5,
    },
    verticalRanks: { ...nullRanks(), recoveryRate: 25 },
    ...overrides,
  };
}

describe('snapshot records', () => {
  it('write counts, percent rates, rate numerators, rounded seconds and both ranks', () => {
    const r = snapshotRecord(day(), 'a01000000000001AAA');
    expect(r).toMatchObject({
      Snapshot_Key__c: 'phoenix|2026-11-01',
      Name: 'Phoenix 2026-11-01',
      Location__c: 'a01000000000001AAA',
      Date__c: '2026-11-01',
      Missed__c: 3,
      Attempted_Within_SLA__c: 2,
      Revenue__c: 350.5,
      Contacted_After_Attempt__c: 2,
      Booked_After_Contact__c: 1,
      Won_After_Booking__c: 1,
      Attempt_Rate__c: 100,
      SLA_Met_Rate__c: 66.67,
      Booking_Rate__c: 50,
      Callback_P50_Seconds__c: 240,
      Callback_P90_Seconds__c: 1800,
      SLA_Met_Rank_Account__c: 33.33,
      Recovery_Rank_Account__c: 12.5,
      Recovery_Rank_Vertical__c: 25,
      Attempt_Rank_Vertical__c: null,
    });
    expect(Object.keys(r)).toHaveLength(4 + 6 + 1 + 3 + 2 + 18);
  });

  it('leave rates and ranks empty when there was nothing to divide', () => {
    const r = snapshotRecord(
      day({
        figures: {
          ...day().figures,
          missed: 0,
          attempted: 0,
          attemptedWithinSla: 0,
          contacted: 0,
          booked: 0,
          won: 0,
          revenue: 0,
          attemptRate: null,
          slaMetRate: null,
          contactRate: null,
          bookingRate: null,
          revenueRate: null,
          recoveryRate: null,
          callbackSeconds: { p50: null, p90: null },
        },
        accountRanks: nullRanks(),
        verticalRanks: null,
      }),
      'a01',
    );
    expect(r.Recovery_Rate__c).toBeNull();
    expect(r.Contacted_After_Attempt__c).toBe(0);
    expect(r.Callback_P50_Seconds__c).toBeNull();
    expect(r.Recovery_Rank_Vertical__c).toBeNull();
  });

  it('keep names within the 80 characters of a Name field', () => {
    const long = { ...phoenix, name: 'L'.repeat(120) };
    expect(String(locationRecord(long).Name)).toHaveLength(80);
    expect(String(snapshotRecord(day({ location: long }), 'a01').Name)).toHaveLength(80);
    expect(locationRecord(phoenix)).toEqual({
      Location_Id__c: 'phoenix',
      Name: 'Phoenix',
      Time_Zone__c: 'America/Phoenix',
      Vertical__c: 'hvac',
    });
  });

  it('digest the same fields the same way, whatever their order, and any change differently', () => {
    const r = snapshotRecord(day(), 'a01');
    const reordered = Object.fromEntries(Object.entries(r).reverse());
    expect(digestOf(reordered)).toBe(digestOf(r));
    expect(digestOf({ ...r, Won__c: 2 })).not.toBe(digestOf(r));
    expect(digestOf({ ...r, Location__c: 'a02' })).not.toBe(digestOf(r));
    expect(snapshotKey('phoenix', '2026-11-01')).toBe('phoenix|2026-11-01');
  });
});
