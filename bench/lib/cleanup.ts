/**
 * Every process, schema and Redis prefix the bench creates registers how to undo itself here, so a
 * row that fails or times out half-way still leaves nothing behind: `run.ts` drains the list at the
 * end and on Ctrl-C.
 */

type Step = { what: string; undo: () => Promise<void>; running: Promise<void> | null };

const steps = new Map<number, Step>();
let nextId = 1;

/**
 * Runs step `id` once. A caller arriving while it runs waits for the same run (a row's own `stop()`
 * and a Ctrl-C cleanup may race); the step stays listed until it has finished, so a final drain
 * never exits while another caller is still dropping a schema.
 */
function runStep(id: number): Promise<void> {
  const step = steps.get(id);
  if (!step) return Promise.resolve();
  step.running ??= withTimeout(step.undo(), 15_000, `cleanup: ${step.what}`).finally(() => steps.delete(id));
  return step.running;
}

/** Registers an undo step; the returned function runs it now (once) and unregisters it. */
export function defer(what: string, undo: () => Promise<void>): () => Promise<void> {
  const id = nextId++;
  steps.set(id, { what, undo, running: null });
  return () => runStep(id);
}

/** Runs (or waits for) every pending step, newest first, each bounded; returns what failed. */
export async function runAllCleanups(): Promise<string[]> {
  const failed: string[] = [];
  for (const id of [...steps.keys()].reverse()) {
    const what = steps.get(id)?.what ?? `step ${id}`;
    try {
      await runStep(id);
    } catch (err) {
      failed.push(`${what}: ${(err as Error).message}`);
    }
  }
  return failed;
}

export function pendingCleanups(): string[] {
  return [...steps.values()].map((s) => s.what);
}

export class BenchTimeoutError extends Error {
  readonly code = 'bench_timeout';
}

/** Rejects with a BenchTimeoutError naming `what` when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchTimeoutError(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
