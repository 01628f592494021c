import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryOfPhone, nationalDigits, normalizePhone, phoneDigits } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    ['770-555-5555', '+17705555555'],
    ['(770) 555-5555', '+17705555555'],
    ['+1 770 555 5555', '+17705555555'],
    ['17705555555', '+17705555555'],
    ['1 (770) 555-5555', '+17705555555'],
    ['770.555.5555', '+17705555555'],
    ['  +17705555555  ', '+17705555555'],
    ['+44 20 7946 0958', '+442079460958'],
    ['011 44 20 7946 0958', '+442079460958'],
    ['tel:+1-770-555-5555', '+17705555555'],
    ['TEL:+17705555555;ext=12', '+17705555555'],
    ['770-555-5555 ext. 123', '+17705555555'],
    ['770-555-5555 x12', '+17705555555'],
    ['(770) 555-0123', '+17705550123'],
    ['1-800-555-0199', '+18005550199'],
  ])('normalizes %j to %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it('reads national numbers in the given default country', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958')).toBeNull();
    // An explicit country code wins over the default.
    expect(normalizePhone('+1 770 555 5555', 'GB')).toBe('+17705555555');
  });

  it.each([
    [''],
    ['   '],
    ['anonymous'],
    ['Anonymous'],
    ['Restricted'],
    ['Unknown'],
    ['Private'],
    ['+266696687'],
    ['+7378742833'],
    ['+86282452253'],
    ['+2562533'],
    ['+8656696'],
    ['0'],
    ['abc'],
    ['123'],
    ['+1770555555512345'],
    ['+1 123 456 7890'],
    ['+1 770 555 5555 abc'],
    ['call me at 770 555 5555'],
    ['7'.repeat(200)],
  ])('rejects %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('rejects null and undefined', () => {
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
  });

  it('keeps keypad marker digits that are real numbers without "+"', () => {
    // 737 is an Austin area code: only "+7378742833" is Twilio's RESTRICTED marker.
    expect(normalizePhone('737-874-2833')).toBe('+17378742833');
  });

  const areaOrExchange = fc
    .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b]) => `${a}${String(b).padStart(2, '0')}`);
  const usNumber = fc.record({
    area: areaOrExchange,
    exchange: areaOrExchange,
    line: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  });
  const separator = fc.constantFrom('', ' ', '-', '.', '  ', ' - ');
  const prefix = fc.constantFrom('', '1', '1 ', '1-', '+1', '+1 ', '+1-', '+1 (', '1(');

  it('normalizes any formatting of a US number to the same E.164', () => {
    fc.assert(
      fc.property(usNumber, prefix, separator, separator, fc.boolean(), (n, pre, s1, s2, parens) => {
        const area = parens && !pre.endsWith('(') ? `(${n.area})` : n.area;
        const open = pre.endsWith('(') ? `${area})` : area;
        const raw = `${pre}${open}${s1}${n.exchange}${s2}${n.line}`;
        expect(normalizePhone(raw)).toBe(`+1${n.area}${n.exchange}${n.line}`);
      }),
    );
  });

  it('is idempotent', () => {
    const candidates = fc.oneof(
      usNumber.map((n) => `${n.area}-${n.exchange}-${n.line}`),
      fc.stringMatching(/^\+?[0-9 ()-]{4,18}$/),
      fc.string(),
    );
    fc.assert(
      fc.property(candidates, (raw) => {
        const once = normalizePhone(raw);
        if (once !== null) expect(normalizePhone(once)).toBe(once);
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const out = normalizePhone(raw);
        expect(out === null || /^\+[1-9]\d{3,14}$/.test(out)).toBe(true);
      }),
    );
  });
});

describe('countryOfPhone', () => {
  it('names the country of an E.164 number', () => {
    expect(countryOfPhone('+17705555555')).toBe('US');
    expect(countryOfPhone('+442079460958')).toBe('GB');
    expect(countryOfPhone('+14165550123')).toBe('CA');
  });

  it('is null for non-E.164 or impossible input', () => {
    expect(countryOfPhone('7705555555')).toBeNull();
    expect(countryOfPhone('+266696687')).toBeNull();
    expect(countryOfPhone('')).toBeNull();
  });
});

describe('nationalDigits', () => {
  it('drops the country code', () => {
    expect(nationalDigits('+17705555555')).toBe('7705555555');
    expect(nationalDigits('+442079460958')).toBe('2079460958');
  });

  it('is empty for garbage', () => {
    expect(nationalDigits('anonymous')).toBe('');
  });
});

describe('phoneDigits', () => {
  it('keeps only digits, in order', () => {
    expect(phoneDigits('+1 (770) 555-5555 x12')).toBe('1770555555512');
    expect(phoneDigits('٤٤٢٣')).toBe('4423');
    expect(phoneDigits(null)).toBe('');
  });
});
