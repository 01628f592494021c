/**
 * Issue 3: the other half of ingest. The ack stores events and their `webhook.fold` jobs; worker
 * processes fold them into cases (classify, repeat-check, SLA, funnel, CRM and escalation jobs).
 * A burst is acknowledged flat out by one HTTP process with no worker running, then 1 and 2 worker
 * processes are started and timed until every stored event is folded. The baseline is the rate the
 * same burst was acknowledged at: a ratio ≥ 1 means folding keeps pace with the ack.
 *
 * Folding writes the case's CRM job too; the account's CRM is a closed local port, so those jobs fail
 * fast and back off (seconds) instead of taking the workers' time during the measurement.
 */
import pg from 'pg';
import type { BenchOptions, BenchResult, BenchRow } from '../row.ts';
import { startDeployment } from '../lib/deployment.ts';
import { saturate } from '../lib/load.ts';
import { round } from '../lib/stats.ts';
import { CONNECTIONS_PER_PROCESS } from '../lib/saturation.ts';

const PG = 'PostgreSQL + Redis';
const WORKER_COUNTS = [1, 2] as const;

interface FoldRun {
  workers: number;
  acknowledged: number;
  acknowledgedPerSecond: number;
  folded: number;
  foldSeconds: number;
  foldedPerSecond: number;
}

async function pendingEvents(client: pg.Client, schema: string): Promise<number> {
  const r = await client.query(`select count(*)::int as n from "${schema}".webhook_events where status = 'pending'`);
  return r.rows[0].n as number;
}

async function foldRun(options: BenchOptions, workers: number): Promise<FoldRun> {
  // Short: the backlog, not the burst, is what is timed, and folding is slower than acking.
  const burstSeconds = options.quick ? 1 : 2;
  const deployment = await startDeployment({ engine: 'postgres+redis', processes: 1, databaseUrl: options.databaseUrl, redisUrl: options.redisUrl });
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    options.log(`fold: ${burstSeconds} s burst into 1 server process, no worker running`);
    const burst = await saturate({ urls: deployment.urls, durationSeconds: burstSeconds, connections: CONNECTIONS_PER_PROCESS });
    const stored = await pendingEvents(client, deployment.schema!);
    options.log(`fold: ${stored} events stored; starting ${workers} worker process(es)`);
    // The clock starts once the workers are up: their start-up (migrations check, config) is not folding.
    await deployment.addWorkers(workers);
    const started = performance.now();
    const deadline = started + (options.quick ? 60_000 : 180_000);
    let left = stored;
    while (left > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = await pendingEvents(client, deployment.schema!);
    }
    const foldSeconds = (performance.now() - started) / 1000;
    const folded = stored - left;
    return {
      workers,
      acknowledged: burst.acknowledged,
      acknowledgedPerSecond: burst.acknowledgedPerSecond,
      folded,
      foldSeconds,
      foldedPerSecond: folded / foldSeconds,
    };
  } finally {
    await client.end();
    await deployment.stop({ abandon: true });
  }
}

const row: BenchRow = {
  id: 'fold',
  async run(options) {
    const results: BenchResult[] = [];
    for (const workers of WORKER_COUNTS) {
      const r = await foldRun(options, workers);
      results.push({
        name: `webhooks folded into cases/s, ${workers} worker process${workers > 1 ? 'es' : ''} (${PG})`,
        unit: 'events/s',
        better: 'higher',
        ringback: round(r.foldedPerSecond),
        baselineName: `the same burst acknowledged/s, 1 server process (${PG})`,
        baseline: round(r.acknowledgedPerSecond),
        detail: {
          workers: r.workers,
          acknowledged: r.acknowledged,
          folded: r.folded,
          foldSeconds: round(r.foldSeconds),
          unfolded: r.acknowledged > r.folded ? `${r.acknowledged - r.folded} not folded before the deadline` : 0,
        },
      });
    }
    return results;
  },
};
export default row;
