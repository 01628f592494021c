/**
 * Issue 3 and issue 10: how fast Ringback acknowledges CallRail post-call webhooks — p50/p99 at a
 * fixed rate and acknowledged/s flat out — against a bare express handler that only parses JSON and
 * answers 200, plus scaling over 1, 2 and 4 server processes and the embedded defaults.
 *
 * Ringback's ack is not a 200 from memory: it verifies the HMAC, parses and classifies the call, and
 * answers once the raw event and its fold job are committed to PostgreSQL (group-committed with the
 * requests that arrived meanwhile). Folding into cases is the worker's `webhook.fold` job, measured
 * by the `fold` rows. Each request is a new call from a new caller.
 */
import type { BenchOptions, BenchResult, BenchRow } from '../row.ts';
import type { LoadResult } from '../lib/load.ts';
import { LIGHT_RATE, SUSTAINED_RATE, sustainedLoad } from '../lib/sustained.ts';
import { measureSaturation } from '../lib/saturation.ts';
import { round } from '../lib/stats.ts';

const BASELINE = 'bare express 5 JSON handler';
const PG = 'PostgreSQL + Redis';
const P99_TARGET_MS = 25;
const THROUGHPUT_TARGET = 2_000;

/** A target the row is held to; `run.ts` prints whether it was met under the table. */
function target(description: string, met: boolean): { description: string; met: boolean } {
  return { description, met };
}

/** How the Ringback processes ran, for the results file. */
const SETUP = {
  role: 'server (HTTP only: no job worker ran during the measurement)',
  // At info pino-http logs every request: that would measure pino and the stdout pipe.
  logLevel: 'warn (info logs a line per request, which would measure pino, not the handler)',
  schema: 'fresh per deployment',
  bodies: 'CallRail post-call (legacy missed-call fixture), distinct call id, caller and start per request, HMAC-SHA1 signed',
};

/** What the results file keeps of a load run. */
export function loadDetail(r: LoadResult): Record<string, unknown> {
  return {
    acknowledged: r.acknowledged,
    acknowledgedPerSecond: round(r.acknowledgedPerSecond),
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds: round(r.durationSeconds),
    connections: r.connections,
    latencyMs: { p50: round(r.latency.p50), p90: round(r.latency.p90), p99: round(r.latency.p99), max: round(r.latency.max), samples: r.latency.count },
  };
}

async function latencyRows(options: BenchOptions): Promise<BenchResult[]> {
  const { ringback, baseline, settings } = await sustainedLoad(options);
  const common = { ...SETUP, sustainedSeconds: settings.sustainedSeconds, connections: settings.connections };
  const at = (rate: number, pick: (s: typeof ringback) => LoadResult) => ({
    ...common,
    offeredRate: rate,
    ringback: loadDetail(pick(ringback)),
    baseline: loadDetail(pick(baseline)),
  });
  const sustainedDetail = at(SUSTAINED_RATE, (s) => s.sustained);
  const lightDetail = { ...at(LIGHT_RATE, (s) => s.light), seconds: settings.lightSeconds };
  return [
    {
      name: `webhook ack p50 @ ${SUSTAINED_RATE} req/s offered (${PG})`,
      unit: 'ms',
      better: 'lower',
      ringback: round(ringback.sustained.latency.p50),
      baselineName: BASELINE,
      baseline: round(baseline.sustained.latency.p50),
      detail: sustainedDetail,
    },
    {
      name: `webhook ack p99 @ ${SUSTAINED_RATE} req/s offered (${PG})`,
      unit: 'ms',
      better: 'lower',
      ringback: round(ringback.sustained.latency.p99),
      baselineName: BASELINE,
      baseline: round(baseline.sustained.latency.p99),
      detail: {
        ...sustainedDetail,
        target: target(
          `issue 3: p99 < ${P99_TARGET_MS} ms with ${SUSTAINED_RATE} req/s sustained`,
          ringback.sustained.latency.p99 < P99_TARGET_MS && ringback.sustained.acknowledgedPerSecond >= SUSTAINED_RATE * 0.95,
        ),
      },
    },
    {
      // autocannon is closed loop: a server that cannot keep up answers fewer, so say how many.
      name: `webhooks acknowledged/s @ ${SUSTAINED_RATE} req/s offered (${PG})`,
      unit: 'req/s',
      better: 'higher',
      ringback: round(ringback.sustained.acknowledgedPerSecond),
      baselineName: BASELINE,
      baseline: round(baseline.sustained.acknowledgedPerSecond),
      detail: sustainedDetail,
    },
    {
      name: `webhook ack p99 @ ${LIGHT_RATE} req/s (${PG})`,
      unit: 'ms',
      better: 'lower',
      ringback: round(ringback.light.latency.p99),
      baselineName: BASELINE,
      baseline: round(baseline.light.latency.p99),
      detail: lightDetail,
    },
  ];
}

async function throughputRows(options: BenchOptions): Promise<BenchResult[]> {
  const { baseline, ringback, embedded, settings } = await measureSaturation(options);
  const one = ringback.get(1)!;
  const rows: BenchResult[] = [
    {
      name: `webhooks acknowledged/s at saturation, 1 server process (${PG})`,
      unit: 'req/s',
      better: 'higher',
      ringback: round(one.acknowledgedPerSecond),
      baselineName: BASELINE,
      baseline: round(baseline.acknowledgedPerSecond),
      detail: {
        ...SETUP,
        ...settings,
        ringback: loadDetail(one),
        baseline: loadDetail(baseline),
        target: target(`issue 3: at least ${THROUGHPUT_TARGET.toLocaleString('en-US')} acknowledged/s at saturation`, one.acknowledgedPerSecond >= THROUGHPUT_TARGET),
      },
    },
  ];
  for (const [processes, result] of ringback) {
    if (processes === 1) continue;
    rows.push({
      name: `webhooks acknowledged/s at saturation, ${processes} server processes (${PG})`,
      unit: 'req/s',
      better: 'higher',
      ringback: round(result.acknowledgedPerSecond),
      // The ratio is the scaling factor; the bare handler's figure is in the row above.
      baselineName: `Ringback, 1 server process (${PG})`,
      baseline: round(one.acknowledgedPerSecond),
      detail: { ...SETUP, ...settings, processes, ringback: loadDetail(result), baseline: loadDetail(one) },
    });
  }
  rows.push({
    name: 'webhooks acknowledged/s at saturation, embedded defaults (PGlite + in-process queue, 1 process)',
    unit: 'req/s',
    better: 'higher',
    ringback: round(embedded.acknowledgedPerSecond),
    baselineName: BASELINE,
    baseline: round(baseline.acknowledgedPerSecond),
    detail: { ...SETUP, ...settings, ringback: loadDetail(embedded), baseline: loadDetail(baseline), ringbackPostgres1Process: round(one.acknowledgedPerSecond) },
  });
  return rows;
}

const row: BenchRow = {
  id: 'webhook',
  async run(options) {
    return [...(await latencyRows(options)), ...(await throughputRows(options))];
  },
};
export default row;
