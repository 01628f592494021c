/**
 * The missed calls of one location on one local day of generated history: how many (volume, weekday,
 * season), when (mostly in open hours), from whom (new local leads, some of the location's existing
 * customers), what kind (no answer, voicemail, abandoned, spam, a repeat dial) and what they said.
 * Seeded by location and date, so the same day is always the same calls.
 */
import type { BusinessHours } from '@ringback/shared';
import { callerIdName, pickSource, voicemailScript } from './call-scripts.ts';
import { callRailId, type InboundCall } from './callrail-calls.ts';
import type { DemoPerson } from './demo-account.ts';
import { chance, intBetween, pick, poisson, rngFor, weighted, type Rng } from './random.ts';
import type { SimLocation } from './sim-locations.ts';
import { epochDay, weekdayOf, zonedInstant } from './zone-time.ts';

export interface PlannedMiss {
  call: InboundCall;
  locationId: string;
  /** The caller is one of the location's known customers. */
  existingCustomer: boolean;
  /** The call this one repeats (same caller, minutes later). */
  repeatOfCallId: string | null;
  /** The voicemail asked for help now. */
  urgent: boolean;
}

export interface PlanContext {
  companyName: string;
  /** The location's known customers. */
  people: readonly DemoPerson[];
}

const NEW_LEADS_PER_DAY = 20;

/** Open minutes of the local day, as [open, close) pairs; null hours = open all day. */
function openIntervals(hours: BusinessHours | null, date: string): Array<[number, number]> {
  if (hours === null) return [[0, 1440]];
  if (hours.holidays.includes(date)) return [];
  return (hours.days[weekdayOf(date)] ?? []).map((i) => [i.openMinute, i.closeMinute]);
}

function season(vertical: string | null, month: number): number {
  const phase = Math.abs(Math.cos((Math.PI * (month - 1)) / 6)); // 1 in Jan and Jul, 0 in Apr and Oct
  if (vertical === 'hvac') return 0.75 + 0.5 * phase;
  if (vertical === 'plumbing') return 0.95 + 0.2 * Math.cos((Math.PI * (month - 1)) / 6);
  return 1;
}

function minuteOfCall(rng: Rng, open: Array<[number, number]>): number {
  const total = open.reduce((s, [a, b]) => s + (b - a), 0);
  if (total > 0 && chance(rng, 0.8)) {
    let r = rng.next() * total;
    for (const [a, b] of open) {
      if (r < b - a) return Math.floor(a + r);
      r -= b - a;
    }
  }
  // After hours: evenings, early mornings and closed days, 06:00–22:00.
  for (let tries = 0; tries < 20; tries++) {
    const minute = intBetween(rng, 6 * 60, 22 * 60 - 1);
    if (!open.some(([a, b]) => minute >= a && minute < b)) return minute;
  }
  return intBetween(rng, 6 * 60, 22 * 60 - 1);
}

/** A local caller's number, unique per location for about a year of days. */
export function leadNumber(areaCode: string, date: string, index: number): string {
  return `+1${areaCode}555${2000 + (epochDay(date) % 390) * NEW_LEADS_PER_DAY + index}`;
}

export function planLocationDay(location: SimLocation, date: string, ctx: PlanContext): PlannedMiss[] {
  const rng = rngFor('history', location.id, date);
  const open = openIntervals(location.hours, date);
  const weekday = weekdayOf(date);
  const dow = weekday === 'sun' ? 0.25 : open.length === 0 ? 0.3 : weekday === 'sat' ? 0.55 : 1;
  const month = Number(date.slice(5, 7));
  const mean = 3 * location.volume * dow * season(location.vertical, month);
  const planned: PlannedMiss[] = [];

  const count = Math.min(NEW_LEADS_PER_DAY, poisson(rng, mean));
  for (let i = 0; i < count; i++) {
    const minute = minuteOfCall(rng, open);
    const startedAt = zonedInstant(date, minute, location.timezone);
    startedAt.setUTCSeconds(intBetween(rng, 0, 59));
    const noise = chance(rng, 0.03);
    const providerSpam = !noise && chance(rng, 0.04);
    const result = noise
      ? 'abandoned'
      : weighted(rng, [
          ['no_answer', 45],
          ['voicemail', 35],
          ['abandoned', 20],
        ] as const);
    const script = result === 'voicemail' ? voicemailScript(rng, location.vertical, false) : null;
    const call: InboundCall = {
      callId: callRailId('history', location.id, date, i),
      startedAt,
      callerE164: leadNumber(location.areaCode, date, i),
      callerName: callerIdName(rng),
      trackingE164: location.trackingE164,
      result,
      durationSeconds: noise
        ? 2
        : result === 'abandoned'
          ? intBetween(rng, 6, 14)
          : result === 'voicemail'
            ? intBetween(rng, 20, 75)
            : intBetween(rng, 18, 40),
      source: pickSource(rng),
      transcript: script?.text ?? null,
      firstCall: true,
      spam: providerSpam,
      timezone: location.timezone,
      companyName: ctx.companyName,
    };
    planned.push({
      call,
      locationId: location.id,
      existingCustomer: false,
      repeatOfCallId: null,
      urgent: script?.kind === 'urgent',
    });
    if (!noise && !providerSpam && result !== 'voicemail' && chance(rng, 0.05)) {
      planned.push({
        call: {
          ...call,
          callId: callRailId('history', location.id, date, i, 'repeat'),
          startedAt: new Date(startedAt.getTime() + intBetween(rng, 3, 20) * 60_000),
          result: 'no_answer',
          durationSeconds: intBetween(rng, 18, 30),
        },
        locationId: location.id,
        existingCustomer: false,
        repeatOfCallId: call.callId,
        urgent: false,
      });
    }
  }

  // Each known customer misses a call every seven or eight weeks.
  ctx.people.forEach((person, k) => {
    if ((epochDay(date) + k * 11 + location.id.length) % 53 !== 0) return;
    const minute = minuteOfCall(rng, open);
    const voicemail = chance(rng, 0.5);
    const script = voicemail ? voicemailScript(rng, location.vertical, true) : null;
    planned.push({
      call: {
        callId: callRailId('history', location.id, date, 'customer', person.phone),
        startedAt: zonedInstant(date, minute, location.timezone),
        callerE164: person.phone,
        callerName: `${person.firstName} ${person.lastName}`,
        trackingE164: location.trackingE164,
        result: voicemail ? 'voicemail' : 'no_answer',
        durationSeconds: voicemail ? intBetween(rng, 20, 60) : intBetween(rng, 18, 40),
        source: pick(rng, ['Direct', 'Google Organic', 'Google Business Profile']),
        transcript: script && script.kind !== 'wrong' ? script.text : null,
        firstCall: false,
        spam: false,
        timezone: location.timezone,
        companyName: ctx.companyName,
      },
      locationId: location.id,
      existingCustomer: true,
      repeatOfCallId: null,
      urgent: script?.kind === 'urgent',
    });
  });
  return planned.sort((a, b) => a.call.startedAt.getTime() - b.call.startedAt.getTime());
}
