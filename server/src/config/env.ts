/**
 * The only place that reads `process.env`. Everything else receives the parsed `Env` (or the
 * `RuntimeConfig` built from it) as an argument, so tests can run many servers side by side.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === undefined || s === '' ? undefined : s));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  RINGBACK_DATA_DIR: z.string().default('./.ringback'),
  DATABASE_URL: optionalString,
  /** Postgres schema to use (tests give each run its own). */
  RINGBACK_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case identifier')
    .default('public'),
  REDIS_URL: optionalString,
  /** Key prefix for every Redis key, so several deployments or tests can share one Redis. */
  RINGBACK_REDIS_PREFIX: z.string().default('ringback'),
  RINGBACK_CONFIG: optionalString,
  RINGBACK_ADMIN_TOKEN: optionalString,
  RINGBACK_PUBLIC_URL: optionalString,
  /** 32-byte key (base64 or hex) that encrypts CRM credentials at rest; generated into the data dir when unset. */
  RINGBACK_SECRET_KEY: optionalString,
  /** `auto` creates the demo sandbox account when no config file is given. */
  RINGBACK_SANDBOX: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Days of demo history the sandbox generates in the background after start (0 = none). */
  RINGBACK_SANDBOX_HISTORY_DAYS: z.coerce.number().int().min(0).max(730).default(365),
  /**
   * Live sandbox traffic (signed CallRail webhooks and outcomes posted to this server): `off`, a rate
   * of inbound calls like `2/s`, `30/m` or `600/h`, or `auto` = 12/m when the server listens on a fixed
   * PORT (the simulator posts to it; tests listen on port 0 and so get none unless asked).
   */
  RINGBACK_SANDBOX_TRAFFIC: z
    .string()
    .regex(/^(off|auto|\d+(\.\d+)?\/[smh])$/, 'off, auto or a rate like 2/s, 30/m, 600/h')
    .default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds a running job may hold its lease before another worker may take it over. */
  RINGBACK_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** How often each worker sweeps the outbox for work the queue may have lost. */
  RINGBACK_SWEEP_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /**
   * Jobs one worker process runs at once. Most of a job's time is spent waiting on the CRM (latency,
   * the portal's rate budget), and the CRM writers batch what is in flight together, so this is
   * well above the core count.
   */
  RINGBACK_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  readonly code = 'config_env_invalid';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') ?? '?';
    throw new EnvError(`environment variable ${key}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
