/**
 * Applies the checked-in migrations at start. On PostgreSQL several processes may start at once, so
 * they queue on an advisory lock and the later ones find nothing left to do.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { MIGRATIONS_FOLDER } from './database.ts';

const MIGRATION_LOCK = 7_413_001; // arbitrary, constant: the lock id every Ringback process agrees on

export async function migrate(database: Database, schemaName = 'public'): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: schemaName, migrationsTable: '__migrations' };
  if (database.engine === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, config);
    return;
  }
  const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
  // Transaction-scoped lock on one pooled connection; the migrator runs on the same transaction
  // object so the lock is held for exactly as long as the migration.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await run(tx as never, config);
  });
}
