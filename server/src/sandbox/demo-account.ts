/**
 * The `demo` sandbox account `npm start` creates when nothing is configured: twelve locations in
 * different zones and verticals, bound to the built-in HubSpot-compatible sandbox CRM, and the people
 * who call them. Its keys are sandbox values, not secrets of anyone's. Phone numbers use the 555-01xx
 * range reserved for fiction (tracking numbers end 0100, people 0110–0199).
 *
 * Other sandbox parts agree through these ids: the HubSpot seed creates owners 71000001–71000007 and
 * a contact for each of `DEMO_PEOPLE`; the history generator and the traffic simulator call from them.
 */
import type { AccountInput, LocationInput } from '../config/file-schema.ts';

export const DEMO_ACCOUNT_ID = 'demo';
export const DEMO_PORTAL_ID = 990001;
export const DEMO_HUBSPOT_TOKEN = 'pat-sandbox-demo';
export const DEMO_CALLRAIL_SIGNING_KEY = 'sandbox-callrail-signing-key';
export const DEMO_GENERIC_SECRET = 'sandbox-generic-secret';

/** The sandbox CRM's owners (HubSpot user ids), as the HubSpot seed creates them. */
export const DEMO_OWNER_IDS = [
  '71000001',
  '71000002',
  '71000003',
  '71000004',
  '71000005',
  '71000006',
  '71000007',
] as const;

const weekdays = (hours: string) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

interface DemoLocationSeed {
  id: string;
  name: string;
  timezone: string;
  vertical: string;
  /** Area code of the location's numbers (each location has its own). */
  areaCode: string;
  businessHours: Record<string, string>;
  owners: string[];
  /** Relative call volume (1 = an average location). */
  volume: number;
  /** How well the location works its misses, 0–1: laggards are low. Drives generated history. */
  discipline: number;
}

const o = DEMO_OWNER_IDS;

export const DEMO_LOCATIONS: readonly DemoLocationSeed[] = [
  {
    id: 'phoenix',
    name: 'Phoenix',
    timezone: 'America/Phoenix',
    vertical: 'hvac',
    areaCode: '480',
    businessHours: { ...weekdays('08:00-18:00'), sat: '09:00-13:00' },
    owners: [o[0], o[1], o[2]],
    volume: 1.6,
    discipline: 0.8,
  },
  {
    id: 'chicago',
    name: 'Chicago',
    timezone: 'America/Chicago',
    vertical: 'plumbing',
    areaCode: '312',
    businessHours: { ...weekdays('07:00-12:00,13:00-19:00'), sat: '08:00-14:00' },
    owners: [o[3], o[4]],
    volume: 1.3,
    discipline: 0.7,
  },
  {
    id: 'brooklyn',
    name: 'Brooklyn Smiles',
    timezone: 'America/New_York',
    vertical: 'dental',
    areaCode: '718',
    businessHours: weekdays('09:00-17:00'),
    owners: [o[5], o[6]],
    volume: 0.9,
    discipline: 0.9,
  },
  {
    id: 'dallas',
    name: 'Dallas',
    timezone: 'America/Chicago',
    vertical: 'hvac',
    areaCode: '214',
    businessHours: { ...weekdays('07:30-18:30'), sat: '08:00-12:00' },
    owners: [o[0], o[3]],
    volume: 1.4,
    discipline: 0.55,
  },
  {
    id: 'houston',
    name: 'Houston',
    timezone: 'America/Chicago',
    vertical: 'plumbing',
    areaCode: '713',
    businessHours: { ...weekdays('07:00-18:00'), sat: '08:00-13:00' },
    owners: [o[4], o[1]],
    volume: 1.2,
    discipline: 0.35,
  },
  {
    id: 'denver',
    name: 'Denver',
    timezone: 'America/Denver',
    vertical: 'hvac',
    areaCode: '303',
    businessHours: weekdays('08:00-17:00'),
    owners: [o[2], o[0]],
    volume: 1.0,
    discipline: 0.75,
  },
  {
    id: 'seattle',
    name: 'Seattle',
    timezone: 'America/Los_Angeles',
    vertical: 'plumbing',
    areaCode: '206',
    businessHours: { ...weekdays('08:00-17:30'), sat: '09:00-12:00' },
    owners: [o[3], o[4]],
    volume: 0.8,
    discipline: 0.85,
  },
  {
    id: 'san-diego',
    name: 'San Diego',
    timezone: 'America/Los_Angeles',
    vertical: 'hvac',
    areaCode: '619',
    businessHours: weekdays('08:00-17:00'),
    owners: [o[1], o[2]],
    volume: 0.9,
    discipline: 0.6,
  },
  {
    id: 'miami-spa',
    name: 'Miami Glow Med Spa',
    timezone: 'America/New_York',
    vertical: 'med_spa',
    areaCode: '305',
    businessHours: { ...weekdays('10:00-19:00'), sat: '10:00-16:00' },
    owners: [o[5]],
    volume: 0.7,
    discipline: 0.5,
  },
  {
    id: 'austin-dental',
    name: 'Austin Family Dental',
    timezone: 'America/Chicago',
    vertical: 'dental',
    areaCode: '512',
    businessHours: weekdays('08:00-17:00'),
    owners: [o[6], o[5]],
    volume: 0.8,
    discipline: 0.8,
  },
  {
    id: 'atlanta-law',
    name: 'Atlanta Injury Intake',
    timezone: 'America/New_York',
    vertical: 'legal',
    areaCode: '404',
    businessHours: weekdays('08:30-18:00'),
    owners: [o[6]],
    volume: 0.6,
    discipline: 0.45,
  },
  {
    id: 'tampa-insurance',
    name: 'Tampa Insurance Desk',
    timezone: 'America/New_York',
    vertical: 'insurance',
    areaCode: '813',
    businessHours: weekdays('09:00-17:00'),
    owners: [o[5], o[6]],
    volume: 0.6,
    discipline: 0.65,
  },
];

