/**
 * Production transport: BullMQ on Redis, so any number of worker processes share the work. BullMQ
 * only carries ids; retries, backoff and dead letters are decided by the outbox, which is why every
 * BullMQ job has a single attempt and is removed once handled.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { redactUrl } from '../lib/redact-url.ts';
import type { DeliveryHandler, JobDelivery, JobTransport } from './transport.ts';

const QUEUE_NAME = 'jobs';

export class RedisUnavailableError extends Error {
  readonly code = 'redis_unavailable';
}

export interface BullMqOptions {
  url: string;
  prefix: string;
}

export class BullMqTransport implements JobTransport {
  readonly name = 'bullmq' as const;
  private readonly queue: Queue;
  private readonly connection: Redis;
  private worker: Worker | null = null;
  private workerConnection: Redis | null = null;

  private constructor(
    private readonly options: BullMqOptions,
    connection: Redis,
  ) {
    this.connection = connection;
    this.queue = new Queue(QUEUE_NAME, {
      connection,
      prefix: options.prefix,
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: true },
    });
    // Connection errors while Redis is away surface where they matter (a failed add, which the
    // outbox sweeper covers); unheard, BullMQ prints them to stderr.
    this.queue.on('error', () => undefined);
  }

  /** Connects and checks Redis answers before anything relies on it. */
  static async connect(options: BullMqOptions): Promise<BullMqTransport> {
    const probe = new Redis(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
    } catch (err) {
      probe.disconnect();
      throw new RedisUnavailableError(`cannot reach Redis at ${redactUrl(options.url)}: ${(err as Error).message}`);
    }
    probe.disconnect();
    // Producer connection: fail fast when Redis is gone so an ingest request is not held open;
    // the outbox keeps the work and the sweeper delivers it once Redis is back.
    const connection = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    connection.on('error', () => undefined);
    await new Promise<void>((resolve) =>
      connection.status === 'ready' ? resolve() : connection.once('ready', () => resolve()),
    );
    return new BullMqTransport(options, connection);
  }

  async deliver(delivery: JobDelivery): Promise<void> {
    await this.queue.add(
      'job',
      { id: delivery.id },
      {
        jobId: `j${delivery.id}a${delivery.attempt}t${delivery.runAtMs}${delivery.redeliveryMs === undefined ? '' : `r${delivery.redeliveryMs}`}`,
        delay: Math.max(0, Math.round(delivery.delayMs)),
      },
    );
  }

  consume(handler: DeliveryHandler, concurrency: number, onReconnect?: () => void): void {
    // Workers block on Redis, so they need their own connection that retries forever.
    this.workerConnection = new Redis(this.options.url, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', () => undefined);
    // The producer connection (already up) ready again after a drop: a restarted Redis may have lost
    // every delivery it held, and a lost delivery would otherwise wait for the sweeper's redelivery
    // age (a minute). This is the connection the redeliveries go out on.
    if (onReconnect) this.connection.on('ready', onReconnect);
    this.worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        await handler((job.data as { id: number }).id);
      },
      {
        connection: this.workerConnection,
        prefix: this.options.prefix,
        concurrency,
        // Short enough that a killed worker's job comes back quickly; the outbox lease still guards.
        lockDuration: 30_000,
      },
    );
    this.worker.on('error', () => undefined);
  }

  async close(): Promise<void> {
    if (this.worker) await this.worker.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }
}
