/**
 * Coalesces requests that arrive close together into one batch request: a case written alone costs
 * one create, ten cases arriving within the window cost one batch create. HubSpot's batch endpoints
 * take at most 100 inputs; a full batch is sent at once.
 *
 * With `maxInFlight`, a batch is only formed when a slot is free: while one waits for the portal's
 * budget (searches: 2 a second), later inputs gather into the next batch instead of each window
 * going out as its own nearly empty request and queueing for the same budget.
 *
 * A batch that HubSpot refuses as a whole for one bad input (a 4xx) would fail every case in it, so
 * a refused batch of several is sent again one input at a time: only the case whose input is bad
 * fails. Retryable failures (429 after the client's own retries, 5xx) fail the whole batch: each
 * case's job retries on its own.
 */
import { retryDecisionOf } from '../../lib/errors.ts';

export interface BatcherOptions<I, R> {
  /** Sends a batch; returns one result per input, in any order, matched by `keyOf`. */
  send(inputs: I[]): Promise<R[]>;
  keyOfInput(input: I): string;
  keyOfResult(result: R): string | null;
  windowMs?: number;
  maxBatch?: number;
  /** Batches sent (or waiting for budget inside `send`) at once; default unlimited. */
  maxInFlight?: number;
}

interface Pending<I, R> {
  input: I;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class MicroBatcher<I, R> {
  private queue: Array<Pending<I, R>> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private inFlight = 0;

  constructor(private readonly options: BatcherOptions<I, R>) {
    this.windowMs = options.windowMs ?? 50;
    this.maxBatch = options.maxBatch ?? 100;
    this.maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY;
  }

  add(input: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      this.inFlight++;
      // What queued while every slot was busy has waited long enough: it goes as soon as one frees.
      void this.run(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.flush();
      });
    }
  }

  private async run(batch: Array<Pending<I, R>>): Promise<void> {
    // Two cases asking for the same record (the same new caller twice) share one input.
    const byKey = new Map<string, Array<Pending<I, R>>>();
    for (const p of batch) {
      const k = this.options.keyOfInput(p.input);
      byKey.set(k, [...(byKey.get(k) ?? []), p]);
    }
    const inputs = [...byKey.values()].map((group) => group[0]!.input);
    try {
      this.settle(byKey, inputs, await this.options.send(inputs));
    } catch (err) {
      if (inputs.length === 1 || retryDecisionOf(err).kind !== 'never') {
        for (const group of byKey.values()) for (const p of group) p.reject(err);
        return;
      }
      for (const input of inputs) {
        const group = byKey.get(this.options.keyOfInput(input))!;
        try {
          this.settle(new Map([[this.options.keyOfInput(input), group]]), [input], await this.options.send([input]));
        } catch (single) {
          for (const p of group) p.reject(single);
        }
      }
    }
  }

  private settle(byKey: Map<string, Array<Pending<I, R>>>, inputs: I[], results: R[]): void {
    const keyed = new Map<string, R>();
    for (const r of results) {
      const k = this.options.keyOfResult(r);
      if (k !== null) keyed.set(k, r);
    }
    inputs.forEach((input, index) => {
      const k = this.options.keyOfInput(input);
      // HubSpot does not promise result order; the key decides, the position only when a result has none.
      const result = keyed.get(k) ?? (results.length === inputs.length ? results[index] : undefined);
      for (const p of byKey.get(k) ?? []) {
        if (result !== undefined) p.resolve(result);
        else p.reject(new Error(`HubSpot's batch answer has no result for ${k}`));
      }
    });
  }
}
