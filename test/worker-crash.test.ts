/**
 * Kill -9 a worker in the middle of a job, start a new one, and the job completes exactly once: the
 * outbox lease hands it to the new worker, and the idempotent handler applies its effect once.
 * Runs on PostgreSQL + Redis (separate processes sharing both) and on PGlite + the in-process queue
 * (the data dir reopened by the next process).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName, waitFor } from './helpers/engines.ts';
import { openDatabase, type Database } from '../server/src/store/database.ts';
import { migrate } from '../server/src/store/migrate.ts';
import { insertJob } from '../server/src/queue/outbox.ts';

interface Worker {
  child: ChildProcess;
  /** Resolves when the worker prints `line` (it reports readiness, applied effects and completions). */
  printed(line: string): Promise<void>;
}

async function startWorker(args: string[]): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-worker.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  const printed = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.split('\n').includes(line)) return resolve();
        if (child.exitCode !== null) return reject(new Error(`worker exited before printing ${line}`));
        waiters.push(check);
      };
      check();
    });
  await printed('ready');
  return { child, printed };
}

function killed({ child }: Worker): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function rows(database: Database, query: string): Promise<Array<Record<string, unknown>>> {
  const result = (await database.db.execute(sql.raw(query))) as unknown as { rows: Array<Record<string, unknown>> };
  return result.rows;
}

describe('a worker killed mid-job', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('on PostgreSQL + Redis: the next worker completes the job exactly once', async () => {
    const schema = uniqueName('rbt');
    const prefix = uniqueName('rbt');
    cleanups.push(
      () => dropSchema(schema),
      () => deleteRedisPrefix(prefix),
    );
    const database = await openDatabase({ databaseUrl: PG_URL, schemaName: schema, poolSize: 2 });
    cleanups.push(() => database.close());
    await migrate(database, schema);
    const first = await startWorker([PG_URL, schema, REDIS_URL, prefix, '-', '1']);
    cleanups.push(async () => void first.child.kill('SIGKILL'));
    // The producer writes to the outbox; the worker's sweep delivers it.
    await insertJob(database.db, { kind: 't.effect', key: 'effect-pg' }, new Date());
    await first.printed('applied effect-pg');
    await killed(first);
    expect((await rows(database, `select status from jobs where key = 'effect-pg'`))[0]?.status).toBe('running');

    const second = await startWorker([PG_URL, schema, REDIS_URL, prefix, '-', '0']);
    cleanups.push(async () => void second.child.kill('SIGKILL'));
    await waitFor(
      async () => (await rows(database, `select status from jobs where key = 'effect-pg'`))[0]?.status === 'done',
      15_000,
      'job done',
    );
    const job = (await rows(database, `select attempts from jobs where key = 'effect-pg'`))[0];
    expect(job?.attempts).toBe(2);
    expect(await rows(database, 'select * from effects')).toHaveLength(1);
    const runs = await rows(database, 'select pid from runs order by id');
    expect(runs.map((r) => r.pid)).toEqual([first.child.pid, second.child.pid]);
  });

  it('on PGlite + the in-process queue: the restarted process completes the job exactly once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rbt-pglite-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const args = (block: string) => ['-', '-', '-', '-', dataDir, block];
    // The job was written by a process that is gone; PGlite holds its files for one process at a time.
    const writer = await openDatabase({ dataDir });
    await migrate(writer);
    await insertJob(writer.db, { kind: 't.effect', key: 'effect-lite' }, new Date());
    await writer.close();

    const first = await startWorker(args('1'));
    cleanups.push(async () => void first.child.kill('SIGKILL'));
    await first.printed('applied effect-lite');
    await killed(first);

    const between = await openDatabase({ dataDir });
    expect((await rows(between, `select status, attempts from jobs where key = 'effect-lite'`))[0]).toMatchObject({
      status: 'running',
      attempts: 1,
    });
    await between.close();

    const second = await startWorker(args('0'));
    cleanups.push(async () => void second.child.kill('SIGKILL'));
    await second.printed('done effect-lite');
    await killed(second);

    const after = await openDatabase({ dataDir });
    cleanups.push(() => after.close());
    expect((await rows(after, `select status, attempts from jobs where key = 'effect-lite'`))[0]).toMatchObject({
      status: 'done',
      attempts: 2,
    });
    expect(await rows(after, 'select * from effects')).toHaveLength(1);
    expect(await rows(after, 'select * from runs')).toHaveLength(2);
  });
});
