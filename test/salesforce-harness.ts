/**
 * A real Ringback connected to the Salesforce emulator: one org (an admin and two sales users who
 * are the location's owners), the account's `crm.salesforce` pointing at the emulator (or at a
 * proxy in front of it), CallRail posts built from the provider fixtures.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSalesforceEmulator,
  type OrgCredentials,
  type RunningServer,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
} from '../emulators/src/salesforce/index.ts';
import { startTestServer, type EngineName, type TestServer } from './helpers/server.ts';
import { fixture, postCallRail } from './helpers/webhooks.ts';
import { waitFor } from './helpers/engines.ts';
import { eq } from 'drizzle-orm';
import { jobs } from '../server/src/store/schema.ts';

export const APP = { clientId: '3MVG9ringbackTestApp', clientSecret: 'ringback-test-secret' };

export interface World {
  emu: SalesforceEmulator;
  sf: RunningServer;
  org: OrgCredentials;
  /** The location's owners (sales users), in round-robin order. */
  owners: [string, string];
  rb: TestServer;
  /**
   * API calls the org has counted so far for case writes and outcome polls: the snapshot sync's
   * collection upserts (`/composite/sobjects/…`, another module, running on its own schedule) are
   * left out so per-case figures are exact.
   */
  apiCalls(): number;
  close(): Promise<void>;
}

export interface WorldOptions {
  emulator?: SalesforceEmulatorOptions;
  rotateRefreshTokens?: boolean;
  /** Where Ringback reaches the org (a proxy in front of the emulator); default the emulator itself. */
  instanceUrl?: (emulatorUrl: string) => Promise<string> | string;
  /** More accounts for the config file (YAML list items, indented as under `accounts:`). */
  extraAccounts?: (emulatorUrl: string, org: OrgCredentials) => string;
}

/** The test org: an integration user and two sales users (the location's owners), with the test app. */
export function addTestOrg(emu: SalesforceEmulator, rotateRefreshTokens = false): OrgCredentials {
  return emu.state.addOrg({
    users: [
      { lastName: 'Integration' },
      { firstName: 'Ann', lastName: 'Seller' },
      { firstName: 'Bob', lastName: 'Seller' },
    ],
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    rotateRefreshTokens,
  });
}

export async function startWorld(engine: EngineName, options: WorldOptions = {}): Promise<World> {
  const emu = createSalesforceEmulator(options.emulator ?? {});
  const sf = await emu.listen(0, '127.0.0.1');
  const org = addTestOrg(emu, options.rotateRefreshTokens ?? false);
  const owners: [string, string] = [org.userIds[1]!, org.userIds[2]!];
  const instanceUrl = options.instanceUrl ? await options.instanceUrl(sf.url) : sf.url;
  const rb = await startTestServer(
    engine,
    `
salesforceApp: { clientId: "${APP.clientId}", clientSecret: "${APP.clientSecret}", loginUrl: "${sf.url}" }
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/Phoenix
    crm:
      salesforce:
        instanceUrl: "${instanceUrl}"
        loginUrl: "${instanceUrl}"
        accessToken: "${org.accessToken}"
        refreshToken: "${org.refreshToken}"
        clientId: "${APP.clientId}"
        clientSecret: "${APP.clientSecret}"
    callTracking:
      callrail: { signingKey: "cr-key" }
    policy:
      sla: { highUrgency: 4h, newLead: 4h, existingCustomer: 8h }
    locations:
      - id: phoenix
        name: Phoenix
        timezone: America/Phoenix
        trackingNumbers: ["+1 480 555 0100"]
        owners: ["${owners[0]}", "${owners[1]}"]
      - id: tempe
        name: Tempe
        timezone: America/Phoenix
        trackingNumbers: ["480-555-0101"]
        owners: ["${owners[1]}", "${owners[0]}"]
${options.extraAccounts?.(sf.url, org) ?? ''}`,
  );
  return {
    emu,
    sf,
    org,
    owners,
    rb,
    apiCalls: () =>
      emu.requestLog.filter((e) => e.apiCall && e.orgId === org.orgId && !e.path.includes('/composite/sobjects/'))
        .length,
    async close() {
      await rb.close();
      await sf.close();
    },
  };
}

