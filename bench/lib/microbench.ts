/**
 * Throughput of a pure function, Ringback's against a baseline's: both warmed up, then measured in
 * alternating rounds (so drift in the machine's speed hits both alike), median of the rounds.
 */
import { median } from './stats.ts';

export interface MicroResult {
  /** Calls per second, median over the rounds. */
  opsPerSecond: number;
  rounds: number[];
}

export interface MicroOptions {
  rounds: number;
  /** How long each round runs. */
  roundMs: number;
}

/** Keeps results observable so the JIT cannot drop the calls being measured. */
let sink = 0;
export function consumed(): number {
  return sink;
}

function round(fn: (i: number) => unknown, ms: number): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  // Check the clock every 256 calls: reading it costs more than some of the functions measured.
  while (now - start < ms) {
    for (let j = 0; j < 256; j++) {
      const r = fn(calls++);
      if (r !== null && r !== undefined) sink ^= 1;
    }
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

export function compare(
  ringback: (i: number) => unknown,
  baseline: (i: number) => unknown,
  options: MicroOptions,
): { ringback: MicroResult; baseline: MicroResult } {
  round(ringback, Math.min(300, options.roundMs));
  round(baseline, Math.min(300, options.roundMs));
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < options.rounds; r++) {
    a.push(round(ringback, options.roundMs));
    b.push(round(baseline, options.roundMs));
  }
  return { ringback: { opsPerSecond: median(a), rounds: a }, baseline: { opsPerSecond: median(b), rounds: b } };
}
