/**
 * A transport delivers job ids to a worker at (or after) a time. It holds no state that matters:
 * the outbox (`jobs` table) is the truth, and the sweeper re-delivers anything a transport lost.
 * Two implementations with this one interface: BullMQ on Redis and an in-process scheduler.
 */
export interface JobDelivery {
  /** Outbox row id. */
  id: number;
  /** Attempt number this delivery is for. */
  attempt: number;
  /** The run time it was scheduled for. With `id` and `attempt` it names the delivery, so a
   * repeated hand-out of the same run is dropped and a new run never is. */
  runAtMs: number;
  delayMs: number;
  /** Set when the sweeper hands out again a run it handed out before: a new delivery, never a repeat. */
  redeliveryMs?: number;
}

export type DeliveryHandler = (jobId: number) => Promise<void>;

export interface JobTransport {
  readonly name: 'bullmq' | 'in-process';
  deliver(delivery: JobDelivery): Promise<void>;
  /**
   * Starts consuming deliveries (worker role). `onReconnect` runs when the transport's store came back
   * after losing its connection: what it held may be gone (a Redis restart without persistence).
   */
  consume(handler: DeliveryHandler, concurrency: number, onReconnect?: () => void): void;
  /** Stops taking new deliveries and waits for the in-flight handlers to finish. */
  close(): Promise<void>;
  ping(): Promise<void>;
}
