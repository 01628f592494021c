/**
 * Summing stored DDSketches fast. A recovery query merges several callback sketches per location
 * (a thousand locations for a large account); building a `DDSketch` object for each would cost more
 * than the query itself. A `SketchSum` adds their buckets straight into one dense array (bucket keys
 * of callback delays span a few hundred consecutive integers) and answers percentiles from it — the
 * same buckets and the same bucket-to-value rule as `DDSketch`, so exactly the same answers as
 * merging sketch objects.
 *
 * Rollups store sketches packed as text, `zero,key,count,key,count,…` (absolute bucket keys,
 * ascending), or `dzero,key,count,gap,count,…` (after the first, each key as its gap from the one
 * before: a third shorter for the wide sketches of long spans): SQL can concatenate many of them
 * (`string_agg(…, ';')`) far cheaper than it can build JSON arrays, and they are read in place.
 */
import { DDSketch, SketchError, type DDSketchJSON } from './dd-sketch.ts';
import { nearestRankIndex } from './percentiles.ts';

const MAX_KEY = 40_000;

/** `n` zeros. */
function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** One bucket mapping per accuracy, shared: sums are made by the thousand per query. */
const mappings = new Map<number, DDSketch>();
function mappingFor(relativeAccuracy: number): DDSketch {
  let mapping = mappings.get(relativeAccuracy);
  if (!mapping) {
    mapping = new DDSketch(relativeAccuracy);
    if (mappings.size < 16) mappings.set(relativeAccuracy, mapping);
  }
  return mapping;
}

function invalidPacked(packed: string): SketchError {
  return new SketchError('sketch_invalid_json', `invalid packed sketch: ${packed.slice(0, 60)}`);
}

export class SketchSum {
  /** Count of bucket `base + i` at `i` (zeros where no value fell), for `i < size`. */
  private counts: number[] = [];
  private base = 0;
  private size = 0;
  private zero = 0;
  private total = 0;
  /** Buckets values and answers percentiles exactly as a DDSketch of this accuracy does. */
  private readonly mapping: DDSketch;

  constructor(readonly relativeAccuracy = 0.01) {
    this.mapping = mappingFor(relativeAccuracy);
  }

  get count(): number {
    return this.total;
  }

  /**
   * Makes room for keys `[from, to]`. The first keys get a window twice as wide as callback delays
   * usually spread (at 1%, 512 buckets span a factor of 10^4), so a sum allocates once; past it,
   * the buffer is rebuilt to the live range with some slack.
   */
  private reserve(from: number, to: number): void {
    const slack = 256;
    if (this.size === 0) {
      const length = Math.max(1024, to - from + 1 + 2 * slack);
      if (this.counts.length < length || this.counts.length > 4 * length) this.counts = zeros(length);
      // Centred on the first keys: whichever comes first, a spread of half the window fits.
      this.base = from - Math.floor((this.counts.length - (to - from + 1)) / 2);
      this.size = to - this.base + 1;
      return;
    }
    const low = Math.min(from, this.base);
    const high = Math.max(to, this.base + this.size - 1);
    if (low >= this.base && high - this.base < this.counts.length) {
      this.size = high - this.base + 1;
      return;
    }
    const base = low < this.base ? low - slack : this.base;
    const grown = zeros(high - base + 1 + slack);
    for (let i = 0; i < this.size; i++) grown[this.base - base + i] = this.counts[i]!;
    this.counts = grown;
    this.base = base;
    this.size = high - base + 1;
  }

  private bump(key: number, n: number): void {
    // Every finite positive double buckets within ±37,300 at 1%: anything beyond is corrupt, and
    // would make the dense array absurdly long.
    if (!(Math.abs(key) <= MAX_KEY))
      throw new SketchError('sketch_invalid_json', `sketch bucket key out of range: ${key}`);
    const i = key - this.base;
    if (this.size === 0 || i < 0 || i >= this.size) {
      this.reserve(key, key);
      this.counts[key - this.base]! += n;
    } else {
      this.counts[i]! += n;
    }
    this.total += n;
  }

  /** Empties the sum, keeping its buffer (a scratch sum reused group after group). */
  clear(): this {
    this.counts.fill(0, 0, this.size);
    this.size = 0;
    this.zero = 0;
    this.total = 0;
    return this;
  }

  /** A copy whose buffer is just as long as its buckets. */
  copy(): SketchSum {
    const out = new SketchSum(this.relativeAccuracy);
    let first = 0;
    while (first < this.size && this.counts[first] === 0) first++;
    let last = this.size - 1;
    while (last >= first && this.counts[last] === 0) last--;
    if (last >= first) {
      out.counts = this.counts.slice(first, last + 1);
      out.base = this.base + first;
      out.size = last - first + 1;
    }
    out.zero = this.zero;
    out.total = this.total;
    return out;
  }

