/**
 * A throw-away Ringback deployment: N HTTP server processes (and optionally M job worker processes)
 * on one fresh PostgreSQL schema and one fresh Redis key prefix (or a single process on PGlite + the
 * in-process queue), with one benchmark account. Stopping it stops the processes, drops the schema
 * and deletes the keys.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { defer } from './cleanup.ts';
import { startChild, type ChildServer } from './child.ts';
import type { RingbackSettings } from './ringback-entry.ts';
import { BENCH_ACCOUNT, BENCH_LOCATIONS, BENCH_SIGNING_KEY } from './callrail-bodies.ts';

export type BenchEngine = 'postgres+redis' | 'pglite+in-process';

export interface DeploymentOptions {
  engine: BenchEngine;
  /** HTTP server processes (`role: 'server'`). */
  processes: number;
  databaseUrl: string;
  redisUrl: string;
  /** Job worker processes (`role: 'worker'`, PostgreSQL + Redis only); default none. */
  workers?: number;
  /** The config file; default BENCH_CONFIG. */
  config?: string;
}

export interface Deployment {
  engine: BenchEngine;
  /** The PostgreSQL schema and Redis key prefix (null on PGlite + in-process). */
  schema: string | null;
  redisPrefix: string | null;
  servers: ChildServer[];
  urls: string[];
  workers: ChildServer[];
  /** Starts `count` more worker processes on the same schema and prefix. */
  addWorkers(count: number): Promise<void>;
  /** `abandon`: kill the workers rather than let them finish their jobs (the schema goes anyway). */
  stop(options?: { abandon?: boolean }): Promise<void>;
}

/**
 * The account every webhook goes to. A HubSpot CRM is configured so that, once a HubSpot adapter is
 * registered, each new case also writes its CRM job to the outbox inside the ack transaction (the
 * real path); its base URL is a closed local port because no worker runs during the measurement.
 * The CRM rows give their own `crm` block (an emulator's), top-level lines and location owners.
 */
export function benchConfig(
  options: { crm?: string; preamble?: string; owners?: (location: number) => string[] } = {},
): string {
  const crm = options.crm ?? `hubspot: { accessToken: "bench-token", portalId: 1, baseUrl: "http://127.0.0.1:9" }`;
  const owners = options.owners ?? ((i: number) => [String(101 + 2 * i), String(102 + 2 * i)]);
  return `${options.preamble ?? ''}
accounts:
  - id: ${BENCH_ACCOUNT}
    name: Bench Home Services
    timezone: America/Phoenix
    crm:
      ${crm.split('\n').join('\n      ')}
    callTracking:
      callrail: { signingKey: "${BENCH_SIGNING_KEY}" }
    locations:
${BENCH_LOCATIONS.map(
  (l, i) => `      - id: ${l.id}
        name: ${l.id[0]!.toUpperCase()}${l.id.slice(1)}
        timezone: America/Phoenix
        vertical: ${l.vertical}
        trackingNumbers: ["${l.tracking}"]
        businessHours: { mon: "08:00-18:00", tue: "08:00-18:00", wed: "08:00-18:00", thu: "08:00-18:00", fri: "08:00-18:00", sat: "09:00-13:00" }
        owners: [${owners(i).map((o) => `"${o}"`).join(', ')}]
`,
).join('')}`;
}

export const BENCH_CONFIG = benchConfig();

export function benchName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'ringback-bench-'));
  const schema = benchName('bench');
  const prefix = benchName('bench');
  const onPostgres = options.engine === 'postgres+redis';
  if (!onPostgres && options.workers) throw new Error('worker processes need PostgreSQL + Redis');
  writeFileSync(join(dir, 'ringback.yaml'), options.config ?? BENCH_CONFIG);
  const removeDir = defer(`data dir ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
  const dropStorage = onPostgres
    ? defer(`schema ${schema} and Redis prefix ${prefix}`, async () => {
        await dropSchema(options.databaseUrl, schema);
        await deleteRedisPrefix(options.redisUrl, prefix);
      })
    : async () => undefined;

  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    RINGBACK_DATA_DIR: dir,
    RINGBACK_CONFIG: join(dir, 'ringback.yaml'),
    RINGBACK_ADMIN_TOKEN: `bench-${randomBytes(8).toString('hex')}`,
    // Shared by every process of the deployment: each must open what another sealed.
    RINGBACK_SECRET_KEY: randomBytes(32).toString('hex'),
    RINGBACK_SANDBOX: 'off',
    RINGBACK_PUBLIC_URL: 'https://ringback.bench',
    // Logging every request at info would measure pino's serialisation and the pipe, not Ringback.
    LOG_LEVEL: 'warn',
    ...(onPostgres
      ? { DATABASE_URL: options.databaseUrl, RINGBACK_DB_SCHEMA: schema, REDIS_URL: options.redisUrl, RINGBACK_REDIS_PREFIX: prefix }
      : {}),
  };
  // HTTP servers measure the ack path; workers (separate processes, as in production) only run
  // when asked for, since their CRM calls need a CRM to call.
  const settings: RingbackSettings = { env, role: 'server' };
  const servers: ChildServer[] = [];
  const workers: ChildServer[] = [];
  const stop = async (stopOptions: { abandon?: boolean } = {}) => {
    // Workers together: each may spend its shutdown limit finishing the jobs it holds.
    await Promise.all(workers.splice(0).map((w) => w.stop(stopOptions)));
    for (const s of servers.splice(0).reverse()) await s.stop();
    await dropStorage();
    await removeDir();
  };
  const addWorkers = async (count: number) => {
    // Together: the first server has migrated and applied the config already.
    const first = workers.length;
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, i) => startChild('./ringback-entry.ts', { env, role: 'worker' } satisfies RingbackSettings, `ringback worker #${first + i + 1}`)),
    );
    for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    // One after another: each start migrates and applies the config file, which the advisory lock
    // makes safe but not faster to do concurrently.
    for (let i = 0; i < options.processes; i++) {
      servers.push(await startChild('./ringback-entry.ts', settings, `ringback ${options.engine} #${i + 1}`));
    }
    if (options.workers) await addWorkers(options.workers);
  } catch (err) {
    await stop({ abandon: true });
    throw err;
  }
  return {
    engine: options.engine,
    schema: onPostgres ? schema : null,
    redisPrefix: onPostgres ? prefix : null,
    servers,
    urls: servers.map((s) => s.url),
    workers,
    addWorkers,
    stop,
  };
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`refusing to drop odd schema name ${schema}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export async function schemaExists(databaseUrl: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema]);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Deletes `prefix:*` with SCAN (never KEYS on a shared Redis). */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
