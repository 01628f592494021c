import { describe, expect, it } from 'vitest';
import {
  GENERIC_EMERGENCY_KEYWORDS,
  KNOWN_VERTICALS,
  VERTICAL_KEYWORDS,
  containsKeyword,
  emergencyKeywordsFor,
  normalizeVertical,
  scanKeywords,
} from './vertical-keywords.ts';

describe('normalizeVertical', () => {
  it.each([
    ['hvac', 'hvac'],
    ['HVAC', 'hvac'],
    ['Plumbing', 'plumbing'],
    ['dental', 'dental'],
    ['Med Spa', 'medspa'],
    ['med_spa', 'medspa'],
    ['medspa', 'medspa'],
    ['medical-spa', 'medspa'],
    ['legal intake', 'legal'],
    ['legal', 'legal'],
    ['insurance', 'insurance'],
    ['roofing', null],
    ['', null],
    [null, null],
  ] as const)('%s → %s', (label, expected) => {
    expect(normalizeVertical(label)).toBe(expected);
  });
});

describe('scanKeywords: whole words', () => {
  it.each([
    ['I am in a lot of pain', ['pain'], true],
    ['we need to paint the office', ['pain'], false],
    ['asking about painting and painters', ['pain'], false],
    ['Spain', ['pain'], false],
    ['PAIN since last night', ['pain'], true],
    ['pain.', ['pain'], true],
    ['water leak in the kitchen', ['leak*'], true],
    ['the faucet is leaky', ['leak*'], true],
    ['it keeps leaking', ['leak*'], true],
    ['the outlook is bleak', ['leak*'], false],
    ['no heat upstairs', ['no heat'], true],
    ['no heater model in stock', ['no heat'], false],
    ['No A/C since noon', ['no a c'], true],
    ['the noac unit', ['no ac'], false],
    ['sorry, wrong number', ['sorry wrong'], true],
    ['need a follow-up on the quote', ['follow up on'], true],
    ['I want to reschedule', ['reschedul*'], true],
    ['rescheduling my visit', ['reschedul*'], true],
    ['schedule a visit', ['reschedul*'], false],
    ['it isn’t cooling at all', ['isnt cooling'], true],
    ['es urgènte', ['urgente'], true],
  ] as const)('%j with %j → %s', (text, keywords, found) => {
    expect(scanKeywords(text, keywords).matched.length > 0).toBe(found);
  });

  it('returns matches in keyword-list order, each once', () => {
    const scan = scanKeywords('leak, flood and another leak', ['flood*', 'leak*', 'sewage']);
    expect(scan).toEqual({ matched: ['flood*', 'leak*'], negated: [] });
  });

  it('finds nothing in null, empty or blank text', () => {
    expect(scanKeywords(null, ['pain'])).toEqual({ matched: [], negated: [] });
    expect(scanKeywords('', ['pain'])).toEqual({ matched: [], negated: [] });
    expect(scanKeywords('   ', ['pain'])).toEqual({ matched: [], negated: [] });
  });
});

describe('scanKeywords: negation', () => {
  it.each([
    ['it is not an emergency', 'emergenc*', false],
    ['non-emergency, call whenever', 'emergenc*', false],
    ['nothing urgent', 'urgent*', false],
    ["there's no leak anymore", 'leak*', false],
    ["it isn't leaking", 'leak*', false],
    ['not in pain', 'pain', false],
    ['not really an emergency', 'emergenc*', false],
    ['oh no the pipe burst', 'burst*', true],
    ['no water and pain in my tooth', 'pain', true],
    ['not sure, but it is an emergency', 'emergenc*', true],
    ['no, this is an emergency', 'emergenc*', true],
    ['no leak upstairs but the basement is leaking', 'leak*', true],
    ['it is an emergency', 'emergenc*', true],
  ] as const)('%j → %s counts: %s', (text, keyword, counts) => {
    const scan = scanKeywords(text, [keyword]);
    expect(scan.matched.includes(keyword)).toBe(counts);
    expect(scan.negated.includes(keyword)).toBe(!counts);
  });
});

describe('emergencyKeywordsFor', () => {
  it('gives unknown and missing verticals the generic list only', () => {
    expect(emergencyKeywordsFor(null)).toEqual(GENERIC_EMERGENCY_KEYWORDS);
    expect(emergencyKeywordsFor('roofing')).toEqual(GENERIC_EMERGENCY_KEYWORDS);
  });

  it.each(KNOWN_VERTICALS)('gives %s its own list plus the generic one', (vertical) => {
    expect(emergencyKeywordsFor(vertical)).toEqual([...VERTICAL_KEYWORDS[vertical], ...GENERIC_EMERGENCY_KEYWORDS]);
  });

  const required: Array<[string, string]> = [
    ['hvac', 'no heat'],
    ['hvac', 'no ac'],
    ['hvac', 'furnace'],
    ['hvac', 'not cooling'],
    ['hvac', 'carbon monoxide'],
    ['hvac', 'gas smell'],
    ['plumbing', 'leak'],
    ['plumbing', 'burst'],
    ['plumbing', 'flood'],
    ['plumbing', 'no water'],
    ['plumbing', 'sewage'],
    ['plumbing', 'backed up'],
    ['dental', 'pain'],
    ['dental', 'swelling'],
    ['dental', 'broken tooth'],
    ['dental', 'bleeding'],
    ['medspa', 'reaction'],
    ['medspa', 'swelling'],
    ['medspa', 'burn'],
    ['legal', 'arrest'],
    ['legal', 'court tomorrow'],
    ['legal', 'accident'],
    ['legal', 'injury'],
    ['insurance', 'accident'],
    ['insurance', 'claim'],
    ['insurance', 'totaled'],
    ['insurance', 'cancel my policy'],
    ['roofing', 'emergency'],
    ['roofing', 'urgent'],
    ['roofing', 'asap'],
    ['roofing', 'right away'],
  ];
  it.each(required)('%s hears %j in a sentence', (vertical, phrase) => {
    const text = `Hi, calling because: ${phrase.toUpperCase()}. Please call back.`;
    expect(scanKeywords(text, emergencyKeywordsFor(vertical)).matched.length).toBeGreaterThan(0);
  });

  it('keeps one vertical’s words out of another', () => {
    expect(scanKeywords('I have a claim about my pain', emergencyKeywordsFor('hvac')).matched).toEqual([]);
    expect(scanKeywords('the furnace is out', emergencyKeywordsFor('dental')).matched).toEqual([]);
  });
});

describe('containsKeyword', () => {
  it('matches whole words and ignores negation (labels, not speech)', () => {
    expect(containsKeyword('Google Ads - Brand', 'google ads')).toBe(true);
    expect(containsKeyword('No Ads', 'ads')).toBe(true);
    expect(containsKeyword('Googleads', 'google ads')).toBe(false);
    expect(containsKeyword(null, 'ads')).toBe(false);
  });
});
