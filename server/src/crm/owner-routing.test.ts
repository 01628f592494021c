import { describe, expect, it } from 'vitest';
import { nextAvailable } from './owner-routing.ts';

describe('round-robin turn', () => {
  it('takes the owner at the cursor, wrapping around', () => {
    expect(nextAvailable(['a', 'b', 'c'], [], 0)).toEqual({ ownerId: 'a', index: 0 });
    expect(nextAvailable(['a', 'b', 'c'], [], 4)).toEqual({ ownerId: 'b', index: 1 });
  });
  it('skips unavailable owners and gives null when nobody is available', () => {
    expect(nextAvailable(['a', 'b', 'c'], ['b'], 1)).toEqual({ ownerId: 'c', index: 2 });
    expect(nextAvailable(['a', 'b'], ['a', 'b'], 0)).toBeNull();
    expect(nextAvailable([], [], 0)).toBeNull();
  });
});
