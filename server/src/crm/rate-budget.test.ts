import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RetryAfterError } from '../lib/errors.ts';
import { RateBudget } from './rate-budget.ts';

const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
afterAll(() => redis.disconnect());

const prefix = () => `rbt_budget_${randomBytes(4).toString('hex')}`;

/** How many of `n` concurrent takes got through within the first `ms`. */
async function passedWithin(budgets: RateBudget[], key: string, n: number, ms: number): Promise<number> {
  const started = Date.now();
  const times = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      budgets[i % budgets.length]!
        .take(key)
        .then(() => Date.now() - started)
        .catch(() => Infinity),
    ),
  );
  return times.filter((t) => t < ms).length;
}

describe('RateBudget', () => {
  it('lets through the allowance per second and makes the rest wait', async () => {
    const budget = new RateBudget({ redis: null, prefix: prefix(), defaultPerSecond: { general: 5, search: 2 }, maxWaitMs: 300 });
    expect(await passedWithin([budget], 'portal-1', 12, 500)).toBe(5);
  });

  it('learns the allowance from the CRM headers: max per interval over the windows it can span', async () => {
    const budget = new RateBudget({ redis: null, prefix: prefix(), defaultPerSecond: { general: 9, search: 2 } });
    await budget.observe('p', { max: 190, intervalMs: 10_000, remaining: 150, perSecond: 19 });
    expect(budget.allowance('p', 'general')).toBe(17); // 190 / 11: never more than 190 in any 10 s
    await budget.observe('q', { max: 100, intervalMs: 10_000, perSecond: 5 });
    expect(budget.allowance('q', 'general')).toBe(5);
    expect(budget.allowance('other', 'general')).toBe(9);
  });

  it('gives the job back with a retry-after instead of waiting longer than allowed', async () => {
    const budget = new RateBudget({ redis: null, prefix: prefix(), defaultPerSecond: { general: 1, search: 1 }, maxWaitMs: 200 });
    await budget.take('p');
    await expect(budget.take('p')).rejects.toBeInstanceOf(RetryAfterError);
  });

  it('shares one allowance between processes through Redis, and a pause stops them all', async () => {
    const shared = prefix();
    const a = new RateBudget({ redis, prefix: shared, defaultPerSecond: { general: 4, search: 2 }, maxWaitMs: 300 });
    const b = new RateBudget({ redis, prefix: shared, defaultPerSecond: { general: 4, search: 2 }, maxWaitMs: 300 });
    expect(await passedWithin([a, b], 'portal-9', 10, 500)).toBe(4);
    await a.pause('portal-7', 1_000);
    expect(await passedWithin([b], 'portal-7', 2, 500)).toBe(0);
  });

  it('pauses a key when the CRM says little is left of its allowance', async () => {
    const budget = new RateBudget({ redis: null, prefix: prefix(), defaultPerSecond: { general: 9, search: 2 }, maxWaitMs: 300 });
    await budget.observe('p', { max: 100, intervalMs: 10_000, remaining: 2 });
    expect(await passedWithin([budget], 'p', 1, 500)).toBe(0);
  });
});
