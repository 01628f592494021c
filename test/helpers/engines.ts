/**
 * The two engine pairs every storage and queue test runs on: PostgreSQL + Redis (production) and
 * PGlite + the in-process queue (embedded default). Each test gets its own schema / key prefix.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { openDatabase, type Database } from '../../server/src/store/database.ts';
import { migrate } from '../../server/src/store/migrate.ts';
import { InProcessTransport } from '../../server/src/queue/in-process-transport.ts';
import { BullMqTransport } from '../../server/src/queue/bullmq-transport.ts';
import type { JobTransport } from '../../server/src/queue/transport.ts';

export const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export interface EnginePair {
  name: 'postgres+redis' | 'pglite+in-process';
  /** Opens a migrated database in a fresh schema (PostgreSQL) or a fresh in-memory PGlite. */
  openDatabase(): Promise<{ database: Database; schema: string; drop(): Promise<void> }>;
  openTransport(): Promise<{ transport: JobTransport; prefix: string | null }>;
}

export const ENGINE_PAIRS: EnginePair[] = [
  {
    name: 'postgres+redis',
    async openDatabase() {
      const schema = uniqueName('rbt');
      const database = await openDatabase({ databaseUrl: PG_URL, schemaName: schema, poolSize: 5 });
      await migrate(database, schema);
      return { database, schema, drop: () => dropSchema(schema) };
    },
    async openTransport() {
      const prefix = uniqueName('rbt');
      return { transport: await BullMqTransport.connect({ url: REDIS_URL, prefix }), prefix };
    },
  },
  {
    name: 'pglite+in-process',
    async openDatabase() {
      const database = await openDatabase({ dataDir: 'memory://' });
      await migrate(database);
      return { database, schema: 'public', drop: async () => undefined };
    },
    async openTransport() {
      return { transport: new InProcessTransport(), prefix: null };
    },
  },
];

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Polls `check` until it returns a truthy value or the deadline passes (no fixed sleeps). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
