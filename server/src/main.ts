/**
 * `npm start`: one process that serves HTTP and runs jobs (`--role server|worker` splits them).
 * Start-up failures print one line naming the cause and exit non-zero; the stack only with
 * LOG_LEVEL=debug.
 */
import { parseEnv } from './config/env.ts';
import { startRingback, type Role } from './start.ts';

function roleFromArgs(argv: string[]): Role {
  const i = argv.indexOf('--role');
  const value = i >= 0 ? argv[i + 1] : 'all';
  if (value === 'all' || value === 'server' || value === 'worker') return value;
  throw new Error(`--role must be all, server or worker (got ${value ?? 'nothing'})`);
}

async function main(): Promise<void> {
  let debug = false;
  try {
    const env = parseEnv();
    debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
    // Signals are handled from the first moment: a SIGTERM during start-up waits for the start to
    // finish and then shuts down cleanly, instead of killing the process mid-migration.
    let running: Awaited<ReturnType<typeof startRingback>> | null = null;
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      // Whatever is still running after 9 s is abandoned: its lease runs out and another worker
      // takes it over, so exiting cannot lose work.
      setTimeout(() => process.exit(0), 9_000).unref();
      if (!running) return; // start-up finishes first, then sees `stopping`
      running.ctx.logger.info({ signal }, 'shutting down');
      running.close().then(
        () => process.exit(0),
        () => process.exit(0),
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    running = await startRingback({ env, role: roleFromArgs(process.argv.slice(2)) });
    for (const line of running.banner) console.log(line);
    if (stopping) {
      stopping = false;
      stop('SIGTERM');
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    console.error(`ringback: cannot start: ${e.message}`);
    if (debug) console.error(e.stack);
    process.exit(1);
  }
}

await main();
