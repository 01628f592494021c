/**
 * One holder at a time for a named critical section across every process: a Redis lock
 * (`SET NX PX`, released only by its holder) when `REDIS_URL` is set, an in-process queue otherwise.
 * Used so that one account's OAuth token is refreshed once, not once per worker: HubSpot may rotate
 * the refresh token, and two concurrent refreshes could leave a process holding a dead one.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { RetryableError } from '../lib/errors.ts';
import { sharedRedis } from '../crm/hubspot/shared-redis.ts';

const local = new Map<string, Promise<unknown>>();
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface LockOptions {
  /** The lock expires by itself after this long, should its holder die. Default 20 s. */
  ttlMs?: number;
  /** How long to wait for it before giving up (retryable). Default 20 s. */
  waitMs?: number;
}

export async function withLock<T>(ctx: AppContext, name: string, run: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const ttlMs = options.ttlMs ?? 20_000;
  const waitMs = options.waitMs ?? 20_000;
  const url = ctx.config.env.REDIS_URL;
  if (!url) return withLocalLock(`${ctx.config.env.RINGBACK_REDIS_PREFIX}:${name}`, run);
  const redis = sharedRedis(url);
  const key = `${ctx.config.env.RINGBACK_REDIS_PREFIX}:lock:${name}`;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new RetryableError('lock_timeout', `waited too long for ${name}`);
    await sleep(50 + Math.floor(Math.random() * 50));
  }
  try {
    return await run();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}

async function withLocalLock<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = local.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(run);
  local.set(key, mine);
  try {
    return await mine;
  } finally {
    if (local.get(key) === mine) local.delete(key);
  }
}
