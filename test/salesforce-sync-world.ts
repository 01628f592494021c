/**
 * The world of the snapshot-sync tests: the Salesforce emulator with the package's objects defined
 * from its own field metadata, a Ringback (HTTP only, so nothing but the test moves data) with one
 * account on that org and one on an org without the package, and helpers to feed calls and outcomes
 * and to read the org's records and the recovery API.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import {
  createSalesforceEmulator,
  type CustomFieldSpec,
  type OrgCredentials,
  type RunningServer,
  type SalesforceEmulator,
} from '../emulators/src/salesforce/index.ts';
import { parseEnv } from '../server/src/config/env.ts';
import { startRingback, type RunningRingback } from '../server/src/start.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './helpers/engines.ts';
import { PUBLIC_URL, foldPendingNow, type EngineName } from './helpers/server.ts';

export const FIELDS_ROOT = join(
  dirname(fileURLToPath(import.meta.url)),
  '../salesforce-package/force-app/main/default/objects',
);
export const SECRET = 'generic-secret';
export const TRACKING = {
  phoenix: '+14805550100',
  tempe: '+14805550101',
  boston: '+16175550102',
  solo: '+14805550199',
};

/** The package's custom fields of an object as emulator field specs (tag values read from the XML). */
export function packageFields(object: string): CustomFieldSpec[] {
  const dir = join(FIELDS_ROOT, object, 'fields');
  const types: Record<string, CustomFieldSpec['type']> = {
    Text: 'text',
    Number: 'number',
    Percent: 'number',
    Currency: 'currency',
    Date: 'date',
    Lookup: 'lookup',
    Checkbox: 'checkbox',
  };
  return readdirSync(dir).map((file) => {
    const xml = readFileSync(join(dir, file), 'utf8');
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
    const type = types[tag('type')!];
    if (!type) throw new Error(`${file}: no emulator type for ${tag('type')}`);
    const referenceTo = tag('referenceTo');
    const length = tag('length');
    return {
      name: tag('fullName')!,
      type,
      ...(length ? { length: Number(length) } : {}),
      ...(tag('externalId') === 'true' ? { externalId: true } : {}),
      ...(tag('unique') === 'true' ? { unique: true } : {}),
      ...(tag('required') === 'true' ? { required: true } : {}),
      ...(referenceTo ? { referenceTo } : {}),
    };
  });
}

