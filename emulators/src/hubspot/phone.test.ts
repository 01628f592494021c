import { describe, expect, it } from 'vitest';
import { nationalDigits } from './phone.ts';

describe('nationalDigits', () => {
  it.each([
    ['+14805550100', '4805550100'],
    ['+1 (480) 555-0100', '4805550100'],
    ['480.555.0100', '4805550100'],
    ['1-480-555-0100', '4805550100'],
    ['001 480 555 0100', '4805550100'],
    ['+44 20 7946 0958', '2079460958'],
    ['020 7946 0958', '2079460958'],
    ['', ''],
    ['n/a', ''],
  ])('%s → %s', (raw, expected) => {
    expect(nationalDigits(raw)).toBe(expected);
  });
});
