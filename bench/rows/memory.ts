/**
 * Issue 10: resident memory of one Ringback server process (PostgreSQL + Redis) under the sustained
 * webhook load, against the bare express baseline process under the same load. Sampled every 250 ms
 * during the run the webhook rows also report on (shared, not run twice).
 */
import type { BenchRow } from '../row.ts';
import { SUSTAINED_RATE, sustainedLoad } from '../lib/sustained.ts';
import { median, round } from '../lib/stats.ts';

const MB = 1024 * 1024;

function summary(samples: number[]): { peakMb: number; medianMb: number; samples: number } {
  return { peakMb: round(Math.max(...samples) / MB), medianMb: round(median(samples) / MB), samples: samples.length };
}

const row: BenchRow = {
  id: 'memory',
  async run(options) {
    const { ringback, baseline, settings } = await sustainedLoad(options);
    if (ringback.rss.length === 0 || baseline.rss.length === 0) throw new Error('no RSS samples were taken');
    const r = summary(ringback.rss);
    const b = summary(baseline.rss);
    return [
      {
        name: `peak RSS per server process @ ${SUSTAINED_RATE} req/s (PostgreSQL + Redis)`,
        unit: 'MB',
        better: 'lower',
        ringback: r.peakMb,
        baselineName: 'bare express 5 JSON handler process',
        baseline: b.peakMb,
        detail: {
          ringback: r,
          baseline: b,
          seconds: settings.sustainedSeconds,
          everyMs: settings.rssEveryMs,
          // Both run under the tsx loader, as `npm start` runs Ringback.
          loader: 'node --import tsx',
        },
      },
    ];
  },
};
export default row;
