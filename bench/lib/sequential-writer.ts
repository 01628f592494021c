/**
 * The naive baseline's pacing: missed calls are written one after another in arrival order, the
 * next started when the previous one finished — no concurrency, no batching. A failed write is
 * counted and skipped (the baseline does not retry). `stop` drops whatever is still queued.
 */
export class SequentialWriter<T> {
  private queue: T[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  written = 0;
  failed = 0;
  lastError: string | null = null;

  constructor(private readonly write: (item: T) => Promise<void>) {}

  push(item: T): void {
    if (this.stopped) return;
    this.queue.push(item);
    this.running ??= this.drain();
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Resolves once the queue is empty and nothing is being written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Takes nothing more, drops the queue, waits for the write in flight; returns how many were dropped. */
  async stop(): Promise<number> {
    this.stopped = true;
    const dropped = this.queue.length;
    this.queue = [];
    await this.idle();
    return dropped;
  }

  private async drain(): Promise<void> {
    try {
      for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
        try {
          await this.write(item);
          this.written += 1;
        } catch (err) {
          this.failed += 1;
          this.lastError = (err as Error).message;
        }
      }
    } finally {
      this.running = null;
    }
  }
}
