/**
 * Summing stored DDSketches fast. A recovery query merges one callback sketch per location and day
 * (tens of thousands for a month of a large account); building a `DDSketch` object for each would
 * cost more than the query itself. A `SketchSum` adds their buckets straight into one map and makes
 * a single `DDSketch` at the end — the same buckets, so exactly the same answers as merging sketch
 * objects.
 *
 * Rollups store sketches packed as text, `zero,key,count,key,count,…` (absolute bucket keys,
 * ascending): SQL can concatenate many of them (`string_agg(…, ';')`) far cheaper than it can build
 * JSON arrays, and they unpack with a split.
 */
import { DDSketch, SketchError, type DDSketchJSON } from './dd-sketch.ts';

export class SketchSum {
  private readonly buckets = new Map<number, number>();
  private zero = 0;
  private total = 0;

  constructor(readonly relativeAccuracy = 0.01) {}

  get count(): number {
    return this.total;
  }

  /** Adds a stored sketch. Its accuracy must be this sum's; its shape is checked again in `toSketch`. */
  addJSON(json: DDSketchJSON): this {
    if (json.alpha !== this.relativeAccuracy) {
      throw new SketchError(
        'sketch_mismatch',
        `cannot add a sketch of accuracy ${json.alpha} to one of ${this.relativeAccuracy}`,
      );
    }
    const { keys, counts } = json;
    if (!Array.isArray(keys) || !Array.isArray(counts) || keys.length !== counts.length) {
      throw new SketchError(
        'sketch_invalid_json',
        'invalid stored sketch: keys and counts must be arrays of the same length',
      );
    }
    this.zero += json.zero;
    this.total += json.zero;
    let key = 0;
    for (let i = 0; i < keys.length; i++) {
      key = i === 0 ? keys[0]! : key + keys[i]!;
      const n = counts[i]!;
      this.buckets.set(key, (this.buckets.get(key) ?? 0) + n);
      this.total += n;
    }
    return this;
  }

  /**
   * Adds packed sketches (one, or several joined with `;`). Read character by character: this runs
   * for every rollup row of a query, and splitting strings into arrays would dominate its cost.
   */
  addPacked(packed: string): this {
    const bad = () => new SketchError('sketch_invalid_json', `invalid packed sketch: ${packed.slice(0, 60)}`);
    let field = 0; // 0: zero count; odd: key; even: count
    let value = 0;
    let digits = 0;
    let negative = false;
    let key = 0;
    const end = (): void => {
      if (digits === 0) throw bad();
      const n = negative ? -value : value;
      if (field === 0) {
        if (negative) throw bad();
        this.zero += n;
        this.total += n;
      } else if (field % 2 === 1) {
        key = n;
      } else {
        if (n <= 0) throw bad();
        this.buckets.set(key, (this.buckets.get(key) ?? 0) + n);
        this.total += n;
      }
      value = 0;
      digits = 0;
      negative = false;
    };
    for (let i = 0; i < packed.length; i++) {
      const c = packed.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
      } else if (c === 45 && digits === 0 && !negative) {
        negative = true;
      } else if (c === 44) {
        end();
        field++;
      } else if (c === 59) {
        end();
        if (field % 2 === 1) throw bad(); // a key without its count
        field = 0;
      } else {
        throw bad();
      }
    }
    end();
    if (field % 2 === 1) throw bad();
    return this;
  }

  /** The packed form (see the module comment). */
  pack(): string {
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let out = String(this.zero);
    for (const key of keys) out += `,${key},${this.buckets.get(key)!}`;
    return out;
  }

  addSketch(sketch: DDSketch): this {
    return this.addJSON(sketch.toJSON());
  }

  add(other: SketchSum): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new SketchError(
        'sketch_mismatch',
        `cannot add a sketch of accuracy ${other.relativeAccuracy} to one of ${this.relativeAccuracy}`,
      );
    }
    for (const [key, n] of other.buckets) this.buckets.set(key, (this.buckets.get(key) ?? 0) + n);
    this.zero += other.zero;
    this.total += other.total;
    return this;
  }

  toJSON(): DDSketchJSON {
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    return {
      v: 1,
      alpha: this.relativeAccuracy,
      zero: this.zero,
      keys: keys.map((key, i) => (i === 0 ? key : key - keys[i - 1]!)),
      counts: keys.map((key) => this.buckets.get(key)!),
    };
  }

  /** The merged sketch (validated as any stored sketch is). */
  toSketch(): DDSketch {
    return DDSketch.fromJSON(this.toJSON());
  }
}
