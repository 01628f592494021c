import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DDSketch, SketchError } from './dd-sketch.ts';
import { nearestRank } from './percentiles.ts';

const sketchOf = (values: number[], alpha?: number): DDSketch => {
  const sketch = new DDSketch(alpha);
  for (const v of values) sketch.add(v);
  return sketch;
};

/** Callback-time-like values: zeros, sub-second, seconds to a week, and repeats. */
const value = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-6, max: 1, noNaN: true }),
  fc.integer({ min: 1, max: 604_800 }),
  fc.double({ min: 1, max: 1e9, noNaN: true }),
);
const percentile = fc.oneof(fc.constantFrom(0, 50, 90, 99, 100), fc.double({ min: 0, max: 100, noNaN: true }));

describe('DDSketch', () => {
  it('answers nearest-rank quantiles within 1% of the exact value', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), percentile, (values, p) => {
        const exact = nearestRank(values, p) as number;
        const approx = sketchOf(values).quantileNearestRank(p) as number;
        expect(Math.abs(approx - exact)).toBeLessThanOrEqual(0.01 * exact);
      }),
      { numRuns: 500 },
    );
  });

  it('honours a coarser relative accuracy', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 100 }), percentile, (values, p) => {
        const exact = nearestRank(values, p) as number;
        const approx = sketchOf(values, 0.05).quantileNearestRank(p) as number;
        expect(Math.abs(approx - exact)).toBeLessThanOrEqual(0.05 * exact);
      }),
    );
  });

  it('merging two sketches equals sketching the concatenation', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 100 }), fc.array(value, { maxLength: 100 }), (a, b) => {
        const merged = sketchOf(a).merge(sketchOf(b));
        expect(merged.toJSON()).toEqual(sketchOf([...a, ...b]).toJSON());
        expect(merged.count).toBe(a.length + b.length);
      }),
    );
  });

  it('round-trips through JSON text', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 100 }), percentile, (values, p) => {
        const sketch = sketchOf(values);
        const restored = DDSketch.fromJSON(JSON.parse(JSON.stringify(sketch)));
        expect(restored.toJSON()).toEqual(sketch.toJSON());
        expect(restored.count).toBe(values.length);
        expect(restored.quantileNearestRank(p)).toBe(sketch.quantileNearestRank(p));
      }),
    );
  });

  it('keeps its stored form compact: one entry per occupied bucket, small deltas', () => {
    const sketch = sketchOf([0, 0, 30, 30, 31, 3600, 3600, 86_400]);
    const json = sketch.toJSON();
    expect(json.zero).toBe(2);
    expect(json.counts.reduce((s, n) => s + n, 0)).toBe(6);
    expect(json.keys.length).toBe(json.counts.length);
    expect(json.keys.length).toBeLessThanOrEqual(4);
    expect(json.keys.slice(1).every((d) => d > 0)).toBe(true);
  });

  it('gives 0 from the zero bucket and null when empty', () => {
    expect(new DDSketch().quantileNearestRank(50)).toBeNull();
    expect(new DDSketch().count).toBe(0);
    expect(sketchOf([0, 0, 5]).quantileNearestRank(50)).toBe(0);
    expect(sketchOf([0, 0, 5]).quantileNearestRank(90)).toBeCloseTo(5, 1);
  });

  it('rejects negative and non-finite values', () => {
    for (const v of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new DDSketch().add(v)).toThrow(SketchError);
    }
  });

  it('refuses to merge sketches of different accuracy', () => {
    expect(() => new DDSketch(0.01).merge(new DDSketch(0.02))).toThrow(
      expect.objectContaining({ code: 'sketch_mismatch' }),
    );
  });

  it.each([
    null,
    [],
    { v: 2, alpha: 0.01, zero: 0, keys: [], counts: [] },
    { v: 1, alpha: 2, zero: 0, keys: [], counts: [] },
    { v: 1, alpha: 0.01, zero: -1, keys: [], counts: [] },
    { v: 1, alpha: 0.01, zero: 0, keys: [1, 2], counts: [1] },
    { v: 1, alpha: 0.01, zero: 0, keys: [5, 0], counts: [1, 1] },
    { v: 1, alpha: 0.01, zero: 0, keys: [5], counts: [0] },
    { v: 1, alpha: 0.01, zero: 0, keys: [5.5], counts: [1] },
  ])('rejects stored form %j', (json) => {
    expect(() => DDSketch.fromJSON(json)).toThrow(expect.objectContaining({ code: 'sketch_invalid_json' }));
  });
});
