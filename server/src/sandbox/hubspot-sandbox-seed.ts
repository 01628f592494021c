/**
 * The people of the sandbox HubSpot portal (990001): the seven owners the demo locations route to
 * and a contact for each of the demo's known callers (`DEMO_PEOPLE`, in the numbers' various typed
 * formats), most of them customers, some with won or open deals, plus a household sharing a number.
 * A sandbox miss from a known number attaches to its contact; any other number creates a lead.
 * Fictional names; 555-01xx numbers are reserved for fiction.
 */
import type { EmulatorState } from '../../../emulators/src/hubspot/index.ts';
import { DEMO_LOCATIONS, DEMO_PEOPLE, DEMO_PORTAL_ID } from './demo-account.ts';

/**
 * Signs the sandbox emulator's webhooks. The sandbox has no HubSpot app and therefore no client
 * secret; this value is public and accepted only for events of the sandbox portal.
 */
export const SANDBOX_HUBSPOT_CLIENT_SECRET = 'sandbox-hubspot-client-secret';

export const SANDBOX_OWNERS = [
  { id: '71000001', firstName: 'Maria', lastName: 'Delgado', email: 'maria.delgado@demo-home-services.example' },
  { id: '71000002', firstName: 'Kevin', lastName: 'Tran', email: 'kevin.tran@demo-home-services.example' },
  { id: '71000003', firstName: 'Ashley', lastName: 'Brooks', email: 'ashley.brooks@demo-home-services.example' },
  {
    id: '71000004',
    firstName: 'Darnell',
    lastName: 'Washington',
    email: 'darnell.washington@demo-home-services.example',
  },
  { id: '71000005', firstName: 'Katarzyna', lastName: 'Nowak', email: 'kasia.nowak@demo-home-services.example' },
  { id: '71000006', firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@demo-home-services.example' },
  { id: '71000007', firstName: 'Sam', lastName: 'Goldberg', email: 'sam.goldberg@demo-home-services.example' },
] as const;

/** Phone numbers as people and old imports typed them: search must match every format. */
function asTyped(e164: string, n: number): string {
  const d = e164.slice(2);
  const formats = [
    e164,
    `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
    `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
    `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
    `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
  ];
  return formats[n % formats.length]!;
}

const DEAL_NAMES: Record<string, string> = {
  hvac: 'AC replacement',
  plumbing: 'Water heater replacement',
  dental: 'Implant treatment plan',
  med_spa: 'Treatment package',
  legal: 'Injury claim retainer',
  insurance: 'Home and auto bundle',
};

export function seedSandboxPortal(state: EmulatorState, accessToken: string): void {
  state.addPortal(DEMO_PORTAL_ID, { accessToken });
  for (const o of SANDBOX_OWNERS)
    state.addOwner(DEMO_PORTAL_ID, { id: o.id, email: o.email, firstName: o.firstName, lastName: o.lastName });
  const base = Date.UTC(2026, 0, 5, 15, 0, 0);
  const verticals = new Map(DEMO_LOCATIONS.map((l) => [l.id, l.vertical]));
  DEMO_PEOPLE.forEach((person, i) => {
    const modified = new Date(base + i * 36 * 3_600_000).toISOString();
    // Mostly customers (the demo's existing-customer callers); some still open opportunities.
    const opportunity = i % 7 === 3;
    const contact = state.createObject(DEMO_PORTAL_ID, 'contacts', {
      firstname: person.firstName,
      lastname: person.lastName,
      phone: asTyped(person.phone, i),
      email: person.email,
      lifecyclestage: opportunity ? 'opportunity' : i % 11 === 5 ? 'evangelist' : 'customer',
      hubspot_owner_id: person.ownerId,
      createdate: new Date(base - 200 * 86_400_000 + i * 86_400_000).toISOString(),
      lastmodifieddate: modified,
    });
    if (opportunity || i % 3 === 0) {
      const name = DEAL_NAMES[verticals.get(person.locationId) ?? ''] ?? 'Service agreement';
      state.createObject(
        DEMO_PORTAL_ID,
        'deals',
        {
          dealname: `${name} — ${person.lastName}`,
          dealstage: opportunity ? 'presentationscheduled' : 'closedwon',
          amount: String(400 + ((i * 937) % 9000)),
          hubspot_owner_id: person.ownerId,
          ...(opportunity ? {} : { closedate: modified }),
        },
        [{ toType: 'contacts', toId: contact.id }],
      );
    }
  });
  // A household sharing one number: the most recently modified contact wins, the other is noted.
  for (const [firstname, lastname, stage, at] of [
    ['Linda', 'Harper', 'customer', '2026-02-01T16:00:00Z'],
    ['Tom', 'Harper', 'lead', '2026-02-03T16:00:00Z'],
  ] as const) {
    state.createObject(DEMO_PORTAL_ID, 'contacts', {
      firstname,
      lastname,
      phone: '480-555-0177',
      lifecyclestage: stage,
      hubspot_owner_id: '71000001',
      lastmodifieddate: at,
    });
  }
}
