/**
 * The HubSpot setting of the CRM reliability scenarios: the emulator in the test process, 50–150 ms
 * away (so writes are in flight when a process dies), with the batch creates in flight counted and
 * some callers already contacts; Ringback as separate server and worker processes writing to it.
 */
import { createHubSpotEmulator, type HubSpotEmulator } from '../../emulators/src/hubspot/index.ts';
import type { HubSpotEmulatorOptions } from '../../emulators/src/hubspot/types.ts';
import { APP, OWNERS, PORTAL, config } from '../hubspot-harness.ts';
import { startRingbackProcesses, type ProcessOptions, type RingbackProcesses } from './ringback-processes.ts';
import { hubspotLedger, type HubSpotLedger, type KnownContacts } from './hubspot-ledger.ts';
import { figures, frontEmulator, Traffic, type Figures, type LedgerCase } from './crm-traffic.ts';

export interface HubSpotWorld {
  emulator: HubSpotEmulator;
  emulatorUrl: string;
  /** The private-app token the config file gives the account. */
  token: string;
  rb: RingbackProcesses;
  /** Batch create / upsert requests the emulator has received and not yet answered. */
  createsInFlight(): number;
  known: KnownContacts;
  traffic: Traffic;
  close(): Promise<void>;
}

export interface WorldOptions {
  emulator?: HubSpotEmulatorOptions;
  workers?: number;
  env?: ProcessOptions['env'];
  /** Configure Ringback's HubSpot app too, so the account can be installed by OAuth (`installByOAuth`). */
  app?: boolean;
  /** Callers that are already contacts in HubSpot. */
  knownCallers?: string[];
  /** Milliseconds before the emulator sees each request, drawn evenly from this range. Default 50–150. */
  latencyMs?: [number, number];
}

export async function startHubSpotWorld(options: WorldOptions = {}): Promise<HubSpotWorld> {
  const emulator = createHubSpotEmulator({
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    ...options.emulator,
  });
  const token = emulator.state.addPortal(PORTAL);
  for (const [i, id] of OWNERS.entries())
    emulator.state.addOwner(PORTAL, {
      id,
      email: `rep${i + 1}@acme.example`,
      firstName: `Rep${i + 1}`,
      lastName: 'Acme',
    });
  const known: KnownContacts = new Map();
  for (const [i, phone] of (options.knownCallers ?? []).entries()) {
    known.set(
      phone,
      emulator.state.createObject(PORTAL, 'contacts', { phone, firstname: 'Known', lastname: `Caller ${i + 1}` }).id,
    );
  }
  const front = await frontEmulator(
    emulator.app,
    options.latencyMs ?? [50, 150],
    (req) => req.method === 'POST' && /\/batch\/(create|upsert)$/.test((req.url ?? '').split('?')[0]!),
  );
  const emulatorUrl = front.url;
  let rb: RingbackProcesses;
  try {
    rb = await startRingbackProcesses({
      config: config(emulatorUrl, token, { app: options.app ?? false }),
      workers: options.workers ?? 1,
      env: options.env ?? {},
    });
  } catch (err) {
    await front.close();
    throw err;
  }
  return {
    emulator,
    emulatorUrl,
    token,
    rb,
    createsInFlight: front.writesInFlight,
    known,
    traffic: new Traffic(rb.url),
    async close() {
      await rb.close();
      await emulator.close();
      await front.close();
    },
  };
}

/** The sent / acknowledged / stored / written figures, with HubSpot's ledger of the cases. */
export function hubspotFigures(world: HubSpotWorld, cases: LedgerCase[]): Figures<HubSpotLedger> {
  return figures(world, cases, hubspotLedger(world.emulator.state, PORTAL, cases, world.known));
}

/**
 * Installs Ringback's HubSpot app for account `acme` through the server process, as an admin's
 * browser does: install link, HubSpot's authorize page (granting at once), Ringback's callback. The
 * OAuth credential replaces the config file's private-app token (a restart keeps it: the file's
 * credential is only applied again when the file changes).
 */
export async function installByOAuth(world: HubSpotWorld): Promise<void> {
  const start = await fetch(`${world.rb.url}/oauth/hubspot/install?account=acme`, { redirect: 'manual' });
  const cookie = start.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const authorize = new URL(start.headers.get('location') ?? '');
  authorize.searchParams.set('portalId', String(PORTAL));
  const granted = await fetch(authorize, { redirect: 'manual' });
  const callback = new URL(granted.headers.get('location') ?? '');
  const done = await fetch(`${world.rb.url}${callback.pathname}${callback.search}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  if (done.status !== 200) throw new Error(`HubSpot install answered ${done.status}: ${await done.text()}`);
}
