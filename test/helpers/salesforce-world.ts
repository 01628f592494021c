/**
 * The Salesforce setting of the CRM reliability scenarios: the emulator in the test process, 50–150
 * ms away, one org (an integration user and two sales users who own the location), some callers
 * already Contacts, and an observer of every record the org saves (so a test can act at the moment
 * Salesforce has done the work and Ringback has not heard back yet); Ringback as separate server and
 * worker processes writing to it.
 */
import {
  createSalesforceEmulator,
  type OrgCredentials,
  type SalesforceEmulator,
  type StoredRecord,
} from '../../emulators/src/salesforce/index.ts';
import { APP, addTestOrg } from '../salesforce-harness.ts';
import { startRingbackProcesses, type ProcessOptions, type RingbackProcesses } from './ringback-processes.ts';
import { figures, frontEmulator, Traffic, type Figures, type LedgerCase } from './crm-traffic.ts';
import { salesforceLedger } from './salesforce-ledger.ts';

export interface SalesforceWorld {
  emu: SalesforceEmulator;
  org: OrgCredentials;
  rb: RingbackProcesses;
  traffic: Traffic;
  /** Known callers' Contact ids by number. */
  known: Map<string, string>;
  /** Called synchronously for every record the org saves, before the answer goes out. */
  onRecordSaved(observer: ((record: StoredRecord) => void) | null): void;
  close(): Promise<void>;
}

export interface SalesforceWorldOptions {
  workers?: number;
  env?: ProcessOptions['env'];
  knownCallers?: string[];
  latencyMs?: [number, number];
}

function config(url: string, org: OrgCredentials, owners: [string, string]): string {
  return `
salesforceApp: { clientId: "${APP.clientId}", clientSecret: "${APP.clientSecret}", loginUrl: "${url}" }
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/Phoenix
    crm:
      salesforce:
        instanceUrl: "${url}"
        loginUrl: "${url}"
        accessToken: "${org.accessToken}"
        refreshToken: "${org.refreshToken}"
        clientId: "${APP.clientId}"
        clientSecret: "${APP.clientSecret}"
    callTracking:
      callrail: { signingKey: "cr-key" }
    locations:
      - id: phoenix
        name: Phoenix
        timezone: America/Phoenix
        trackingNumbers: ["+14805550100"]
        owners: ["${owners[0]}", "${owners[1]}"]
`;
}

export async function startSalesforceWorld(options: SalesforceWorldOptions = {}): Promise<SalesforceWorld> {
  let observer: ((record: StoredRecord) => void) | null = null;
  const emu = createSalesforceEmulator({ onRecordSaved: (_orgId, record) => observer?.(record) });
  const org = addTestOrg(emu);
  const known = new Map<string, string>();
  for (const [i, phone] of (options.knownCallers ?? []).entries()) {
    known.set(
      phone,
      emu.state.insert(
        'Contact',
        { FirstName: 'Known', LastName: `Caller ${i + 1}`, Phone: phone },
        { orgId: org.orgId },
      ),
    );
  }
  const front = await frontEmulator(
    emu.app,
    options.latencyMs ?? [50, 150],
    (req) => req.method === 'POST' && /\/composite$/.test((req.url ?? '').split('?')[0]!),
  );
  let rb: RingbackProcesses;
  try {
    rb = await startRingbackProcesses({
      config: config(front.url, org, [org.userIds[1]!, org.userIds[2]!]),
      workers: options.workers ?? 1,
      env: options.env ?? {},
    });
  } catch (err) {
    await front.close();
    throw err;
  }
  return {
    emu,
    org,
    rb,
    traffic: new Traffic(rb.url),
    known,
    onRecordSaved: (fn) => (observer = fn),
    async close() {
      observer = null;
      await rb.close();
      await front.close();
    },
  };
}

/** The sent / acknowledged / stored / written figures, with the org's ledger of the cases. */
export function salesforceFigures(world: SalesforceWorld, cases: LedgerCase[]): Figures {
  return figures(world, cases, salesforceLedger(world.emu.state, world.org.orgId, cases, world.known));
}
