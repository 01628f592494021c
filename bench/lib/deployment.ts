/**
 * A throw-away Ringback deployment: N HTTP server processes on one fresh PostgreSQL schema and one
 * fresh Redis key prefix (or a single process on PGlite + the in-process queue), with one benchmark
 * account. Stopping it stops the processes, drops the schema and deletes the keys.
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
  processes: number;
  databaseUrl: string;
  redisUrl: string;
}

export interface Deployment {
  engine: BenchEngine;
  /** The PostgreSQL schema and Redis key prefix (null on PGlite + in-process). */
  schema: string | null;
  redisPrefix: string | null;
  servers: ChildServer[];
  urls: string[];
  stop(): Promise<void>;
}

/**
 * The account every webhook goes to. A HubSpot CRM is configured so that, once a HubSpot adapter is
 * registered, each new case also writes its CRM job to the outbox inside the ack transaction (the
 * real path); its base URL is a closed local port because no worker runs during the measurement.
 */
export const BENCH_CONFIG = `
accounts:
  - id: ${BENCH_ACCOUNT}
    name: Bench Home Services
    timezone: America/Phoenix
    crm:
      hubspot: { accessToken: "bench-token", portalId: 1, baseUrl: "http://127.0.0.1:9" }
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
        owners: ["${101 + 2 * i}", "${102 + 2 * i}"]
`,
).join('')}`;

export function benchName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'ringback-bench-'));
  const schema = benchName('bench');
  const prefix = benchName('bench');
  const onPostgres = options.engine === 'postgres+redis';
  writeFileSync(join(dir, 'ringback.yaml'), BENCH_CONFIG);
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
  // The HTTP role only: the ack path is what is measured; workers are separate processes in a
  // PostgreSQL + Redis deployment, and their CRM calls would need a CRM to call.
  const settings: RingbackSettings = { env, role: 'server' };
  const servers: ChildServer[] = [];
  const stop = async () => {
    for (const s of servers.splice(0).reverse()) await s.stop();
    await dropStorage();
    await removeDir();
  };
  try {
    // One after another: each start migrates and applies the config file, which the advisory lock
    // makes safe but not faster to do concurrently.
    for (let i = 0; i < options.processes; i++) {
      servers.push(await startChild('./ringback-entry.ts', settings, `ringback ${options.engine} #${i + 1}`));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    engine: options.engine,
    schema: onPostgres ? schema : null,
    redisPrefix: onPostgres ? prefix : null,
    servers, urls: servers.map((s) => s.url), stop };
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
