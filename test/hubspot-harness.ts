/**
 * Test support for the HubSpot integration: the HubSpot emulator on an ephemeral port, a real
 * Ringback whose account writes to it, CallRail misses posted through the signed webhook, and
 * readers for what the emulator holds.
 */
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { startTestEmulator, type TestHarness } from '../emulators/src/hubspot/testing.ts';
import type { HubSpotEmulatorOptions } from '../emulators/src/hubspot/index.ts';
import { startTestServer, type EngineName, type TestServer } from './helpers/server.ts';
import { postCallRail, type Delivery } from './helpers/webhooks.ts';
import { waitFor } from './helpers/engines.ts';

export const PORTAL = 123456;
export const OWNERS = ['71000001', '71000002', '71000003'];
export const APP = { appId: '4242', clientId: 'rb-test-client', clientSecret: 'rb-test-secret' };

export interface Harness {
  hs: TestHarness;
  server: TestServer;
  /** The public URL Ringback signs and redirects with (its real address when `realPublicUrl`). */
  publicUrl: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: HubSpotEmulatorOptions;
  /** Listen on a known port and use it as the public URL (HubSpot webhooks are signed over it). */
  realPublicUrl?: boolean;
  /** Configure `hubspotApp` (OAuth installs, webhook signatures) against the emulator. */
  app?: boolean;
  /** Leave the account's CRM out of the config (an OAuth install connects it). */
  noCrm?: boolean;
  extraEnv?: Record<string, string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function config(hsUrl: string, token: string, options: HarnessOptions): string {
  const app = options.app ? `hubspotApp: { appId: "${APP.appId}", clientId: "${APP.clientId}", clientSecret: "${APP.clientSecret}", baseUrl: "${hsUrl}" }\n` : '';
  const crm = options.noCrm ? '' : `    crm:\n      hubspot: { accessToken: "${token}", portalId: ${PORTAL}, baseUrl: "${hsUrl}" }\n`;
  return `${app}accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/Phoenix
${crm}    callTracking:
      callrail: { signingKey: "cr-key" }
    locations:
      - id: phoenix
        name: Phoenix
        timezone: America/Phoenix
        vertical: hvac
        trackingNumbers: ["+14805550100"]
        owners: ["${OWNERS[0]}", "${OWNERS[1]}"]
      - id: tempe
        name: Tempe
        timezone: America/Phoenix
        vertical: plumbing
        trackingNumbers: ["+14805550101"]
        owners: ["${OWNERS[2]}"]
`;
}

export async function startHarness(engine: EngineName, options: HarnessOptions = {}): Promise<Harness> {
  const hs = await startTestEmulator({ clientId: APP.clientId, clientSecret: APP.clientSecret, ...options.emulator }, PORTAL);
  for (const [i, id] of OWNERS.entries()) hs.emulator.state.addOwner(PORTAL, { id, email: `rep${i + 1}@acme.example`, firstName: `Rep${i + 1}`, lastName: 'Acme' });
  let extraEnv = options.extraEnv ?? {};
  let publicUrl = 'https://ringback.test';
  if (options.realPublicUrl) {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    extraEnv = { PORT: String(port), RINGBACK_PUBLIC_URL: publicUrl, ...extraEnv };
  }
  const server = await startTestServer(engine, config(hs.url, hs.token, options), extraEnv);
  return {
    hs,
    server,
    publicUrl,
    close: async () => {
      await server.close();
      await hs.close();
    },
  };
}

let seq = 0;
/** A unique CallRail call id. */
export const callId = () => `CAL${Date.now().toString(36)}${randomBytes(6).toString('hex')}${seq++}`;

export interface MissInput {
  id?: string;
  caller: string;
  tracking?: string;
  kind?: 'missed' | 'voicemail' | 'busy';
  name?: string;
  source?: string;
  startedAgoMs?: number;
  spam?: boolean;
  transcript?: string;
}

export function missBody(m: MissInput): string {
  const body: Record<string, unknown> = {
    answered: false,
    call_type: m.kind === 'voicemail' ? 'voicemail' : 'missed',
    customer_name: m.name ?? '',
    customer_phone_number: m.caller,
    direction: 'inbound',
    duration: '31',
    resource_id: m.id ?? callId(),
    source: m.source ?? 'Google Ads',
    start_time: new Date(Date.now() - (m.startedAgoMs ?? 60_000)).toISOString(),
    tags: [],
    tracking_phone_number: m.tracking ?? '+14805550100',
    voicemail: m.kind === 'voicemail',
  };
  if (m.spam) body.spam = 'true';
  if (m.transcript) body.transcription = m.transcript;
  return JSON.stringify(body);
}

/** Posts a CallRail miss (a body built from `m`, or exact bytes, for replays). */
export async function postMiss(server: TestServer, m: MissInput | string, hint = 'post_call'): Promise<Delivery> {
  const d = await postCallRail(server.url, 'acme', 'cr-key', typeof m === 'string' ? m : missBody(m), hint);
  if (d.status !== 200) throw new Error(`webhook answered ${d.status}: ${JSON.stringify(d.body)}`);
  return d;
}

export async function caseOf(server: TestServer, id: string, account = 'acme'): Promise<any> {
  const res = await server.api(`/api/accounts/${account}/missed-calls/${id}`);
  if (res.status !== 200) throw new Error(`case ${id}: ${res.status}`);
  return res.body;
}

/** The case's audit actions, oldest first. */
export async function actions(server: TestServer, id: string, account = 'acme'): Promise<string[]> {
  const res = await server.api(`/api/accounts/${account}/missed-calls/${id}/timeline`);
  return (res.body?.items ?? []).map((i: { action: string }) => i.action);
}

/** Waits until the case's CRM write job has finished (its `crm.written` audit entry) and returns the case. */
export async function written(server: TestServer, id: string, timeoutMs = 15_000, account = 'acme'): Promise<any> {
  await waitFor(async () => (await actions(server, id, account)).includes('crm.written'), timeoutMs, `CRM write of ${id}`);
  return caseOf(server, id, account);
}

export const objects = (hs: TestHarness, type: string) => hs.emulator.state.listObjects(PORTAL, type);
export const assocIds = (hs: TestHarness, fromType: string, id: string, toType: string) =>
  hs.emulator.state.listAssociations(PORTAL, fromType, id, toType);
