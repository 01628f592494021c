/**
 * The sustained-load run that the webhook-latency rows and the memory row both report on: one
 * Ringback server process (PostgreSQL + Redis, fresh schema) and the bare express baseline, each
 * fed the same signed CallRail webhooks at fixed rates while their RSS is sampled. Run once per bench
 * process and shared, so `npm run bench` does not pay for it twice.
 */
import type { BenchOptions } from '../row.ts';
import { startChild } from './child.ts';
import { startDeployment } from './deployment.ts';
import { atRate, type LoadResult } from './load.ts';
import { sampleRss } from './rss.ts';

/** Issue 3's target rate, and a lighter one that shows the latency of a server that keeps up. */
export const SUSTAINED_RATE = 500;
export const LIGHT_RATE = 100;
/** Connections over which the rate is sent (20 phases of one connection each; see load.ts). */
export const RATE_CONNECTIONS = 20;

export interface SideResult {
  light: LoadResult;
  sustained: LoadResult;
  /** RSS samples (bytes) of the server process during the sustained run. */
  rss: number[];
}

export interface SustainedResult {
  ringback: SideResult;
  baseline: SideResult;
  settings: { sustainedSeconds: number; lightSeconds: number; warmupSeconds: number; connections: number; rssEveryMs: number };
}

let cached: { quick: boolean; result: Promise<SustainedResult> } | null = null;

export function sustainedLoad(options: BenchOptions): Promise<SustainedResult> {
  if (!cached || cached.quick !== options.quick) {
    const result = runSustained(options);
    cached = { quick: options.quick, result };
    // A failed run is not remembered: a later row may try again.
    result.catch(() => {
      if (cached?.result === result) cached = null;
    });
  }
  return cached.result;
}

async function runSustained(options: BenchOptions): Promise<SustainedResult> {
  const settings = {
    sustainedSeconds: options.quick ? 5 : 20,
    lightSeconds: options.quick ? 3 : 10,
    warmupSeconds: options.quick ? 1 : 3,
    connections: RATE_CONNECTIONS,
    rssEveryMs: 250,
  };
  const measure = async (url: string, pid: number, what: string): Promise<SideResult> => {
    const at = (rate: number, durationSeconds: number) =>
      atRate({ urls: [url], rate, durationSeconds, connections: RATE_CONNECTIONS, phases: RATE_CONNECTIONS });
    options.log(`${what}: warm-up ${settings.warmupSeconds} s`);
    await at(LIGHT_RATE, settings.warmupSeconds);
    options.log(`${what}: ${LIGHT_RATE} req/s for ${settings.lightSeconds} s`);
    const light = await at(LIGHT_RATE, settings.lightSeconds);
    options.log(`${what}: ${SUSTAINED_RATE} req/s for ${settings.sustainedSeconds} s`);
    const sampler = sampleRss([pid], settings.rssEveryMs);
    let samples: Map<number, number[]>;
    let sustained: LoadResult;
    try {
      sustained = await at(SUSTAINED_RATE, settings.sustainedSeconds);
    } finally {
      samples = sampler.stop();
    }
    return { light, sustained, rss: samples.get(pid) ?? [] };
  };

  const baselineServer = await startChild('./bare-express-entry.ts', {}, 'bare express baseline');
  let baseline: SideResult;
  try {
    baseline = await measure(baselineServer.url, baselineServer.pid, 'bare express');
  } finally {
    await baselineServer.stop();
  }
  options.log('starting Ringback (1 server process, PostgreSQL + Redis)');
  const deployment = await startDeployment({ engine: 'postgres+redis', processes: 1, databaseUrl: options.databaseUrl, redisUrl: options.redisUrl });
  try {
    const server = deployment.servers[0]!;
    const ringback = await measure(server.url, server.pid, 'Ringback');
    return { ringback, baseline, settings };
  } finally {
    await deployment.stop();
  }
}
