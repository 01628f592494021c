/**
 * Test support for the recovery engine: a Ringback whose clock the test moves (and which can be
 * stopped and started again on the same database and Redis prefix), and CallEvent builders for
 * feeding ingest directly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '../shared/src/index.ts';
import { parseEnv } from '../server/src/config/env.ts';
import { startRingback, type Role, type RunningRingback } from '../server/src/start.ts';
import { ingestCallEvent } from '../server/src/cases/ingest-event.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './helpers/engines.ts';
import { PUBLIC_URL, waitUntilFolded, type EngineName } from './helpers/server.ts';

export class TestClock {
  constructor(private ms: number) {}
  now = (): Date => new Date(this.ms);
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface ClockedRingback {
  clock: TestClock;
  running: RunningRingback;
  url: string;
  adminToken: string;
  api(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: any }>;
  /** Stops the process, keeping its database, data dir and Redis prefix. */
  stop(): Promise<void>;
  /** Starts it again on the same storage (a restart). */
  restart(): Promise<void>;
  /** Stops it and drops its storage. */
  close(): Promise<void>;
}

export async function startClockedRingback(
  engine: EngineName,
  config: string,
  clock: TestClock,
  role: Role = 'all',
): Promise<ClockedRingback> {
  const dir = mkdtempSync(join(tmpdir(), 'rbt-rec-'));
  const schema = uniqueName('rbt');
  const prefix = uniqueName('rbt');
  const adminToken = `test-admin-${uniqueName('t')}`;
  writeFileSync(join(dir, 'ringback.yaml'), config);
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
  let running: RunningRingback | null = await startRingback({ env, clock: clock.now, role });
  const handle: ClockedRingback = {
    clock,
    get running() {
      return running!;
    },
    get url() {
      return running!.url!;
    },
    adminToken,
    async api(path, init = {}) {
      await waitUntilFolded(running!);
      const res = await fetch(`${running!.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${init.token ?? adminToken}`, 'content-type': 'application/json' },
        ...(init.body === undefined
          ? {}
          : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async restart() {
      await running?.close();
      running = await startRingback({ env, clock: clock.now, role });
    },
    async close() {
      await running?.close();
      running = null;
      if (engine === 'postgres+redis') {
        await dropSchema(schema);
        await deleteRedisPrefix(prefix);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

let callSeq = 0;

export function callEvent(
  over: Partial<CallEvent> & Pick<CallEvent, 'startedAt' | 'callerE164' | 'trackingE164'>,
): CallEvent {
  return {
    provider: 'generic',
    kind: 'post_call',
    providerCallId: `call-${Date.now().toString(36)}-${++callSeq}`,
    direction: 'inbound',
    callerRaw: over.callerE164,
    callerName: null,
    durationSeconds: 25,
    talkSeconds: 0,
    ringSeconds: 25,
    answered: false,
    result: 'no_answer',
    terminal: true,
    voicemail: false,
    providerSpam: false,
    source: null,
    campaign: null,
    recordingUrl: null,
    transcriptUrl: null,
    transcript: null,
    tags: [],
    value: null,
    firstCall: null,
    ...over,
  };
}

/** Folds one event into cases exactly as the webhook path does (without the raw-event row). */
export async function ingest(running: RunningRingback, accountId: string, event: CallEvent): Promise<string | null> {
  const ctx = running.ctx;
  const account = (await ctx.accounts.get(accountId))!;
  const result = await ctx.database.db.transaction((tx) =>
    ingestCallEvent(tx, account, event, ctx.clock(), { crm: false }),
  );
  return result.missedCallId;
}
