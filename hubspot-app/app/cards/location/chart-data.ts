/**
 * The location card's chart series, derived from the backend's answer. Rates become percentages
 * with one decimal (what the chart's axis and tooltip show); days without missed calls have no rate
 * and are left out of the line rather than drawn as 0 %.
 */
import type { LocationRecovery } from '../lib/types.ts';

export function dailyRecoverySeries(daily: LocationRecovery['daily']): Array<{ date: string; recoveryRate: number }> {
  return daily
    .filter((d): d is typeof d & { recoveryRate: number } => d.recoveryRate !== null)
    .map((d) => ({ date: d.date, recoveryRate: Math.round(d.recoveryRate * 1000) / 10 }));
}

export function funnelSeries(s: LocationRecovery['summary']): Array<{ stage: string; calls: number }> {
  return [
    { stage: 'Missed', calls: s.missed },
    { stage: 'Called back', calls: s.attempted },
    { stage: 'Within SLA', calls: s.attemptedWithinSla },
    { stage: 'Reached', calls: s.contacted },
    { stage: 'Booked', calls: s.booked },
    { stage: 'Won', calls: s.won },
  ];
}

export function callbackDelaySeries(
  histogram: LocationRecovery['callbackHistogram'],
): Array<{ delay: string; calls: number }> {
  return histogram.map((h) => ({ delay: h.bucket, calls: h.count }));
}