  /** Adds one value, as `DDSketch.add` would. */
  addValue(value: number): this {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new SketchError('sketch_invalid_value', `sketch values must be finite and non-negative, got ${value}`);
    }
    if (value === 0) {
      this.zero++;
      this.total++;
    } else {
      this.bump(this.mapping.keyOf(value), 1);
    }
    return this;
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
      this.bump(key, counts[i]!);
    }
    return this;
  }

  /**
   * Adds packed sketches (one, or several joined with `;`). Read pair by pair in place, with no
   * closures or substrings: this runs over every rollup row a query reads.
   */
  addPacked(packed: string): this {
    const length = packed.length;
    let i = 0;
    for (;;) {
      let c = packed.charCodeAt(i);
      const gaps = c === 100; // 'd'
      if (gaps) c = packed.charCodeAt(++i);
      let previous = 0;
      let first = true;
      let start = i;
      let zero = 0;
      while (c >= 48 && c <= 57) {
        zero = zero * 10 + c - 48;
        c = packed.charCodeAt(++i);
      }
      if (i === start) throw invalidPacked(packed);
      this.zero += zero;
      this.total += zero;
      while (c === 44) {
        c = packed.charCodeAt(++i);
        const negative = c === 45;
        if (negative) c = packed.charCodeAt(++i);
        let key = 0;
        start = i;
        while (c >= 48 && c <= 57) {
          key = key * 10 + c - 48;
          c = packed.charCodeAt(++i);
        }
        if (i === start || c !== 44) throw invalidPacked(packed); // a key without its count
        if (negative) key = -key;
        if (gaps) {
          if (!first && key <= 0) throw invalidPacked(packed);
          if (!first) key += previous;
          previous = key;
          first = false;
        }
        c = packed.charCodeAt(++i);
        let n = 0;
        start = i;
        while (c >= 48 && c <= 57) {
          n = n * 10 + c - 48;
          c = packed.charCodeAt(++i);
        }
        if (i === start || n === 0) throw invalidPacked(packed);
        const at = key - this.base;
        if (at >= 0 && at < this.size) {
          this.counts[at]! += n;
          this.total += n;
        } else {
          this.bump(key, n);
        }
      }
      if (i === length) return this;
      if (c !== 59) throw invalidPacked(packed);
      i++;
    }
  }

  /** The packed form (see the module comment), with key gaps when `gaps`. */
  pack(gaps = false): string {
    let out = gaps ? `d${this.zero}` : String(this.zero);
    let previous: number | null = null;
    for (let i = 0; i < this.size; i++) {
      const n = this.counts[i]!;
      if (n === 0) continue;
      const key = this.base + i;
      out += `,${gaps && previous !== null ? key - previous : key},${n}`;
      previous = key;
    }
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
    if (other.size > 0) {
      this.reserve(other.base, other.base + other.size - 1);
      const offset = other.base - this.base;
      for (let i = 0; i < other.size; i++) this.counts[offset + i]! += other.counts[i]!;
      this.total += other.total - other.zero;
    }
    this.zero += other.zero;
    this.total += other.zero;
    return this;
  }

  /**
   * The value at 1-based rank ⌈p·n/100⌉, as `toSketch().quantileNearestRank(p)` answers it (without
   * building the sketch); null when empty.
   */
  quantileNearestRank(p: number): number | null {
    const rank = nearestRankIndex(this.total, p);
    if (this.total === 0) return null;
    let seen = this.zero;
    if (seen >= rank) return 0;
    for (let i = 0; i < this.size; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return this.mapping.valueOfKey(this.base + i);
    }
    throw new SketchError('sketch_invalid_json', 'sketch bucket counts do not add up to its count');
  }

  toJSON(): DDSketchJSON {
    const keys: number[] = [];
    const counts: number[] = [];
    let previous = 0;
    for (let i = 0; i < this.size; i++) {
      const n = this.counts[i]!;
      if (n === 0) continue;
      const key = this.base + i;
      keys.push(keys.length === 0 ? key : key - previous);
      counts.push(n);
      previous = key;
    }
    return { v: 1, alpha: this.relativeAccuracy, zero: this.zero, keys, counts };
  }

  /** The merged sketch (validated as any stored sketch is). */
  toSketch(): DDSketch {
    return DDSketch.fromJSON(this.toJSON());
  }
}
