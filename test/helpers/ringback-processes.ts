/**
 * Ringback as it runs in production: one `--role server` process taking webhooks and worker
 * processes (`--role worker`) running the CRM jobs, all separate Node processes sharing one
 * PostgreSQL schema, one Redis prefix, one data dir and one secret key. Tests kill and start workers
 * while the server keeps acknowledging, and read the shared database directly to count what was stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/src/store/database.ts';
import { SecretBox } from '../../server/src/lib/secret-box.ts';
import { baseEnv, startCli, type CliProcess } from './cli.ts';
import { PG_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './engines.ts';
import { freePort } from './ports.ts';
import { PUBLIC_URL } from './server.ts';

export interface RingbackProcesses {
  /** The server process's base URL (webhooks, API). */
  url: string;
  adminToken: string;
  server: CliProcess;
  /** Workers started so far, killed ones included. */
  workers: CliProcess[];
  /** The shared database, opened in the test process (read what the processes stored). */
  database: Database;
  /** The key the processes seal credentials with. */
  box: SecretBox;
  startWorker(): Promise<CliProcess>;
  /** Which processes have exited and the last thing each printed to stderr, for failure messages. */
  describe(): string;
  /** kill -9, and wait until the process is gone. */
  kill(worker: CliProcess): Promise<void>;
  close(): Promise<void>;
}

export interface ProcessOptions {
  /** The config file (YAML). */
  config: string;
  workers?: number;
  /** Extra environment for every process (lease and sweep times, …). */
  env?: Record<string, string>;
}

export async function startRingbackProcesses(options: ProcessOptions): Promise<RingbackProcesses> {
  const schema = uniqueName('rbt');
  const prefix = uniqueName('rbt');
  const dir = mkdtempSync(join(tmpdir(), 'rbt-procs-'));
  writeFileSync(join(dir, 'ringback.yaml'), options.config);
  const adminToken = `test-admin-${uniqueName('t')}`;
  const secretKey = randomBytes(32).toString('hex');
  const port = await freePort();
  const env = baseEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    RINGBACK_DATA_DIR: dir,
    RINGBACK_CONFIG: join(dir, 'ringback.yaml'),
    RINGBACK_ADMIN_TOKEN: adminToken,
    RINGBACK_PUBLIC_URL: PUBLIC_URL,
    RINGBACK_SECRET_KEY: secretKey,
    RINGBACK_SANDBOX: 'off',
    DATABASE_URL: PG_URL,
    RINGBACK_DB_SCHEMA: schema,
    REDIS_URL,
    RINGBACK_REDIS_PREFIX: prefix,
    RINGBACK_SWEEP_SECONDS: '0.5',
    ...options.env,
  });
  const started: Array<CliProcess & { role: string }> = [];
  const workers: CliProcess[] = [];
  let database: Database | null = null;
  const close = async () => {
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(started.map((p) => p.exited()));
    await database?.close();
    await dropSchema(schema);
    await deleteRedisPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  };
  const launch = async (role: 'server' | 'worker') => {
    const proc = startCli(env, ['--role', role]);
    started.push({ ...proc, role });
    await proc.printed(`Ringback ${role} started`, 60_000);
    return proc;
  };
  try {
    // The server migrates the schema and applies the config before any worker starts.
    const server = await launch('server');
    const startWorker = async () => {
      const worker = await launch('worker');
      workers.push(worker);
      return worker;
    };
    await Promise.all(Array.from({ length: options.workers ?? 1 }, () => startWorker()));
    database = await openDatabase({ databaseUrl: PG_URL, schemaName: schema, poolSize: 2 });
    return {
      url: `http://127.0.0.1:${port}`,
      adminToken,
      server,
      workers,
      database,
      box: SecretBox.fromString(secretKey),
      startWorker,
      describe: () =>
        started
          .map((p) => {
            const state =
              p.child.exitCode !== null
                ? `exited ${p.child.exitCode}`
                : p.child.signalCode
                  ? `killed by ${p.child.signalCode}`
                  : 'running';
            const err = p.stderr().trim().split('\n').slice(-3).join(' | ').slice(-400);
            return `${p.role} ${p.child.pid} ${state}${err ? `: ${err}` : ''}`;
          })
          .join('; '),
      async kill(worker) {
        worker.child.kill('SIGKILL');
        await worker.exited();
      },
      close,
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
