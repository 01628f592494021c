/**
 * Load generators for the webhook rows, both firing the signed CallRail webhooks of
 * `callrail-bodies.ts` at one or more server URLs (several URLs = connections spread over them, as a
 * load balancer would):
 *
 * - `saturate`: autocannon, closed loop — each connection sends its next request when the previous
 *   answer arrives — so the figure is what the servers acknowledge per second flat out.
 * - `atRate`: autocannon with `overallRate`, in several staggered instances. autocannon enforces a
 *   rate as a per-connection quota refilled once a second, so one instance sends the whole second's
 *   requests in a burst at the top of each second and the latency measures the burst's queue (the
 *   bare express baseline's p99 at 500 req/s grows from ~5 ms to ~30 ms between 4 and 50
 *   connections). `phases` instances, each with 1/phases of the rate and connections and started
 *   1/phases of a second apart, spread the arrivals over the second.
 *   Latencies are recorded per response here rather than taken from autocannon's histogram: with a
 *   rate set, autocannon "corrects" for coordinated omission with an expected interval of
 *   ⌈1/rate⌉ = 1 ms whatever the rate, which back-fills each response with one synthetic sample per
 *   millisecond it took.
 * Both are closed loop per connection: a server that cannot keep up gets fewer requests, not a
 * growing queue, so a rate row also reports the rate actually achieved.
 */
import autocannon, { type Options, type Result } from 'autocannon';
import { autocannonRequests } from './callrail-bodies.ts';
import { withTimeout } from './cleanup.ts';
import { summarise, type LatencySummary } from './stats.ts';

export interface LoadResult {
  /** 2xx answers per second of the run. */
  acknowledgedPerSecond: number;
  acknowledged: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  /** Per-response latency of the 2xx answers, ms. */
  latency: LatencySummary;
  connections: number;
}

export interface SaturateOptions {
  urls: string[];
  durationSeconds: number;
  /** Concurrent connections in all (spread over the URLs). */
  connections: number;
}

export interface RateOptions {
  urls: string[];
  durationSeconds: number;
  /** Requests per second over all connections. */
  rate: number;
  connections: number;
  /** Staggered autocannon instances the rate is split over (default 10). */
  phases?: number;
}

export async function saturate(options: SaturateOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await fire({ url: options.urls, connections: options.connections, duration: options.durationSeconds }, latencies);
  return toLoadResult([result], latencies, options.connections);
}

export async function atRate(options: RateOptions): Promise<LoadResult> {
  const phases = Math.max(1, Math.min(options.phases ?? 10, options.connections, Math.floor(options.rate)));
  const latencies: number[] = [];
  const runs: Array<Promise<Result>> = [];
  for (let i = 0; i < phases; i++) {
    const share = (total: number) => Math.floor(total / phases) + (i < total % phases ? 1 : 0);
    const start = () =>
      fire(
        {
          url: options.urls,
          connections: share(options.connections),
          duration: options.durationSeconds,
          overallRate: share(options.rate),
          ignoreCoordinatedOmission: true,
        },
        latencies,
      );
    runs.push(i === 0 ? start() : delay((i * 1000) / phases).then(start));
  }
  return toLoadResult(await Promise.all(runs), latencies, options.connections);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toLoadResult(results: Result[], latencies: number[], connections: number): LoadResult {
  const acknowledged = results.reduce((n, r) => n + r['2xx'], 0);
  const durationSeconds = results.reduce((n, r) => n + r.duration, 0) / results.length;
  return {
    // Each instance ran for its own duration: the rates add up.
    acknowledgedPerSecond: results.reduce((n, r) => n + r['2xx'] / r.duration, 0),
    acknowledged,
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    durationSeconds,
    latency: summarise(latencies),
    connections,
  };
}

async function fire(base: Omit<Options, 'requests'>, latencies: number[]): Promise<Result> {
  const options: Options = { ...base, timeout: 10, requests: autocannonRequests() };
  // A wedged server must end the row, not the patience of whoever runs the bench.
  const limitMs = ((base.duration ?? 10) + 30) * 1000;
  let instance: ReturnType<typeof autocannon> | null = null;
  const run = new Promise<Result>((resolve, reject) => {
    instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  try {
    return await withTimeout(run, limitMs, 'autocannon run');
  } catch (err) {
    (instance as ReturnType<typeof autocannon> | null)?.stop();
    throw err;
  }
}
