import { describe, expect, it } from 'vitest';
import { parseConfigText } from './load-file.ts';

const MINIMAL = `
publicUrl: https://ringback.example.com
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/New_York
    currency: USD
    crm:
      hubspot: { accessToken: "pat-x", portalId: 123456 }
    callTracking:
      callrail: { signingKey: "k", apiKey: "a", accountId: "ACC1" }
      twilio: { authToken: "t" }
      invoca: { token: "i" }
      generic: { secret: "g" }
    locations:
      - id: phoenix
        name: Phoenix
        timezone: America/Phoenix
        vertical: hvac
        trackingNumbers: ["(480) 555-0100"]
        businessHours: { mon: "08:00-18:00", tue: "08:00-12:00,13:00-18:00", sat: "09:00-13:00" }
        holidays: ["2026-12-25"]
        owners: ["1234567"]
        policy: { sla: { highUrgency: 10m } }
    policy:
      sla: { highUrgency: 5m, newLead: 30m, existingCustomer: 4h, afterHours: nextOpen+15m }
      attributionWindow: { booking: 7d, revenue: 30d }
      contactMinTalkSeconds: 30
      repeatDialWindow: 30m
      noiseMaxSeconds: 5
      lostAfter: 7d
`;

describe('config file', () => {
  it('accepts the contract example and fills defaults', () => {
    const config = parseConfigText(MINIMAL, 'ringback.yaml');
    const account = config.accounts[0]!;
    expect(account.locations[0]?.policy?.sla?.highUrgency).toBe('10m');
    expect(account.crm?.hubspot?.portalId).toBe(123456);
    const json = parseConfigText(JSON.stringify({ accounts: [{ id: 'x', name: 'X' }] }), 'c.json');
    expect(json.accounts[0]).toMatchObject({ timezone: 'UTC', currency: 'USD', locations: [] });
  });

  it.each([
    ['an unknown top-level key', MINIMAL.replace('publicUrl:', 'publicURL:'), 'unknown key publicURL'],
    [
      'an unknown nested key',
      MINIMAL.replace('contactMinTalkSeconds', 'contactMinTalkSecs'),
      'unknown key accounts[0].policy.contactMinTalkSecs',
    ],
    ['a bad duration', MINIMAL.replace('newLead: 30m', 'newLead: 30 minutes'), 'accounts[0].policy.sla.newLead'],
    ['a bad after-hours rule', MINIMAL.replace('nextOpen+15m', 'next+15m'), 'accounts[0].policy.sla.afterHours'],
    [
      'an unknown time zone',
      MINIMAL.replace('America/Phoenix', 'America/Phoenixx'),
      'unknown IANA time zone America/Phoenixx',
    ],
    [
      'never-open business hours',
      MINIMAL.replace(/businessHours: \{[^}]*\}/, 'businessHours: {}'),
      'accounts[0].locations[0].businessHours',
    ],
    [
      'a closing before opening',
      MINIMAL.replace('08:00-18:00', '18:00-08:00'),
      'accounts[0].locations[0].businessHours',
    ],
    [
      'an account with two CRMs',
      MINIMAL.replace('crm:\n', 'crm:\n      salesforce: { instanceUrl: "https://x.my.salesforce.com" }\n'),
      'exactly one of hubspot or salesforce',
    ],
    ['a bad currency', MINIMAL.replace('currency: USD', 'currency: dollars'), 'accounts[0].currency'],
    [
      'an unparseable tracking number',
      MINIMAL.replace('(480) 555-0100', 'call us'),
      'trackingNumbers[0]: not a phone number',
    ],
  ])('stops on %s, naming the key and the file', (_name, text, expected) => {
    expect(() => parseConfigText(text, '/etc/ringback.yaml')).toThrowError(expected);
    expect(() => parseConfigText(text, '/etc/ringback.yaml')).toThrowError('/etc/ringback.yaml');
  });

  it('reports unparseable YAML and JSON with the file name', () => {
    expect(() => parseConfigText('accounts: [', 'bad.yaml')).toThrowError(/bad\.yaml is not valid YAML/);
    expect(() => parseConfigText('{"accounts": ', 'bad.json')).toThrowError(/bad\.json is not valid JSON/);
  });

  it('rejects the same tracking number on two locations', () => {
    const text = MINIMAL.replace(
      '    policy:\n      sla: { highUrgency: 5m',
      '      - { id: tempe, name: Tempe, timezone: America/Phoenix, trackingNumbers: ["+1 480 555 0100"] }\n    policy:\n      sla: { highUrgency: 5m',
    );
    expect(() => parseConfigText(text, 'c.yaml')).toThrowError('+14805550100 is already used by location phoenix');
  });
});
