/**
 * Saturation throughput: acknowledged webhooks per second flat out, for the bare express baseline,
 * for Ringback with 1, 2 and 4 HTTP server processes sharing one PostgreSQL schema and one Redis
 * prefix, and for one Ringback process on the embedded defaults (PGlite + in-process queue).
 *
 * Scaling uses separate processes on separate ports with autocannon spreading its connections over
 * them, not node:cluster: Ringback has no cluster mode — you scale it by running more
 * `npm run server` processes behind a load balancer — and a cluster primary or a proxy in front
 * would itself take a share of this machine's two cores. Each deployment gets a fresh schema.
 */
import type { BenchOptions } from '../row.ts';
import { startChild } from './child.ts';
import { startDeployment, type BenchEngine } from './deployment.ts';
import { saturate, type LoadResult } from './load.ts';

export const SCALING_PROCESSES = [1, 2, 4] as const;
/** Connections per server process: enough to keep each one's database pool (10) busy. */
export const CONNECTIONS_PER_PROCESS = 16;

export interface SaturationResult {
  baseline: LoadResult;
  /** By number of server processes (PostgreSQL + Redis). */
  ringback: Map<number, LoadResult>;
  embedded: LoadResult;
  settings: { seconds: number; warmupSeconds: number; connectionsPerProcess: number };
}

export async function measureSaturation(options: BenchOptions): Promise<SaturationResult> {
  const seconds = options.quick ? 3 : 10;
  const warmupSeconds = options.quick ? 1 : 2;
  const flatOut = async (urls: string[], what: string): Promise<LoadResult> => {
    const connections = CONNECTIONS_PER_PROCESS * urls.length;
    options.log(`${what}: warm-up ${warmupSeconds} s, then ${seconds} s flat out over ${connections} connections`);
    await saturate({ urls, durationSeconds: warmupSeconds, connections });
    return saturate({ urls, durationSeconds: seconds, connections });
  };

  const bare = await startChild('./bare-express-entry.ts', {}, 'bare express baseline');
  let baseline: LoadResult;
  try {
    baseline = await flatOut([bare.url], 'bare express');
  } finally {
    await bare.stop();
  }

  const ringback = new Map<number, LoadResult>();
  for (const processes of SCALING_PROCESSES) {
    ringback.set(processes, await onDeployment(options, 'postgres+redis', processes, (urls) => flatOut(urls, `Ringback, ${processes} server process(es)`)));
  }
  const embedded = await onDeployment(options, 'pglite+in-process', 1, (urls) => flatOut(urls, 'Ringback embedded (PGlite + in-process)'));
  return { baseline, ringback, embedded, settings: { seconds, warmupSeconds, connectionsPerProcess: CONNECTIONS_PER_PROCESS } };
}

async function onDeployment<T>(options: BenchOptions, engine: BenchEngine, processes: number, measure: (urls: string[]) => Promise<T>): Promise<T> {
  options.log(`starting Ringback (${processes} server process(es), ${engine})`);
  const deployment = await startDeployment({ engine, processes, databaseUrl: options.databaseUrl, redisUrl: options.redisUrl });
  try {
    return await measure(deployment.urls);
  } finally {
    await deployment.stop();
  }
}