export interface World {
  emu: SalesforceEmulator;
  sf: RunningServer;
  org: OrgCredentials;
  bareOrg: OrgCredentials;
  rb: RunningRingback;
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

export async function startWorld(engine: EngineName): Promise<World> {
  const emu = createSalesforceEmulator();
  const sf = await emu.listen(0, '127.0.0.1');
  const org = emu.state.addOrg();
  const bareOrg = emu.state.addOrg();
  emu.state.defineObject(
    { name: 'Ringback_Location__c', label: 'Ringback Location', fields: packageFields('Ringback_Location__c') },
    org.orgId,
  );
  emu.state.defineObject(
    {
      name: 'Ringback_Recovery_Snapshot__c',
      label: 'Ringback Recovery Snapshot',
      fields: packageFields('Ringback_Recovery_Snapshot__c'),
    },
    org.orgId,
  );
  const dir = mkdtempSync(join(tmpdir(), 'rbt-sfsync-'));
  const schema = uniqueName('rbt');
  const prefix = uniqueName('rbt');
  const adminToken = `test-admin-${uniqueName('t')}`;
  writeFileSync(
    join(dir, 'ringback.yaml'),
    `
accounts:
  - id: acme
    name: Acme Home Services
    timezone: America/Phoenix
    crm: { salesforce: { instanceUrl: "${sf.url}", accessToken: "${org.accessToken}" } }
    callTracking: { generic: { secret: "${SECRET}" } }
    locations:
      - { id: phoenix, name: Phoenix, timezone: America/Phoenix, vertical: hvac, trackingNumbers: ["${TRACKING.phoenix}"] }
      - { id: tempe, name: Tempe, timezone: America/Phoenix, vertical: hvac, trackingNumbers: ["${TRACKING.tempe}"] }
      - { id: boston, name: Boston, timezone: America/New_York, vertical: plumbing, trackingNumbers: ["${TRACKING.boston}"] }
  - id: bare
    name: Bare Org
    crm: { salesforce: { instanceUrl: "${sf.url}", accessToken: "${bareOrg.accessToken}" } }
    callTracking: { generic: { secret: "${SECRET}" } }
    locations:
      - { id: solo, name: Solo, timezone: UTC, trackingNumbers: ["${TRACKING.solo}"] }
`,
  );
  const env = parseEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    RINGBACK_DATA_DIR: dir,
    RINGBACK_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    RINGBACK_SWEEP_SECONDS: '0.2',
    RINGBACK_PUBLIC_URL: PUBLIC_URL,
    RINGBACK_CONFIG: join(dir, 'ringback.yaml'),
    ...(engine === 'postgres+redis'
      ? { DATABASE_URL: PG_URL, RINGBACK_DB_SCHEMA: schema, REDIS_URL, RINGBACK_REDIS_PREFIX: prefix }
      : {}),
  });
  // HTTP only: no worker, so nothing but the test moves data (no periodic sync, no CRM writes).
  const rb = await startRingback({ env, role: 'server' });
  return {
    emu,
    sf,
    org,
    bareOrg,
    rb,
    url: rb.url!,
    adminToken,
    async close() {
      await rb.close();
      await sf.close();
      if (engine === 'postgres+redis') {
        await dropSchema(schema);
        await deleteRedisPrefix(prefix);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function post(
  w: World,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${w.url}${path}`, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', ...headers },
  });
  await res.text();
  return res.status;
}

export function call(w: World, account: string, body: Record<string, unknown>): Promise<number> {
  const raw = JSON.stringify({ version: 1, ...body });
  const signature = createHmac('sha256', SECRET).update(raw).digest('hex');
  return fetch(`${w.url}/webhooks/generic/${account}`, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', 'x-ringback-signature': signature },
  }).then(async (r) => {
    await r.text();
    // The ack means stored; this HTTP-only Ringback has no worker to fold the event, so the test does.
    await foldPendingNow(w.rb);
    return r.status;
  });
}

export const miss = (id: string, caller: string, tracking: string, at: DateTime) =>
  ({
    callId: id,
    direction: 'inbound',
    from: caller,
    to: tracking,
    startedAt: at.toUTC().toISO(),
    durationSeconds: 30,
    result: 'no_answer',
  }) as const;
export const callback = (id: string, tracking: string, caller: string, at: DateTime, talkSeconds: number) =>
  ({
    callId: id,
    direction: 'outbound',
    from: tracking,
    to: caller,
    startedAt: at.toUTC().toISO(),
    durationSeconds: talkSeconds + 10,
    talkSeconds,
    result: talkSeconds > 0 ? 'answered' : 'no_answer',
  }) as const;

export async function api(w: World, path: string): Promise<any> {
  const res = await fetch(`${w.url}${path}`, { headers: { authorization: `Bearer ${w.adminToken}` } });
  expect(res.status, path).toBe(200);
  return res.json();
}

/** The recovery API's figures for one location and one of its local days (the contract's truth). */
export async function apiDay(w: World, location: string, tz: string, date: string): Promise<any> {
  const from = DateTime.fromISO(date, { zone: tz }).startOf('day');
  const q = new URLSearchParams({
    from: from.toUTC().toISO()!,
    to: from.plus({ days: 1 }).toUTC().toISO()!,
    groupBy: 'day',
    locationId: location,
  });
  const { groups } = await api(w, `/api/accounts/acme/recovery?${q}`);
  return groups.find((g: any) => g.key === date);
}

export function records(w: World, sobject: string, orgId = w.org.orgId) {
  return w.emu.state.records(sobject, { orgId });
}
/** The figures of every snapshot record (system fields left out), by key. */
export function snapshotFigures(w: World): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    records(w, 'Ringback_Recovery_Snapshot__c').map((r) => [
      r['Snapshot_Key__c'],
      Object.fromEntries(Object.entries(r).filter(([k]) => k.endsWith('__c') || k === 'Name')),
    ]),
  );
}
export const syncRequests = (w: World) =>
  w.emu.requestLog.filter((e) => e.path.includes('/composite/sobjects/Ringback_')).length;
