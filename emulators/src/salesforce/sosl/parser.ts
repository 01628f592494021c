/**
 * SOSL parser for the subset the product sends:
 *
 *   FIND {term} [IN (ALL|NAME|EMAIL|PHONE|SIDEBAR) FIELDS]
 *     [RETURNING Object [(fieldList [WHERE condition] [ORDER BY …] [LIMIT n])] (, Object …)*]
 *     [LIMIT n]
 *
 * The search term is read by hand because braces delimit it and a backslash escapes SOSL's reserved
 * characters inside it; everything after it goes through the SOQL tokenizer and clause parsers.
 */
import { ApiError } from '../errors.ts';
import type { Condition, FieldPath, OrderItem } from '../soql/ast.ts';
import { parseCondition, parseFieldList, parseOrderBy, parseWholeNumber, TokenStream } from '../soql/parser.ts';

export type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

export interface ReturningSpec {
  object: string;
  column: number;
  fields: FieldPath[];
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
}

export interface SoslQuery {
  source: string;
  /** The search text with escapes removed. */
  term: string;
  group: SearchGroup;
  returning: ReturningSpec[];
  limit?: number;
}

/** Reserved in a SOSL search term; a backslash makes them literal. */
export const SOSL_RESERVED = new Set([
  '?',
  '&',
  '|',
  '!',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '^',
  '~',
  '*',
  ':',
  '\\',
  '"',
  "'",
  '+',
  '-',
]);

function malformedSearch(message: string): ApiError {
  return ApiError.of(400, 'MALFORMED_SEARCH', message);
}

function readTerm(source: string): { term: string; rest: string } {
  const m = /^\s*FIND\s*\{/i.exec(source);
  if (!m) throw malformedSearch('No search term found. The search term must be enclosed in braces.');
  let term = '';
  for (let i = m[0].length; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      const next = source.charAt(i + 1);
      if (!SOSL_RESERVED.has(next)) throw malformedSearch(`Invalid escape sequence '\\${next}' in the search term.`);
      term += next;
      i += 1;
    } else if (ch === '{') {
      throw malformedSearch(
        "line 1: unescaped '{' in the search term; reserved characters must be escaped with a backslash",
      );
    } else if (ch === '}') {
      return { term, rest: source.slice(i + 1) };
    } else {
      term += ch;
    }
  }
  throw malformedSearch('No search term found. The search term must be enclosed in braces.');
}

function parseReturning(ts: TokenStream): ReturningSpec {
  const obj = ts.peek();
  if (obj.kind !== 'ident') throw ts.unexpected('expecting an object name');
  ts.next();
  const spec: ReturningSpec = { object: obj.text, column: obj.column, fields: [], orderBy: [] };
  if (!ts.isPunct('(')) return spec;
  ts.next();
  spec.fields = parseFieldList(ts);
  if (ts.acceptWord('WHERE')) spec.where = parseCondition(ts);
  if (ts.acceptWord('ORDER')) {
    ts.expectWord('BY');
    spec.orderBy = parseOrderBy(ts);
  }
  if (ts.acceptWord('LIMIT')) spec.limit = parseWholeNumber(ts);
  ts.expectPunct(')');
  return spec;
}

export function parseSosl(source: string): SoslQuery {
  const { term, rest } = readTerm(source);
  if (term.replace(/[*?\s]/g, '').length < 2) {
    throw ApiError.of(400, 'INVALID_SEARCH', 'search term must be longer than one character');
  }
  try {
    return parseClauses(source, term, rest);
  } catch (err) {
    // The clause parsers are SOQL's; a syntax error in a search is reported as a malformed search.
    if (err instanceof ApiError && err.code === 'MALFORMED_QUERY') throw malformedSearch(err.message);
    throw err;
  }
}

function parseClauses(source: string, term: string, rest: string): SoslQuery {
  const ts = TokenStream.of(rest);
  const query: SoslQuery = { source, term, group: 'ALL', returning: [] };
  if (ts.acceptWord('IN')) {
    const g = ts.peek();
    const group = g.text.toUpperCase();
    if (g.kind !== 'ident' || !['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'].includes(group)) throw ts.unexpected();
    ts.next();
    ts.expectWord('FIELDS');
    query.group = group as SearchGroup;
  }
  if (ts.acceptWord('RETURNING')) {
    query.returning.push(parseReturning(ts));
    while (ts.isPunct(',')) {
      ts.next();
      query.returning.push(parseReturning(ts));
    }
  }
  if (ts.acceptWord('LIMIT')) query.limit = parseWholeNumber(ts);
  if (ts.peek().kind !== 'eof') throw ts.unexpected();
  return query;
}