export interface Miss {
  id: string;
  caller: string;
  name?: string | null;
  /** Minutes before now the call started (recent calls keep their SLA and attribution windows open). */
  minutesAgo?: number;
  source?: string;
  tracking?: string;
  spam?: boolean;
}

/** A CallRail post-call body for a missed call, from the provider fixture with this call's values. */
export function missBody(m: Miss): string {
  const body = JSON.parse(fixture('callrail-post-call-abandoned.json').toString('utf8')) as Record<string, unknown>;
  Object.assign(body, {
    resource_id: m.id,
    customer_phone_number: m.caller,
    customer_name: m.name === undefined ? 'Sam Sample' : m.name,
    call_type: 'missed',
    duration: '31',
    source: m.source ?? 'Yelp',
    start_time: new Date(Date.now() - (m.minutesAgo ?? 3) * 60_000).toISOString(),
    tracking_phone_number: m.tracking ?? '+14805550100',
    ...(m.spam ? { spam: true } : {}),
  });
  return JSON.stringify(body);
}

export async function postMiss(w: World, m: Miss, hint = 'post_call'): Promise<string> {
  const res = await postCallRail(w.rb.url, 'acme', 'cr-key', missBody(m), hint);
  if (res.status !== 200 || !res.body.missedCallId)
    throw new Error(`CallRail post failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.missedCallId as string;
}

export async function getCase(w: World, id: string): Promise<any> {
  return (await w.rb.api(`/api/accounts/acme/missed-calls/${id}`)).body;
}

/** Waits until the case's CRM job (`crm.write`, or `crm.repeat` for a repeat dial) has finished, and returns the case. */
export async function written(
  w: World,
  id: string,
  kind: 'crm.write' | 'crm.repeat' = 'crm.write',
  timeoutMs = 15_000,
): Promise<any> {
  const key = `${kind}:${id}`;
  const job = async () => (await w.rb.running.ctx.database.db.select().from(jobs).where(eq(jobs.key, key)))[0];
  await waitFor(async () => (await job())?.status === 'done', timeoutMs, `job ${key}`).catch(async (err: Error) => {
    const row = await job();
    throw new Error(
      `${err.message}; job ${row?.status ?? 'missing'} after ${row?.attempts ?? 0} attempts, last error ${JSON.stringify(row?.lastError ?? null)}`,
    );
  });
  return getCase(w, id);
}

export function tasksWithKeyFor(w: World, caseId: string): Array<Record<string, unknown>> {
  return w.emu.state
    .records('Task', { orgId: w.org.orgId })
    .filter((t) => String(t['Ringback_Key__c'] ?? '').includes(caseId));
}

export function leadsWithPhone(w: World, e164: string): Array<Record<string, unknown>> {
  return w.emu.state.records('Lead', { orgId: w.org.orgId }).filter((l) => l['Phone'] === e164);
}

/**
 * A proxy in front of the emulator that forwards everything, except that the requests `drop` picks
 * are forwarded and then answered with a cut connection: Salesforce did the work, Ringback never
 * hears back (a crash or network loss between the request and the response).
 */
const HOP_BY_HOP = [
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'expect',
  'upgrade',
  'te',
  'trailer',
];

export async function startCuttingProxy(
  target: () => string,
  drop: (method: string, path: string, body: string) => boolean,
): Promise<{ url: string; dropped: number; close(): Promise<void> }> {
  const state = { dropped: 0 };
  const read = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && !HOP_BY_HOP.includes(e[0]),
        ),
      );
      const upstream = await fetch(`${target()}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      }).catch(() => null);
      if (!upstream) {
        res.writeHead(502).end();
        return;
      }
      const text = Buffer.from(await upstream.arrayBuffer());
      if (drop(req.method ?? 'GET', req.url ?? '/', body.toString('utf8'))) {
        state.dropped += 1;
        req.socket.destroy();
        return;
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!HOP_BY_HOP.includes(k) && k !== 'content-encoding') out[k] = v;
      });
      res.writeHead(upstream.status, out);
      res.end(text);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get dropped() {
      return state.dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
