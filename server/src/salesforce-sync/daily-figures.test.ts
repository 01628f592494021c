import { describe, expect, it } from 'vitest';
import { emptyCounts, recoveryFigures, type RecoveryFigures } from '../../../shared/src/recovery-metrics.ts';
import { snapshotsOfDay } from './daily-figures.ts';

const loc = (id: string, vertical: string | null) => ({ id, name: id, timezone: 'America/Phoenix', vertical });
const locations = [loc('a', 'hvac'), loc('b', 'hvac'), loc('c', 'plumbing'), loc('d', null), loc('e', 'hvac')];

function figures(missed: number, contacted: number): RecoveryFigures {
  const counts = {
    ...emptyCounts(),
    missed,
    attempted: missed,
    attemptedWithinSla: missed,
    contacted,
    attemptedAndContacted: contacted,
  };
  return recoveryFigures(counts, null);
}

describe('snapshotsOfDay', () => {
  const byDay = new Map([
    ['a', figures(10, 1)],
    ['b', figures(10, 5)],
    ['c', figures(10, 8)],
    ['d', figures(10, 8)],
  ]);

  it('ranks every location with figures that day among the account and its vertical', () => {
    const snaps = snapshotsOfDay('2026-11-01', locations, byDay, new Set(['a']));
    expect(snaps.map((s) => s.location.id)).toEqual(['a', 'b', 'c', 'd']);
    const of = (id: string) => snaps.find((s) => s.location.id === id)!;
    expect(of('a').accountRanks.recoveryRate).toBe(12.5);
    expect(of('c').accountRanks.recoveryRate).toBe(75);
    expect(of('a').verticalRanks!.recoveryRate).toBe(25);
    expect(of('b').verticalRanks!.recoveryRate).toBe(75);
    expect(of('c').verticalRanks!.recoveryRate).toBe(50);
    expect(of('d').verticalRanks).toBeNull();
  });

  it('writes zeros for a wanted location whose day lost its cases', () => {
    const snaps = snapshotsOfDay('2026-11-01', locations, byDay, new Set(['e']));
    const e = snaps.find((s) => s.location.id === 'e')!;
    expect(e.figures.missed).toBe(0);
    expect(e.figures.recoveryRate).toBeNull();
    expect(e.accountRanks.recoveryRate).toBeNull();
    expect(e.verticalRanks!.recoveryRate).toBeNull();
  });
});
