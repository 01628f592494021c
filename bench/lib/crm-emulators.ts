/**
 * The CRM emulators of the CRM rows, in the bench process with a fixed latency before every answer:
 * one instance for Ringback and one for the naive baseline, so request counts, rate limits and
 * stored records never mix. Each side records when every follow-up task was stored (through the
 * emulators' record observers: exact, no polling) and counts requests by class (crm-call-classes.ts).
 *
 * Task keys: Ringback stamps its follow-up task with `rb:<case id>:task` (HubSpot `ringback_key`,
 * Salesforce `Ringback_Key__c`), so its key is the case id the webhook answer names; the naive
 * writer puts `[bench <key>]` at the end of the task's subject.
 */
import express, { type Response } from 'express';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createHubSpotEmulator, type HubSpotEmulator } from '../../emulators/src/hubspot/index.ts';
import {
  createSalesforceEmulator,
  type OrgCredentials,
  type SalesforceEmulator,
} from '../../emulators/src/salesforce/index.ts';
import {
  classifyHubSpot,
  classifySalesforce,
  emptyCounts,
  type CallClass,
  type ClassCounts,
} from './crm-call-classes.ts';
import { defer } from './cleanup.ts';
import { VisibilityLog } from './task-visibility.ts';

export type CrmKind = 'hubspot' | 'salesforce';

/** A phone number as the bench seeds it into a CRM for a known caller. */
export interface KnownCaller {
  e164: string;
  /** How it is stored (a person typed it: not E.164). */
  display: string;
  name: string;
}

export interface CrmSide {
  kind: CrmKind;
  url: string;
  /** Follow-up tasks by key, stored-at times on the `performance.now()` clock. */
  visibleAt(key: string): number | null;
  /** Requests by class whose time (Date.now()) is in [from, to]. */
  calls(from: number, to?: number): ClassCounts;
  /** Answers refused for rate (429) in [from, to]. */
  refusedForRate(from: number, to?: number): number;
  /** The emulator's own count of API requests (HubSpot: every logged request; Salesforce: apiCalls). */
  emulatorTotal(): number;
  /** What the tap counted in all, to compare with `emulatorTotal`. */
  tapTotal(): number;
  seedKnown(callers: readonly KnownCaller[]): void;
  /** The location owners (HubSpot owner ids, Salesforce user ids), per bench location. */
  owners: string[][];
  /** The `crm:` block of Ringback's config (and top-level lines it needs). */
  config: { crm: string; preamble: string };
  /** Credentials the naive writer uses. */
  credentials: { token: string; portalId?: number };
  close(): Promise<void>;
}

const TASK_KEY = /^rb:(.+):task$/;
const SUBJECT_KEY = /\[bench (\S+)\]$/;

/** The key a stored follow-up task is filed under, or null for any other record. */
export function taskKeyOf(ringbackKey: unknown, subject: unknown): string | null {
  const rb = typeof ringbackKey === 'string' ? TASK_KEY.exec(ringbackKey) : null;
  if (rb) return rb[1]!;
  const naive = typeof subject === 'string' ? SUBJECT_KEY.exec(subject) : null;
  return naive ? naive[1]! : null;
}

const PORTAL = 424242;
const HUBSPOT_OWNERS = [0, 1, 2, 3].map((i) => [String(71_000_101 + 2 * i), String(71_000_102 + 2 * i)]);

export async function startHubSpotSide(latencyMs: number): Promise<CrmSide> {
  const tasks = new VisibilityLog();
  // Assigned before any record exists: the observer reads the record it is told about.
  let emulator: HubSpotEmulator | null = null;
  emulator = createHubSpotEmulator({
    latencyMs,
    onRecordEvent: (e) => {
      if (e.kind !== 'created' || e.objectTypeId !== '0-27') return;
      const at = performance.now();
      const task = emulator?.state.getObject(e.portalId, 'tasks', e.objectId);
      const key = taskKeyOf(task?.properties.ringback_key, task?.properties.hs_task_subject);
      if (key) tasks.saw(key, e.objectId, at);
    },
  });
  const hs = emulator;
  const server = await hs.listen(0, '127.0.0.1');
  const close = defer(`HubSpot emulator ${server.url}`, async () => {
    await hs.close();
    await server.close();
  });
  const token = hs.state.addPortal(PORTAL);
  HUBSPOT_OWNERS.flat().forEach((id, i) =>
    hs.state.addOwner(PORTAL, { id, email: `rep${i + 1}@bench.example`, firstName: `Rep${i + 1}`, lastName: 'Bench' }),
  );
  const inWindow = (from: number, to: number) =>
    hs.requestLog.entries({ portalId: PORTAL }).filter((e) => e.at >= from && e.at <= to);
  return {
    kind: 'hubspot',
    url: server.url,
    visibleAt: (key) => tasks.visibleAt(key),
    calls(from, to = Date.now()) {
      const counts = emptyCounts();
      for (const e of inWindow(from, to)) counts[classifyHubSpot(e.method, e.path)] += 1;
      return counts;
    },
    refusedForRate: (from, to = Date.now()) => inWindow(from, to).filter((e) => e.status === 429).length,
    // The emulator's log is the tap here.
    emulatorTotal: () => hs.requestLog.count({ portalId: PORTAL }),
    tapTotal: () => hs.requestLog.count({ portalId: PORTAL }),
    seedKnown(callers) {
      for (const c of callers) {
        const [first, ...rest] = c.name.split(' ');
        hs.state.createObject(PORTAL, 'contacts', {
          phone: c.display,
          firstname: first,
          lastname: rest.join(' '),
          lifecyclestage: 'customer',
        });
      }
    },
    owners: HUBSPOT_OWNERS,
    config: {
      crm: `hubspot: { accessToken: "${token}", portalId: ${PORTAL}, baseUrl: "${server.url}" }`,
      preamble: '',
    },
    credentials: { token, portalId: PORTAL },
    close,
  };
}

