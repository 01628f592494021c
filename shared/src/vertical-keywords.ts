/**
 * Emergency keywords per vertical, and the matcher every keyword rule (urgency, intent, source labels)
 * goes through, so that "pain" never fires on "paint" and "not an emergency" is not an emergency.
 *
 * Matching works on words, not characters:
 * - Text and keywords are folded the same way: lower case, accents stripped, apostrophes dropped
 *   ("isn't" → "isnt"), every other non-letter/digit is a separator ("A/C" → "a c", "follow-up" →
 *   "follow up"). A keyword matches a run of whole consecutive words, across punctuation.
 * - A keyword ending in `*` is a stem: its last word matches any word that starts with it
 *   ("leak*" matches leak, leaks, leaking, leaky; not "bleak"). Only words whose every continuation is
 *   still about the same thing are stems; the rest list their forms ("pain", "painful", never "pain*").
 * - A match is negated when one of the 3 words before it, in the same clause, is a negator
 *   ("no leak", "not an emergency", "non-emergency"). Clauses end at . , ; : ! ? newlines, dashes and the
 *   words and/but/because/though, so "no water and pain" still finds "pain". "Oh no" is alarm, not a
 *   negator. A keyword counts when at least one occurrence is not negated.
 */

/** The verticals with their own keyword list; any other configured vertical uses the generic list only. */
export type KnownVertical = 'hvac' | 'plumbing' | 'dental' | 'medspa' | 'legal' | 'insurance';

export const KNOWN_VERTICALS: readonly KnownVertical[] = ['hvac', 'plumbing', 'dental', 'medspa', 'legal', 'insurance'];

/** Said by a caller of any business, these make a callback urgent. */
export const GENERIC_EMERGENCY_KEYWORDS: readonly string[] = ['emergenc*', 'urgent*', 'asap', 'a s a p', 'right away'];

/**
 * What makes a missed call urgent in each vertical. The first entries of each list are the product's
 * required terms; the rest are their inflections and common spellings (A/C, "smell gas").
 */
export const VERTICAL_KEYWORDS: Readonly<Record<KnownVertical, readonly string[]>> = {
  hvac: [
    'no heat',
    'no ac',
    'furnace',
    'not cooling',
    'carbon monoxide',
    'gas smell',
    'no heating',
    'no a c',
    'no air',
    'furnaces',
    'isnt cooling',
    'not heating',
    'smell gas',
    'smell of gas',
    'smells like gas',
    'without heat',
  ],
  plumbing: [
    'leak*',
    'burst*',
    'flood*',
    'no water',
    'sewage',
    'backed up',
    'backing up',
    'no hot water',
    'overflowing',
    'without water',
  ],
  dental: [
    'pain',
    'swelling',
    'broken tooth',
    'bleeding',
    'painful',
    'pains',
    'swollen',
    'broke my tooth',
    'toothache',
  ],
  medspa: ['reaction', 'swelling', 'burn', 'reactions', 'swollen', 'burns', 'burned', 'burnt', 'burning'],
  legal: ['arrest*', 'court tomorrow', 'accident', 'injury', 'accidents', 'injuries', 'injured'],
  insurance: ['accident', 'claim', 'totaled', 'cancel my policy', 'accidents', 'claims', 'totalled'],
};

/** Configured vertical names (folded to letters and digits) that mean one of the known verticals. */
const VERTICAL_ALIASES: Readonly<Record<string, KnownVertical>> = {
  hvac: 'hvac',
  heatingandcooling: 'hvac',
  heatingcooling: 'hvac',
  plumbing: 'plumbing',
  plumber: 'plumbing',
  plumbers: 'plumbing',
  dental: 'dental',
  dentist: 'dental',
  dentistry: 'dental',
  medspa: 'medspa',
  medicalspa: 'medspa',
  medispa: 'medspa',
  aesthetics: 'medspa',
  legal: 'legal',
  legalintake: 'legal',
  law: 'legal',
  lawfirm: 'legal',
  insurance: 'insurance',
  insuranceagency: 'insurance',
};

/** The known vertical a configured label stands for ("Med Spa", "med_spa", "legal intake"), else null. */
export function normalizeVertical(vertical: string | null): KnownVertical | null {
  if (vertical === null) return null;
  const folded = fold(vertical).replace(/[^\p{L}\p{N}]+/gu, '');
  return VERTICAL_ALIASES[folded] ?? null;
}

