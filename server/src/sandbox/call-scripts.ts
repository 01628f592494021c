/**
 * What demo callers say and where they come from, per vertical: source labels as CallRail sends them,
 * voicemail transcripts (urgent, routine, about existing work), names, and what a won job is worth.
 * The words are chosen so Ringback's own classification (intent, urgency) reads them the way a person
 * would: "no heat" is urgent for HVAC, "reschedule" is service.
 */
import { pick, weighted, between, chance, type Rng } from './random.ts';

export const SOURCES: ReadonlyArray<readonly [string, number]> = [
  ['Google Ads', 30],
  ['Google Business Profile', 20],
  ['Google Organic', 15],
  ['Local Services Ads', 10],
  ['Yelp', 8],
  ['Facebook', 7],
  ['Direct', 7],
  ['Bing Ads', 3],
];

export const pickSource = (rng: Rng): string => weighted(rng, SOURCES);

type Scripts = { urgent: readonly string[]; routine: readonly string[]; service: readonly string[] };

const SCRIPTS: Readonly<Record<string, Scripts>> = {
  hvac: {
    urgent: [
      'Hi, our AC is not cooling at all and it is 110 outside, please call me back as soon as you can.',
      'We have no heat, the furnace just stopped, I have two small kids at home. Please call back.',
      'Hello, there is a gas smell near the furnace in the basement, this is urgent.',
    ],
    routine: [
      'Hi, I would like a quote for a new air conditioning system for a 2,000 square foot house.',
      'Calling to schedule a tune-up for our unit before summer. Thanks.',
      'Hi, I saw your ad, do you install heat pumps? Please give me a call.',
    ],
    service: [
      'Hi, this is about my invoice from last week, I think I was charged twice.',
      'I need to reschedule the technician visit for Thursday, please call me.',
    ],
  },
  plumbing: {
    urgent: [
      'Water is leaking through the ceiling from the upstairs bathroom, please call right away.',
      'Our basement is flooding, the sump pump died. Call me back please.',
      'We have no hot water and the heater is making a banging noise.',
    ],
    routine: [
      'Hi, I need a quote to replace a kitchen faucet and a garbage disposal.',
      'Looking to get a water softener installed, please call me back.',
      'Can someone come look at a slow drain in the bathroom this week?',
    ],
    service: [
      'Calling to follow up on the estimate you sent for the repipe.',
      'I need to reschedule tomorrow morning, something came up.',
    ],
  },
  dental: {
    urgent: [
      'Hi, I have a lot of pain in my back tooth and some swelling, can I be seen today?',
      'My son broke his tooth playing soccer, please call me back.',
    ],
    routine: [
      'Hi, I am new in the area and looking for a dentist for a cleaning. Do you take Delta Dental?',
      'I would like to ask about Invisalign for my daughter.',
      'Calling to book a checkup and cleaning, thanks.',
    ],
    service: [
      'I need to reschedule my appointment on Friday.',
      'I have a question about the billing for my last visit.',
    ],
  },
  med_spa: {
    urgent: ['I had a treatment yesterday and I have swelling and a reaction around my eyes, please call.'],
    routine: [
      'Hi, I wanted to ask about pricing for Botox and whether you have openings this month.',
      'Calling about the laser hair removal package I saw on Instagram.',
      'Do you do consultations for fillers? Please call me back.',
    ],
    service: ['I need to reschedule my facial on Saturday.'],
  },
  legal: {
    urgent: [
      'I was in a car accident yesterday and the other driver ran a red light. I need to talk to someone.',
      'My husband was injured at work and they are refusing to pay, please call me.',
    ],
    routine: [
      'Hi, I have a question about a slip and fall at a grocery store last month.',
      'I would like a consultation about a dog bite injury to my daughter.',
    ],
    service: ['Calling to follow up on my case, I have not heard anything in two weeks.'],
  },
  insurance: {
    urgent: ['I need to file a claim, my car was totaled this morning.'],
    routine: [
      'Hi, I am shopping for home and auto insurance, can you give me a quote?',
      'Looking for a quote on renters insurance for a new apartment.',
      'I would like to compare rates for my small business policy.',
    ],
    service: ['I have a question about my billing, the payment did not go through.'],
  },
};

const WRONG_NUMBER = 'Oh sorry, wrong number.';

export type ScriptKind = 'urgent' | 'routine' | 'service' | 'wrong';

/** A voicemail transcript for the vertical (routine most of the time). */
export function voicemailScript(
  rng: Rng,
  vertical: string | null,
  existingCustomer: boolean,
): { kind: ScriptKind; text: string } {
  const scripts = SCRIPTS[vertical ?? ''] ?? SCRIPTS.hvac!;
  const kind = weighted<ScriptKind>(rng, [
    ['urgent', 22],
    ['routine', existingCustomer ? 30 : 65],
    ['service', existingCustomer ? 45 : 8],
    ['wrong', 3],
  ]);
  return { kind, text: kind === 'wrong' ? WRONG_NUMBER : pick(rng, scripts[kind]) };
}

/** The one script for a vertical and kind (for scenarios that need a given story). */
export function scriptOf(vertical: string, kind: Exclude<ScriptKind, 'wrong'>, index: number): string {
  const list = (SCRIPTS[vertical] ?? SCRIPTS.hvac!)[kind];
  return list[index % list.length]!;
}

const FIRST = [
  'Alex',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Parker',
  'Rowan',
  'Dakota',
  'Skyler',
  'Reese',
  'Emerson',
  'Finley',
];
const LAST = [
  'Reyes',
  'Brooks',
  'Bennett',
  'Foster',
  'Hayes',
  'Morales',
  'Price',
  'Sanders',
  'Ward',
  'Coleman',
  'Perry',
  'Long',
  'Powell',
  'Jenkins',
  'Russell',
  'Ortiz',
];

/** CallRail fills `customer_name` from caller id: often a name, sometimes a city or nothing. */
export function callerIdName(rng: Rng): string | null {
  if (chance(rng, 0.25)) return null;
  if (chance(rng, 0.1)) return 'WIRELESS CALLER';
  return `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
}

/** What a won job is worth, by vertical (a repair most of the time, sometimes a big install). */
export function jobValue(rng: Rng, vertical: string | null): number {
  const v = vertical ?? '';
  const big = chance(rng, 0.15);
  const [lo, hi] =
    v === 'hvac'
      ? big
        ? [6500, 14000]
        : [180, 950]
      : v === 'plumbing'
        ? big
          ? [3500, 9000]
          : [150, 850]
        : v === 'dental'
          ? big
            ? [1800, 5500]
            : [120, 600]
          : v === 'med_spa'
            ? big
              ? [1500, 4000]
              : [250, 900]
            : v === 'legal'
              ? big
                ? [12000, 45000]
                : [1500, 6000]
              : v === 'insurance'
                ? big
                  ? [2500, 6000]
                  : [400, 1800]
                : [200, 1000];
  return Math.round(between(rng, lo, hi) / 5) * 5;
}

/** How likely a reached caller books, by vertical. */
export function bookingOdds(vertical: string | null, existingCustomer: boolean): number {
  const base = vertical === 'legal' ? 0.3 : vertical === 'insurance' ? 0.35 : vertical === 'med_spa' ? 0.45 : 0.55;
  return Math.min(0.9, existingCustomer ? base + 0.2 : base);
}
