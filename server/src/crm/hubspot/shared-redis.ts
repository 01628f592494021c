/**
 * One Redis connection per URL for the whole process, used by the CRM request budget and the token
 * refresh lock. Its socket is unref'ed: it holds counters and locks only (never the only copy of
 * anything), so it must not keep a stopping process alive, and several servers in one process (tests)
 * share it, each under its own key prefix.
 */
import { Redis } from 'ioredis';

const connections = new Map<string, Redis>();

export function sharedRedis(url: string): Redis {
  let redis = connections.get(url);
  if (!redis) {
    redis = new Redis(url, { maxRetriesPerRequest: 2, enableReadyCheck: true });
    const unref = () => (redis as unknown as { stream?: { unref?: () => void } }).stream?.unref?.();
    redis.on('connect', unref);
    // Errors surface on the commands that fail (the budget falls back to memory); no crash on a blip.
    redis.on('error', () => undefined);
    connections.set(url, redis);
  }
  return redis;
}
