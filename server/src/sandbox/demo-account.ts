/**
 * The `demo` sandbox account `npm start` creates when nothing is configured: three locations in
 * different zones and verticals, bound to the built-in HubSpot-compatible sandbox CRM. Its keys are
 * sandbox values, not secrets of anyone's.
 */
import type { AccountInput } from '../config/file-schema.ts';

export const DEMO_ACCOUNT_ID = 'demo';
export const DEMO_PORTAL_ID = 990001;
export const DEMO_HUBSPOT_TOKEN = 'pat-sandbox-demo';
export const DEMO_CALLRAIL_SIGNING_KEY = 'sandbox-callrail-signing-key';

const weekdays = (hours: string) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

export function demoAccount(sandboxCrmBaseUrl: string): AccountInput {
  return {
    id: DEMO_ACCOUNT_ID,
    name: 'Demo Home Services',
    timezone: 'America/Chicago',
    currency: 'USD',
    crm: { hubspot: { accessToken: DEMO_HUBSPOT_TOKEN, portalId: DEMO_PORTAL_ID, baseUrl: sandboxCrmBaseUrl } },
    callTracking: {
      callrail: { signingKey: DEMO_CALLRAIL_SIGNING_KEY },
      generic: { secret: 'sandbox-generic-secret' },
    },
    locations: [
      {
        id: 'phoenix',
        name: 'Phoenix',
        timezone: 'America/Phoenix',
        vertical: 'hvac',
        trackingNumbers: ['+14805550100'],
        businessHours: { ...weekdays('08:00-18:00'), sat: '09:00-13:00' },
        holidays: ['2026-12-25'],
        owners: ['71000001', '71000002', '71000003'],
        unavailableOwners: [],
      },
      {
        id: 'chicago',
        name: 'Chicago',
        timezone: 'America/Chicago',
        vertical: 'plumbing',
        trackingNumbers: ['+13125550100'],
        businessHours: { ...weekdays('07:00-12:00,13:00-19:00'), sat: '08:00-14:00' },
        holidays: ['2026-12-25'],
        owners: ['71000004', '71000005'],
        unavailableOwners: [],
      },
      {
        id: 'brooklyn',
        name: 'Brooklyn Smiles',
        timezone: 'America/New_York',
        vertical: 'dental',
        trackingNumbers: ['+17185550100'],
        businessHours: weekdays('09:00-17:00'),
        holidays: ['2026-12-25', '2027-01-01'],
        owners: ['71000006', '71000007'],
        unavailableOwners: [],
      },
    ],
  };
}
