/**
 * The benchmark harness (contract §7): its webhooks are ones Ringback really accepts, its load
 * generator counts what the server acknowledged, the deployments it starts leave no process, schema
 * or Redis key behind, and the CLI finds, selects and tabulates rows.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { normalizePhone, findRepeatOf, isMissedCall, DEFAULT_POLICY } from '@ringback/shared';
import { callrail } from '../server/src/providers/index.ts';
import { callRailWebhook, callerFor, BENCH_LOCATIONS, BENCH_SIGNING_KEY } from '../bench/lib/callrail-bodies.ts';
import { startDeployment, schemaExists } from '../bench/lib/deployment.ts';
import { startChild } from '../bench/lib/child.ts';
import { atRate, saturate } from '../bench/lib/load.ts';
import { defer, pendingCleanups, runAllCleanups, withTimeout } from '../bench/lib/cleanup.ts';
import { summarise } from '../bench/lib/stats.ts';
import { rssOf } from '../bench/lib/rss.ts';
import { formatTable } from '../bench/lib/table.ts';
import { discoverRows, parseArgs, selectRows, UsageError } from '../bench/run.ts';
import { dedupScenarios, naiveNormalize, naiveRepeatOf, phoneInputs } from '../bench/rows/phone-dedup.ts';
import type { BenchResult } from '../bench/row.ts';
import { PG_URL, REDIS_URL } from './helpers/engines.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bench webhooks', () => {
  it('are signed CallRail post-call misses the real adapter verifies, each a distinct call from a distinct caller', () => {
    const ids = new Set<string>();
    const callers = new Set<string>();
    const tracking = new Set<string>();
    for (let seq = 0; seq < 300; seq++) {
      const { body, headers } = callRailWebhook(seq * 7919);
      const req = { rawBody: Buffer.from(body), contentType: headers['content-type'], headers, query: { event: 'post_call' }, publicUrl: 'https://x/webhooks/callrail/bench?event=post_call' };
      expect(callrail.verify(req, { signingKey: BENCH_SIGNING_KEY })).toEqual({ ok: true });
      expect(callrail.verify(req, { signingKey: 'another-key' }).ok).toBe(false);
      const parsed = callrail.parse(req);
      if (!parsed.ok || !parsed.event) throw new Error(`seq ${seq} did not parse into an event`);
      expect(parsed.kind).toBe('post_call');
      expect(isMissedCall(parsed.event)).toBe(true);
      // Live traffic: the call started moments ago (CallRail posts when it ends).
      expect(Date.now() - parsed.event.startedAt.getTime()).toBeGreaterThan(20_000);
      expect(Date.now() - parsed.event.startedAt.getTime()).toBeLessThan(60_000);
      tracking.add(parsed.event.trackingE164!);
      ids.add(parsed.event.providerCallId);
      callers.add(parsed.event.callerE164!);
    }
    expect(ids.size).toBe(300);
    expect(callers.size).toBe(300);
    expect(tracking.size).toBe(BENCH_LOCATIONS.length);
    expect(normalizePhone(callerFor(123_456))).toMatch(/^\+1[2-9]\d{9}$/);
  });
});

describe('bench deployments', () => {
  it('start Ringback on a fresh schema, count what it acknowledged, and drop schema, keys and processes on stop', async () => {
    const deployment = await startDeployment({ engine: 'postgres+redis', processes: 1, databaseUrl: PG_URL, redisUrl: REDIS_URL });
    const schema = deployment.schema!;
    const pid = deployment.servers[0]!.pid;
    try {
      expect(await schemaExists(PG_URL, schema)).toBe(true);
      const result = await atRate({ urls: deployment.urls, rate: 20, durationSeconds: 1, connections: 2, phases: 2 });
      expect(result.non2xx).toBe(0);
      expect(result.acknowledged).toBeGreaterThan(5);
      expect(result.latency.count).toBe(result.acknowledged);
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        // Every webhook was stored as its own event (none took the replay path), each with a fold job
        // waiting for a worker (this deployment runs HTTP processes only); a request still in flight
        // when the run ended (at most one per connection) was stored but not counted.
        const events = await client.query(
          `select count(*)::int as n, count(distinct provider_call_id)::int as calls, count(missed_call_id)::int as misses from "${schema}".webhook_events where status = 'pending'`,
        );
        expect(events.rows[0].n).toBeGreaterThanOrEqual(result.acknowledged);
        expect(events.rows[0].n).toBeLessThanOrEqual(result.acknowledged + 2);
        expect(events.rows[0].calls).toBe(events.rows[0].n);
        expect(events.rows[0].misses).toBe(events.rows[0].n);
        const folds = await client.query(
          `select coalesce(sum(jsonb_array_length(payload->'eventIds')), 0)::int as n from "${schema}".jobs where kind = 'webhook.fold' and status = 'pending'`,
        );
        expect(folds.rows[0].n).toBe(events.rows[0].n);
      } finally {
        await client.end();
      }
    } finally {
      await deployment.stop();
    }
    expect(await schemaExists(PG_URL, schema)).toBe(false);
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.keys(`${deployment.redisPrefix}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    expect(alive(pid)).toBe(false);
    expect(pendingCleanups()).toEqual([]);
  });

  it('run the bare express baseline, which answers every webhook 200, and stop it', async () => {
    const server = await startChild('./bare-express-entry.ts', {}, 'baseline under test');
    try {
      const result = await saturate({ urls: [server.url], durationSeconds: 1, connections: 4 });
      expect(result.acknowledged).toBeGreaterThan(50);
      expect(result.non2xx + result.errors).toBe(0);
      expect(rssOf(server.pid)).toBeGreaterThan(10 * 1024 * 1024);
    } finally {
      await server.stop();
    }
    expect(alive(server.pid)).toBe(false);
    expect(rssOf(server.pid)).toBeNull();
  });
});

describe('bench cleanup', () => {
  it('runs every pending step newest first, once, and bounds slow ones', async () => {
    const order: string[] = [];
    defer('a', async () => void order.push('a'));
    const b = defer('b', async () => void order.push('b'));
    defer('c', async () => void order.push('c'));
    await b();
    await b();
    expect(await runAllCleanups()).toEqual([]);
    expect(order).toEqual(['b', 'c', 'a']);
    await expect(withTimeout(new Promise(() => undefined), 20, 'never')).rejects.toMatchObject({ code: 'bench_timeout' });
  });

  it('waits for a step another caller already started (Ctrl-C racing a row that stops itself)', async () => {
    let finished = false;
    const slow = defer('slow', async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    void slow();
    expect(await runAllCleanups()).toEqual([]);
    expect(finished).toBe(true);
    expect(pendingCleanups()).toEqual([]);
  });
});

describe('bench CLI', () => {
  it('parses --quick and --only, and refuses what it does not know', () => {
    expect(parseArgs(['--quick', '--only', 'webhook,phone'])).toMatchObject({ quick: true, only: ['webhook', 'phone'] });
    expect(parseArgs(['--only=memory'])).toMatchObject({ quick: false, only: ['memory'] });
    expect(() => parseArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseArgs(['--only'])).toThrow(UsageError);
  });

  it('discovers every row module with a distinct id and selects by id', async () => {
    const rows = await discoverRows();
    expect(rows.map((r) => r.id).sort()).toEqual(expect.arrayContaining(['memory', 'phone', 'webhook']));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(selectRows(rows, ['phone']).map((r) => r.id)).toEqual(['phone']);
    expect(() => selectRows(rows, ['nope'])).toThrow(/no row nope/);
  });

  it('prints one aligned line per result with both figures and the ratio', () => {
    const results: BenchResult[] = [
      { name: 'ack p99', unit: 'ms', better: 'lower', ringback: 12.5, baselineName: 'bare', baseline: 2.5 },
      { name: 'throughput at saturation', unit: 'req/s', better: 'higher', ringback: 2000, baselineName: 'bare express', baseline: 8000 },
    ];
    const lines = formatTable(results).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^ack p99\s+12\.5 ms\s+bare\s+2\.50 ms\s+5\.00\s+lower$/);
    expect(lines[3]).toMatch(/2,000 req\/s\s+bare express\s+8,000 req\/s\s+0\.25\s+higher$/);
    // The ratio column ends at the same place on every line.
    expect(new Set(lines.slice(2).map((l) => l.search(/(lower|higher)$/))).size).toBe(1);
  });

  it('takes nearest-rank percentiles and never reports an empty run as fast', () => {
    const s = summarise(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s).toMatchObject({ count: 100, p50: 50, p99: 99, max: 100 });
    expect(summarise([]).p99).toBeNaN();
  });
});

describe('bench phone and dedup baselines', () => {
  it('compare like with like: the naive dedup finds the same repeat as findRepeatOf on every scenario', () => {
    const window = DEFAULT_POLICY.repeatDialWindowMs;
    const scenarios = dedupScenarios(800);
    const answers = scenarios.map((s) => findRepeatOf(s.call, s.candidates, window));
    expect(answers.filter((a) => a !== null).length).toBeGreaterThan(50);
    scenarios.forEach((s, i) => expect(naiveRepeatOf(s.call, s.candidates, window)).toBe(answers[i]));
  });

  it('feed normalizePhone formats the naive normalizer gets wrong', () => {
    const inputs = phoneInputs(120);
    expect(inputs).toContain('');
    const wrong = inputs.filter((p) => naiveNormalize(p) !== normalizePhone(p));
    expect(wrong.length).toBeGreaterThan(10);
    expect(inputs.filter((p) => normalizePhone(p) !== null).length).toBeGreaterThan(80);
  });
});
