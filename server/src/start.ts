/**
 * Builds and starts a Ringback process from a parsed environment: database and migrations, config,
 * queue, HTTP server and/or worker. `main.ts` calls it for `npm start`; tests call it directly to run
 * real servers side by side.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from './config/env.ts';
import { buildRuntimeConfig, type RuntimeConfig } from './config/runtime.ts';
import { applyConfig, applyAccount } from './config/apply-config.ts';
import { openDatabase, type Database } from './store/database.ts';
import { migrate } from './store/migrate.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { loadSecretBox } from './lib/secret-key.ts';
import { ensureAdminToken } from './security/admin-token.ts';
import { InProcessTransport } from './queue/in-process-transport.ts';
import { BullMqTransport } from './queue/bullmq-transport.ts';
import { JobQueue } from './queue/job-queue.ts';
import type { JobTransport } from './queue/transport.ts';
import type { AppContext } from './app-context.ts';
import { createApp } from './http/app.ts';
import { buildRoutes, periodicTasks, registerCrmAdapters, registerJobs } from './wiring.ts';
import { startPeriodic } from './jobs/periodic.ts';
import { CrmRegistry } from './crm/registry.ts';
import { demoAccount } from './sandbox/demo-account.ts';
import { getAccount } from './accounts/account-store.ts';
import type pino from 'pino';
import { AccountContextCache } from './accounts/account-context.ts';
import { Metrics } from './lib/metrics.ts';

export type Role = 'all' | 'server' | 'worker';

export interface StartOptions {
  env: Env;
  role?: Role;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: pino.DestinationStream;
  clock?: () => Date;
  /** Worker concurrency. */
  concurrency?: number;
}

export interface RunningRingback {
  ctx: AppContext;
  /** Base URL the HTTP server listens on (null for a worker-only process). */
  url: string | null;
  /** Lines worth printing at start (console URL, webhook URLs, admin token notice). */
  banner: string[];
  close(): Promise<void>;
}

export class StartError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function startRingback(options: StartOptions): Promise<RunningRingback> {
  const role = options.role ?? 'all';
  const clock = options.clock ?? (() => new Date());
  const logger = createLogger(options.env.LOG_LEVEL, options.logDestination);
  const config = buildRuntimeConfig(options.env);
  const database = await openDatabase({
    databaseUrl: options.env.DATABASE_URL,
    schemaName: options.env.RINGBACK_DB_SCHEMA,
    dataDir: config.dataDir,
  });
  // Undo steps, run last-in first-out on close or when a later start step fails.
  const cleanup: Array<() => Promise<void>> = [() => database.close()];
  // Each step gets a bounded time: a queue or pool waiting on a dead connection must not keep the
  // process (or a caller's close()) from finishing; leases hand any abandoned job to another worker.
  const undo = async (log: Logger | null) => {
    for (const step of [...cleanup].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log?.warn('shutdown step took over 5 s; moving on');
          resolve();
        }, 5_000);
      });
      await Promise.race([step().catch((err: Error) => log?.warn({ err: err.message }, 'shutdown step failed')), limit]);
      clearTimeout(timer);
    }
  };
  try {
    await migrate(database, options.env.RINGBACK_DB_SCHEMA);
    const { box } = loadSecretBox(options.env.RINGBACK_SECRET_KEY, config.dataDir);
    const admin = await ensureAdminToken(database.db, options.env.RINGBACK_ADMIN_TOKEN, config.dataDir);
    if (config.file) await applyConfig(database, box, config.file);
    if (config.sandbox)
      // Created once: changes made in the console to the demo account survive restarts.
      if (!(await getAccount(database.db, 'demo'))) await applyAccount(database, box, demoAccount(`${config.publicUrl}/sandbox/hubspot`), 'sandbox');

    const transport = await openTransport(options.env);
    const queue = new JobQueue({
      database,
      transport,
      logger,
      clock,
      leaseMs: options.env.RINGBACK_JOB_LEASE_SECONDS * 1000,
      sweepMs: options.env.RINGBACK_SWEEP_SECONDS * 1000,
    });
    cleanup.push(() => queue.close()); // closes the transport after in-flight jobs finish
    const ctx: AppContext = {
      config,
      database,
      queue,
      logger,
      box,
      adminTokenHash: admin.hash,
      clock,
      accounts: new AccountContextCache(database.db, box),
      metrics: new Metrics(),
      crm: new CrmRegistry(),
    };
    registerCrmAdapters(ctx);
    registerJobs(ctx);

    let server: Server | null = null;
    let url: string | null = null;
    if (role !== 'worker') {
      server = await listen(createApp(ctx, buildRoutes(ctx)), options.env.PORT, options.env.HOST);
      const port = (server.address() as AddressInfo).port;
      url = `http://${options.env.HOST === '0.0.0.0' || options.env.HOST === '::' ? 'localhost' : options.env.HOST}:${port}`;
    }
    if (role !== 'server') {
      await queue.startWorker(options.concurrency ?? options.env.RINGBACK_WORKER_CONCURRENCY);
      const stopPeriodic = startPeriodic(ctx, periodicTasks());
      cleanup.push(async () => stopPeriodic());
    }

    const banner = bannerLines(config, url, admin.announcement, role, database, queue);
    let closing: Promise<void> | null = null;
    return {
      ctx,
      url,
      banner,
      close: () =>
        (closing ??= (async () => {
          if (server) await closeServer(server);
          await undo(logger);
        })()),
    };
  } catch (err) {
    await undo(null);
    throw err;
  }
}

async function openTransport(env: Env): Promise<JobTransport> {
  if (!env.REDIS_URL) return new InProcessTransport();
  return BullMqTransport.connect({ url: env.REDIS_URL, prefix: env.RINGBACK_REDIS_PREFIX });
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new StartError(`port ${port} is already in use on ${host} (set PORT to another port)`, 'port_in_use')
          : err,
      );
    });
  });
}

/** Stops taking connections, lets in-flight requests finish, then drops idle keep-alive sockets. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}

function bannerLines(
  config: RuntimeConfig,
  url: string | null,
  adminNotice: string,
  role: Role,
  database: Database,
  queue: JobQueue,
): string[] {
  const lines = [`Ringback ${role} started (database: ${database.engine}, queue: ${queue.transportName})`];
  if (url) {
    lines.push(`operator console: ${config.publicUrl}/`);
    lines.push(adminNotice);
    if (config.sandbox) {
      lines.push('sandbox webhook endpoints (account demo):');
      for (const provider of ['callrail', 'twilio', 'invoca', 'generic'])
        lines.push(`  ${config.publicUrl}/webhooks/${provider}/demo`);
      lines.push(`sandbox HubSpot CRM: ${config.publicUrl}/sandbox/hubspot/_emulator/state`);
    }
  }
  return lines;
}
