/**
 * A small mergeable DDSketch for non-negative values (callback seconds), so rollup rows can store a
 * distribution and any range of rollups can answer p50/p90 without the raw values (contract §5 allows
 * a relative error of at most 1% there).
 *
 * Positive values go to logarithmic buckets: bucket i holds (γ^(i-1), γ^i] with γ = (1+α)/(1-α), and
 * answers with 2γ^i/(γ+1), which is within α of every value in the bucket. Zero has its own bucket.
 * Buckets only count, so merging is adding counts: merge(a, b) is exactly the sketch of a ++ b.
 */
import { nearestRankIndex } from './percentiles.ts';

export type SketchErrorCode = 'sketch_invalid_value' | 'sketch_mismatch' | 'sketch_invalid_json';

export class SketchError extends Error {
  readonly code: SketchErrorCode;

  constructor(code: SketchErrorCode, message: string) {
    super(message);
    this.name = 'SketchError';
    this.code = code;
  }
}

/** Stored form: bucket keys ascending and delta-encoded (first absolute), counts aligned with them. */
export interface DDSketchJSON {
  v: 1;
  alpha: number;
  zero: number;
  keys: number[];
  counts: number[];
}

/**
 * Buckets are cut a hair narrower than α promises, so that floating-point rounding at a bucket edge
 * can never push an answer past the promised relative error.
 */
const EDGE_MARGIN = 1 - 1e-6;

export class DDSketch {
  /** The promised relative accuracy α: every quantile is within α·value of a true member's value. */
  readonly relativeAccuracy: number;
  private readonly logGamma: number;
  private readonly answerFactor: number;
  private readonly buckets = new Map<number, number>();
  private zeroCount = 0;
  private total = 0;

  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new SketchError('sketch_invalid_value', `relative accuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    this.relativeAccuracy = relativeAccuracy;
    const alpha = relativeAccuracy * EDGE_MARGIN;
    const gamma = (1 + alpha) / (1 - alpha);
    this.logGamma = Math.log(gamma);
    this.answerFactor = 2 / (gamma + 1);
  }

  get count(): number {
    return this.total;
  }

  add(value: number): this {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new SketchError('sketch_invalid_value', `sketch values must be finite and non-negative, got ${value}`);
    }
    if (value === 0) {
      this.zeroCount++;
    } else {
      const key = this.keyOf(value);
      this.buckets.set(key, (this.buckets.get(key) ?? 0) + 1);
    }
    this.total++;
    return this;
  }

  /** The bucket of a positive value (shared with SketchSum, so both bucket alike). */
  keyOf(value: number): number {
    return Math.ceil(Math.log(value) / this.logGamma);
  }

  /** What a bucket answers: within the relative accuracy of every value in it. */
  valueOfKey(key: number): number {
    return Math.exp(key * this.logGamma) * this.answerFactor;
  }

  /** Adds `other`'s counts into this sketch. Both must use the same relative accuracy. */
  merge(other: DDSketch): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new SketchError(
        'sketch_mismatch',
        `cannot merge sketches of relative accuracy ${this.relativeAccuracy} and ${other.relativeAccuracy}`,
      );
    }
    for (const [key, n] of other.buckets) this.buckets.set(key, (this.buckets.get(key) ?? 0) + n);
    this.zeroCount += other.zeroCount;
    this.total += other.total;
    return this;
  }

  /**
   * The value at 1-based rank ⌈p·n/100⌉ of the ascending values (the same rule as `nearestRank`),
   * within the relative accuracy; null when empty.
   */
  quantileNearestRank(p: number): number | null {
    const rank = nearestRankIndex(this.total, p);
    if (this.total === 0) return null;
    let seen = this.zeroCount;
    if (seen >= rank) return 0;
    for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(key) ?? 0;
      if (seen >= rank) return this.valueOfKey(key);
    }
    // Unreachable while counts add up to total; kept total rather than trusting it silently.
    throw new SketchError('sketch_invalid_json', 'sketch bucket counts do not add up to its count');
  }

  toJSON(): DDSketchJSON {
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    return {
      v: 1,
      alpha: this.relativeAccuracy,
      zero: this.zeroCount,
      keys: keys.map((key, i) => (i === 0 ? key : key - (keys[i - 1] ?? 0))),
      counts: keys.map((key) => this.buckets.get(key) ?? 0),
    };
  }

  static fromJSON(json: unknown): DDSketch {
    const bad = (why: string) => new SketchError('sketch_invalid_json', `invalid stored sketch: ${why}`);
    if (typeof json !== 'object' || json === null) throw bad('not an object');
    const { v, alpha, zero, keys, counts } = json as Record<string, unknown>;
    if (v !== 1) throw bad(`unknown version ${JSON.stringify(v)}`);
    if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) throw bad('alpha must be in (0, 1)');
    if (!isCount(zero)) throw bad('zero must be a non-negative integer');
    if (!Array.isArray(keys) || !Array.isArray(counts) || keys.length !== counts.length) {
      throw bad('keys and counts must be arrays of the same length');
    }
    const sketch = new DDSketch(alpha);
    sketch.zeroCount = zero;
    sketch.total = zero;
    let key = 0;
    keys.forEach((delta: unknown, i) => {
      const n: unknown = counts[i];
      if (!Number.isSafeInteger(delta) || (i > 0 && (delta as number) <= 0)) throw bad('keys must ascend');
      if (!isCount(n) || n === 0) throw bad('counts must be positive integers');
      key = i === 0 ? (delta as number) : key + (delta as number);
      sketch.buckets.set(key, n);
      sketch.total += n;
    });
    return sketch;
  }
}

function isCount(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}