const APP = { clientId: '3MVG9ringbackBenchApp', clientSecret: 'ringback-bench-secret' };

interface TapEntry {
  at: number;
  status: number;
  orgId: string | null;
  apiCall: boolean;
  cls: CallClass | null;
}

/** The subresponses' referenceIds of a `/composite` answer (what tells a poll from a write). */
function compositeRefs(chunk: unknown): string[] {
  if (!Buffer.isBuffer(chunk) && typeof chunk !== 'string') return [];
  try {
    const body = JSON.parse(chunk.toString()) as { compositeResponse?: Array<{ referenceId?: unknown }> };
    return (body.compositeResponse ?? []).map((r) => String(r.referenceId));
  } catch {
    return [];
  }
}

/**
 * The emulator's app behind a thin recorder: the request log has no bodies, and Ringback's outcome
 * poll and its case writes are both one `/composite`. The recorder reads each composite's answer as
 * it is sent and notes its class; the emulator's own API-call count is kept for comparison.
 */
function tapped(emu: SalesforceEmulator, log: TapEntry[]): express.Express {
  const outer = express();
  outer.disable('x-powered-by');
  outer.use((req, res, next) => {
    const path = req.path;
    let refs: string[] = [];
    if (req.method === 'POST' && /\/composite\/?$/.test(path)) {
      const end = res.end as (...args: unknown[]) => Response;
      res.end = function (this: Response, ...args: unknown[]) {
        refs = compositeRefs(args[0]);
        return end.apply(this, args);
      } as Response['end'];
    }
    res.on('finish', () => {
      const apiCall = res.locals['apiCall'] === true;
      const orgId = typeof res.locals['orgId'] === 'string' ? res.locals['orgId'] : null;
      log.push({
        at: Date.now(),
        status: res.statusCode,
        orgId,
        apiCall,
        cls: classifySalesforce(path, apiCall, refs),
      });
    });
    next();
  });
  outer.use(emu.app);
  return outer;
}

export async function startSalesforceSide(latencyMs: number): Promise<CrmSide> {
  const tasks = new VisibilityLog();
  const emu = createSalesforceEmulator({
    latencyMs,
    onRecordSaved: (_orgId, record) => {
      if (record.type !== 'Task' || record.deleted) return;
      const key = taskKeyOf(record.fields['Ringback_Key__c'], record.fields['Subject']);
      if (key) tasks.saw(key, record.id, performance.now());
    },
  });
  const org: OrgCredentials = emu.state.addOrg({
    users: [
      { lastName: 'Integration' },
      ...Array.from({ length: 8 }, (_, i) => ({ firstName: `Rep${i + 1}`, lastName: 'Seller' })),
    ],
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });
  const log: TapEntry[] = [];
  const app = tapped(emu, log);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = defer(`Salesforce emulator ${url}`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const sellers = org.userIds.slice(1);
  const mine = (from: number, to: number) =>
    log.filter((e) => e.at >= from && e.at <= to && (e.orgId === org.orgId || e.cls === 'auth'));
  const exists = (id: string) => emu.state.get(id, org.orgId) !== null;
  return {
    kind: 'salesforce',
    url,
    visibleAt: (key) => tasks.visibleAt(key, exists),
    calls(from, to = Date.now()) {
      const counts = emptyCounts();
      for (const e of mine(from, to)) if (e.cls) counts[e.cls] += 1;
      return counts;
    },
    refusedForRate: (from, to = Date.now()) =>
      mine(from, to).filter((e) => e.status === 403 || e.status === 429).length,
    emulatorTotal: () => emu.requestLog.apiCalls(org.orgId),
    tapTotal: () => log.filter((e) => e.apiCall && e.orgId === org.orgId).length,
    seedKnown(callers) {
      for (const c of callers) {
        const [first, ...rest] = c.name.split(' ');
        emu.state.insert(
          'Contact',
          { FirstName: first, LastName: rest.join(' ') || 'Caller', Phone: c.display },
          { orgId: org.orgId },
        );
      }
    },
    owners: [0, 1, 2, 3].map((i) => [sellers[2 * i]!, sellers[2 * i + 1]!]),
    config: {
      preamble: `salesforceApp: { clientId: "${APP.clientId}", clientSecret: "${APP.clientSecret}", loginUrl: "${url}" }`,
      crm: [
        'salesforce:',
        `  instanceUrl: "${url}"`,
        `  loginUrl: "${url}"`,
        `  accessToken: "${org.accessToken}"`,
        `  refreshToken: "${org.refreshToken}"`,
        `  clientId: "${APP.clientId}"`,
        `  clientSecret: "${APP.clientSecret}"`,
      ].join('\n'),
    },
    credentials: { token: org.accessToken },
    close,
  };
}

export function startCrmSide(kind: CrmKind, latencyMs: number): Promise<CrmSide> {
  return kind === 'hubspot' ? startHubSpotSide(latencyMs) : startSalesforceSide(latencyMs);
}
