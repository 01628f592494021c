/**
 * One benchmark row: a figure measured for Ringback and for a named baseline in the same run, and
 * their ratio (Ringback ÷ baseline). `npm run bench` runs every row in `rows/` and writes
 * `bench/results.json`; `--quick` asks each row for fewer samples.
 */
export interface BenchOptions {
  quick: boolean;
  /** PostgreSQL URL and Redis URL for rows that run on the production engines. */
  databaseUrl: string;
  redisUrl: string;
  log(message: string): void;
}

export interface BenchResult {
  /** e.g. "webhook ack p99 @ 500 req/s (PostgreSQL + Redis)" */
  name: string;
  unit: string;
  /** 'lower' or 'higher' is better. */
  better: 'lower' | 'higher';
  ringback: number;
  baselineName: string;
  baseline: number;
  /** Free-form detail (sample counts, settings) for the results file. */
  detail?: Record<string, unknown>;
}

export interface BenchRow {
  /** Short id used on the command line (`npm run bench -- --only webhook`). */
  id: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
}

export function ratio(result: BenchResult): number {
  return result.baseline === 0 ? Number.NaN : result.ringback / result.baseline;
}
