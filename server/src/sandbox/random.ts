/**
 * A small seeded random source, so generated history is the same on every start (restarts never
 * double it, and a day generated twice is the same day) and a case's fate can be recomputed from
 * its id alone by whichever process ticks next.
 */
import { createHash } from 'node:crypto';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: tiny, fast and good enough for demo data (not for anything secret). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A 32-bit seed from any text (a location and a day, a case id). */
export function seedOf(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32LE(0);
}

export function rngFor(...parts: Array<string | number>): Rng {
  return seededRng(seedOf(...parts));
}

export const chance = (rng: Rng, p: number): boolean => rng.next() < p;

export const between = (rng: Rng, min: number, max: number): number => min + (max - min) * rng.next();

export const intBetween = (rng: Rng, min: number, max: number): number => Math.floor(between(rng, min, max + 1));

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng.next() * items.length)]!;
}

/** Picks by weight (weights need not sum to 1). */
export function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Poisson-distributed count with mean `mean` (Knuth; fine for the small means used here). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Standard normal (Box–Muller). */
export function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Log-normal with the given median and spread (sigma of the underlying normal). */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}
