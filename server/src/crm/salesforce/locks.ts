/**
 * Mutual exclusion for work that must happen once per org or caller at a time: a token refresh (a
 * rotated refresh token is single-use), a new caller's Lead. On Redis (`REDIS_URL`) the lock holds
 * across every server and worker; without Redis there is one process, and an in-process queue does.
 *
 * A Redis connection is opened per lock and closed after: these locks are taken for token refreshes
 * and first calls from new callers, rarely enough that a long-lived client (which would need a
 * shutdown hook) is not worth it.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AppContext } from '../../app-context.ts';
import { RetryableError } from '../../lib/errors.ts';

export interface LockOptions {
  /** How long the lock lives if its holder dies (ms). */
  ttlMs: number;
  /** How long to wait for it before giving up with a retryable error (ms). */
  waitMs: number;
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const local = new WeakMap<AppContext, Map<string, Promise<void>>>();

export async function withLock<T>(
  ctx: AppContext,
  name: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const url = ctx.config.env.REDIS_URL;
  return url ? withRedisLock(ctx, url, name, options, fn) : withLocalLock(ctx, name, fn);
}

async function withLocalLock<T>(ctx: AppContext, name: string, fn: () => Promise<T>): Promise<T> {
  let chains = local.get(ctx);
  if (!chains) local.set(ctx, (chains = new Map()));
  const previous = chains.get(name) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  chains.set(name, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (chains.get(name) === tail) chains.delete(name);
  }
}

async function withRedisLock<T>(
  ctx: AppContext,
  url: string,
  name: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  const key = `${ctx.config.env.RINGBACK_REDIS_PREFIX}:lock:${name}`;
  const token = randomBytes(12).toString('hex');
  try {
    const deadline = Date.now() + options.waitMs;
    let delay = 20;
    for (;;) {
      const ok = await redis.set(key, token, 'PX', options.ttlMs, 'NX');
      if (ok === 'OK') break;
      if (Date.now() >= deadline) throw new RetryableError('crm_lock_busy', `another process holds ${name}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
    try {
      return await fn();
    } finally {
      await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  } finally {
    redis.disconnect();
  }
}
