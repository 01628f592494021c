/**
 * Development transport: timers in this process. Same interface and semantics as BullMQ (deliveries
 * may repeat, handlers are idempotent), but work in flight dies with the process; the outbox sweeper
 * hands it out again at the next start. Dev only: it cannot spread work over several processes.
 */
import type { DeliveryHandler, JobDelivery, JobTransport } from './transport.ts';

// setTimeout cannot wait longer than 2^31-1 ms; longer delays are re-armed by the sweeper anyway.
const MAX_TIMER_MS = 2_147_483_647;

export class InProcessTransport implements JobTransport {
  readonly name = 'in-process' as const;
  private handler: DeliveryHandler | null = null;
  private concurrency = 1;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly ready: number[] = [];
  private readonly queued = new Set<number>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  async deliver(delivery: JobDelivery): Promise<void> {
    if (this.closed) return;
    const key = `${delivery.id}:${delivery.attempt}:${delivery.runAtMs}`;
    if (this.timers.has(key) || this.queued.has(delivery.id)) return;
    if (delivery.delayMs <= 0) {
      this.enqueueReady(delivery.id);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.enqueueReady(delivery.id);
      },
      Math.min(delivery.delayMs, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  consume(handler: DeliveryHandler, concurrency: number): void {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    this.queued.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('in-process queue is closed');
  }

  /** Deliveries waiting for a free slot (for tests and /readyz detail). */
  get backlog(): number {
    return this.ready.length + this.timers.size;
  }

  private enqueueReady(id: number): void {
    if (this.closed || this.queued.has(id)) return;
    this.queued.add(id);
    this.ready.push(id);
    this.pump();
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    while (!this.closed && this.inFlight.size < this.concurrency && this.ready.length > 0) {
      const id = this.ready.shift() as number;
      this.queued.delete(id);
      const run = handler(id)
        .catch(() => undefined) // the worker records failures in the outbox; nothing to do here
        .finally(() => {
          this.inFlight.delete(run);
          this.pump();
        });
      this.inFlight.add(run);
    }
  }
}