export function demoTrackingNumber(location: Pick<DemoLocationSeed, 'areaCode'>): string {
  return `+1${location.areaCode}5550100`;
}

function demoLocation(seed: DemoLocationSeed): LocationInput {
  return {
    id: seed.id,
    name: seed.name,
    timezone: seed.timezone,
    vertical: seed.vertical,
    trackingNumbers: [demoTrackingNumber(seed)],
    businessHours: seed.businessHours,
    holidays: seed.vertical === 'dental' ? ['2026-12-25', '2027-01-01'] : ['2026-12-25'],
    owners: seed.owners,
    unavailableOwners: [],
  };
}

export function demoAccount(sandboxCrmBaseUrl: string): AccountInput {
  return {
    id: DEMO_ACCOUNT_ID,
    name: 'Demo Home Services',
    timezone: 'America/Chicago',
    currency: 'USD',
    crm: { hubspot: { accessToken: DEMO_HUBSPOT_TOKEN, portalId: DEMO_PORTAL_ID, baseUrl: sandboxCrmBaseUrl } },
    callTracking: {
      callrail: { signingKey: DEMO_CALLRAIL_SIGNING_KEY },
      generic: { secret: DEMO_GENERIC_SECRET },
    },
    locations: DEMO_LOCATIONS.map(demoLocation),
  };
}

/** A customer of the demo business: a CRM contact in the sandbox HubSpot, and an existing-customer caller. */
export interface DemoPerson {
  firstName: string;
  lastName: string;
  /** E.164. */
  phone: string;
  email: string;
  locationId: string;
  ownerId: string;
}

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Robert',
  'Linh',
  'Carlos',
  'Emily',
  'David',
  'Priya',
  'Michael',
  'Sofia',
  'Daniel',
  'Grace',
  'Omar',
  'Hannah',
  'Luis',
  'Chloe',
  'Ethan',
  'Fatima',
  'Noah',
  'Olivia',
  'Mateo',
  'Ava',
  'Samuel',
];
const LAST = [
  'Garcia',
  'Johnson',
  'Khan',
  'Miller',
  'Nguyen',
  'Rodriguez',
  'Clark',
  'Brown',
  'Patel',
  'Davis',
  'Martinez',
  'Wilson',
  'Lee',
  'Haddad',
  'Anderson',
  'Lopez',
  'Thompson',
  'White',
  'Ali',
  'Harris',
  'Moore',
  'Hernandez',
  'Young',
  'King',
];

/** Four people per location (48), numbers 555-0110 + n in the location's area code. */
export const DEMO_PEOPLE: readonly DemoPerson[] = DEMO_LOCATIONS.flatMap((location, li) =>
  [0, 1, 2, 3].map((k): DemoPerson => {
    const n = li * 4 + k;
    const firstName = FIRST[n % FIRST.length]!;
    const lastName = LAST[(n * 7 + 3) % LAST.length]!;
    return {
      firstName,
      lastName,
      phone: `+1${location.areaCode}55501${String(10 + k).padStart(2, '0')}`,
      email: `${firstName}.${lastName}${n}@example.com`.toLowerCase(),
      locationId: location.id,
      ownerId: location.owners[k % location.owners.length]!,
    };
  }),
);
