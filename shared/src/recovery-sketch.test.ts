import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DDSketch } from './dd-sketch.ts';
import { SketchSum } from './recovery-sketch.ts';

const values = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 3e6, noNaN: true })), { maxLength: 60 });

describe('SketchSum', () => {
  it('sums packed sketches into exactly the buckets of one sketch of all the values', () => {
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 6 }), (parts) => {
        const whole = new DDSketch(0.01);
        const sum = new SketchSum(0.01);
        const packed: string[] = [];
        for (const part of parts) {
          const sketch = new DDSketch(0.01);
          for (const v of part) {
            sketch.add(v);
            whole.add(v);
          }
          packed.push(new SketchSum(0.01).addSketch(sketch).pack());
        }
        sum.addPacked(packed.join(';'));
        expect(sum.toJSON()).toEqual(whole.toJSON());
        expect(sum.count).toBe(whole.count);
        for (const p of [50, 90]) expect(sum.toSketch().quantileNearestRank(p)).toBe(whole.quantileNearestRank(p));
      }),
      { numRuns: 200 },
    );
  });

  it('adds another sum and round-trips its packed form', () => {
    const a = new SketchSum().addSketch(new DDSketch(0.01).add(0).add(0.5).add(300));
    const b = new SketchSum().addPacked(a.pack()).add(a);
    expect(b.count).toBe(6);
    expect(new SketchSum().addPacked(b.pack()).toJSON()).toEqual(b.toJSON());
  });

  it('refuses malformed packed text and another accuracy, with a code', () => {
    for (const text of ['', 'x', '1,5', '1,5,0', '-1', '1,,2', '1;2,3']) {
      expect(() => new SketchSum().addPacked(text), text).toThrow(
        expect.objectContaining({ code: 'sketch_invalid_json' }),
      );
    }
    expect(() => new SketchSum(0.01).add(new SketchSum(0.02))).toThrow(
      expect.objectContaining({ code: 'sketch_mismatch' }),
    );
  });
});
