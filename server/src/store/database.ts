/**
 * Opens the one typed SQL layer on either engine: PostgreSQL through a node-postgres pool when
 * `DATABASE_URL` is set, otherwise PGlite (embedded Postgres) under the data dir. The same schema,
 * migrations and queries run on both.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { redactUrl } from '../lib/redact-url.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** Runs raw SQL (a migration guard, a health probe). */
  exec(statement: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Postgres schema; created when missing. Tests give each run its own. */
  schemaName?: string;
  /** PGlite data directory; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export class DatabaseUnavailableError extends Error {
  readonly code = 'database_unavailable';
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const schemaName = options.schemaName ?? 'public';
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, schemaName, options.poolSize ?? 10)
    : openPglite(options.dataDir ?? 'memory://', schemaName);
}

async function openPostgres(url: string, schemaName: string, max: number): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Make sure the server answers and the schema exists before the pool pins search_path to it.
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
    await probe.query(`create schema if not exists "${schemaName}"`);
  } catch (err) {
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    options: `-c search_path="${schemaName}"`,
    // Lets an operator (or a test) tell this deployment's connections apart in pg_stat_activity.
    application_name: `ringback:${schemaName}`,
  });
  // A dropped connection must not crash the process; the pool replaces it on the next checkout.
  pool.on('error', () => undefined);
  // A connection can also drop while a client is checked out between two statements of a
  // transaction; pg then emits 'error' on the client itself, which would crash the process without a
  // listener. The statement that follows fails, the transaction rolls back, and the caller retries.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    exec: async (statement) => {
      await pool.query(statement);
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, schemaName: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir.startsWith('memory://') ? undefined : join(dataDir, 'pgdata'));
  await client.waitReady;
  if (schemaName !== 'public') {
    await client.exec(`create schema if not exists "${schemaName}"; set search_path to "${schemaName}"`);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    exec: async (statement) => {
      await client.exec(statement);
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