/**
 * The emergency keywords that apply to a location: its vertical's plus the generic ones. An unknown or
 * missing vertical (unassigned calls) gets the generic list only, because one vertical's emergency
 * ("pain", "claim") is routine talk in another.
 */
export function emergencyKeywordsFor(vertical: string | null): readonly string[] {
  const known = normalizeVertical(vertical);
  return known === null ? GENERIC_EMERGENCY_KEYWORDS : [...VERTICAL_KEYWORDS[known], ...GENERIC_EMERGENCY_KEYWORDS];
}

interface Token {
  word: string;
  clause: number;
}

interface ParsedKeyword {
  words: string[];
  stem: boolean;
}

const NEGATORS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'non',
  'never',
  'nothing',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'dont',
  'doesnt',
  'didnt',
  'aint',
]);

const CLAUSE_WORDS: ReadonlySet<string> = new Set(['and', 'but', 'because', 'though', 'although']);

/** "Oh no, the pipe burst" is alarm, not negation: a "no" right after one of these is not a negator. */
const INTERJECTIONS: ReadonlySet<string> = new Set(['oh', 'uh', 'ah']);

const NEGATION_LOOKBACK_WORDS = 3;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  for (const match of fold(text).matchAll(/[\p{L}\p{N}]+|[.,;:!?\n\r–—]/gu)) {
    const piece = match[0];
    if (/^[\p{L}\p{N}]/u.test(piece)) {
      tokens.push({ word: piece, clause });
      if (CLAUSE_WORDS.has(piece)) clause += 1;
    } else {
      clause += 1;
    }
  }
  return tokens;
}

function parseKeyword(keyword: string): ParsedKeyword {
  const stem = keyword.trimEnd().endsWith('*');
  const words = tokenize(keyword).map((t) => t.word);
  return { words, stem };
}

function matchesAt(tokens: readonly Token[], start: number, keyword: ParsedKeyword): boolean {
  const { words, stem } = keyword;
  if (words.length === 0 || start + words.length > tokens.length) return false;
  for (let j = 0; j < words.length; j += 1) {
    const actual = tokens[start + j]?.word;
    const wanted = words[j];
    if (actual === undefined || wanted === undefined) return false;
    const last = j === words.length - 1;
    if (last && stem ? !actual.startsWith(wanted) : actual !== wanted) return false;
  }
  return true;
}

function negatedAt(tokens: readonly Token[], start: number): boolean {
  const clause = tokens[start]?.clause;
  for (let back = 1; back <= NEGATION_LOOKBACK_WORDS; back += 1) {
    const token = tokens[start - back];
    if (token === undefined || token.clause !== clause) return false;
    if (NEGATORS.has(token.word)) {
      const before = tokens[start - back - 1];
      const interjection = token.word === 'no' && before !== undefined && INTERJECTIONS.has(before.word);
      if (!interjection) return true;
    }
  }
  return false;
}

/** Which keywords a text contains: `matched` (at least one occurrence not negated) and `negated` (only negated occurrences), each in list order. */
export interface KeywordScan {
  matched: string[];
  negated: string[];
}

/** Scan `text` for `keywords` with word-boundary, stem and negation rules (see the file comment). */
export function scanKeywords(text: string | null, keywords: readonly string[]): KeywordScan {
  const scan: KeywordScan = { matched: [], negated: [] };
  if (text === null || text.trim() === '') return scan;
  const tokens = tokenize(text);
  for (const keyword of keywords) {
    const parsed = parseKeyword(keyword);
    let seen = false;
    let live = false;
    for (let i = 0; i < tokens.length && !live; i += 1) {
      if (!matchesAt(tokens, i, parsed)) continue;
      seen = true;
      live = !negatedAt(tokens, i);
    }
    if (live) scan.matched.push(keyword);
    else if (seen) scan.negated.push(keyword);
  }
  return scan;
}

/** Whether `text` contains `keyword` as whole words (stems allowed), ignoring negation: for labels, not speech. */
export function containsKeyword(text: string | null, keyword: string): boolean {
  if (text === null) return false;
  const tokens = tokenize(text);
  const parsed = parseKeyword(keyword);
  return tokens.some((_, i) => matchesAt(tokens, i, parsed));
}
