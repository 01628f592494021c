/**
 * The Phoenix scenario from the product story: on a Tuesday the Phoenix HVAC location misses 12
 * calls — 4 from existing customers, 8 from new leads, 4 of them leaving voicemails. The customers
 * are known because each had an answered call with the location a month earlier (sent first, as
 * CallRail would have). Everything is real CallRail post-call bodies with stable call ids, so running
 * the scenario twice changes nothing.
 */
import { scriptOf } from './call-scripts.ts';
import {
  callRailId,
  inboundDelivery,
  type CallRailDelivery,
  type InboundCall,
  type InboundResult,
} from './callrail-calls.ts';
import { DEMO_PEOPLE, type DemoPerson } from './demo-account.ts';
import { addDays, offsetMinutes, weekdayOf, zonedInstant } from './zone-time.ts';

export const PHOENIX_TIMEZONE = 'America/Phoenix';
export const PHOENIX_TRACKING = '+14805550100';

export interface PhoenixMiss {
  call: InboundCall;
  existingCustomer: boolean;
}

export interface PhoenixScenario {
  /** The Tuesday (local date in Phoenix). */
  date: string;
  /** Answered calls a month earlier that make the four customers known. */
  priorCalls: CallRailDelivery[];
  misses: PhoenixMiss[];
}

/** The latest Tuesday strictly before `now`'s local date in Phoenix. */
export function lastTuesday(now: Date): string {
  const local = new Date(now.getTime() + offsetMinutes(now, PHOENIX_TIMEZONE) * 60_000).toISOString().slice(0, 10);
  let date = addDays(local, -1);
  while (weekdayOf(date) !== 'tue') date = addDays(date, -1);
  return date;
}

/** Local minute, caller, what happened: the day as it went. */
const DAY: ReadonlyArray<{ minute: number; who: 'customer' | 'lead'; result: InboundResult; duration: number }> = [
  { minute: 8 * 60 + 12, who: 'lead', result: 'no_answer', duration: 24 },
  { minute: 8 * 60 + 47, who: 'customer', result: 'no_answer', duration: 31 },
  { minute: 9 * 60 + 30, who: 'lead', result: 'voicemail', duration: 38 },
  { minute: 10 * 60 + 5, who: 'lead', result: 'no_answer', duration: 27 },
  { minute: 10 * 60 + 41, who: 'customer', result: 'voicemail', duration: 44 },
  { minute: 11 * 60 + 58, who: 'lead', result: 'abandoned', duration: 9 },
  { minute: 12 * 60 + 20, who: 'lead', result: 'no_answer', duration: 22 },
  { minute: 13 * 60 + 15, who: 'customer', result: 'no_answer', duration: 29 },
  { minute: 14 * 60 + 2, who: 'lead', result: 'voicemail', duration: 41 },
  { minute: 15 * 60 + 33, who: 'lead', result: 'no_answer', duration: 26 },
  { minute: 16 * 60 + 10, who: 'customer', result: 'voicemail', duration: 36 },
  { minute: 17 * 60 + 25, who: 'lead', result: 'no_answer', duration: 25 },
];

const LEAD_NAMES = [
  'Dana Whitfield',
  null,
  'Marcus Bell',
  'WIRELESS CALLER',
  'Elena Ruiz',
  'Tom Becker',
  null,
  'Priya Shah',
];
const LEAD_SOURCES = [
  'Google Ads',
  'Local Services Ads',
  'Google Ads',
  'Google Business Profile',
  'Yelp',
  'Google Ads',
  'Facebook',
  'Google Organic',
];

function customerVoicemail(person: DemoPerson): string {
  return `Hi, it's ${person.firstName} ${person.lastName}. The unit you put in last spring is rattling again, could someone call me back? Thanks.`;
}

export function phoenixScenario(
  now: Date,
  options: { trackingE164?: string; companyName?: string; people?: readonly DemoPerson[] } = {},
): PhoenixScenario {
  const date = lastTuesday(now);
  const tracking = options.trackingE164 ?? PHOENIX_TRACKING;
  const companyName = options.companyName ?? 'Demo Home Services';
  const customers = (options.people ?? DEMO_PEOPLE.filter((p) => p.locationId === 'phoenix')).slice(0, 4);
  if (customers.length < 4) throw new Error('the Phoenix scenario needs four known customers');
  const base = { trackingE164: tracking, timezone: PHOENIX_TIMEZONE, companyName, spam: false };

  const priorCalls = customers.map((p, i) =>
    inboundDelivery({
      ...base,
      callId: callRailId('phoenix-scenario-prior', date, p.phone),
      startedAt: zonedInstant(addDays(date, -30 + i), 10 * 60 + i * 17, PHOENIX_TIMEZONE),
      callerE164: p.phone,
      callerName: `${p.firstName} ${p.lastName}`,
      result: 'answered',
      durationSeconds: 180 + i * 40,
      source: 'Direct',
      transcript: null,
      firstCall: false,
    }),
  );

  let lead = 0;
  let customer = 0;
  let leadVoicemail = 0;
  const misses = DAY.map((slot, i): PhoenixMiss => {
    const startedAt = zonedInstant(date, slot.minute, PHOENIX_TIMEZONE);
    startedAt.setUTCSeconds((i * 7) % 60);
    if (slot.who === 'customer') {
      const person = customers[customer++]!;
      return {
        existingCustomer: true,
        call: {
          ...base,
          callId: callRailId('phoenix-scenario', date, i),
          startedAt,
          callerE164: person.phone,
          callerName: `${person.firstName} ${person.lastName}`,
          result: slot.result,
          durationSeconds: slot.duration,
          source: 'Direct',
          transcript: slot.result === 'voicemail' ? customerVoicemail(person) : null,
          firstCall: false,
        },
      };
    }
    const n = lead++;
    // The first lead voicemail is an emergency (no cooling), the second a quote request.
    const transcript =
      slot.result === 'voicemail' ? scriptOf('hvac', leadVoicemail++ === 0 ? 'urgent' : 'routine', 0) : null;
    return {
      existingCustomer: false,
      call: {
        ...base,
        callId: callRailId('phoenix-scenario', date, i),
        startedAt,
        callerE164: `+16025550${120 + n}`,
        callerName: LEAD_NAMES[n] ?? null,
        result: slot.result,
        durationSeconds: slot.duration,
        source: LEAD_SOURCES[n] ?? 'Google Ads',
        transcript,
        firstCall: true,
      },
    };
  });
  return { date, priorCalls, misses };
}
