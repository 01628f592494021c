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

  it('answers percentiles as the DDSketch of the same values, also after being cleared and reused', () => {
    const scratch = new SketchSum(0.01);
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 4 }), (parts) => {
        scratch.clear();
        const whole = new DDSketch(0.01);
        for (const part of parts) {
          const sum = new SketchSum(0.01);
          for (const v of part) {
            sum.addValue(v);
            whole.add(v);
          }
          scratch.add(sum);
        }
        const copy = scratch.copy();
        expect(copy.toJSON()).toEqual(whole.toJSON());
        for (const p of [0, 50, 90, 100]) {
          expect(scratch.quantileNearestRank(p)).toBe(whole.quantileNearestRank(p));
          expect(copy.quantileNearestRank(p)).toBe(whole.quantileNearestRank(p));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('adds another sum and round-trips its packed forms, also concatenated', () => {
    const values = [0, 0.5, 7200, ...Array.from({ length: 30 }, (_, i) => 300 * 1.02 ** i)];
    const a = new SketchSum();
    for (const v of values) a.addValue(v);
    const b = new SketchSum().addPacked(a.pack()).add(a);
    expect(b.count).toBe(2 * values.length);
    expect(new SketchSum().addPacked(b.pack()).toJSON()).toEqual(b.toJSON());
    expect(b.pack(true).length).toBeLessThan(b.pack().length);
    expect(new SketchSum().addPacked(b.pack(true)).toJSON()).toEqual(b.toJSON());
    const both = new SketchSum().addPacked(`${a.pack(true)};${a.pack()};${a.pack(true)}`);
    expect(both.toJSON()).toEqual(new SketchSum().add(a).add(a).add(a).toJSON());
  });

  it('refuses malformed packed text and another accuracy, with a code', () => {
    for (const text of [
      '',
      'x',
      '1,5',
      '1,5,0',
      '-1',
      '1,,2',
      '1;2,3',
      '0,99999999,1',
      'd0,5,1,0,1',
      'd0,5,1,-2,1',
      'dd0',
    ]) {
      expect(() => new SketchSum().addPacked(text), text).toThrow(
        expect.objectContaining({ code: 'sketch_invalid_json' }),
      );
    }
    expect(() => new SketchSum(0.01).add(new SketchSum(0.02))).toThrow(
      expect.objectContaining({ code: 'sketch_mismatch' }),
    );
  });
});
