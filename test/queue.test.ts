import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ENGINE_PAIRS, deleteRedisPrefix, waitFor } from './helpers/engines.ts';
import { JobQueue, type JobContext } from '../server/src/queue/job-queue.ts';
import { insertJob, listJobs, reviveJob } from '../server/src/queue/outbox.ts';
import { jobs } from '../server/src/store/schema.ts';
import { createLogger } from '../server/src/lib/logger.ts';
import { NonRetryableError, RetryableError, RetryAfterError } from '../server/src/lib/errors.ts';
import type { Database } from '../server/src/store/database.ts';

const silent = createLogger('silent');

describe.each(ENGINE_PAIRS)('job queue on $name', (pair) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(options: { leaseMs?: number; sweepMs?: number } = {}) {
    const { database, drop } = await pair.openDatabase();
    const { transport, prefix } = await pair.openTransport();
    const queue = new JobQueue({
      database,
      transport,
      logger: silent,
      backoff: { baseMs: 10, maxMs: 40 },
      leaseMs: options.leaseMs ?? 30_000,
      sweepMs: options.sweepMs ?? 100,
    });
    cleanups.push(async () => {
      await queue.close();
      await database.close();
      await drop();
      if (prefix) await deleteRedisPrefix(prefix);
    });
    return { database, queue };
  }

  const jobRow = async (database: Database, id: number) =>
    (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0];

  it('runs an enqueued job once and marks it done', async () => {
    const { database, queue } = await setup();
    const runs: JobContext[] = [];
    queue.register('t.ok', async (job) => {
      runs.push(job);
    });
    await queue.startWorker(4);
    const id = await queue.enqueue({ kind: 't.ok', key: 'ok-1', payload: { n: 1 }, accountId: 'acme' });
    expect(id).not.toBeNull();
    await waitFor(async () => (await jobRow(database, id!))?.status === 'done', 10_000, 'job done');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 't.ok', key: 'ok-1', payload: { n: 1 }, accountId: 'acme', attempt: 1 });
  });

  it('enqueues a key only once', async () => {
    const { queue } = await setup();
    expect(await queue.enqueue({ kind: 't.ok', key: 'same' })).not.toBeNull();
    expect(await queue.enqueue({ kind: 't.ok', key: 'same' })).toBeNull();
  });

  it('retries a transient failure with backoff and then succeeds', async () => {
    const { database, queue } = await setup();
    const times: number[] = [];
    queue.register('t.flaky', async () => {
      times.push(Date.now());
      if (times.length < 3) throw new RetryableError('remote_5xx', 'remote said 503');
    });
    await queue.startWorker(2);
    const id = await queue.enqueue({ kind: 't.flaky', key: 'flaky-1' });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'done', 10_000, 'flaky job done');
    const row = await jobRow(database, id!);
    expect(times).toHaveLength(3);
    expect(row?.attempts).toBe(3);
    expect(row?.lastError).toBeNull();
    // Equal jitter on base 10 ms: the second retry waits at least half of 20 ms.
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(9);
  });

  it('dead-letters a non-retryable failure at once, lists it, and runs it again when revived', async () => {
    const { database, queue } = await setup();
    let fail = true;
    let runs = 0;
    queue.register('t.bad', async () => {
      runs++;
      if (fail) throw new NonRetryableError('crm_validation', 'property hs_foo does not exist');
    });
    await queue.startWorker(1);
    const id = await queue.enqueue({ kind: 't.bad', key: 'bad-1', accountId: 'acme' });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'dead', 10_000, 'job dead');
    expect(runs).toBe(1);
    const dead = await listJobs(database.db, { status: 'dead', accountId: 'acme', limit: 10 });
    expect(dead.map((j) => j.id)).toEqual([id]);
    expect(dead[0]?.lastError).toMatchObject({ code: 'crm_validation', message: 'property hs_foo does not exist' });
    fail = false;
    expect(await reviveJob(database.db, id!, new Date())).toBe(true);
    await queue.notify({ id: id!, runAt: new Date() });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'done', 10_000, 'revived job done');
    expect(runs).toBe(2);
  });

  it('dead-letters after the last allowed attempt', async () => {
    const { database, queue } = await setup();
    let runs = 0;
    queue.register('t.down', async () => {
      runs++;
      throw new Error('connection reset');
    });
    await queue.startWorker(1);
    const id = await queue.enqueue({ kind: 't.down', key: 'down-1', maxAttempts: 3 });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'dead', 10_000, 'job dead');
    expect(runs).toBe(3);
    expect((await jobRow(database, id!))?.lastError).toMatchObject({
      code: 'internal_error',
      message: 'connection reset',
    });
  });

  it('does not count waits the remote asked for against the attempts', async () => {
    const { database, queue } = await setup();
    let runs = 0;
    queue.register('t.throttled', async () => {
      runs++;
      if (runs <= 5) throw new RetryAfterError('crm_rate_limited', 'slow down', 10);
    });
    await queue.startWorker(1);
    const id = await queue.enqueue({ kind: 't.throttled', key: 'throttled-1', maxAttempts: 2 });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'done', 10_000, 'throttled job done');
    expect(runs).toBe(6);
    expect((await jobRow(database, id!))?.attempts).toBe(1);
  });

  it('does not run a delayed job before its time', async () => {
    const { database, queue } = await setup();
    let ranAt = 0;
    queue.register('t.later', async () => {
      ranAt = Date.now();
    });
    await queue.startWorker(1);
    const runAt = new Date(Date.now() + 400);
    const id = await queue.enqueue({ kind: 't.later', key: 'later-1', runAt });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'done', 10_000, 'delayed job done');
    expect(ranAt).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it('hands out work an earlier process left in the outbox when a worker starts', async () => {
    const { database, queue } = await setup();
    // Written but never delivered: the process that wrote it died before notifying the queue.
    const orphan = await insertJob(database.db, { kind: 't.ok', key: 'orphan-1' }, new Date());
    let runs = 0;
    queue.register('t.ok', async () => {
      runs++;
    });
    await queue.startWorker(1);
    await waitFor(async () => (await jobRow(database, orphan!.id))?.status === 'done', 10_000, 'orphan done');
    expect(runs).toBe(1);
  });

  it('runs a job once when it is delivered several times at once', async () => {
    const { database, queue } = await setup();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    queue.register('t.slow', async () => {
      runs++;
      await gate;
    });
    await queue.startWorker(4);
    const id = await queue.enqueue({ kind: 't.slow', key: 'slow-1' });
    await waitFor(async () => (await jobRow(database, id!))?.status === 'running', 10_000, 'job running');
    // Duplicate deliveries while it runs (a Redis redelivery, a sweep): the lease turns them away.
    await queue.sweep(true);
    await queue.notify({ id: id!, runAt: new Date() });
    release();
    await waitFor(async () => (await jobRow(database, id!))?.status === 'done', 10_000, 'job done');
    expect(runs).toBe(1);
  });
});
