/**
 * `npm run bench [-- --quick] [-- --only webhook,phone]`: runs every row in `bench/rows/` (each
 * default-exports a BenchRow), prints the table and writes `bench/results.json` with the machine and
 * every result. PostgreSQL and Redis come from DATABASE_URL / REDIS_URL (or `--database-url`,
 * `--redis-url`), defaulting to the local ones the tests use. Exits 1 when a row failed.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseEnv } from '../server/src/config/env.ts';
import { ratio, type BenchOptions, type BenchResult, type BenchRow } from './row.ts';
import { pendingCleanups, runAllCleanups, withTimeout } from './lib/cleanup.ts';
import { currentLoad, describeMachine } from './lib/machine.ts';
import { formatNumber, formatTable } from './lib/table.ts';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const ROWS_DIR = fileURLToPath(new URL('./rows/', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

export interface CliArgs {
  quick: boolean;
  only: string[] | null;
  databaseUrl: string | null;
  redisUrl: string | null;
  help: boolean;
}

export class UsageError extends Error {
  readonly code = 'bench_usage';
}

export const USAGE = 'usage: npm run bench -- [--quick] [--only <id,...>] [--database-url <url>] [--redis-url <url>]';

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { quick: false, only: null, databaseUrl: null, redisUrl: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--only') args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--database-url') args.databaseUrl = value();
    else if (flag === '--redis-url') args.redisUrl = value();
    else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  return args;
}

function isBenchRow(value: unknown): value is BenchRow {
  const row = value as Partial<BenchRow> | null;
  return typeof row === 'object' && row !== null && typeof row.id === 'string' && typeof row.run === 'function';
}

/** Every row module in `dir`, by file name; a module without a BenchRow default export is an error. */
export async function discoverRows(dir = ROWS_DIR): Promise<BenchRow[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const row = ((await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown }).default;
    if (!isBenchRow(row)) throw new UsageError(`bench/rows/${file} does not default-export a BenchRow`);
    if (rows.some((r) => r.id === row.id)) throw new UsageError(`two rows share the id ${row.id}`);
    rows.push(row);
  }
  return rows;
}

export function selectRows(rows: BenchRow[], only: string[] | null): BenchRow[] {
  if (!only) return rows;
  const unknown = only.filter((id) => !rows.some((r) => r.id === id));
  if (unknown.length) throw new UsageError(`no row ${unknown.join(', ')} (rows: ${rows.map((r) => r.id).join(', ')})`);
  return rows.filter((r) => only.includes(r.id));
}

export interface RowOutcome {
  id: string;
  seconds: number;
  /** 1-minute load average before and after the row (a busy machine lowers every figure). */
  load: { before: number; after: number };
  results: Array<BenchResult & { ratio: number }>;
  error: string | null;
}

async function runRow(row: BenchRow, options: BenchOptions): Promise<RowOutcome> {
  const started = Date.now();
  const before = currentLoad();
  const done = (results: RowOutcome['results'], error: string | null): RowOutcome => ({
    id: row.id,
    seconds: (Date.now() - started) / 1000,
    load: { before, after: currentLoad() },
    results,
    error,
  });
  const limitMs = options.quick ? 3 * 60_000 : 8 * 60_000;
  options.log(`— ${row.id}`);
  try {
    const results = await withTimeout(row.run(options), limitMs, `row ${row.id}`);
    return done(results.map((r) => ({ ...r, ratio: ratio(r) })), null);
  } catch (err) {
    const message = (err as Error).message;
    options.log(`row ${row.id} failed: ${message}`);
    return done([], message);
  } finally {
    // Whatever a failed or timed-out row left running goes now, before the next row measures.
    const failed = await runAllCleanups();
    for (const f of failed) options.log(`cleanup failed: ${f}`);
  }
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const env = parseEnv();
  const startedAt = Date.now();
  const options: BenchOptions = {
    quick: args.quick,
    databaseUrl: args.databaseUrl ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    redisUrl: args.redisUrl ?? env.REDIS_URL ?? DEFAULT_REDIS_URL,
    log: (message) => console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${message}`),
  };
  let rows: BenchRow[];
  try {
    rows = selectRows(await discoverRows(), args.only);
  } catch (err) {
    console.error(`bench: ${(err as Error).message}`);
    return 2;
  }
  const machine = await describeMachine(options.databaseUrl, options.redisUrl);
  options.log(`${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; PostgreSQL ${machine.postgres ?? 'unreachable'}, Redis ${machine.redis ?? 'unreachable'}${args.quick ? '; quick' : ''}`);

  if (machine.loadAverage > 0.5) {
    options.log(`warning: load average ${machine.loadAverage} — other work is running and will lower the figures`);
  }
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    if (interrupted) break;
    outcomes.push(await runRow(row, options));
  }
  // An interrupted run keeps the last complete results file.
  if (interrupted) return 130;

  const results = outcomes.flatMap((o) => o.results);
  console.log(`\n${formatTable(results)}\n`);
  console.log('ratio = Ringback ÷ baseline; "better" says whether lower or higher figures are better.');
  for (const r of results) {
    const target = r.detail?.target as { description: string; met: boolean } | undefined;
    if (target) console.log(`${target.met ? 'met    ' : 'NOT MET'}  ${target.description} (${r.name}: ${formatNumber(r.ringback)} ${r.unit})`);
  }
  for (const o of outcomes) if (o.error) console.log(`row ${o.id} FAILED: ${o.error}`);
  const seconds = (Date.now() - startedAt) / 1000;
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ machine, quick: args.quick, only: args.only, seconds: Math.round(seconds), rows: outcomes }, null, 2)}\n`,
  );
  console.log(`wrote ${RESULTS_FILE} (${Math.round(seconds)} s)`);
  return outcomes.some((o) => o.error) ? 1 : 0;
}

let interrupted = false;

/** Ctrl-C or a kill still stops the servers and drops the schemas and keys the bench made. */
function onSignal(signal: NodeJS.Signals): void {
  interrupted = true;
  console.error(`bench: ${signal}, cleaning up ${pendingCleanups().length} item(s)`);
  void runAllCleanups().finally(() => process.exit(130));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  main()
    .catch((err: Error) => {
      console.error(`bench: ${err.stack ?? err.message}`);
      return 1;
    })
    .then(async (code) => {
      await runAllCleanups();
      // Exit explicitly: a stray socket or timer in a library must not keep the bench alive.
      process.exit(code);
    });
}
